/**
 * `lotdesk trace <lot-code|scan> --db FILE [--direction forward|backward|both] [--json] [--lang en|zh-CN] [--fsma OUT.xlsx|OUT.csv] [--epcis OUT.jsonld]`:
 * a lot's genealogy both ways, as JSON or as readable tables. The argument is tried as an internal
 * lot code first, then as a scan (GS1 label, Digital Link, SSCC) through the GS1 engine.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../domain/errors';
import { traceLot } from '../app/trace/trace-lot';
import { exportEpcis } from '../app/trace/exports/epcis';
import { exportFsma } from '../app/trace/exports/fsma';
import type { TraceResult } from '../contract/results';
import { translate } from '../i18n/translate';
import { isLocale, type Locale } from '../i18n/locales';
import type { Db } from '../store/db';
import { withDb } from './with-db';

const DIRECTIONS = ['forward', 'backward', 'both'] as const;
type Direction = (typeof DIRECTIONS)[number];

function traceArgument(db: Db, what: string, direction: Direction, today: string): TraceResult {
  try {
    return traceLot(db, { lotCode: what, direction }, today);
  } catch (err) {
    if (err instanceof AppError && err.data.key === 'errors.trace.lotCodeUnknown') return traceLot(db, { scan: what, direction }, today);
    throw err;
  }
}

/** Columns padded to their widest cell (CJK characters count as two). */
function table(head: string[], rows: (string | number | null)[][]): string[] {
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const cells = [head, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => width(r[i]))));
  return cells.map((r) => '  ' + r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd());
}

export function formatTrace(t: TraceResult, locale: Locale): string {
  const tr = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const col = (k: string) => tr(`trace.columns.${k}`);
  const code = new Map([[t.root.lotId, t.root.code], ...t.nodes.map((n) => [n.lotId, n.code] as const)]);
  const out = [tr('trace.title', { lot: t.root.code, sku: t.root.sku, item: t.root.itemName, direction: tr(`trace.direction.${t.direction}`) }), ''];
  const section = (title: string, lines: string[]) => out.push(title, ...(lines.length > 1 ? lines : [`  ${tr('trace.none')}`]), '');
  for (const direction of ['forward', 'backward'] as const) {
    if (t.direction !== direction && t.direction !== 'both') continue;
    const nodes = t.nodes.filter((n) => n.direction === direction).sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code));
    const via = (lotId: string) =>
      t.edges
        .filter((e) => (direction === 'forward' ? e.childLotId : e.parentLotId) === lotId)
        .map((e) => code.get(direction === 'forward' ? e.parentLotId : e.childLotId))
        .filter((c) => c !== undefined);
    const rows = nodes.map((n) => [`${'  '.repeat(n.depth - 1)}${direction === 'forward' ? '└→' : '←┘'} ${n.code}`, `${n.sku} ${n.itemName}`, tr(`ui.status.${n.status}`), n.depth, `${n.quantity} ${n.unit}`, [...new Set(via(n.lotId))].join(', ')]);
    section(tr(`trace.${direction}`), table([col('lot'), col('item'), col('status'), col('depth'), col('quantity'), ''], rows));
  }
  if (t.direction !== 'backward') {
    const rows = t.shipments.map((s) => [s.shippedAt.slice(0, 10), s.shipmentNumber, s.customerName ?? s.customerCode, s.region, s.channel, s.lotCode, `${s.quantity} ${s.unit}`]);
    section(tr('trace.shipments'), table([col('date'), col('shipment'), col('customer'), col('region'), col('channel'), col('lot'), col('quantity')], rows));
  }
  if (t.direction !== 'forward') {
    const rows = t.receipts.map((r) => [r.receivedAt.slice(0, 10), r.receiptNumber, r.supplierName ?? r.supplierCode, r.supplierLot, r.purchaseOrderNumber, r.lotCode, `${r.quantity} ${r.unit}`]);
    section(tr('trace.receipts'), table([col('date'), col('receipt'), col('supplier'), col('supplierLot'), col('po'), col('lot'), col('quantity')], rows));
  }
  const { lots, shipments, customers, receipts, suppliers, maxDepth } = t.totals;
  out.push(tr('trace.totals', { lots, shipments, customers, receipts, suppliers, depth: maxDepth }));
  return out.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' }, direction: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' }, fsma: { type: 'string' }, epcis: { type: 'string' } },
  });
  const direction = (values.direction ?? 'both') as Direction;
  if (!DIRECTIONS.includes(direction)) {
    console.error('lotdesk trace: --direction takes forward, backward or both');
    return 2;
  }
  const locale = values.lang ?? 'en';
  if (!isLocale(locale)) {
    console.error('lotdesk trace: --lang takes en or zh-CN');
    return 2;
  }
  if (positionals.length !== 1) {
    console.error('lotdesk trace: give one lot code or scan');
    return 2;
  }
  if (values.fsma !== undefined && !/\.(xlsx|csv)$/i.test(values.fsma)) {
    console.error('lotdesk trace: --fsma takes a file name ending in .xlsx or .csv');
    return 2;
  }
  return withDb('trace', values.db ? ['--db', values.db] : [], async (db) => {
    try {
      const today = new Date().toISOString().slice(0, 10);
      const t = traceArgument(db, positionals[0], direction, today);
      console.log(values.json ? JSON.stringify(t, null, 2) : formatTrace(t, locale));
      // The exports cover the whole trace (both directions) whatever --direction shows.
      if (values.fsma) {
        const file = await exportFsma(db, [t.root.lotId], /\.csv$/i.test(values.fsma) ? 'csv' : 'xlsx', locale, today);
        writeFileSync(values.fsma, file.bytes);
        console.error(`lotdesk trace: ${values.fsma} (${file.bytes.length} bytes)`);
      }
      if (values.epcis) {
        const file = exportEpcis(db, [t.root.lotId], locale, today);
        writeFileSync(values.epcis, file.bytes);
        console.error(`lotdesk trace: ${values.epcis} (${file.bytes.length} bytes)`);
      }
      return 0;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(`lotdesk trace: ${translate(locale, err.data.key, err.data.params)}`);
      return 1;
    }
  });
}
