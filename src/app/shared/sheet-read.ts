/**
 * Reading a CSV or XLSX file into rows of text, for every import (sales orders, master data).
 * XLSX through exceljs (its first sheet, merged ranges reported); CSV decoded first — UTF-8 with
 * or without a BOM, UTF-16 with a BOM, or else GBK (what Excel on Chinese Windows writes as
 * "CSV") — then parsed by exceljs with every value kept as typed.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, fail } from '../../domain/errors';

export type SheetEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gbk';

export interface Sheet {
  rows: string[][];
  /** Merged ranges of an XLSX sheet (A2:B3…): a merged cell's value sits in one row only. */
  merges: string[];
  /** How a CSV was decoded; null for XLSX. */
  encoding: SheetEncoding | null;
}

/** A cell as text: dates as YYYY-MM-DD, numbers as typed, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    return '';
  }
  return String(value).trim();
}

/** The text of a CSV file and the encoding it was written in. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: SheetEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV" in the system code page, GBK (a superset of GB2312).
    return { text: iconv.decode(bytes, 'gbk'), encoding: 'gbk' };
  }
}

/** A CSV saved from Excel with a tab-separated "Unicode text" layout is read by its tabs. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/** The caller's own messages for a wrong file type and an unreadable file. */
export interface SheetErrorKeys {
  fileType: string;
  unreadable: string;
}
const ORDER_IMPORT_KEYS: SheetErrorKeys = { fileType: 'errors.orders.import.fileType', unreadable: 'errors.orders.import.unreadable' };

/** Rows of the file's first sheet as trimmed text (row 1 is the header). */
export async function readSheet(fileName: string, bytes: Buffer, keys: SheetErrorKeys = ORDER_IMPORT_KEYS): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  const lower = fileName.toLowerCase();
  let sheet: ExcelJS.Worksheet | undefined;
  let encoding: SheetEncoding | null = null;
  try {
    if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
      const decoded = decodeCsv(bytes);
      encoding = decoded.encoding;
      // Keep every value as typed: exceljs would otherwise turn lot codes into numbers and dates into local times.
      sheet = await workbook.csv.read(Readable.from([decoded.text]), {
        map: (v: unknown) => v,
        parserOptions: { delimiter: delimiterOf(decoded.text) },
      } as Parameters<ExcelJS.Csv['read']>[1]);
    } else if (lower.endsWith('.xlsx')) {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      sheet = workbook.worksheets[0];
    } else {
      throw fail.validation(keys.fileType, 'fileName');
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fail.validation(keys.unreadable, 'base64', { file: fileName });
  }
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[n - 1] = values.slice(1).map(cellText);
  });
  const merges = encoding === null && sheet ? [...(sheet.model.merges ?? [])] : [];
  return { rows: Array.from(rows, (r) => r ?? []), merges, encoding };
}

/** A header as compared: no case, spaces, dashes or underscores. */
export const normaliseHeader = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');

export interface OrderSheet<C extends string> {
  /** Each column's position in the file, -1 when the file lacks it. */
  index: Record<C, number>;
  /** The non-empty rows after the header, with their row number in the file. */
  data: { row: number; cells: string[] }[];
  /** A missing required column or an empty file; when any, no row should be checked. */
  errors: { row: number; column: string; key: string; params: Record<string, string | number> }[];
}

/**
 * The header and rows of an order file (sales or purchase): each column found by any of its
 * names (English or Chinese, compared through normaliseHeader), a missing required one named by its
 * first name, and the rows that hold anything.
 */
export function orderSheet<C extends string>(rows: string[][], headers: Record<C, readonly string[]>, required: readonly C[]): OrderSheet<C> {
  const header = (rows[0] ?? []).map(normaliseHeader);
  const columns = Object.keys(headers) as C[];
  const index = Object.fromEntries(columns.map((c) => [c, header.findIndex((h) => headers[c].some((name) => normaliseHeader(name) === h))])) as Record<C, number>;
  const errors: OrderSheet<C>['errors'] = [];
  for (const c of required) {
    if (index[c] < 0) errors.push({ row: 1, column: headers[c][0], key: 'errors.orders.import.missingColumn', params: { column: headers[c][0] } });
  }
  const data = rows.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
  if (errors.length === 0 && data.length === 0) errors.push({ row: 1, column: '', key: 'errors.orders.import.empty', params: {} });
  return { index, data, errors };
}
