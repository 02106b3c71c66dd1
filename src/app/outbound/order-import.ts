/**
 * Sales orders from a CSV or XLSX file (read with exceljs). One row per order line; rows with the
 * same customer and reference form one order. Every row is checked with the same rule as an order
 * typed at the desk, and every problem is reported by row and column as a translatable key, so the
 * report reads in either language. Reading writes nothing: the desk shows the report, then sends
 * the checked orders to 'orders.import'.
 */
import { AppError } from '../../domain/errors';
import { isCalendarDate } from '../../domain/dates';
import { fromStored, parseTypedQuantity } from '../../domain/quantity';
import type { ImportPreview } from '../../contract/results';
import type { Db } from '../../store/db';
import type { Handlers } from '../kernel/context';
import { checkOrderLine } from './orders';
import { orderSheet, readSheet } from '../shared/sheet-read';

type Column = 'customer' | 'reference' | 'sku' | 'quantity' | 'requestedDate' | 'lot';

/** Header texts accepted for each column (compared without case and spaces), in both languages. */
const HEADERS: Record<Column, string[]> = {
  customer: ['customer', '客户', '客户编码'],
  reference: ['reference', 'customerreference', 'po', '客户单号', '订单号'],
  sku: ['sku', 'item', '物料编码', '物料'],
  quantity: ['quantity', 'qty', '数量'],
  requestedDate: ['requesteddate', 'requested_date', 'date', '要求日期', '交货日期'],
  lot: ['lot', 'batch', '批号'],
};
const REQUIRED: Column[] = ['customer', 'sku', 'quantity'];
/** The column of an order-line field that checkOrderLine found at fault. */
const FIELD_COLUMN: Record<string, Column> = { itemId: 'sku', quantity: 'quantity', requestedDate: 'requestedDate', lotId: 'lot' };

export async function checkImport(db: Db, today: string, fileName: string, base64: string): Promise<ImportPreview> {
  const { rows } = await readSheet(fileName, Buffer.from(base64, 'base64'));
  const { index, data, errors } = orderSheet(rows, HEADERS, REQUIRED);
  if (errors.length > 0) return { rows: data.length, orders: [], errors };

  const customers = db.prepare("SELECT id, code, name FROM parties WHERE kind = 'customer' AND code = ? COLLATE NOCASE");
  const items = db.prepare('SELECT id, sku, unit FROM items WHERE sku = ? COLLATE NOCASE');
  const lots = db.prepare('SELECT id, code FROM lots WHERE item_id = ? AND code = ?');
  const orders = new Map<string, ImportPreview['orders'][number]>();
  for (const { row, cells } of data) {
    const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? '') : '');
    const problem = (column: Column, key: string, params: Record<string, string | number> = {}) => errors.push({ row, column: HEADERS[column][0], key, params });
    const customer = customers.get(cell('customer')) as { id: string; code: string; name: string } | undefined;
    // An empty cell is a missing code, not an unknown code "".
    if (!cell('customer')) problem('customer', 'errors.orders.import.noCustomer');
    else if (!customer) problem('customer', 'errors.orders.import.unknownCustomer', { value: cell('customer') });
    const item = items.get(cell('sku')) as { id: string; sku: string; unit: string } | undefined;
    if (!cell('sku')) problem('sku', 'errors.orders.import.noSku');
    else if (!item) problem('sku', 'errors.orders.import.unknownSku', { value: cell('sku') });
    const quantity = parseTypedQuantity(cell('quantity'));
    if (Number.isNaN(quantity)) problem('quantity', 'errors.quantity.notANumber');
    const date = cell('requestedDate');
    if (date && !isCalendarDate(date)) problem('requestedDate', 'errors.date.invalid');
    let lot: { id: string; code: string } | undefined;
    if (item && cell('lot')) {
      lot = lots.get(item.id, cell('lot')) as { id: string; code: string } | undefined;
      if (!lot) problem('lot', 'errors.orders.import.unknownLot', { value: cell('lot'), sku: item.sku });
    }
    if (!customer || !item || errors.some((e) => e.row === row)) continue;
    const line = { itemId: item.id, quantity, requestedDate: date || undefined, lotId: lot?.id };
    try {
      // The same check as an order typed at the desk: decimals of the unit, dates, lot of the item.
      const checked = checkOrderLine(db, today, line, '');
      const reference = cell('reference');
      const key = `${customer.id}\u0000${reference}`;
      if (!orders.has(key)) orders.set(key, { customerId: customer.id, customerName: customer.name, ...(reference ? { reference } : {}), lines: [] });
      orders.get(key)!.lines.push({
        itemId: item.id,
        sku: item.sku,
        quantity: fromStored(checked.quantity),
        unit: item.unit,
        ...(line.requestedDate ? { requestedDate: line.requestedDate } : {}),
        ...(lot ? { lotId: lot.id, lotCode: lot.code } : {}),
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem(FIELD_COLUMN[err.data.field ?? ''] ?? 'quantity', err.data.key, err.data.params);
    }
  }
  return { rows: data.length, orders: errors.length > 0 ? [] : [...orders.values()], errors };
}

export const orderImportHandlers = {
  'orders.checkImport': (ctx, input) => checkImport(ctx.station.db, ctx.today, input.fileName, input.base64),
} satisfies Partial<Handlers>;
