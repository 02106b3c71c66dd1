/**
 * The columns of a master-data file and how a file is checked against them: headers in English or
 * Chinese (and a few aliases), every cell read into the field the contract's schema checks, every
 * bad row reported with its reason as a translatable key. Exports write the same columns, so a
 * file exported, edited in Excel and imported again round-trips.
 */
import type { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { Locale } from '../../i18n/locales';
import { MASTER_IMPORT_MAX_ROWS } from '../../contract/master-data-schemas';
import type { MasterImportPreview } from '../../contract/results';
import { normaliseHeader, readSheet } from '../shared/sheet-read';

export type RowError = MasterImportPreview<unknown>['errors'][number];

export interface SheetColumn<R> {
  /** The field of the record (and of the schema) the column fills. */
  field: string;
  en: string;
  zh: string;
  aliases?: string[];
  required?: boolean;
  /** The cell's text as the schema's input (a number, a flag, a list…); unreadable text is passed on for the schema to refuse. */
  read: (text: string) => unknown;
  /** The record's value as the cell's text, in the export's language. */
  write: (record: R, locale: Locale) => string;
}

export const readText = (t: string): string | null => (t === '' ? null : t);
export const readNumber = (t: string): unknown => (t === '' ? null : /^\d+(\.\d+)?$/.test(t.normalize('NFKC')) ? Number(t.normalize('NFKC')) : t);
const YES = new Set(['yes', 'y', 'true', '1', '是', '√', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '否']);
/** A yes/no cell; empty leaves the schema's default. */
export const readFlag = (t: string): unknown => (t === '' ? undefined : YES.has(t.toLowerCase()) ? true : NO.has(t.toLowerCase()) ? false : t);
export const writeFlag = (v: boolean, locale: Locale) => (locale === 'zh-CN' ? (v ? '是' : '否') : v ? 'yes' : 'no');
export const writeValue = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** An error a schema or a rule found in one row, at the column of its field. */
export function rowError(row: number, columns: Map<string, string>, field: string, key: string, params: Record<string, string | number> = {}): RowError {
  return { row, column: columns.get(field) ?? field, key, params };
}

/** Every schema issue of a row, one per field. */
export function schemaErrors(row: number, columns: Map<string, string>, issues: z.core.$ZodIssue[]): RowError[] {
  const seen = new Set<string>();
  const out: RowError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    const key = issue.message.startsWith('errors.') ? issue.message : `errors.validation.${issue.code}`;
    out.push(rowError(row, columns, field, key));
  }
  return out;
}

/** A rule's refusal (an AppError with the field at fault) as a row error; anything else is thrown on. */
export function ruleError(row: number, columns: Map<string, string>, err: unknown): RowError {
  if (!(err instanceof AppError)) throw err;
  return rowError(row, columns, err.data.field ?? '', err.data.key, err.data.params);
}

export interface ReadFile<T> {
  rows: number;
  /** Parsed records with their sheet row; only when the whole file (header, size, cells) is readable. */
  records: { row: number; record: T }[];
  errors: RowError[];
  encoding: string | null;
  /** Field → the header the file used for it (errors name the column as the user sees it). */
  headers: Map<string, string>;
}

/**
 * Reads a file and checks its header and every row against `schema`: wrong columns, merged
 * cells and too many rows are refused for the whole file; a row whose cells the schema refuses
 * is reported and left out of `records`. `build` turns a row's cells (by field) into the schema's input.
 */
export async function readMasterFile<T>(
  fileName: string,
  base64: string,
  columns: readonly SheetColumn<never>[],
  schema: z.ZodType<T>,
  build: (cells: Record<string, unknown>) => unknown = (c) => c,
): Promise<ReadFile<T>> {
  const sheet = await readSheet(fileName, Buffer.from(base64, 'base64'), { fileType: 'errors.import.fileType', unreadable: 'errors.import.unreadable' });
  const headers = new Map<string, string>();
  const errors: RowError[] = [];
  const fail = (): ReadFile<T> => ({ rows: Math.max(0, sheet.rows.length - 1), records: [], errors, encoding: sheet.encoding, headers });
  for (const range of sheet.merges) errors.push({ row: Number(/\d+/.exec(range)?.[0] ?? 1), column: range, key: 'errors.import.merged', params: { range } });
  if (errors.length > 0) return fail();

  const header = sheet.rows[0] ?? [];
  const byName = new Map<string, SheetColumn<never>>();
  for (const c of columns) for (const name of [c.field, c.en, c.zh, ...(c.aliases ?? [])]) byName.set(normaliseHeader(name), c);
  const index: { column: SheetColumn<never>; at: number }[] = [];
  header.forEach((h, at) => {
    if (h === '') return;
    const column = byName.get(normaliseHeader(h));
    if (!column) errors.push({ row: 1, column: h, key: 'errors.import.unknownColumn', params: { column: h } });
    else if (headers.has(column.field)) errors.push({ row: 1, column: h, key: 'errors.import.duplicateColumn', params: { column: h } });
    else {
      headers.set(column.field, h);
      index.push({ column, at });
    }
  });
  for (const c of columns) if (c.required && !headers.has(c.field)) errors.push({ row: 1, column: c.en, key: 'errors.import.missingColumn', params: { column: c.en, columnZh: c.zh } });
  if (errors.length > 0) return fail();

  const data = sheet.rows
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (data.length === 0) errors.push({ row: 1, column: '', key: 'errors.import.empty', params: {} });
  if (data.length > MASTER_IMPORT_MAX_ROWS) errors.push({ row: 1, column: '', key: 'errors.import.tooManyRows', params: { rows: data.length, max: MASTER_IMPORT_MAX_ROWS } });
  if (errors.length > 0) return { ...fail(), rows: data.length };

  const records: { row: number; record: T }[] = [];
  for (const { row, cells } of data) {
    const raw: Record<string, unknown> = {};
    for (const { column, at } of index) {
      const value = column.read(cells[at] ?? '');
      if (value !== undefined) raw[column.field] = value;
    }
    const parsed = schema.safeParse(build(raw));
    if (parsed.success) records.push({ row, record: parsed.data });
    else errors.push(...schemaErrors(row, headers, parsed.error.issues));
  }
  return { rows: data.length, records, errors, encoding: sheet.encoding, headers };
}

/** Refuses a second row of the same key (a SKU, a code) in one file. */
export function duplicateInFile(): (row: number, headers: Map<string, string>, field: string, value: string | null) => RowError | null {
  const seen = new Map<string, number>();
  return (row, headers, field, value) => {
    if (!value) return null;
    const key = `${field}\u0000${value.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) return rowError(row, headers, field, 'errors.import.duplicateInFile', { value, row: first });
    seen.set(key, row);
    return null;
  };
}
