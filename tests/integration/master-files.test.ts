/**
 * Master-data files (issue 15, item 7): items, parties and bins read from XLSX and CSV (UTF-8,
 * UTF-8 with BOM, GBK from Excel on Chinese Windows), every bad row reported with its reason in
 * either language and nothing imported until the file is clean; wrong columns, merged cells and
 * too many rows refused whole; exports in the same columns round-trip; the users' list exported.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { translate } from '../../src/i18n/translate';
import { gs1CheckDigit } from '../../src/domain/gs1/check-digit';
import { MASTER_IMPORT_MAX_ROWS } from '../../src/contract/master-data-schemas';
import type { Client } from '../../src/contract/client';

let desks: TestDesk[] = [];
let desk: TestDesk;
let manager: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  desks.push(desk);
  manager = await desk.signedIn('manager', '4444');
});
afterEach(() => {
  desks.forEach((d) => d.close());
  desks = [];
});

const gtin13 = (body12: string) => body12 + gs1CheckDigit(body12);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

async function xlsx(rows: (string | number)[][], merge?: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  rows.forEach((r) => ws.addRow(r));
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function readXlsx(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const ITEM_HEADER = ['SKU', 'GTIN', 'Name', 'Chinese name', 'Unit', 'Shelf life (days)', 'QC required', 'Removal strategy', 'Default zone'];
const G1 = gtin13('695000000101');
const G2 = gtin13('695000000102');

describe('items files', () => {
  it('previews an XLSX of two new items, writing nothing, then imports them with the audit of each', async () => {
    const base64 = await xlsx([ITEM_HEADER, ['NEW-1', G1, 'Oolong tea 100 g', '乌龙茶 100 克', 'pcs', 540, 'yes', 'FEFO', 'A'], ['NEW-2', G2, 'Rice flour', '米粉', 'kg', '', 'no', '', '']]);
    const before = snapshot(desk.db);
    const preview = await manager.call('items.checkImport', { fileName: 'items.xlsx', base64 });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ rows: 2, actions: ['create', 'create'], encoding: null });
    expect(preview.records[0]).toMatchObject({ sku: 'NEW-1', gtin: '0' + G1, nameZh: '乌龙茶 100 克', shelfLifeDays: 540, qcRequired: true, defaultZone: 'A' });
    expect(snapshot(desk.db, ['audit'])).toEqual((({ audit: _a, sync_outbox: _o, ...r }) => r)(before));
    expect(await manager.call('items.import', { items: preview.records })).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await manager.call('items.search', { search: '米粉' })).items[0]).toMatchObject({ sku: 'NEW-2', unit: 'kg', qcRequired: false, removalStrategy: 'FEFO' });
    const audit = desk.db.prepare("SELECT changes FROM audit WHERE command = 'items.import'").get() as { changes: string };
    const changes = JSON.parse(audit.changes) as { label: string; field: string; after: unknown }[];
    expect(changes).toContainEqual(expect.objectContaining({ label: 'NEW-1', field: 'nameZh', after: '乌龙茶 100 克' }));
    expect(changes).toContainEqual(expect.objectContaining({ label: 'NEW-2', field: 'unit', after: 'kg' }));
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('lists every bad row with its reason in both languages and imports nothing', async () => {
    const tea = (await manager.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
    const bad = G1.slice(0, 12) + ((Number(G1[12]) + 1) % 10);
    const csv = [
      ITEM_HEADER.join(','),
      `OK-1,${G1},Fine,好,pcs,10,yes,FEFO,A`,
      `NO-NAME,,,,pcs,,,,`,
      `BAD-GTIN,${bad},Bad,,pcs,,,,`,
      `BAD-UNIT,,Bad unit,,bucket,,,,`,
      `BAD-DAYS,,Bad days,,pcs,ten,maybe,FEFO,`,
      `DUP-GTIN,${tea.gtin},Dup gtin,,pcs,,,,`,
      `OK-1,,Twice,,pcs,,,,`,
      `NO-ZONE,,No zone,,pcs,,,,ZZ`,
    ].join('\n');
    const preview = await manager.call('items.checkImport', { fileName: 'items.csv', base64: b64(csv) });
    expect(preview.records).toEqual([]);
    expect(preview.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [3, 'Name', 'errors.validation.required'],
      [4, 'GTIN', 'errors.items.gtinCheckDigit'],
      [5, 'Unit', 'errors.items.badUnit'],
      [6, 'Shelf life (days)', 'errors.items.shelfLifeDays'],
      [6, 'QC required', 'errors.items.badFlag'],
      [7, 'GTIN', 'errors.items.duplicateGtin'],
      [8, 'SKU', 'errors.import.duplicateInFile'],
      [9, 'Default zone', 'errors.items.unknownZone'],
    ]);
    const twice = preview.errors.find((e) => e.row === 8)!;
    expect(translate('en', twice.key, twice.params)).toBe('"OK-1" is also in row 2 of this file.');
    expect(translate('zh-CN', twice.key, twice.params)).toBe('“OK-1”在本文件第 2 行也出现了。');
    // The import command checks again: records that no longer pass are refused whole.
    const ok = (await manager.call('items.checkImport', { fileName: 'ok.csv', base64: b64(`${ITEM_HEADER.join(',')}\nOK-9,${G2},Fine,,pcs,,,,\n`) })).records;
    await manager.call('items.create', { sku: 'TYPED', gtin: G2, name: 'Typed meanwhile with the same GTIN', unit: 'pcs' });
    const before = snapshot(desk.db);
    const err = await errorOf(manager.call('items.import', { items: ok }));
    expect([err.code, err.key, err.params.row]).toEqual(['validation', 'errors.import.notClean', 2]);
    expect(snapshot(desk.db, ['audit'])).toEqual((({ audit: _a, sync_outbox: _o, ...r }) => r)(before));
  });

  it('reads a GBK CSV from Excel on Chinese Windows with Chinese headers, and a UTF-8 CSV with a BOM', async () => {
    const text = '物料编码,商品条码,英文名称,中文名称,单位,保质期（天）,需质检\r\nGBK-1,' + G1 + ',Green tea,绿茶礼盒,件,365,是\r\n';
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.includes(Buffer.from('绿茶', 'utf8'))).toBe(false);
    const p1 = await manager.call('items.checkImport', { fileName: 'wuliao.csv', base64: gbk.toString('base64') });
    expect(p1.errors).toEqual([]);
    expect(p1.encoding).toBe('gbk');
    expect(p1.records[0]).toMatchObject({ sku: 'GBK-1', nameZh: '绿茶礼盒', unit: 'pcs', shelfLifeDays: 365, qcRequired: true });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('GBK-1', 'BOM-1').replace(G1, G2), 'utf8')]);
    const p2 = await manager.call('items.checkImport', { fileName: 'items.CSV', base64: bom.toString('base64') });
    expect(p2.errors).toEqual([]);
    expect(p2.encoding).toBe('utf-8-bom');
    expect(p2.records[0]).toMatchObject({ sku: 'BOM-1', nameZh: '绿茶礼盒' });
    await manager.call('items.import', { items: [...p1.records, ...p2.records] });
    expect((await manager.call('items.search', { search: '绿茶礼' })).items.map((i) => i.sku)).toEqual(['BOM-1', 'GBK-1']);
  });

  it('refuses wrong columns, merged cells, an empty file, too many rows and a wrong file type — whole, with clear messages', async () => {
    const wrong = await manager.call('items.checkImport', { fileName: 'x.csv', base64: b64('SKU,Colour,Unit\nA,red,pcs\n') });
    expect(wrong.errors.map((e) => [e.row, e.key, e.params.column])).toEqual([
      [1, 'errors.import.unknownColumn', 'Colour'],
      [1, 'errors.import.missingColumn', 'Name'],
    ]);
    expect(translate('zh-CN', wrong.errors[1].key, wrong.errors[1].params)).toBe('第一行缺少“英文名称”列。请添加表头后重新导入。');
    const merged = await manager.call('items.checkImport', {
      fileName: 'm.xlsx',
      base64: await xlsx([ITEM_HEADER, ['M-1', '', 'Merged', '', 'pcs'], ['M-2', '', '', '', 'pcs']], 'C2:C3'),
    });
    expect(merged.errors.map((e) => [e.row, e.key, e.params.range])).toEqual([[2, 'errors.import.merged', 'C2:C3']]);
    expect(translate('en', merged.errors[0].key, merged.errors[0].params)).toBe('Cells C2:C3 are merged. Unmerge them and write the value into every row.');
    expect((await manager.call('items.checkImport', { fileName: 'e.csv', base64: b64('SKU,Name,Unit\n') })).errors[0].key).toBe('errors.import.empty');
    // 100k rows: read, then refused as a whole with the limit named, in seconds.
    const lines = ['SKU,Name,Unit', ...Array.from({ length: 100_000 }, (_, i) => `BIG-${i},Item ${i},pcs`)];
    const started = Date.now();
    const big = await manager.call('items.checkImport', { fileName: 'big.csv', base64: b64(lines.join('\n')) });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(big.errors).toEqual([{ row: 1, column: '', key: 'errors.import.tooManyRows', params: { rows: 100_000, max: MASTER_IMPORT_MAX_ROWS } }]);
    expect(translate('en', big.errors[0].key, big.errors[0].params)).toBe('The file has 100000 rows; one import takes at most 20000. Split it into smaller files.');
    expect((await errorOf(manager.call('items.checkImport', { fileName: 'x.pdf', base64: b64('x') }))).key).toBe('errors.import.fileType');
    expect((await errorOf(manager.call('items.checkImport', { fileName: 'x.xlsx', base64: b64('not a zip') }))).key).toBe('errors.import.unreadable');
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('items.checkImport', { fileName: 'x.csv', base64: b64('SKU') }))).code).toBe('forbidden');
  }, 60_000);

  it('round-trips: an export imports unchanged into the same desk and recreates every item on another', async () => {
    await manager.call('items.create', { sku: 'RT-1', gtin: G1, name: 'Round, "trip"', nameZh: '往返', unit: 'kg', shelfLifeDays: 90, qcRequired: true, removalStrategy: 'LIFO', nearExpiryDays: 7, lotPattern: '{SKU}-{SEQ:3}', defaultZone: 'B', catchWeight: true });
    for (const format of ['xlsx', 'csv'] as const) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const file = await manager.call('masterData.export', { kind: 'items', format, locale });
        expect(file.fileName).toBe(`items.${format}`);
        const same = await manager.call('items.checkImport', { fileName: file.fileName, base64: file.base64 });
        expect(same.errors).toEqual([]);
        expect(same.actions.every((a) => a === 'same')).toBe(true);
        expect(await manager.call('items.import', { items: same.records })).toMatchObject({ created: 0, updated: 0 });
      }
    }
    const csv = await manager.call('masterData.export', { kind: 'items', format: 'csv', locale: 'zh-CN' });
    expect(Buffer.from(csv.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain('物料编码');
    const file = await manager.call('masterData.export', { kind: 'items', format: 'xlsx', locale: 'en' });
    const rows = await readXlsx(file.base64);
    expect(rows[0]).toEqual(['SKU', 'GTIN', 'Name', 'Chinese name', 'Unit', 'Shelf life (days)', 'QC required', 'Removal strategy', 'Near-expiry horizon (days)', 'Lot code pattern', 'Default zone', 'Catch weight']);
    expect(rows.find((r) => r[0] === 'RT-1')).toEqual(['RT-1', '0' + G1, 'Round, "trip"', '往返', 'kg', '90', 'yes', 'LIFO', '7', '{SKU}-{SEQ:3}', 'B', 'yes']);

    const other = await openTestDesk();
    desks.push(other);
    const m2 = await other.signedIn('manager', '4444');
    const preview = await m2.call('items.checkImport', { fileName: file.fileName, base64: file.base64 });
    expect(preview.actions.filter((a) => a === 'create')).toHaveLength(1);
    await m2.call('items.import', { items: preview.records });
    const again = await m2.call('masterData.export', { kind: 'items', format: 'xlsx', locale: 'en' });
    expect(await readXlsx(again.base64)).toEqual(rows);
  });

  it('updates a known item from a file, field by field in the audit; a unit change on stock is refused by row', async () => {
    const edit = await manager.call('items.checkImport', { fileName: 'e.csv', base64: b64('SKU,Name,Unit,Shelf life (days)\nRICE-BULK,Jasmine rice bulk sack,kg,400\n') });
    expect(edit.actions).toEqual(['update']);
    expect(await manager.call('items.import', { items: edit.records })).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const changes = JSON.parse((desk.db.prepare("SELECT changes FROM audit WHERE command = 'items.import'").get() as { changes: string }).changes) as { field: string; before: unknown; after: unknown }[];
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual(expect.arrayContaining([['name', 'Jasmine rice, bulk', 'Jasmine rice bulk sack'], ['shelfLifeDays', 365, 400]]));
    const clerk = await desk.signedIn('clerk', '1111');
    const tea = (await clerk.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
    const supplier = (await clerk.call('catalog.parties', { kind: 'supplier' }))[0];
    await clerk.call('receiving.receive', { itemId: tea.id, supplierId: supplier.id, supplierLot: 'S-1', quantity: 5, unit: 'pcs', expiryDate: '2027-11-01' } as never);
    const unit = await manager.call('items.checkImport', { fileName: 'u.csv', base64: b64('SKU,Name,Unit\nTEA-250,Jasmine green tea 250 g,kg\n') });
    expect(unit.errors.map((e) => [e.row, e.column, e.key])).toEqual([[2, 'Unit', 'errors.items.unitHasStock']]);
  });
});

describe('parties, bins and users files', () => {
  it('imports suppliers and customers with several contacts per party, and round-trips them', async () => {
    const gln = gtin13('695000020001');
    const base64 = await xlsx([
      ['Kind', 'Code', 'Name', 'Chinese name', 'GLN', 'Address', 'Region', 'Sales channel', 'Contact', 'Phone', 'E-mail'],
      ['supplier', 'SUP-X', 'Xiamen Foods', '厦门食品', gln, 'Xiamen 厦门', 'CN-FJ', '', 'Chen\nZhou', '123\n', 'chen@x.cn\nzhou@x.cn'],
      ['客户', 'CUS-X', 'Wuhan Mart', '武汉超市', '', '', 'CN-HB', 'retail', '', '', ''],
    ]);
    const preview = await manager.call('parties.checkImport', { fileName: 'p.xlsx', base64 });
    expect(preview.errors).toEqual([]);
    expect(preview.records[0].contacts).toEqual([
      { name: 'Chen', phone: '123', email: 'chen@x.cn', role: null },
      { name: 'Zhou', phone: null, email: 'zhou@x.cn', role: null },
    ]);
    expect(preview.records[1]).toMatchObject({ kind: 'customer', channel: 'retail', contacts: [] });
    expect(await manager.call('parties.import', { parties: preview.records })).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(desk.db.prepare("SELECT c.name FROM party_contacts c JOIN parties p ON p.id = c.party_id WHERE p.code = 'SUP-X' ORDER BY c.rowid").pluck().all()).toEqual(['Chen', 'Zhou']);
    for (const locale of ['en', 'zh-CN'] as const) {
      const file = await manager.call('masterData.export', { kind: 'parties', format: 'csv', locale });
      const again = await manager.call('parties.checkImport', { fileName: file.fileName, base64: file.base64 });
      expect(again.errors).toEqual([]);
      expect(again.actions.every((a) => a === 'same')).toBe(true);
    }
    const bad = await manager.call('parties.checkImport', {
      fileName: 'bad.csv',
      base64: b64(`Kind,Code,Name,GLN,Contact,E-mail\nagent,A-1,A,,,\ncustomer,SUP-X,Kind change,,,\nsupplier,S-2,S,${gln.slice(0, 12)}0,,\nsupplier,S-3,S,,,bad-mail\n`),
    });
    expect(bad.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, 'Kind', 'errors.parties.badKind'],
      [3, 'Kind', 'errors.parties.kindFixed'],
      [4, 'GLN', gln.endsWith('0') ? 'errors.import.duplicateInFile' : 'errors.parties.glnCheckDigit'],
      [5, 'contacts', 'errors.parties.contactName'],
    ]);
  });

  it('imports new bins (their zone created), leaves identical ones, refuses one that differs; round-trips', async () => {
    const csv = 'Bin,Zone,Pickable,Quarantine\nC-01-01,C,yes,no\nC-01-02,C,,\nA-01,A,yes,no\n';
    const known = desk.db.prepare("SELECT l.code, z.code AS zone, l.pickable, l.quarantine FROM locations l JOIN zones z ON z.id = l.zone_id WHERE z.code = 'A' AND l.pickable = 1 LIMIT 1").get() as { code: string };
    const preview = await manager.call('bins.checkImport', { fileName: 'b.csv', base64: b64(csv.replace('A-01,A', `${known.code},A`)) });
    expect(preview.errors).toEqual([]);
    expect(preview.actions).toEqual(['create', 'create', 'same']);
    expect(await manager.call('bins.import', { bins: preview.records })).toEqual({ created: 2, updated: 0, unchanged: 1 });
    expect((await manager.call('catalog.locations')).filter((l) => l.zone === 'C').map((l) => l.code)).toEqual(['C-01-01', 'C-01-02']);
    const differs = await manager.call('bins.checkImport', { fileName: 'b.csv', base64: b64('Bin,Zone,Quarantine\nC-01-01,C,yes\n') });
    expect(differs.errors.map((e) => [e.row, e.key])).toEqual([[2, 'errors.bins.differs']]);
    const file = await manager.call('masterData.export', { kind: 'bins', format: 'xlsx', locale: 'zh-CN' });
    const rows = await readXlsx(file.base64);
    expect(rows[0]).toEqual(['库位', '库区', '可拣货', '隔离', '收货区', '暂存区']);
    expect(rows).toContainEqual(['C-01-01', 'C', '是', '否', '否', '否']);
    const again = await manager.call('bins.checkImport', { fileName: file.fileName, base64: file.base64 });
    expect(again.errors).toEqual([]);
    expect(again.actions.every((a) => a === 'same')).toBe(true);
  });

  it('exports the users’ list without secrets, in either language', async () => {
    const file = await manager.call('masterData.export', { kind: 'users', format: 'xlsx', locale: 'zh-CN' });
    const rows = await readXlsx(file.base64);
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '登录方式', '启用', '最近登录（UTC）', '锁定至（UTC）']);
    expect(rows).toContainEqual(['manager', 'Chen Jing 陈静', '经理', 'PIN', '是', '2026-11-25T09:30:00.000Z', '']);
    expect(JSON.stringify(rows)).not.toMatch(/scrypt|4444/);
    const csv = await manager.call('masterData.export', { kind: 'users', format: 'csv', locale: 'en' });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8').split('\r\n')[0]).toBe('\uFEFFUser name,Name,Role,Sign-in with,Active,Last sign-in (UTC),Locked until (UTC)');
    const lead = await desk.signedIn('lead', '3333');
    expect((await errorOf(lead.call('masterData.export', { kind: 'users', format: 'csv' }))).code).toBe('forbidden');
  });
});
