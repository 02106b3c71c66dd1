/**
 * The trace screen's tables as a file (issue 16): the lots (root, descendants, ancestors), the
 * shipments to customers and the receipts from suppliers. XLSX (exceljs) holds all three as
 * sortable sheets (header row frozen, auto-filter); CSV holds one table, UTF-8 with a byte-order
 * mark so spreadsheet programs read Chinese right. Headers in the reader's language; codes,
 * numbers and UTC times as stored, so a sheet sorts and compares without local formats.
 */
import ExcelJS from 'exceljs';
import type { TraceResult } from '../contract/results';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';

export type TraceTable = 'lots' | 'shipments' | 'receipts';
type Cell = string | number | null;
interface Table {
  columns: string[];
  rows: Cell[][];
}

export const TRACE_TABLES: readonly TraceTable[] = ['lots', 'shipments', 'receipts'];

const COLUMNS: Record<TraceTable, string[]> = {
  lots: ['direction', 'depth', 'lot', 'sku', 'item', 'status', 'quantity', 'unit'],
  shipments: ['shipment', 'shippedAt', 'lot', 'customerCode', 'customer', 'region', 'channel', 'quantity', 'unit'],
  receipts: ['receipt', 'receivedAt', 'lot', 'supplierCode', 'supplier', 'supplierLot', 'po', 'quantity', 'unit'],
};

function tableOf(trace: TraceResult, table: TraceTable, locale: Locale): Table {
  const t = (key: string) => translate(locale, key);
  const columns = COLUMNS[table].map((c) => t(`traceExport.columns.${c}`));
  if (table === 'lots') {
    const r = trace.root;
    const rows: Cell[][] = [[t('traceExport.direction.root'), 0, r.code, r.sku, r.itemName, t(`ui.status.${r.status}`), null, r.unit]];
    for (const n of trace.nodes) rows.push([t(`traceExport.direction.${n.direction}`), n.depth, n.code, n.sku, n.itemName, t(`ui.status.${n.status}`), n.quantity, n.unit]);
    return { columns, rows };
  }
  if (table === 'shipments') {
    return { columns, rows: trace.shipments.map((s) => [s.shipmentNumber, s.shippedAt, s.lotCode, s.customerCode, s.customerName, s.region, s.channel, s.quantity, s.unit]) };
  }
  return { columns, rows: trace.receipts.map((r) => [r.receiptNumber, r.receivedAt, r.lotCode, r.supplierCode, r.supplierName, r.supplierLot, r.purchaseOrderNumber, r.quantity, r.unit]) };
}

/** A CSV field: quoted when it must be; text a spreadsheet would run as a formula gets a leading apostrophe. */
function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function traceCsv(trace: TraceResult, table: TraceTable, locale: Locale): { bytes: Buffer; rows: number } {
  const { columns, rows } = tableOf(trace, table, locale);
  const lines = [columns, ...rows].map((row) => row.map(csvField).join(','));
  return { bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), rows: rows.length };
}

export async function traceXlsx(trace: TraceResult, locale: Locale): Promise<{ bytes: Buffer; rows: number }> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'LotDesk';
  workbook.title = translate(locale, 'traceExport.fileTitle', { lot: trace.root.code });
  let count = 0;
  for (const table of TRACE_TABLES) {
    const { columns, rows } = tableOf(trace, table, locale);
    const sheet = workbook.addWorksheet(translate(locale, `traceExport.sheets.${table}`), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((header) => ({ header, width: Math.max(10, header.length + 4) }));
    sheet.getRow(1).font = { bold: true };
    // Codes stay text: a lot code of digits must not become a number.
    sheet.addRows(rows.map((row) => row.map((v) => (v === null ? null : v))));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
    count += rows.length;
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, rows: count };
}
