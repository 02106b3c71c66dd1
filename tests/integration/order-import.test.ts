import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { ImportPreview } from '../../src/contract/results';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let cat: Awaited<ReturnType<typeof catalog>>;

beforeEach(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  cat = await catalog(lead);
});
afterEach(() => desk.close());

const EN_HEADER = ['Customer', 'Reference', 'SKU', 'Quantity', 'Requested date', 'Lot'];
const ZH_HEADER = ['客户', '客户单号', '物料编码', '数量', '要求日期', '批号'];

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n').toString('base64');

/** An Excel workbook as a desk user saves it: dates as real date cells, quantities as numbers. */
async function xlsx(rows: (string | number | Date)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Orders');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The report a desk shows: one line per problem, translated. */
function report(preview: ImportPreview, locale: 'en' | 'zh-CN'): string[] {
  return preview.errors.map((e) => `${e.row} ${e.column}: ${translate(locale, e.key, e.params)}`);
}

describe('order import', () => {
  it('reads a CSV with English headers and an XLSX with Chinese headers into the same orders', async () => {
    const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2027-09-30', quantity: 10, bin: 'A-01' }]);
    const fromCsv = await lead.call('orders.checkImport', {
      fileName: 'orders.csv',
      base64: csv([
        EN_HEADER,
        ['CUS-SFO', 'PO-1', 'TEA-250', '4', '2026-12-01', lot.code],
        ['cus-sfo', 'PO-1', 'SOY-500', '12', '', ''],
        ['CUS-BER', 'B-9', 'RICE-BULK', '2.5', '2026-12-03', ''],
        ['', '', '', '', '', ''],
      ]),
    });
    const fromXlsx = await lead.call('orders.checkImport', {
      fileName: 'ORDERS.XLSX',
      base64: await xlsx([
        ZH_HEADER,
        ['CUS-SFO', 'PO-1', 'TEA-250', 4, new Date(Date.UTC(2026, 11, 1)), lot.code],
        ['CUS-SFO', 'PO-1', 'SOY-500', 12, '', ''],
        ['CUS-BER', 'B-9', 'RICE-BULK', 2.5, '2026-12-03', ''],
      ]),
    });
    const sfo = cat.customer('CUS-SFO');
    expect(fromCsv).toEqual({
      rows: 3,
      errors: [],
      orders: [
        {
          customerId: sfo.id,
          customerName: sfo.name,
          reference: 'PO-1',
          lines: [
            { itemId: cat.item('TEA-250').id, sku: 'TEA-250', quantity: 4, unit: cat.item('TEA-250').unit, requestedDate: '2026-12-01', lotId: lot.id, lotCode: lot.code },
            { itemId: cat.item('SOY-500').id, sku: 'SOY-500', quantity: 12, unit: cat.item('SOY-500').unit },
          ],
        },
        {
          customerId: cat.customer('CUS-BER').id,
          customerName: cat.customer('CUS-BER').name,
          reference: 'B-9',
          lines: [{ itemId: cat.item('RICE-BULK').id, sku: 'RICE-BULK', quantity: 2.5, unit: 'kg', requestedDate: '2026-12-03' }],
        },
      ],
    });
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('reports every bad row by row and column, in English and Chinese, and writes nothing', async () => {
    const before = snapshot(desk.db);
    const rows = [
      ZH_HEADER,
      ['CUS-NOPE', 'X', 'TEA-250', 1, '2026-12-01', ''],
      ['CUS-SFO', 'X', 'TEA-999', 1, '', ''],
      ['CUS-SFO', 'X', 'TEA-250', 'lots', '', ''],
      ['CUS-SFO', 'X', 'TEA-250', 1.5, '', ''],
      ['CUS-SFO', 'X', 'TEA-250', 2, '2026-02-30', ''],
      ['CUS-SFO', 'X', 'TEA-250', 2, '2026-11-01', ''],
      ['CUS-SFO', 'X', 'TEA-250', 2, '', 'NO-SUCH-LOT'],
      // Read as a decimal comma, "1,000" was once one piece; an exponent or hex is no quantity either.
      ['CUS-SFO', 'X', 'TEA-250', '1,000', '', ''],
      ['CUS-SFO', 'X', 'TEA-250', '1e3', '', ''],
      ['CUS-SFO', 'X', 'TEA-250', '0x10', '', ''],
      ['CUS-SFO', 'X', 'SOY-500', 3, '2026-12-02', ''],
      // An empty code cell is a missing code, not an unknown code "".
      ['', 'X', 'TEA-250', 1, '', ''],
      ['CUS-SFO', 'X', '', 1, '', ''],
    ];
    const preview = await lead.call('orders.checkImport', { fileName: 'bad.xlsx', base64: await xlsx(rows) });
    expect(preview.rows).toBe(13);
    // A file with any bad row yields no orders: the desk imports all or nothing.
    expect(preview.orders).toEqual([]);
    expect(preview.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, 'customer', 'errors.orders.import.unknownCustomer'],
      [3, 'sku', 'errors.orders.import.unknownSku'],
      [4, 'quantity', 'errors.quantity.notANumber'],
      [5, 'quantity', 'errors.quantity.wholeUnits'],
      [6, 'requesteddate', 'errors.date.invalid'],
      [7, 'requesteddate', 'errors.orders.requestedInPast'],
      [8, 'lot', 'errors.orders.import.unknownLot'],
      [9, 'quantity', 'errors.quantity.notANumber'],
      [10, 'quantity', 'errors.quantity.notANumber'],
      [11, 'quantity', 'errors.quantity.notANumber'],
      [13, 'customer', 'errors.orders.import.noCustomer'],
      [14, 'sku', 'errors.orders.import.noSku'],
    ]);
    const en = report(preview, 'en');
    const zh = report(preview, 'zh-CN');
    expect(en[0]).toBe('2 customer: Unknown customer code "CUS-NOPE". Use a customer code from the customer list.');
    expect(en[1]).toContain('Unknown SKU "TEA-999"');
    expect(en[6]).toContain('Lot "NO-SUCH-LOT" is not a lot of TEA-250');
    expect(zh[0]).toBe('2 customer: 未知客户编码“CUS-NOPE”。请使用客户列表中的编码。');
    expect(zh[1]).toContain('未知物料编码“TEA-999”');
    // Dates and units in the reader's words, not as ISO dates and codes.
    expect(zh[5]).toContain('要求日期 2026年11月1日 已过');
    expect(en[5]).toContain('The requested date Nov 1, 2026 has passed');
    expect(zh[3]).toBe('5 quantity: 此处按整件计数，请输入整数。');
    expect(en[10]).toBe('13 customer: The customer code is missing. Enter a customer code from the customer list.');
    expect(zh[11]).toBe('14 sku: 缺少物料编码。请填写物料列表中的编码。');
    expect(en[3]).toBe('5 quantity: This is counted in whole pcs: enter a whole number.');
    // Every problem has a real text in both languages, never the bare key.
    for (const line of [...en, ...zh]) expect(line).not.toMatch(/errors\./);
    expect(zh.every((line, i) => line !== en[i])).toBe(true);
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('reports a missing column, an empty file and an unreadable or wrong file type', async () => {
    const missing = await lead.call('orders.checkImport', { fileName: 'o.csv', base64: csv([['Customer', 'Reference', 'Qty'], ['CUS-SFO', 'X', '1']]) });
    expect(missing.errors.map((e) => [e.row, e.key, e.params])).toEqual([[1, 'errors.orders.import.missingColumn', { column: 'sku' }]]);
    const empty = await lead.call('orders.checkImport', { fileName: 'o.csv', base64: csv([EN_HEADER]) });
    expect(empty.errors.map((e) => e.key)).toEqual(['errors.orders.import.empty']);
    const wrongType = await errorOf(lead.call('orders.checkImport', { fileName: 'o.pdf', base64: csv([EN_HEADER]) }));
    expect([wrongType.key, wrongType.field]).toEqual(['errors.orders.import.fileType', 'fileName']);
    const broken = await errorOf(lead.call('orders.checkImport', { fileName: 'o.xlsx', base64: Buffer.from('not a workbook').toString('base64') }));
    expect([broken.key, broken.params]).toEqual(['errors.orders.import.unreadable', { file: 'o.xlsx' }]);
  });

  it('is for leads: a clerk may not check or import orders', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('orders.checkImport', { fileName: 'o.csv', base64: csv([EN_HEADER]) }))).code).toBe('forbidden');
    expect((await errorOf(clerk.call('orders.import', { orders: [{ customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 1 }] }] }))).code).toBe(
      'forbidden',
    );
  });

  it('imports the checked orders in one transaction: all of them, or none when one is bad', async () => {
    const preview = await lead.call('orders.checkImport', {
      fileName: 'orders.csv',
      base64: csv([EN_HEADER, ['CUS-SFO', 'PO-1', 'TEA-250', '4', '2026-12-01', ''], ['CUS-BER', 'B-9', 'SOY-500', '6', '', '']]),
    });
    const orders = preview.orders.map(({ customerId, reference, lines }) => ({
      customerId,
      reference,
      lines: lines.map(({ itemId, quantity, requestedDate, lotId }) => ({ itemId, quantity, requestedDate, lotId })),
    }));

    const before = snapshot(desk.db);
    const bad = [orders[0], { ...orders[1], lines: [{ ...orders[1].lines[0], quantity: 0.5 }] }];
    const e = await errorOf(lead.call('orders.import', { orders: bad }));
    expect([e.key, e.field]).toEqual(['errors.quantity.wholeUnits', 'orders.1.lines.0.quantity']);
    expect(snapshot(desk.db)).toEqual(before);

    const auditBefore = (desk.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    const created = await lead.call('orders.import', { orders });
    expect(created.orders.map((o) => o.number)).toEqual(['SO-20261125-0001', 'SO-20261125-0002']);
    // One command, one audit record: the two orders were written together.
    const audit = desk.db.prepare('SELECT command FROM audit WHERE seq > ? ORDER BY seq').all(auditBefore) as { command: string }[];
    expect(audit.map((a) => a.command)).toEqual(['orders.import']);
    const list = await lead.call('orders.list', { status: 'open' });
    expect(list.rows.map((o) => [o.number, o.customer.code, o.reference, o.lineCount]).sort()).toEqual([
      ['SO-20261125-0001', 'CUS-SFO', 'PO-1', 1],
      ['SO-20261125-0002', 'CUS-BER', 'B-9', 1],
    ]);
    const detail = await lead.call('orders.get', { orderId: created.orders[0].id });
    expect(detail.lines.map((l) => [l.sku, l.ordered, l.requestedDate])).toEqual([['TEA-250', 4, '2026-12-01']]);
  });
});
