/**
 * Purchase orders (issue 15): created, edited and cancelled while nothing is received, closed
 * short with a reason after a partial receipt, listed and searched, imported from CSV/XLSX with
 * the sales orders' preview-then-import; what is created is receivable at the receiving desk and
 * the received quantities show on the order. Every change is in the audit (field/before/after);
 * a refusal writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Client } from '../../src/contract/client';
import type { PurchaseOrderImportPreview } from '../../src/contract/results';
import { lastChanges as changesOf, type Change } from '../support/audit-changes';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, type DemoRefs } from '../support/inventory';
import { translate } from '../../src/i18n/translate';
import { verifyAudit } from '../../src/app/kernel/audit-log';

let desk: TestDesk;
let lead: Client;
let refs: DemoRefs;
beforeEach(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  refs = await demoRefs(lead);
});
afterEach(() => desk.close());

const lastChanges = (command: string) => changesOf(desk.db, command);
const pairs = (changes: Change[]) => changes.map((c) => [c.field, c.before, c.after]);

async function newPo(lines: [string, number][] = [['TEA-250', 100], ['SOY-500', 24]], extra: { reference?: string; expectedDate?: string } = { reference: 'HZT-77', expectedDate: '2026-12-01' }) {
  return lead.call('purchaseOrders.create', { supplierId: refs.supplier('SUP-HZT').id, ...extra, lines: lines.map(([sku, quantity]) => ({ itemId: refs.item(sku).id, quantity })) });
}

async function receive(clerk: Client, poLineId: string, sku: string, quantity: number) {
  const item = refs.item(sku);
  return clerk.call('receiving.receive', { itemId: item.id, poLineId, quantity, unit: item.unit, expiryDate: '2027-06-30' });
}

describe('purchase orders', () => {
  it('creates an order the receiving desk offers and receives against; received quantities show on it', async () => {
    const po = await newPo();
    expect(po.number).toBe('PO-20261125-0001');
    expect(pairs(lastChanges('purchaseOrders.create'))).toEqual([
      ['supplier', null, 'SUP-HZT'],
      ['reference', null, 'HZT-77'],
      ['expectedDate', null, '2026-12-01'],
      ['status', null, 'open'],
      ['line 1', null, 'TEA-250 100 pcs'],
      ['line 2', null, 'SOY-500 24 pcs'],
    ]);
    const clerk = await desk.signedIn('clerk', '1111');
    const offered = (await clerk.call('purchaseOrders.open')).find((o) => o.id === po.id)!;
    expect(offered).toMatchObject({ number: po.number, supplierName: 'Hangzhou Tea Co. 杭州茶业' });
    await receive(clerk, offered.lines[0].id, 'TEA-250', 60);
    const detail = await lead.call('purchaseOrders.get', { purchaseOrderId: po.id });
    expect(detail).toMatchObject({ status: 'open', anyReceived: true, expectedDate: '2026-12-01' });
    expect(detail.lineItems.map((l) => [l.sku, l.ordered, l.received, l.open])).toEqual([
      ['TEA-250', 100, 60, 40],
      ['SOY-500', 24, 0, 24],
    ]);
    // Over-receipt is still refused by receiving.
    expect(await errorOf(receive(clerk, offered.lines[0].id, 'TEA-250', 41))).toMatchObject({ key: 'errors.receiving.overReceipt' });
  });

  it('edits and cancels only while nothing is received, then closes short with a reason', async () => {
    const po = await newPo();
    const supplierId = refs.supplier('SUP-HZT').id;
    await lead.call('purchaseOrders.update', { purchaseOrderId: po.id, supplierId, reference: 'HZT-78', expectedDate: '2026-12-03', lines: [{ itemId: refs.item('TEA-250').id, quantity: 120 }] });
    expect(pairs(lastChanges('purchaseOrders.update'))).toEqual([
      ['reference', 'HZT-77', 'HZT-78'],
      ['expectedDate', '2026-12-01', '2026-12-03'],
      ['line 1', 'TEA-250 100 pcs', 'TEA-250 120 pcs'],
      ['line 2', 'SOY-500 24 pcs', null],
    ]);
    const clerk = await desk.signedIn('clerk', '1111');
    const line = (await lead.call('purchaseOrders.get', { purchaseOrderId: po.id })).lineItems[0];
    await receive(clerk, line.id, 'TEA-250', 100);

    const before = snapshot(desk.db);
    const edit = await errorOf(lead.call('purchaseOrders.update', { purchaseOrderId: po.id, supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 130 }] }));
    expect(edit).toMatchObject({ code: 'rule', key: 'errors.purchaseOrders.received', params: { po: po.number } });
    expect(translate('zh-CN', edit.key, edit.params)).toBe(`采购单 ${po.number} 已有收货，不能再编辑或取消，请改为短缺关闭。`);
    expect(await errorOf(lead.call('purchaseOrders.cancel', { purchaseOrderId: po.id }))).toMatchObject({ key: 'errors.purchaseOrders.received' });
    expect(await errorOf(lead.call('purchaseOrders.closeShort', { purchaseOrderId: po.id, reason: 'no' }))).toMatchObject({ key: 'errors.purchaseOrders.reason', field: 'reason' });
    expect(snapshot(desk.db)).toEqual(before);

    await lead.call('purchaseOrders.closeShort', { purchaseOrderId: po.id, reason: 'Supplier out of stock' });
    expect(pairs(lastChanges('purchaseOrders.closeShort'))).toEqual([
      ['status', 'open', 'closed'],
      ['closedReason', null, 'Supplier out of stock'],
    ]);
    expect((await clerk.call('purchaseOrders.open')).some((o) => o.id === po.id)).toBe(false);
    expect(await errorOf(receive(clerk, line.id, 'TEA-250', 1))).toMatchObject({ key: 'errors.receiving.poClosed' });
    expect(await errorOf(lead.call('purchaseOrders.closeShort', { purchaseOrderId: po.id, reason: 'again!' }))).toMatchObject({ key: 'errors.purchaseOrders.notOpen' });

    const other = await newPo([['OIL-5L', 10]]);
    expect(await errorOf(lead.call('purchaseOrders.closeShort', { purchaseOrderId: other.id, reason: 'not needed' }))).toMatchObject({ key: 'errors.purchaseOrders.nothingReceived' });
    await lead.call('purchaseOrders.cancel', { purchaseOrderId: other.id, reason: 'ordered twice' });
    expect(pairs(lastChanges('purchaseOrders.cancel'))).toEqual([
      ['status', 'open', 'cancelled'],
      ['closedReason', null, 'ordered twice'],
    ]);
    expect((await lead.call('purchaseOrders.list', { status: 'cancelled' })).map((o) => o.number)).toEqual([other.number]);
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('refuses bad lines, an unknown supplier and a clerk, writing nothing', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db);
    const supplierId = refs.supplier('SUP-HZT').id;
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId, lines: [] }))).toMatchObject({ key: 'errors.purchaseOrders.noLines' });
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 1.5 }] }))).toMatchObject({ field: 'lines.0.quantity' });
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 0 }] }))).toMatchObject({ key: 'errors.quantity.notPositive' });
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId, lines: [{ itemId: 'nope', quantity: 1 }] }))).toMatchObject({ key: 'errors.item.unknown', field: 'lines.0.itemId' });
    // A customer is not a supplier.
    const customer = (await lead.call('catalog.parties', { kind: 'customer' }))[0];
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId: customer.id, lines: [{ itemId: refs.item('TEA-250').id, quantity: 1 }] }))).toMatchObject({ key: 'errors.supplier.unknown' });
    expect(await errorOf(lead.call('purchaseOrders.create', { supplierId, expectedDate: '2026-02-30', lines: [{ itemId: refs.item('TEA-250').id, quantity: 1 }] }))).toMatchObject({ key: 'errors.date.invalid' });
    expect(await errorOf(clerk.call('purchaseOrders.create', { supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 1 }] }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(clerk.call('purchaseOrders.list', {}))).toMatchObject({ code: 'forbidden' });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('lists and searches by number, supplier and reference', async () => {
    const a = await newPo([['TEA-250', 5]], { reference: 'ALPHA-1' });
    await lead.call('purchaseOrders.create', { supplierId: refs.supplier('SUP-NDA').id, reference: 'BETA_2', lines: [{ itemId: refs.item('MILK-1L').id, quantity: 5 }] });
    const numbers = async (search: string) => (await lead.call('purchaseOrders.list', { search })).map((o) => o.reference ?? o.number);
    expect(await numbers('alpha')).toEqual(['ALPHA-1']);
    expect(await numbers('nordic')).toContain('BETA_2');
    expect(await numbers('nordic')).not.toContain('ALPHA-1');
    expect(await numbers('_')).toEqual(['BETA_2']);
    expect(await numbers(a.number)).toEqual(['ALPHA-1']);
    // The demo's own orders are open too.
    expect((await lead.call('purchaseOrders.list', {})).map((o) => o.number)).toEqual(expect.arrayContaining(['PO-1001', a.number]));
  });
});

const csv = (rows: string[][], bom = false) => Buffer.from((bom ? '\ufeff' : '') + rows.map((r) => r.join(',')).join('\r\n') + '\r\n').toString('base64');
async function xlsx(rows: (string | number | Date)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('PO');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const report = (p: PurchaseOrderImportPreview, locale: 'en' | 'zh-CN') => p.errors.map((e) => `${e.row} ${e.column}: ${translate(locale, e.key, e.params)}`);

describe('purchase order import', () => {
  it('reads an XLSX with Chinese headers and a CSV with a BOM into orders, then imports them together', async () => {
    const fromXlsx = await lead.call('purchaseOrders.checkImport', {
      fileName: 'po.xlsx',
      base64: await xlsx([
        ['供应商', '采购单号', '预计到货日期', '物料编码', '数量'],
        ['SUP-HZT', 'H-1', new Date(Date.UTC(2026, 11, 2)), 'TEA-250', 48],
        ['SUP-HZT', 'H-1', new Date(Date.UTC(2026, 11, 2)), 'soy-500', 12],
        ['SUP-GRN', '', '', 'RICE-BULK', 250.5],
      ]),
    });
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.orders).toEqual([
      { supplierId: refs.supplier('SUP-HZT').id, supplierName: 'Hangzhou Tea Co. 杭州茶业', reference: 'H-1', expectedDate: '2026-12-02', lines: [
        { itemId: refs.item('TEA-250').id, sku: 'TEA-250', quantity: 48, unit: 'pcs' },
        { itemId: refs.item('SOY-500').id, sku: 'SOY-500', quantity: 12, unit: 'pcs' },
      ] },
      { supplierId: refs.supplier('SUP-GRN').id, supplierName: 'Golden Grain 金谷粮油', lines: [{ itemId: refs.item('RICE-BULK').id, sku: 'RICE-BULK', quantity: 250.5, unit: 'kg' }] },
    ]);
    const fromCsv = await lead.call('purchaseOrders.checkImport', { fileName: 'po.csv', base64: csv([['Supplier', 'Reference', 'Expected date', 'SKU', 'Qty'], ['SUP-NDA', 'N-9', '2026-12-05', 'MILK-1L', '30']], true) });
    expect(fromCsv.errors).toEqual([]);
    const { orders } = await lead.call('purchaseOrders.import', {
      orders: [...fromXlsx.orders, ...fromCsv.orders].map(({ supplierId, reference, expectedDate, lines }) => ({ supplierId, ...(reference ? { reference } : {}), ...(expectedDate ? { expectedDate } : {}), lines: lines.map(({ itemId, quantity }) => ({ itemId, quantity })) })),
    });
    expect(orders.map((o) => o.number)).toEqual(['PO-20261125-0001', 'PO-20261125-0002', 'PO-20261125-0003']);
    const audited = lastChanges('purchaseOrders.import');
    expect(new Set(audited.map((c) => c.label))).toEqual(new Set(orders.map((o) => o.number)));
    const open = await lead.call('purchaseOrders.open');
    expect(open.find((o) => o.number === 'PO-20261125-0002')?.lines.map((l) => [l.sku, l.ordered])).toEqual([['RICE-BULK', 250.5]]);
  });

  it('lists every bad row with its reason in either language and imports nothing', async () => {
    const before = snapshot(desk.db);
    const preview = await lead.call('purchaseOrders.checkImport', {
      fileName: 'po.csv',
      base64: csv([
        ['Supplier', 'Reference', 'Expected date', 'SKU', 'Quantity'],
        ['SUP-XXX', 'R1', '', 'TEA-250', '5'],
        ['', 'R1', '', 'TEA-250', '5'],
        ['SUP-HZT', 'R2', '2026-13-01', 'NOPE', '5'],
        ['SUP-HZT', 'R3', '', 'TEA-250', '1.5'],
        ['SUP-HZT', 'R4', '', 'TEA-250', ''],
        ['SUP-HZT', 'R5', '2026-12-01', 'TEA-250', '2'],
        ['SUP-HZT', 'R5', '2026-12-02', 'SOY-500', '2'],
        ['SUP-HZT', 'R6', '', 'RICE-BULK', 'ten'],
      ]),
    });
    expect(preview.orders).toEqual([]);
    expect(report(preview, 'en')).toEqual([
      '2 supplier: No supplier has the code SUP-XXX.',
      '3 supplier: The supplier is missing.',
      '4 sku: Unknown SKU "NOPE". Use a SKU from the item list.',
      '4 expectedDate: ' + translate('en', 'errors.date.invalid'),
      '5 quantity: This is counted in whole pcs: enter a whole number.',
      '6 quantity: The quantity is missing.',
      '8 expectedDate: Order R5 has two different expected dates.',
      '9 quantity: ' + translate('en', 'errors.quantity.notANumber'),
    ]);
    expect(report(preview, 'zh-CN')[0]).toBe('2 supplier: 没有编码为 SUP-XXX 的供应商。');
    const wrong = await lead.call('purchaseOrders.checkImport', { fileName: 'po.csv', base64: csv([['Vendor', 'Article', 'Qty'], ['SUP-HZT', 'TEA-250', '1']]) });
    expect(wrong.errors.map((e) => e.params.column)).toEqual(['supplier', 'sku']);
    expect(await errorOf(lead.call('purchaseOrders.checkImport', { fileName: 'po.pdf', base64: 'AAAA' }))).toMatchObject({ key: 'errors.orders.import.fileType' });
    // Orders changed between the check and the import: the one at fault is named, none is created.
    const supplierId = refs.supplier('SUP-HZT').id;
    const good = { supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 5 }] };
    const bad = { supplierId, lines: [{ itemId: refs.item('TEA-250').id, quantity: 5 }, { itemId: 'gone', quantity: 1 }] };
    expect(await errorOf(lead.call('purchaseOrders.import', { orders: [good, bad] }))).toMatchObject({ key: 'errors.item.unknown', field: 'orders.1.lines.1.itemId' });
    expect(snapshot(desk.db)).toEqual(before);
  });
});
