/**
 * FSMA 204 and EPCIS 2.0 exports (issue 16) through the dispatcher on a real desk: a tea lot
 * received with the supplier's lot code, split, merged with a second tea lot, the split part made
 * into gift kits with soy sauce, and two packs of the split lot packed in an SSCC and shipped.
 * The sortable spreadsheet is read back with exceljs column by column (and the CSV as text); the
 * EPCIS document is validated with ajv against the official schema vendored under
 * resources/epcis/, and its events are counted against the trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { lotdesk } from '../support/cli';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView, NewLotResult } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';

let desk: TestDesk;
let manager: Client;
let lead: Client;
let tea: LotView, tea2: LotView, soy: LotView;
let split: NewLotResult, merged: NewLotResult, kit: NewLotResult;
let cat: Awaited<ReturnType<typeof catalog>>;
let sscc: string;
let shipmentNumber: string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea2, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-06-01', quantity: 10, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 20, bin: 'A-01' },
  ]);
  const clerk = await desk.signedIn('clerk', '1111');
  cat = await catalog(clerk);
  const received = await clerk.call('receiving.receive', {
    itemId: cat.item('TEA-250').id, supplierId: cat.supplier('SUP-HZT').id, quantity: 20, unit: 'pcs', expiryDate: '2028-05-01', supplierLot: 'HZT-2026-77',
  });
  tea = received.lot;
  await clerk.call('stock.move', { toLocationId: cat.location('A-01').id, lines: [{ lotId: tea.id, fromLocationId: received.location.id, quantity: 20 }] });
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  const bin = (code: string) => cat.location(code).id;
  const take = (lotId: string, from: string, quantity: number) => ({ lotId, fromLocationId: bin(from), quantity });
  split = await lead.call('lots.split', { ...take(tea.id, 'A-01', 8), toLocationId: bin('A-02') });
  merged = await lead.call('lots.merge', { toLocationId: bin('A-01'), parts: [take(tea.id, 'A-01', 4), take(tea2.id, 'A-01', 5)] });
  const gift = { kind: 'kitting', itemId: cat.item('GIFT-TEA').id, quantity: 6, unit: 'pcs', toLocationId: bin('A-07') } as const;
  kit = await lead.call('lots.transform', { ...gift, components: [take(split.lot.id, 'A-02', 6), take(soy.id, 'A-01', 6)] });
  const label = (lot: LotView) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
  const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, reference: 'SHM-PO-9', lines: [{ itemId: cat.item('TEA-250').id, quantity: 2, lotId: split.lot.id }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-02', scan: label(split.lot), quantity: 2 });
  const packed = await clerk.call('packing.scan', { orderId: order.id, scan: label(split.lot) });
  const shipped = await clerk.call('shipping.ship', { orderId: order.id });
  sscc = (desk.db.prepare('SELECT sscc FROM packages').get() as { sscc: string }).sscc;
  shipmentNumber = (desk.db.prepare("SELECT number FROM documents WHERE kind = 'shipment'").get() as { number: string }).number;
  expect(packed).toBeTruthy();
  expect(shipped).toBeTruthy();
});
afterAll(() => desk.close());

const gln = (code: string) => (desk.db.prepare('SELECT gln FROM parties WHERE code = ?').get(code) as { gln: string }).gln;
const siteGln = () => (desk.db.prepare('SELECT gln FROM sites').get() as { gln: string | null }).gln;

async function workbook(locale: 'en' | 'zh-CN' = 'en') {
  const file = await manager.call('trace.fsma', { lotIds: [tea.id], format: 'xlsx', locale });
  expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(file.fileName).toBe(`FSMA204-${tea.code}-2026-11-25.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

function table(ws: ExcelJS.Worksheet): { head: string[]; rows: Record<string, unknown>[] } {
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  const head = values(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push(Object.fromEntries(head.map((h, i) => [h, values(r)[i] ?? ''])));
  return { head, rows };
}

const COMMON_TAIL = [
  'Traceability Lot Code Source Location Description', 'Traceability Lot Code Source Reference',
  'Reference Document Type', 'Reference Document Number', 'Reference Document Type 2', 'Reference Document Number 2', 'Event ID', 'Internal Lot Code', 'GTIN',
];

describe('trace.fsma (XLSX)', () => {
  it('has one sheet per critical tracking event with the FDA column names, and an About sheet', async () => {
    const wb = await workbook();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Receiving', 'Transformation', 'Shipping', 'About']);
    expect(table(wb.getWorksheet('Receiving')!).head).toEqual([
      'Traceability Lot Code (TLC)', 'Quantity', 'Unit of Measure', 'Product Description', 'Immediate Previous Source Location Description',
      'Receiving Location Description', 'Date Received', ...COMMON_TAIL,
    ]);
    expect(table(wb.getWorksheet('Transformation')!).head).toEqual([
      'Input or Output', 'Traceability Lot Code (TLC)', 'Quantity', 'Unit of Measure', 'Product Description', 'Transformation Location Description', 'Date Transformation Completed', ...COMMON_TAIL,
    ]);
    expect(table(wb.getWorksheet('Shipping')!).head).toEqual([
      'Traceability Lot Code (TLC)', 'Quantity', 'Unit of Measure', 'Product Description', 'Immediate Subsequent Recipient Location Description',
      'Ship-From Location Description', 'Date Shipped', ...COMMON_TAIL,
    ]);
  });

  it('lists the receipt under the supplier’s lot code with the supplier as previous source and TLC source', async () => {
    const { rows } = table((await workbook()).getWorksheet('Receiving')!);
    const supplier = `${cat.supplier('SUP-HZT').name} (GLN ${gln('SUP-HZT')})`;
    expect(rows).toEqual([
      expect.objectContaining({
        'Traceability Lot Code (TLC)': 'HZT-2026-77', Quantity: 20, 'Unit of Measure': 'pcs', 'Product Description': 'Jasmine green tea 250 g',
        'Immediate Previous Source Location Description': supplier, 'Date Received': '2026-11-25',
        'Traceability Lot Code Source Location Description': supplier, 'Traceability Lot Code Source Reference': `GLN ${gln('SUP-HZT')}`,
        'Reference Document Type': 'Receipt', 'Internal Lot Code': tea.code, GTIN: cat.item('TEA-250').gtin,
      }),
    ]);
    expect(String(rows[0]['Receiving Location Description'])).toContain(siteGln() ?? '');
  });

  it('lists each transformation as input and output rows sharing the event id, with every input', async () => {
    const { rows } = table((await workbook()).getWorksheet('Transformation')!);
    const got = rows.map((r) => [r['Event ID'], r['Input or Output'], r['Internal Lot Code'], r.Quantity, r['Reference Document Type']]);
    const doc = (lot: NewLotResult) => lot.documentNumber;
    expect(got).toEqual([
      [doc(split), 'Input', tea.code, 8, 'Work Order'], [doc(split), 'Output', split.lot.code, 8, 'Work Order'],
      [doc(merged), 'Input', tea.code, 4, 'Work Order'], [doc(merged), 'Input', tea2.code, 5, 'Work Order'], [doc(merged), 'Output', merged.lot.code, 9, 'Work Order'],
      [doc(kit), 'Input', split.lot.code, 6, 'Work Order'], [doc(kit), 'Input', soy.code, 6, 'Work Order'], [doc(kit), 'Output', kit.lot.code, 6, 'Work Order'],
    ]);
    // A lot made here carries its own code as TLC and the site as TLC source; the received tea keeps the supplier's.
    const out = rows.find((r) => r['Internal Lot Code'] === kit.lot.code)!;
    expect(out['Traceability Lot Code (TLC)']).toBe(kit.lot.code);
    expect(out['Traceability Lot Code Source Location Description']).toBe(out['Transformation Location Description']);
    expect(rows.find((r) => r['Internal Lot Code'] === tea.code)!['Traceability Lot Code (TLC)']).toBe('HZT-2026-77');
  });

  it('lists the shipment with the customer as immediate subsequent recipient and the sales order', async () => {
    const { rows } = table((await workbook()).getWorksheet('Shipping')!);
    expect(rows).toEqual([
      expect.objectContaining({
        'Traceability Lot Code (TLC)': split.lot.code, Quantity: 2, 'Unit of Measure': 'pcs',
        'Immediate Subsequent Recipient Location Description': `${cat.customer('CUS-SHM').name} (GLN ${gln('CUS-SHM')})`,
        'Date Shipped': '2026-11-25', 'Reference Document Type': 'Delivery Note', 'Reference Document Number': shipmentNumber, 'Reference Document Type 2': 'Sales Order',
      }),
    ]);
  });

  it('keeps the FDA headers in Chinese and names every column in Chinese on the 说明 sheet', async () => {
    const wb = await workbook('zh-CN');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Receiving', 'Transformation', 'Shipping', '说明']);
    expect(table(wb.getWorksheet('Shipping')!).head[0]).toBe('Traceability Lot Code (TLC)');
    const about = wb.getWorksheet('说明')!;
    const text = about.getSheetValues().flat().join('\n');
    expect(text).toContain('收货 1 条，转化 3 条，发货 1 条');
    expect(text).toMatch(/Immediate Subsequent Recipient Location Description\n发货：食品的直接下一接收客户/);
  });
});

describe('trace.fsma (CSV)', () => {
  it('has every row under one header, the event type first, quoted as RFC 4180 asks', async () => {
    const file = await manager.call('trace.fsma', { lotIds: [tea.id], format: 'csv' });
    expect(file.fileName).toMatch(/\.csv$/);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 6)).toEqual(['Critical Tracking Event', 'Input or Output', 'Traceability Lot Code (TLC)', 'Quantity', 'Unit of Measure', 'Product Description']);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Receiving', ...Array(8).fill('Transformation'), 'Shipping']);
    expect(lines[1]).toContain('HZT-2026-77,20,pcs,Jasmine green tea 250 g');
    expect(lines.at(-1)).toContain(`Shipping,,${split.lot.code},2,pcs,Jasmine green tea 250 g,`);
    // Quoting of commas, quotes and line breaks: tests/unit/documents/xlsx-writer.test.ts.
  });
});

describe('trace.epcis', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../resources/epcis/EPCIS-JSON-Schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  async function document() {
    const file = await manager.call('trace.epcis', { lotIds: [tea.id] });
    expect(file.mimeType).toBe('application/ld+json');
    return JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
  }

  it('is valid against the official EPCIS 2.0 JSON schema', async () => {
    const doc = await document();
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
  });

  it('the schema refuses a broken document (so the check above means something)', async () => {
    const doc = await document();
    doc.epcisBody.eventList[0].eventTimeZoneOffset = 'UTC';
    expect(validate(doc)).toBe(false);
    delete doc.epcisBody.eventList[0].eventTimeZoneOffset;
    doc.epcisBody.eventList[0].bizStep = 'urn:epcglobal:cbv:bizstep:not-a-step';
    expect(validate(doc)).toBe(false);
  });

  it('has an event for each receipt, transformation, SSCC and shipment of the trace, with lot-level classes', async () => {
    const doc = await document();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document read back, checked field by field
    const events = doc.epcisBody.eventList as Record<string, any>[];
    const t = await manager.call('trace.lot', { lotId: tea.id, direction: 'both' });
    const kinds = events.map((e) => `${e.type}:${e.bizStep}`);
    expect(kinds.filter((k) => k === 'ObjectEvent:receiving')).toHaveLength(t.receipts.length);
    expect(kinds.filter((k) => k === 'ObjectEvent:shipping')).toHaveLength(t.shipments.length);
    expect(kinds.filter((k) => k.startsWith('TransformationEvent'))).toHaveLength(3);
    expect(kinds.filter((k) => k === 'AggregationEvent:packing')).toHaveLength(1);
    const teaGtin = cat.item('TEA-250').gtin!.padStart(14, '0');
    const receiving = events.find((e) => e.bizStep === 'receiving')!;
    expect(receiving.quantityList).toEqual([{ epcClass: `https://id.gs1.org/01/${teaGtin}/10/HZT-2026-77`, quantity: 20, uom: 'H87' }]);
    expect(receiving.sourceList).toContainEqual({ type: 'owning_party', source: `https://id.gs1.org/417/${gln('SUP-HZT')}` });
    const shipping = events.find((e) => e.bizStep === 'shipping')!;
    expect(shipping.destinationList).toContainEqual({ type: 'location', destination: `https://id.gs1.org/414/${gln('CUS-SHM')}` });
    expect(shipping.quantityList[0]).toMatchObject({ epcClass: `https://id.gs1.org/01/${teaGtin}/10/${encodeURIComponent(split.lot.code)}`, quantity: 2 });
    const merge = events.find((e) => e.type === 'TransformationEvent' && e.inputQuantityList.length === 2 && e.bizStep === 'repackaging')!;
    expect(merge.inputQuantityList.map((q: { quantity: number }) => q.quantity).sort()).toEqual([4, 5]);
    const kitting = events.find((e) => e.bizStep === 'commissioning')!;
    expect(kitting.outputQuantityList).toEqual([expect.objectContaining({ quantity: 6 })]);
    const packing = events.find((e) => e.type === 'AggregationEvent')!;
    expect(packing).toMatchObject({ parentID: `https://id.gs1.org/00/${sscc}`, action: 'ADD' });
    expect(events.every((e) => e.eventTimeZoneOffset === '+00:00')).toBe(true);
    // Exported twice, the events keep their ids (a partner deduplicates on them).
    const again = (await document()).epcisBody.eventList.map((e: { eventID: string }) => e.eventID);
    expect(again).toEqual(events.map((e) => e.eventID));
    expect(new Set(again).size).toBe(again.length);
  });
});

describe('lotdesk trace --fsma --epcis', () => {
  it('writes the spreadsheet and the EPCIS document beside the printed trace', async () => {
    const xlsx = join(desk.dir, 'out.xlsx');
    const csv = join(desk.dir, 'out.csv');
    const jsonld = join(desk.dir, 'out.jsonld');
    const scan = buildElementString({ gtin: cat.item('TEA-250').gtin!, batch: tea.code }).hri;
    const r = lotdesk(['trace', scan, '--db', desk.file, '--direction', 'forward', '--fsma', xlsx, '--epcis', jsonld, '--lang', 'zh-CN']);
    expect(r.stderr).toContain('out.xlsx');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('下游批次');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    // Whatever --direction shows, the export covers the trace both ways: the receipt is there.
    expect(table(wb.getWorksheet('Receiving')!).rows.map((row) => row['Traceability Lot Code (TLC)'])).toEqual(['HZT-2026-77']);
    expect(wb.worksheets.at(-1)!.name).toBe('说明');
    expect(lotdesk(['trace', scan, '--db', desk.file, '--fsma', csv]).status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('Critical Tracking Event,');
    const doc = JSON.parse(readFileSync(jsonld, 'utf8'));
    expect(doc.epcisBody.eventList.length).toBe(1 + 3 + 1 + 1);
    const bad = lotdesk(['trace', scan, '--db', desk.file, '--fsma', join(desk.dir, 'out.pdf')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('.xlsx or .csv');
  });
});

describe('bad input', () => {
  it('refuses an unknown lot, an empty list, a bad format and a clerk', async () => {
    expect(await errorOf(manager.call('trace.fsma', { lotIds: ['no-such-lot'], format: 'xlsx' }))).toMatchObject({ key: 'errors.lot.unknown' });
    expect(await errorOf(manager.call('trace.epcis', { lotIds: [] }))).toMatchObject({ key: 'errors.validation.required' });
    expect(await errorOf(manager.call('trace.fsma', { lotIds: [tea.id], format: 'pdf' as 'csv' }))).toMatchObject({ key: 'errors.exports.format' });
    const clerk = await desk.signedIn('clerk', '1111');
    expect(await errorOf(clerk.call('trace.epcis', { lotIds: [tea.id] }))).toMatchObject({ code: 'forbidden' });
  });
});
