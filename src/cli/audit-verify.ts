/**
 * `lotdesk audit verify --db FILE [--keys FILE] [--checkpoint FILE]… [--lang en|zh-CN]`: checks
 * the audit chain with the station key and against the signed checkpoints (the data folder's,
 * and any printed or exported one given), and names each problem. Opens the file read-only and
 * refuses a path that does not exist. Exit 0 intact, 1 broken (or not checkable), 2 usage.
 */
import { dirname } from 'node:path';
import { verifyChain, type AuditProblem } from '../app/kernel/audit-verify';
import { defaultKeyPath, fileKeyStore, stationKeys, type ChainKeys } from '../app/kernel/chain-keys';
import { defaultCheckpointPath, readCheckpoints } from '../app/kernel/checkpoints';
import { translate } from '../i18n/translate';
import { LOCALES, type Locale } from '../i18n/locales';
import { withDb, type CliValues } from './with-db';

export const VERIFY_OPTIONS = {
  keys: { type: 'string' },
  checkpoint: { type: 'string', multiple: true },
  lang: { type: 'string' },
} as const;

/** The station keys for a database file: --keys, else the default key file beside it; null when there is none. */
export function loadKeys(file: string, values: CliValues): { keys: ChainKeys | null; where: string } {
  const where = typeof values.keys === 'string' ? values.keys : defaultKeyPath(file);
  return { keys: stationKeys(fileKeyStore(where)), where };
}

export function localeOf(values: CliValues): Locale {
  return LOCALES.includes(values.lang as Locale) ? (values.lang as Locale) : 'en';
}

/** One problem as a line: where it is, its code, and the sentence the Audit screen shows. */
export function problemLine(p: AuditProblem, locale: Locale): string {
  const where = p.table ? `${p.table} row ${p.key}` : `audit record #${p.seq}${p.id ? ` (${p.id})` : ''}`;
  return `${where}: ${p.problem.replaceAll('_', ' ')} — ${translate(locale, `ui.trustChain.problem.${p.problem}`, { ...p })}`;
}

export function checkChain(file: string, db: Parameters<typeof verifyChain>[0], values: CliValues) {
  const { keys, where } = loadKeys(file, values);
  const extra = ((values.checkpoint as string[] | undefined) ?? []).flatMap((f) => readCheckpoints(f));
  const checkpoints = [...readCheckpoints(defaultCheckpointPath(file)), ...extra];
  return { result: verifyChain(db, { keys, checkpoints }), keys, where };
}

export async function run(args: string[]): Promise<number> {
  return withDb(
    'audit verify',
    args,
    (db, values, file) => {
      const locale = localeOf(values);
      const { result, keys, where } = checkChain(file, db, values);
      const { records, problems } = result;
      if (problems.length === 0) {
        const how = result.keyed ? `keyed with the station key, ${result.facts} fact rows checked` : 'plain SHA-256 only';
        const anchor = result.checkpoint ? `matches the signed checkpoint of record #${result.checkpoint.seq} (${result.checkpoint.at})` : 'no signed checkpoint';
        console.log(`audit trail intact: ${records} records (${how}; ${anchor})`);
        return 0;
      }
      for (const p of problems) console.log(problemLine(p, locale));
      if (result.more) console.log(`… and ${result.more} more`);
      if (!keys && problems.some((p) => p.problem === 'key_missing')) console.log(`(looked for the station key at ${where}; give it with --keys FILE)`);
      console.log(`audit trail BROKEN: ${problems.length + (result.more ?? 0)} problem(s) in ${records} records (${dirname(file)})`);
      return 1;
    },
    { readonly: true, options: VERIFY_OPTIONS },
  );
}
