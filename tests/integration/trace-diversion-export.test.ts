/**
 * The trace screen's core (issue 16 items 2 and 9) through the dispatcher on demo data: a tea lot
 * split (two packs shipped to Shanghai) and made into gift kits (three shipped to Berlin).
 * `trace.diversion` says where the lot and its descendants went and flags a region none went to;
 * it takes a lot code, a GS1 label or the SSCC of a case we shipped. `trace.export` gives the
 * same tables as XLSX (read back with exceljs, column by column) and CSV (parsed), in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView, NewLotResult, TraceResult } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let manager: Client;
let tea: LotView, soy: LotView;
let split: NewLotResult, kit: NewLotResult;
let berlinSscc: string;
let label: (lot: LotView) => string;

async function ship(customer: string, sku: string, lot: LotView, bin: string, quantity: number): Promise<string[]> {
  const cat = await catalog(lead);
  const order = await lead.call('orders.create', { customerId: cat.customer(customer).id, lines: [{ itemId: cat.item(sku).id, quantity, lotId: lot.id }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  const clerk = await desk.signedIn('clerk', '1111');
  await clerk.call('picking.scan', { orderId: order.id, bin, scan: label(lot), quantity });
  await clerk.call('packing.scan', { orderId: order.id, scan: label(lot) });
  return (await clerk.call('shipping.ship', { orderId: order.id })).ssccs;
}

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 20, bin: 'A-01' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  const cat = await catalog(lead);
  const bin = (code: string) => cat.location(code).id;
  label = (lot: LotView) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
  split = await lead.call('lots.split', { lotId: tea.id, fromLocationId: bin('A-01'), quantity: 8, toLocationId: bin('A-02') });
  kit = await lead.call('lots.transform', {
    kind: 'kitting', itemId: cat.item('GIFT-TEA').id, quantity: 6, unit: 'pcs', toLocationId: bin('A-07'),
    components: [{ lotId: split.lot.id, fromLocationId: bin('A-02'), quantity: 6 }, { lotId: soy.id, fromLocationId: bin('A-01'), quantity: 6 }],
  });
  await ship('CUS-SHM', 'TEA-250', split.lot, 'A-02', 2);
  [berlinSscc] = await ship('CUS-BER', 'GIFT-TEA', kit.lot, 'A-07', 3);
});
afterAll(() => desk.close());

describe('trace.diversion', () => {
  it('lists where the lot and its descendants went and is not flagged where it was sold', async () => {
    const d = await lead.call('trace.diversion', { lotId: tea.id, region: ' cn-sh ' });
    expect(d.roots.map((r) => r.code)).toEqual([tea.code]);
    expect(d).toMatchObject({ region: 'cn-sh', regionKnown: true, flagged: false, matchingShipments: 1, sscc: null });
    expect(d.destinations.map((x) => [x.customerCode, x.region, x.channel, x.inRegion, x.shipments, x.quantity, x.unit, x.lotCodes])).toEqual([
      ['CUS-SHM', 'CN-SH', 'retail', true, 1, 2, 'pcs', [split.lot.code]],
      ['CUS-BER', 'DE-BE', 'wholesale', false, 1, 3, 'pcs', [kit.lot.code]],
    ]);
    expect(d.totals).toEqual({ lots: 3, shipments: 2, customers: 2, regions: 2 });
  });

  it('flags a region none of its shipments went to, known or not', async () => {
    const known = await manager.call('trace.diversion', { lotId: tea.id, region: 'US-CA' });
    expect(known).toMatchObject({ flagged: true, regionKnown: true, matchingShipments: 0 });
    expect(known.destinations.every((x) => !x.inRegion)).toBe(true);
    const unknown = await manager.call('trace.diversion', { lotId: tea.id, region: '云南' });
    expect(unknown).toMatchObject({ flagged: true, regionKnown: false, region: '云南' });
    // The kit alone went only to Berlin: Shanghai is diversion for it.
    expect(await manager.call('trace.diversion', { lotId: kit.lot.id, region: 'CN-SH' })).toMatchObject({ flagged: true, totals: { shipments: 1 } });
  });

  it('takes the SSCC of a case we shipped: its lots are traced', async () => {
    for (const scan of [berlinSscc, `]C1${'00'}${berlinSscc}`]) {
      const d = await lead.call('trace.diversion', { scan, region: 'DE-BE' });
      expect(d).toMatchObject({ sscc: berlinSscc, flagged: false, roots: [expect.objectContaining({ code: kit.lot.code })] });
    }
    expect(await lead.call('trace.diversion', { scan: berlinSscc, region: 'CN-SH' })).toMatchObject({ flagged: true });
  });

  it('offers the regions of the customers', async () => {
    const regions = await lead.call('trace.regions', {});
    expect(regions.map((r) => r.region)).toEqual(expect.arrayContaining(['CN-SH', 'DE-BE', 'US-CA']));
    expect(regions.every((r) => r.customers >= 1)).toBe(true);
  });

  it('refuses an unknown lot, a blank region and a clerk, translated, and writes nothing', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db);
    const unknown = await errorOf(lead.call('trace.diversion', { lotCode: 'NO-SUCH', region: 'CN-SH' }));
    expect(unknown).toMatchObject({ code: 'not_found', key: 'errors.trace.lotCodeUnknown', field: 'lotCode' });
    const unknownScan = await errorOf(lead.call('trace.diversion', { scan: 'NO-SUCH-SCAN', region: 'CN-SH' }));
    expect(unknownScan).toMatchObject({ code: 'not_found', field: 'scan' });
    const blank = await errorOf(lead.call('trace.diversion', { lotId: tea.id, region: '   ' }));
    expect(blank).toMatchObject({ code: 'validation', key: 'errors.trace.regionRequired', field: 'region' });
    expect(translate('en', blank.key)).toContain('region');
    expect(translate('zh-CN', blank.key)).toContain('地区');
    expect(await errorOf(lead.call('trace.diversion', { region: 'CN-SH' }))).toMatchObject({ key: 'errors.trace.lotRequired', field: 'lotCode' });
    expect(await errorOf(lead.call('trace.diversion', { lotId: tea.id, lotCode: tea.code, region: 'CN-SH' }))).toMatchObject({ key: 'errors.trace.lotRequired' });
    expect(await errorOf(clerk.call('trace.diversion', { lotCode: kit.lot.code, region: 'CN-SH' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(clerk.call('trace.regions', {}))).toMatchObject({ code: 'forbidden' });
    expect(snapshot(desk.db)).toEqual(before);
  });
});

/** RFC 4180 CSV, quoted fields with doubled quotes and CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const columnOf = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getColumn(n).values as unknown[]).slice(1);

describe('trace.export', () => {
  let trace: TraceResult;
  beforeAll(async () => {
    trace = await lead.call('trace.lot', { lotId: split.lot.id, direction: 'both' });
  });

  it('writes the XLSX workbook with the lots, shipments and receipts, column by column, in English', async () => {
    const file = await lead.call('trace.export', { lotId: split.lot.id, direction: 'both', format: 'xlsx', locale: 'en' });
    expect(file.fileName).toBe(`trace-${split.lot.code}-both.xlsx`);
    expect(file.mimeType).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Lots', 'Shipments', 'Receipts']);
    const lots = wb.getWorksheet('Lots')!;
    expect(lots.getRow(1).values).toEqual([undefined, 'Relation', 'Depth', 'Lot', 'SKU', 'Item', 'Status', 'Quantity', 'Unit']);
    expect(columnOf(lots, 1)).toEqual(['Relation', 'root', ...trace.nodes.map((n) => (n.direction === 'forward' ? 'descendant' : 'ancestor'))]);
    expect(columnOf(lots, 3)).toEqual(['Lot', split.lot.code, ...trace.nodes.map((n) => n.code)]);
    expect(columnOf(lots, 2)).toEqual(['Depth', 0, ...trace.nodes.map((n) => n.depth)]);
    expect(columnOf(lots, 7)).toEqual(['Quantity', undefined, ...trace.nodes.map((n) => n.quantity)]);
    const shipments = wb.getWorksheet('Shipments')!;
    expect(columnOf(shipments, 1)).toEqual(['Shipment', ...trace.shipments.map((s) => s.shipmentNumber)]);
    expect(columnOf(shipments, 4)).toEqual(['Customer code', 'CUS-SHM', 'CUS-BER']);
    expect(columnOf(shipments, 6)).toEqual(['Region', 'CN-SH', 'DE-BE']);
    expect(columnOf(shipments, 8)).toEqual(['Quantity', 2, 3]);
    const receipts = wb.getWorksheet('Receipts')!;
    expect(columnOf(receipts, 3)).toEqual(['Lot', tea.code]);
    expect(columnOf(receipts, 4)).toEqual(['Supplier code', 'SUP-HZT']);
    expect(columnOf(receipts, 8)).toEqual(['Quantity', 20]);
    expect(file.rows).toBe(1 + trace.nodes.length + trace.shipments.length + trace.receipts.length);
    // Sortable: the header row carries an auto-filter over the data.
    expect(shipments.autoFilter).toBeTruthy();
  });

  it('writes Chinese headers and sheet names for a Chinese reader', async () => {
    const file = await manager.call('trace.export', { lotCode: split.lot.code, direction: 'forward', format: 'xlsx', locale: 'zh-CN' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['批次', '发货', '收货']);
    expect(columnOf(wb.getWorksheet('发货')!, 5)).toEqual(['客户', 'Shanghai Fresh Mart 上海鲜超市', 'Berlin Asia Foods GmbH']);
    expect(columnOf(wb.getWorksheet('批次')!, 1)).toEqual(['关系', '追溯批次', '下游']);
    expect(columnOf(wb.getWorksheet('收货')!, 1)).toEqual(['收货单']);
  });

  it('writes one table as CSV (UTF-8 with a byte-order mark), parsed back', async () => {
    const file = await lead.call('trace.export', { scan: label(split.lot), direction: 'forward', format: 'csv', table: 'shipments', locale: 'zh-CN' });
    expect(file.fileName).toBe(`trace-${split.lot.code}-forward-shipments.csv`);
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['发货单', '发货时间（UTC）', '批次', '客户代码', '客户', '地区', '渠道', '数量', '单位']);
    const forward = await lead.call('trace.lot', { lotId: split.lot.id, direction: 'forward' });
    expect(rows.slice(1)).toEqual(forward.shipments.map((s) => [s.shipmentNumber, s.shippedAt, s.lotCode, s.customerCode, s.customerName, s.region, s.channel, String(s.quantity), s.unit]));
    const lots = parseCsv(Buffer.from((await lead.call('trace.export', { lotId: split.lot.id, direction: 'backward', format: 'csv', locale: 'en' })).base64, 'base64').toString('utf8').slice(1));
    expect(lots).toEqual([
      ['Relation', 'Depth', 'Lot', 'SKU', 'Item', 'Status', 'Quantity', 'Unit'],
      ['root', '0', split.lot.code, 'TEA-250', split.lot.itemName, 'Released', '', 'pcs'],
      ['ancestor', '1', tea.code, 'TEA-250', tea.itemName, 'Released', '8', 'pcs'],
    ]);
  });

  it('refuses a format it does not write and an unknown lot', async () => {
    expect(await errorOf(lead.call('trace.export', { lotId: split.lot.id, direction: 'both', format: 'pdf' as 'csv' }))).toMatchObject({ key: 'errors.trace.exportFormat', field: 'format' });
    expect(await errorOf(lead.call('trace.export', { lotCode: 'NO-SUCH', direction: 'both', format: 'csv' }))).toMatchObject({ key: 'errors.trace.lotCodeUnknown' });
  });
});
