/**
 * Items and parties files (issue 15, item 7): a preview that checks every row with the same
 * schema and rules as the screen's form and writes nothing, an import of a clean file (new records
 * created, known ones updated, all in one transaction or nothing), and exports in the same columns.
 * Bins are in bin-sheet.ts; the file reading in ../shared/sheet-read.ts.
 */
import ExcelJS from 'exceljs';
import { fail } from '../../domain/errors';
import { translate } from '../../i18n/translate';
import type { Locale } from '../../i18n/locales';
import { itemFields, partyFields, type ItemFieldsParsed, type PartyFieldsParsed } from '../../contract/master-data-schemas';
import type { ExportFile, MasterImportPreview, MasterImportResult } from '../../contract/results';
import type { Db } from '../../store/db';
import { allItemRecords, itemIdWithSku, itemRecordById, type ItemRecord } from '../../store/items';
import { listPartyRecords, partyIdWithCode, partyRecordById, type PartyRecord } from '../../store/parties';
import { listUsers } from '../../store/users';
import type { CallContext, Handlers } from '../kernel/context';
import { checkItem, itemAuditFields, writeItem, zoneLookup } from './items';
import { checkParty, partyAuditFields, writeParty } from './parties';
import { binColumns, binExportRows, checkBinRecords, importBins } from './bin-sheet';
import { binFields } from '../../contract/master-data-schemas';
import {
  duplicateInFile,
  readFlag,
  readMasterFile,
  readNumber,
  readText,
  ruleError,
  writeFlag,
  writeValue,
  type RowError,
  type SheetColumn,
} from './sheet-columns';

const lower = (t: string) => (t === '' ? undefined : t.toLowerCase());
const UNIT_ALIASES: Record<string, string> = { each: 'pcs', ea: 'pcs', pc: 'pcs', piece: 'pcs', 个: 'pcs', 件: 'pcs', 箱: 'case', 托: 'pallet', 千克: 'kg', 公斤: 'kg', 克: 'g', 升: 'l', 毫升: 'ml', 米: 'm' };

export const ITEM_COLUMNS: SheetColumn<ItemRecord>[] = [
  { field: 'sku', en: 'SKU', zh: '物料编码', aliases: ['item'], required: true, read: (t) => t, write: (r) => r.sku },
  { field: 'gtin', en: 'GTIN', zh: '商品条码', aliases: ['EAN', 'UPC', 'barcode', '条码'], read: readText, write: (r) => writeValue(r.gtin) },
  { field: 'name', en: 'Name', zh: '英文名称', aliases: ['name (English)', 'name_en'], required: true, read: (t) => t, write: (r) => r.name },
  { field: 'nameZh', en: 'Chinese name', zh: '中文名称', aliases: ['name_zh', 'name (Chinese)'], read: readText, write: (r) => writeValue(r.nameZh) },
  { field: 'unit', en: 'Unit', zh: '单位', required: true, read: (t) => UNIT_ALIASES[t.toLowerCase()] ?? lower(t), write: (r) => r.unit },
  { field: 'shelfLifeDays', en: 'Shelf life (days)', zh: '保质期（天）', aliases: ['shelf life', 'shelfLife'], read: readNumber, write: (r) => writeValue(r.shelfLifeDays) },
  { field: 'qcRequired', en: 'QC required', zh: '需质检', aliases: ['qc'], read: readFlag, write: (r, l) => writeFlag(r.qcRequired, l) },
  { field: 'removalStrategy', en: 'Removal strategy', zh: '出库规则', aliases: ['strategy', 'removal'], read: (t) => (t === '' ? undefined : t.toUpperCase()), write: (r) => r.removalStrategy },
  { field: 'nearExpiryDays', en: 'Near-expiry horizon (days)', zh: '临期天数', aliases: ['near expiry', 'nearExpiry'], read: readNumber, write: (r) => writeValue(r.nearExpiryDays) },
  { field: 'lotPattern', en: 'Lot code pattern', zh: '批号规则', aliases: ['lot pattern'], read: readText, write: (r) => writeValue(r.lotPattern) },
  { field: 'defaultZone', en: 'Default zone', zh: '默认库区', aliases: ['zone'], read: readText, write: (r) => writeValue(r.defaultZone) },
  { field: 'catchWeight', en: 'Catch weight', zh: '称重计量', read: readFlag, write: (r, l) => writeFlag(r.catchWeight, l) },
];

const splitLines = (t: string) => (t === '' ? [] : t.split(/\r?\n/).map((s) => s.trim()));
const joinLines = (values: (string | null)[]) => (values.some((v) => v) ? values.map((v) => v ?? '').join('\n') : '');

export const PARTY_COLUMNS: SheetColumn<PartyRecord>[] = [
  {
    field: 'kind',
    en: 'Kind',
    zh: '类型',
    required: true,
    read: (t) => ({ 供应商: 'supplier', 客户: 'customer' })[t] ?? lower(t),
    write: (r, l) => translate(l, `ui.parties.kinds.${r.kind}`),
  },
  { field: 'code', en: 'Code', zh: '编码', required: true, read: (t) => t, write: (r) => r.code },
  { field: 'name', en: 'Name', zh: '英文名称', aliases: ['name (English)', 'name_en'], required: true, read: (t) => t, write: (r) => r.name },
  { field: 'nameZh', en: 'Chinese name', zh: '中文名称', aliases: ['name_zh'], read: readText, write: (r) => writeValue(r.nameZh) },
  { field: 'gln', en: 'GLN', zh: '全球位置码', read: readText, write: (r) => writeValue(r.gln) },
  { field: 'address', en: 'Address', zh: '地址', read: readText, write: (r) => writeValue(r.address) },
  { field: 'region', en: 'Region', zh: '地区', read: readText, write: (r) => writeValue(r.region) },
  { field: 'channel', en: 'Sales channel', zh: '销售渠道', aliases: ['channel'], read: readText, write: (r) => writeValue(r.channel) },
  // A party's contacts, one line each in the four cells (Alt+Enter in Excel).
  { field: 'contactName', en: 'Contact', zh: '联系人', aliases: ['contacts', 'contact name'], read: splitLines, write: (r) => joinLines(r.contacts.map((c) => c.name)) },
  { field: 'contactPhone', en: 'Phone', zh: '电话', read: splitLines, write: (r) => joinLines(r.contacts.map((c) => c.phone)) },
  { field: 'contactEmail', en: 'E-mail', zh: '电子邮箱', aliases: ['email'], read: splitLines, write: (r) => joinLines(r.contacts.map((c) => c.email)) },
  { field: 'contactRole', en: 'Contact role', zh: '联系人职务', read: splitLines, write: (r) => joinLines(r.contacts.map((c) => c.role)) },
];

/** The four contact cells as the schema's list of contacts; a contact's error points at the Contact column. */
function buildParty(cells: Record<string, unknown>): unknown {
  const { contactName = [], contactPhone = [], contactEmail = [], contactRole = [], ...rest } = cells as Record<string, string[]>;
  const n = Math.max(contactName.length, contactPhone.length, contactEmail.length, contactRole.length);
  const contacts = Array.from({ length: n }, (_, i) => ({ name: contactName[i] ?? '', phone: contactPhone[i] || null, email: contactEmail[i] || null, role: contactRole[i] || null }));
  return { ...rest, contacts };
}

type Checked<T> = { errors: RowError[]; actions: MasterImportPreview<T>['actions'] };

/** The database rules of every item of a file, in one pass; `rows[i]` is the sheet row of `records[i]`. */
function checkItemRecords(
  db: Db,
  records: ItemFieldsParsed[],
  rows: number[],
  headers: Map<string, string>,
): Checked<ItemFieldsParsed> & { existing: (ItemRecord | null)[]; checked: ReturnType<typeof checkItem>[] } {
  const zones = zoneLookup(db);
  const dup = duplicateInFile();
  const errors: RowError[] = [];
  const actions: Checked<ItemFieldsParsed>['actions'] = [];
  const existing: (ItemRecord | null)[] = [];
  const checkedItems: ReturnType<typeof checkItem>[] = [];
  records.forEach((record, i) => {
    const row = rows[i];
    const twice = dup(row, headers, 'sku', record.sku) ?? dup(row, headers, 'gtin', record.gtin);
    const id = itemIdWithSku(db, record.sku);
    const item = id ? itemRecordById(db, id) : null;
    existing.push(item);
    if (twice) return void errors.push(twice);
    try {
      const checked = checkItem(db, record, item, zones);
      checkedItems.push(checked);
      if (!item) actions.push('create');
      else {
        const before = itemAuditFields(item);
        const after = itemAuditFields(checked);
        actions.push(Object.keys(after).some((k) => (after[k] ?? null) !== (before[k] ?? null)) ? 'update' : 'same');
      }
    } catch (err) {
      errors.push(ruleError(row, headers, err));
    }
  });
  return { errors, actions, existing, checked: checkedItems };
}

function checkPartyRecords(db: Db, records: PartyFieldsParsed[], rows: number[], headers: Map<string, string>): Checked<PartyFieldsParsed> & { existing: (PartyRecord | null)[] } {
  const dup = duplicateInFile();
  const errors: RowError[] = [];
  const actions: Checked<PartyFieldsParsed>['actions'] = [];
  const existing: (PartyRecord | null)[] = [];
  records.forEach((record, i) => {
    const row = rows[i];
    const twice = dup(row, headers, 'code', record.code) ?? dup(row, headers, 'gln', record.gln);
    const id = partyIdWithCode(db, record.code);
    const party = id ? partyRecordById(db, id) : null;
    existing.push(party);
    if (twice) return void errors.push(twice);
    try {
      if (party && party.kind !== record.kind) throw fail.rule('errors.parties.kindFixed', { code: party.code, kind: party.kind }, 'kind');
      checkParty(db, record, party);
      if (!party) actions.push('create');
      else {
        const { active: _active, ...rest } = party;
        const before = partyAuditFields(rest);
        const after = partyAuditFields(record);
        actions.push(Object.keys(after).some((k) => (after[k] ?? null) !== (before[k] ?? null)) ? 'update' : 'same');
      }
    } catch (err) {
      errors.push(ruleError(row, headers, err));
    }
  });
  return { errors, actions, existing };
}

/** A file's records and their actions once the whole file is clean; otherwise every error and no record. */
function preview<T>(file: { rows: number; records: { row: number; record: T }[]; errors: RowError[]; encoding: string | null }, checked: Checked<T> | null): MasterImportPreview<T> {
  const errors = [...file.errors, ...(checked?.errors ?? [])].sort((a, b) => a.row - b.row);
  const clean = errors.length === 0;
  return { rows: file.rows, records: clean ? file.records.map((r) => r.record) : [], actions: clean ? (checked?.actions ?? []) : [], errors, encoding: file.encoding };
}

/** An import command's records no longer pass (the desk changed since the preview): refused whole, nothing written. */
function refuseUnclean(errors: RowError[]): never {
  const e = errors[0];
  throw fail.validation('errors.import.notClean', 'file', { row: e.row, column: e.column, reason: e.key });
}

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => i + 2);
const FIELD_HEADERS = (columns: SheetColumn<never>[]) => new Map(columns.map((c) => [c.field, c.en]));

export function importItems(ctx: CallContext, records: ItemFieldsParsed[]): MasterImportResult {
  const db = ctx.station.db;
  const checked = checkItemRecords(db, records, rowsOf(records.length), FIELD_HEADERS(ITEM_COLUMNS as SheetColumn<never>[]));
  if (checked.errors.length > 0) refuseUnclean(checked.errors);
  const result = { created: 0, updated: 0, unchanged: 0 };
  records.forEach((_record, i) => {
    const action = checked.actions[i];
    if (action === 'same') return void result.unchanged++;
    // Checked once above, against the desk as it is inside this transaction.
    writeItem(ctx, checked.checked[i], checked.existing[i]);
    if (action === 'create') result.created++;
    else result.updated++;
  });
  return result;
}

export function importParties(ctx: CallContext, records: PartyFieldsParsed[]): MasterImportResult {
  const db = ctx.station.db;
  const checked = checkPartyRecords(db, records, rowsOf(records.length), FIELD_HEADERS(PARTY_COLUMNS as SheetColumn<never>[]));
  if (checked.errors.length > 0) refuseUnclean(checked.errors);
  const result = { created: 0, updated: 0, unchanged: 0 };
  records.forEach((record, i) => {
    const action = checked.actions[i];
    if (action === 'same') return void result.unchanged++;
    writeParty(ctx, record, checked.existing[i]);
    if (action === 'create') result.created++;
    else result.updated++;
  });
  return result;
}

// ── Exports ──

interface UserExportRow {
  username: string;
  displayName: string;
  role: string;
  secretKind: string;
  active: boolean;
  lastSignInAt: string | null;
  lockedUntil: string | null;
}

const USER_COLUMNS: Pick<SheetColumn<UserExportRow>, 'field' | 'en' | 'zh' | 'write'>[] = [
  { field: 'username', en: 'User name', zh: '用户名', write: (u) => u.username },
  { field: 'displayName', en: 'Name', zh: '姓名', write: (u) => u.displayName },
  { field: 'role', en: 'Role', zh: '角色', write: (u, l) => translate(l, `ui.role.${u.role}`) },
  { field: 'secretKind', en: 'Sign-in with', zh: '登录方式', write: (u, l) => translate(l, `ui.users.${u.secretKind}`) },
  { field: 'active', en: 'Active', zh: '启用', write: (u, l) => writeFlag(u.active, l) },
  { field: 'lastSignInAt', en: 'Last sign-in (UTC)', zh: '最近登录（UTC）', write: (u) => writeValue(u.lastSignInAt) },
  { field: 'lockedUntil', en: 'Locked until (UTC)', zh: '锁定至（UTC）', write: (u) => writeValue(u.lockedUntil) },
];

/** A CSV cell, quoted when it holds a comma, a quote, a line break or edge spaces. */
const csvCell = (v: string) => (/[",\r\n]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export async function writeTable(
  name: string,
  columns: Pick<SheetColumn<never>, 'en' | 'zh'>[],
  rows: string[][],
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ExportFile> {
  const header = columns.map((c) => (locale === 'zh-CN' ? c.zh : c.en));
  if (format === 'csv') {
    // A BOM so Excel opens the UTF-8 file with its Chinese text intact.
    const text = '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', base64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  // Every cell as text, so GTINs keep their leading zeros and codes are never read as numbers.
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c) => (c.numFmt = '@'));
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    fileName: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
  };
}

function exportRows<R>(records: R[], columns: Pick<SheetColumn<R>, 'write'>[], locale: Locale): string[][] {
  return records.map((r) => columns.map((c) => c.write(r, locale)));
}

export const masterFileHandlers = {
  'items.checkImport': async (ctx, input) => {
    const file = await readMasterFile(input.fileName, input.base64, ITEM_COLUMNS as SheetColumn<never>[], itemFields);
    const checked = checkItemRecords(ctx.station.db, file.records.map((r) => r.record), file.records.map((r) => r.row), file.headers);
    return preview(file, checked);
  },
  'items.import': (ctx, input) => importItems(ctx, input.items),
  'parties.checkImport': async (ctx, input) => {
    const file = await readMasterFile(input.fileName, input.base64, PARTY_COLUMNS as SheetColumn<never>[], partyFields, buildParty);
    const checked = checkPartyRecords(ctx.station.db, file.records.map((r) => r.record), file.records.map((r) => r.row), file.headers);
    return preview(file, checked);
  },
  'parties.import': (ctx, input) => importParties(ctx, input.parties),
  'bins.checkImport': async (ctx, input) => {
    const file = await readMasterFile(input.fileName, input.base64, binColumns as SheetColumn<never>[], binFields);
    const checked = checkBinRecords(ctx.station.db, file.records.map((r) => r.record), file.records.map((r) => r.row), file.headers);
    return preview(file, checked);
  },
  'bins.import': (ctx, input) => {
    const checked = checkBinRecords(ctx.station.db, input.bins, rowsOf(input.bins.length), FIELD_HEADERS(binColumns as SheetColumn<never>[]));
    if (checked.errors.length > 0) refuseUnclean(checked.errors);
    return importBins(ctx, input.bins, checked.actions);
  },
  'masterData.export': (ctx, input) => {
    const db = ctx.station.db;
    const locale = input.locale ?? ctx.user?.locale ?? 'en';
    switch (input.kind) {
      case 'items':
        return writeTable('items', ITEM_COLUMNS, exportRows(allItemRecords(db), ITEM_COLUMNS, locale), input.format, locale);
      case 'parties':
        return writeTable('parties', PARTY_COLUMNS, exportRows(listPartyRecords(db, null, '', true), PARTY_COLUMNS, locale), input.format, locale);
      case 'bins':
        return writeTable('bins', binColumns, binExportRows(db, locale), input.format, locale);
      case 'users':
        return writeTable('users', USER_COLUMNS, exportRows(listUsers(db, ctx.now.toISOString()), USER_COLUMNS, locale), input.format, locale);
    }
  },
} satisfies Partial<Handlers>;
