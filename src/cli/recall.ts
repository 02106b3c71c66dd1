/**
 * `lotdesk recall <lot-code|scan> --db FILE [--mock] --pdf OUT.pdf [--lang en|zh-CN]
 *  [--reason TEXT] [--class I|II|III] [--fsma OUT.xlsx] [--epcis OUT.jsonld]`:
 * starts a recall (or a mock recall) of one lot through the station's own dispatcher — the same
 * rules, transaction and audit as the screen — signed in as the manager named by --user or
 * LOTDESK_USER with the secret in LOTDESK_SECRET (never an argument: it would show in `ps`).
 * A mock recall's report is reconciled at once, so the drill's time is recorded; then the
 * recall report PDF is written.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDesk } from '../app/open';
import type { Dispatch } from '../app/kernel/dispatch';
import type { AuthState } from '../app/kernel/context';
import type { Name, Result } from '../contract/contract';
import type { ErrorData } from '../domain/errors';
import { RECALL_CLASSES, type RecallClass } from '../domain/recall';
import { isLocale, type Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';

/** What an export hook gets: the dispatcher signed in as the manager, the recall and its root lots, the output file. */
export interface RecallExportContext {
  call: <N extends Name>(name: N, input: unknown) => Promise<Result<N>>;
  recallId: string;
  rootLotIds: string[];
  out: string;
  locale: Locale;
}

/** The FSMA 204 sortable spreadsheet (.csv or .xlsx by the file name) and the EPCIS 2.0 document, through the same calls as the screens. */
const RECALL_EXPORTS: Record<'fsma' | 'epcis', (ctx: RecallExportContext) => Promise<void>> = {
  fsma: async ({ call, rootLotIds, out, locale }) => {
    const file = await call('trace.fsma', { lotIds: rootLotIds, locale, format: /\.csv$/i.test(out) ? 'csv' : 'xlsx' });
    writeFileSync(out, Buffer.from(file.base64, 'base64'));
  },
  epcis: async ({ call, rootLotIds, out, locale }) => {
    const file = await call('trace.epcis', { lotIds: rootLotIds, locale });
    writeFileSync(out, Buffer.from(file.base64, 'base64'));
  },
};

class CallFailed extends Error {
  constructor(readonly data: ErrorData) {
    super(data.key);
  }
}

function caller(dispatch: Dispatch, auth: AuthState) {
  return async <N extends Name>(name: N, input: unknown): Promise<Result<N>> => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new CallFailed(env.error);
    return env.result as Result<N>;
  };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' }, mock: { type: 'boolean' }, pdf: { type: 'string' }, lang: { type: 'string' }, reason: { type: 'string' },
      class: { type: 'string' }, user: { type: 'string' }, fsma: { type: 'string' }, epcis: { type: 'string' },
    },
  });
  const fail = (message: string) => (console.error(`lotdesk recall: ${message}`), 2);
  const locale = values.lang ?? 'en';
  if (!isLocale(locale)) return fail('--lang takes en or zh-CN');
  if (positionals.length !== 1) return fail('give one lot code or scan');
  if (!values.db) return fail('--db FILE is required');
  if (!values.pdf) return fail('--pdf OUT.pdf is required');
  const recallClass = (values.class ?? 'II') as RecallClass;
  if (!RECALL_CLASSES.includes(recallClass)) return fail('--class takes I, II or III');
  if (!values.mock && (!values.reason || !values.class)) return fail('a real recall needs --reason TEXT and --class I|II|III');
  if (values.fsma !== undefined && !/\.(xlsx|csv)$/i.test(values.fsma)) return fail('--fsma takes a file name ending in .xlsx or .csv');
  const username = values.user ?? process.env.LOTDESK_USER;
  const secret = process.env.LOTDESK_SECRET;
  if (!username || !secret) return fail('sign in as a manager: --user NAME (or LOTDESK_USER) and LOTDESK_SECRET');

  const { station, dispatch } = openDesk(values.db);
  const call = caller(dispatch, {});
  const tr = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  try {
    await call('session.signIn', { username, secret });
    const what = positionals[0];
    const start = (root: unknown) => call('recall.start', { roots: [root], mock: values.mock ?? false, reason: values.reason ?? 'Mock recall (lotdesk recall)', recallClass });
    const started = await start({ lotCode: what }).catch((err: unknown) => {
      if (err instanceof CallFailed && err.data.key === 'errors.trace.lotCodeUnknown') return start({ scan: what });
      throw err;
    });
    let detail = await call('recall.get', { recallId: started.id });
    const kind = tr(values.mock ? 'recallCli.mock' : 'recallCli.real');
    console.log(tr('recallCli.started', { kind, recall: started.number, lots: detail.totals.lots, held: started.held, customers: detail.totals.customers }));
    if (values.mock) {
      await call('recall.reconcile', { recallId: started.id });
      detail = await call('recall.get', { recallId: started.id });
      const percent = Math.min(...detail.massBalance.map((b) => b.accountedPercent));
      console.log(tr('recallCli.reconciled', { seconds: detail.durationSeconds ?? 0, percent }));
    }
    const pdf = await call('recall.pdf', { recallId: started.id, locale });
    const bytes = Buffer.from(pdf.base64, 'base64');
    writeFileSync(values.pdf, bytes);
    console.log(tr('recallCli.pdf', { file: values.pdf, bytes: bytes.length }));
    for (const kind of ['fsma', 'epcis'] as const) {
      const out = values[kind];
      if (!out) continue;
      await RECALL_EXPORTS[kind]({ call, recallId: started.id, rootLotIds: detail.roots.map((r) => r.lotId), out, locale });
      console.log(tr('recallCli.export', { file: out }));
    }
    return 0;
  } catch (err) {
    if (!(err instanceof CallFailed)) throw err;
    console.error(`lotdesk recall: ${tr(err.data.key, err.data.params)}`);
    return 1;
  } finally {
    station.close();
  }
}
