/**
 * `lotdesk central audit-verify [--pg URL | --data DIR] [--lang en|zh-CN]`: walks the hash chain of
 * the centre's audit (central-audit-chain.ts) and names the first broken row. Reads only: no
 * migration, and a --data folder that does not exist is refused rather than created.
 * Exit 0 intact, 1 broken (or a database before the chain), 2 usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chainSentence } from '../domain/central-audit-chain';
import { verifyCentralAudit } from '../server/central-audit-chain';
import { openCentralDb } from '../server/pg';
import { translate } from '../i18n/translate';
import { isLocale, type Locale } from '../i18n/locales';
import { DEFAULT_CENTRAL_DATA } from './central';

const M = 'ui.central.audit.chain';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { pg: { type: 'string' }, data: { type: 'string' }, lang: { type: 'string' } } });
  if (values.lang !== undefined && !isLocale(values.lang)) {
    console.error(`lotdesk central audit-verify: --lang wants en or zh-CN, not "${values.lang}"`);
    return 2;
  }
  const locale: Locale = isLocale(values.lang) ? values.lang : 'en';
  const pgUrl = values.pg ?? process.env.LOTDESK_PG;
  const dataDir = resolve(values.data ?? process.env.LOTDESK_CENTRAL_DATA ?? DEFAULT_CENTRAL_DATA);
  if (!pgUrl && !existsSync(dataDir)) {
    console.error(`lotdesk central audit-verify: ${translate(locale, `${M}.noData`, { dir: dataDir })}`);
    return 2;
  }
  const db = await openCentralDb({ pg: pgUrl, dataDir });
  try {
    const version = await db.query<{ v: number | null }>("SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN NULL ELSE (SELECT max(version) FROM schema_version) END AS v");
    const at = Number(version.rows[0]?.v ?? 0);
    if (at < 41) {
      console.log(translate(locale, `${M}.notChained`, { version: at }));
      return 1;
    }
    const result = await verifyCentralAudit(db);
    console.log(chainSentence(result, (key, params) => translate(locale, key, params)));
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}
