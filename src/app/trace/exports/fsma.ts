/**
 * FDA FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)) of one or more root
 * lots' traces: the key data elements of each critical tracking event — receiving (1.1345),
 * transformation (1.1350), shipping (1.1340) — one row per lot per event, as XLSX (one sheet per
 * event type, as the FDA's template has them, plus an "About" sheet in the user's language) or
 * as one CSV (every row, the event type in the first column).
 *
 * Column headers are English, the FDA's (see docs/DESIGN.md "Exports: FSMA 204 and EPCIS 2.0"):
 * the FDA reads them and sorts on them, so a Chinese desk gets the same data sheets; its About
 * sheet names every column in Chinese.
 */
import type { Db } from '../../../store/db';
import { writeXlsx, type CellValue, type SheetSpec } from '../../../documents/xlsx-writer';
import type { Locale } from '../../../i18n/locales';
import { translate } from '../../../i18n/translate';
import { getSetting } from '../../kernel/settings';
import { traceEvents, type EventLot, type Place, type TraceEvents } from './trace-events';

export type FsmaFormat = 'xlsx' | 'csv';
export type Cte = 'receiving' | 'transformation' | 'shipping';

/** One row of the sheet: every key data element any event type has (each sheet shows its own). */
export interface FsmaRow {
  cte: Cte;
  eventId: string;
  role: 'input' | 'output' | null;
  tlc: string;
  quantity: number;
  unit: string;
  product: string;
  previousSource: string;
  recipient: string;
  location: string;
  date: string;
  tlcSource: string;
  tlcSourceReference: string;
  documentType: string;
  documentNumber: string;
  documentType2: string;
  documentNumber2: string;
  lotCode: string;
  gtin: string;
}

type Key = keyof FsmaRow;

interface Column {
  key: Key;
  /** English header per sheet (the FDA's wording); absent: the column is not on that sheet. */
  header: Partial<Record<Cte | 'csv', string>>;
  width: number;
}

const ALL = (h: string) => ({ receiving: h, transformation: h, shipping: h, csv: h });

/** The columns in the order of the FDA template's groups: lot and quantity, product, locations, date, TLC source, reference documents; LotDesk's own at the end. */
export const FSMA_COLUMNS: Column[] = [
  { key: 'cte', header: { csv: 'Critical Tracking Event' }, width: 16 },
  { key: 'role', header: { transformation: 'Input or Output', csv: 'Input or Output' }, width: 10 },
  { key: 'tlc', header: ALL('Traceability Lot Code (TLC)'), width: 22 },
  { key: 'quantity', header: ALL('Quantity'), width: 10 },
  { key: 'unit', header: ALL('Unit of Measure'), width: 10 },
  { key: 'product', header: ALL('Product Description'), width: 32 },
  { key: 'previousSource', header: { receiving: 'Immediate Previous Source Location Description', csv: 'Immediate Previous Source Location Description' }, width: 36 },
  { key: 'recipient', header: { shipping: 'Immediate Subsequent Recipient Location Description', csv: 'Immediate Subsequent Recipient Location Description' }, width: 36 },
  {
    key: 'location',
    header: { receiving: 'Receiving Location Description', transformation: 'Transformation Location Description', shipping: 'Ship-From Location Description', csv: 'Location Description' },
    width: 32,
  },
  { key: 'date', header: { receiving: 'Date Received', transformation: 'Date Transformation Completed', shipping: 'Date Shipped', csv: 'Event Date' }, width: 14 },
  { key: 'tlcSource', header: ALL('Traceability Lot Code Source Location Description'), width: 36 },
  { key: 'tlcSourceReference', header: ALL('Traceability Lot Code Source Reference'), width: 20 },
  { key: 'documentType', header: ALL('Reference Document Type'), width: 18 },
  { key: 'documentNumber', header: ALL('Reference Document Number'), width: 20 },
  { key: 'documentType2', header: ALL('Reference Document Type 2'), width: 18 },
  { key: 'documentNumber2', header: ALL('Reference Document Number 2'), width: 20 },
  { key: 'eventId', header: ALL('Event ID'), width: 24 },
  { key: 'lotCode', header: ALL('Internal Lot Code'), width: 20 },
  { key: 'gtin', header: ALL('GTIN'), width: 16 },
];

export const FSMA_SHEETS: Record<Cte, string> = { receiving: 'Receiving', transformation: 'Transformation', shipping: 'Shipping' };

/** A location description: the business name with its GLN when known (LotDesk keeps no street addresses). */
function describe(p: Place | null): string {
  if (!p) return '';
  return p.gln ? `${p.name} (GLN ${p.gln})` : p.name;
}

/** Every row is made by this one function (one object shape: 30k rows stay cheap). */
function row(cte: Cte, lot: EventLot, eventId: string, quantity: number, location: string, date: string, documentType: string, documentNumber: string): FsmaRow {
  return {
    cte, eventId, role: null, tlc: lot.tlc, quantity, unit: lot.unit, product: lot.itemName, previousSource: '', recipient: '', location, date,
    tlcSource: describe(lot.tlcSource), tlcSourceReference: lot.tlcSource.gln ? `GLN ${lot.tlcSource.gln}` : '', documentType, documentNumber,
    documentType2: '', documentNumber2: '', lotCode: lot.code, gtin: lot.gtin ?? '',
  };
}

/** The rows of the sheet, in event order within each event type. */
export function fsmaRows(e: TraceEvents): FsmaRow[] {
  const rows: FsmaRow[] = [];
  const here = describe(e.site);
  for (const r of e.receivings) {
    const lot = e.lots.get(r.lotId)!;
    const x = row('receiving', lot, `${r.receiptNumber}/${lot.code}`, r.quantity, here, r.at.slice(0, 10), 'Receipt', r.receiptNumber);
    x.previousSource = describe(r.supplier);
    if (r.purchaseOrderNumber) {
      x.documentType2 = 'Purchase Order';
      x.documentNumber2 = r.purchaseOrderNumber;
    }
    rows.push(x);
  }
  for (const t of e.transformations) {
    const date = t.at.slice(0, 10);
    for (const [role, list] of [['input', t.inputs], ['output', t.outputs]] as const) {
      for (const q of list) {
        const x = row('transformation', e.lots.get(q.lotId)!, t.documentNumber, q.quantity, here, date, 'Work Order', t.documentNumber);
        x.role = role;
        rows.push(x);
      }
    }
  }
  const customers = new Map<Place | null, string>();
  for (const s of e.shippings) {
    const lot = e.lots.get(s.lotId)!;
    const x = row('shipping', lot, `${s.shipmentNumber}/${lot.code}`, s.quantity, here, s.at.slice(0, 10), 'Delivery Note', s.shipmentNumber);
    let recipient = customers.get(s.customer);
    if (recipient === undefined) customers.set(s.customer, (recipient = describe(s.customer)));
    x.recipient = recipient;
    if (s.orderNumber) {
      x.documentType2 = 'Sales Order';
      x.documentNumber2 = s.orderNumber;
    }
    rows.push(x);
  }
  return rows;
}

function cell(row: FsmaRow, key: Key): string | number {
  const v = row[key];
  if (key === 'cte') return FSMA_SHEETS[row.cte];
  if (key === 'role') return v === 'input' ? 'Input' : v === 'output' ? 'Output' : '';
  return v ?? '';
}

/** RFC 4180 CSV with a UTF-8 byte order mark (Excel opens Chinese names right), CRLF line ends. */
export function fsmaCsv(rows: FsmaRow[]): Buffer {
  const columns = FSMA_COLUMNS.filter((c) => c.header.csv);
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => quote(c.header.csv!)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => quote(cell(r, c.key))).join(','));
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

export function fsmaXlsx(rows: FsmaRow[], e: TraceEvents, locale: Locale, today: string): Buffer {
  const tr = (key: string, params: Record<string, unknown> = {}) => translate(locale, key, params);
  const sheets: SheetSpec[] = (['receiving', 'transformation', 'shipping'] as const).map((cte) => {
    const columns = FSMA_COLUMNS.filter((c) => c.header[cte]);
    return {
      name: FSMA_SHEETS[cte],
      widths: columns.map((c) => c.width),
      header: columns.map((c) => c.header[cte]!),
      rows: rows.filter((r) => r.cte === cte).map((r) => columns.map((c) => cell(r, c.key))),
    };
  });
  // The About sheet, in the user's language: what the workbook holds and every column's meaning.
  const about: CellValue[][] = [
    [tr('exports.fsma.title')],
    [tr('exports.fsma.roots'), e.roots.map((l) => `${l.code} (${l.sku} ${l.itemName})`).join(', ')],
    [tr('exports.fsma.site'), describe(e.site)],
    [tr('exports.fsma.generated'), today],
    [tr('exports.fsma.counts'), tr('exports.fsma.countsValue', { receivings: e.receivings.length, transformations: e.transformations.length, shippings: e.shippings.length })],
    [tr('exports.fsma.tlcRule')],
    [],
    [tr('exports.fsma.columnHeader'), tr('exports.fsma.meaningHeader')],
  ];
  for (const c of FSMA_COLUMNS) for (const h of new Set(Object.values(c.header))) about.push([h, tr(`exports.fsma.columns.${c.key}`)]);
  sheets.push({ name: tr('exports.fsma.aboutSheet'), widths: [52, 90], rows: about });
  return writeXlsx(sheets);
}

export interface ExportFile {
  fileName: string;
  bytes: Buffer;
}

/** The FSMA 204 sortable spreadsheet of the root lots' traces, as XLSX or CSV bytes. */
export async function exportFsma(db: Db, rootLotIds: string[], format: FsmaFormat, locale: Locale, today: string, siteCode: string | null = null): Promise<ExportFile> {
  const e = traceEvents(db, rootLotIds, siteCode ?? siteOf(db), today);
  const rows = fsmaRows(e);
  const bytes = format === 'csv' ? fsmaCsv(rows) : fsmaXlsx(rows, e, locale, today);
  return { fileName: `FSMA204-${e.roots.map((r) => r.code).join('+')}-${today}.${format}`, bytes };
}

/** The desk's site code (settings), for callers without a station (the CLI). */
export function siteOf(db: Db): string | null {
  return getSetting(db, 'station.site');
}
