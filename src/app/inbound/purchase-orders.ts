/**
 * Purchase orders (issue 15): created with a supplier, an expected date and lines; edited and
 * cancelled only while nothing was received against them; closed short with a reason after a
 * partial receipt; imported from CSV/XLSX with the preview-then-import pattern of sales orders
 * (the same reader, src/app/outbound/order-import.ts). Receiving against their lines is
 * src/app/inbound/receiving.ts; an open order is what it offers. SQL in src/store/purchase-orders.ts.
 */
import { AppError, fail } from '../../domain/errors';
import { isCalendarDate } from '../../domain/dates';
import { fromStored, isUnit, parseTypedQuantity, toStored } from '../../domain/quantity';
import type { ParsedInput } from '../../contract/contract';
import type { PurchaseOrderDetail, PurchaseOrderImportPreview, PurchaseOrderSummary } from '../../contract/results';
import { nextCounterValue } from '../../store/counters';
import type { Db } from '../../store/db';
import {
  insertPurchaseOrder,
  purchaseOrderById,
  purchaseOrderLines,
  purchaseOrderNumberTaken,
  rewritePurchaseOrder,
  searchPurchaseOrders,
  setPurchaseOrderStatus,
  type NewPoLine,
  type PoRecord,
} from '../../store/purchase-orders';
import { noteChanges, type AuditFields } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { findItem } from '../master-data/catalog';
import { orderSheet, readSheet } from '../shared/sheet-read';

type PoInput = ParsedInput<'purchaseOrders.create'>;

function supplier(db: Db, id: string, field = 'supplierId'): { id: string; code: string; name: string } {
  const row = db.prepare("SELECT id, code, name FROM parties WHERE id = ? AND kind = 'supplier'").get(id) as { id: string; code: string; name: string } | undefined;
  if (!row) throw fail.notFound('errors.supplier.unknown', {}, field);
  return row;
}

/** The lines in thousandths of each item's unit, checked as a receipt would check them. */
function checkedLines(db: Db, lines: PoInput['lines'], field = 'lines'): (NewPoLine & { sku: string; unit: string })[] {
  return lines.map((l, i) => {
    const item = findItem(db, l.itemId);
    if (!item) throw fail.notFound('errors.item.unknown', {}, `${field}.${i}.itemId`);
    if (!isUnit(item.unit)) throw fail.validation('errors.quantity.wrongUnit', `${field}.${i}.quantity`, { unit: item.unit, itemUnit: item.unit });
    return { itemId: item.id, quantity: toStored(l.quantity, item.unit, `${field}.${i}.quantity`), sku: item.sku, unit: item.unit };
  });
}

function nextNumber(ctx: CallContext): string {
  const day = ctx.today.replaceAll('-', '');
  // A number typed into an older desk by hand (the demo's PO-1001) never collides with these, but check anyway.
  for (;;) {
    const number = `PO-${day}-${String(nextCounterValue(ctx.station.db, `document:PO:${day}`)).padStart(4, '0')}`;
    if (!purchaseOrderNumberTaken(ctx.station.db, number)) return number;
  }
}

/** The order as the audit shows it: header fields and one field per line ("TEA-250 240 pcs"). */
function auditFields(po: { supplierCode: string; reference: string | null; expectedDate: string | null; status: string; closedReason?: string | null }, lines: { sku: string; unit: string; quantity: number }[]): AuditFields {
  return {
    supplier: po.supplierCode,
    reference: po.reference,
    expectedDate: po.expectedDate,
    status: po.status,
    closedReason: po.closedReason ?? null,
    ...Object.fromEntries(lines.map((l, i) => [`line ${i + 1}`, `${l.sku} ${fromStored(l.quantity)} ${l.unit}`])),
  };
}

function storedLines(db: Db, id: string) {
  return purchaseOrderLines(db, id).map((l) => ({ sku: l.sku, unit: l.unit, quantity: l.ordered }));
}

function create(ctx: CallContext, input: PoInput): { id: string; number: string } {
  const db = ctx.station.db;
  const sup = supplier(db, input.supplierId);
  const lines = checkedLines(db, input.lines);
  const number = nextNumber(ctx);
  const po = { number, supplierId: sup.id, reference: input.reference || null, expectedDate: input.expectedDate ?? null, lines };
  const id = insertPurchaseOrder(db, po, ctx.now.toISOString(), requireUser(ctx).id);
  noteChanges(ctx, { object: 'purchaseOrder', id, label: number }, null, auditFields({ ...po, supplierCode: sup.code, status: 'open' }, lines));
  return { id, number };
}

function openOrder(ctx: CallContext, id: string, nothingReceived: boolean): PoRecord {
  const po = purchaseOrderById(ctx.station.db, id);
  if (!po) throw fail.notFound('errors.purchaseOrders.unknown', {}, 'purchaseOrderId');
  // The ERP owns what it sent: a desk edit or cancel would be undone by its next version. A close
  // short stays the desk's: it says what physically came (docs/DESIGN.md, "ERP orders at the desk").
  if (nothingReceived && po.erpId) throw fail.rule('errors.purchaseOrders.erpOwned', { po: po.number, erp: po.erpId }, 'purchaseOrderId');
  if (po.status !== 'open') throw fail.rule('errors.purchaseOrders.notOpen', { po: po.number, status: po.status }, 'purchaseOrderId');
  if (nothingReceived && po.received > 0) throw fail.rule('errors.purchaseOrders.received', { po: po.number }, 'purchaseOrderId');
  return po;
}

function summary(po: PoRecord): PurchaseOrderSummary {
  const { received, ...rest } = po;
  return { ...rest, anyReceived: received > 0 };
}

function detail(db: Db, po: PoRecord): PurchaseOrderDetail {
  return {
    ...summary(po),
    lineItems: purchaseOrderLines(db, po.id).map((l) => ({
      ...l,
      ordered: fromStored(l.ordered),
      received: fromStored(l.received),
      open: fromStored(Math.max(0, l.ordered - l.received)),
    })),
  };
}

// ── Import: one row per line; rows with the same supplier and reference form one order. ──
type Column = 'supplier' | 'reference' | 'expectedDate' | 'sku' | 'quantity';
const HEADERS: Record<Column, string[]> = {
  supplier: ['supplier', '供应商', '供应商编码'],
  reference: ['reference', 'po', 'ponumber', '采购单号', '订单号'],
  expectedDate: ['expectedDate', 'expected', 'date', '预计到货日期', '预计到货', '预计日期', '到货日期'],
  sku: ['sku', 'item', '物料编码', '物料'],
  quantity: ['quantity', 'qty', '数量'],
};
const REQUIRED: Column[] = ['supplier', 'sku', 'quantity'];

export async function checkPurchaseOrderImport(db: Db, fileName: string, base64: string): Promise<PurchaseOrderImportPreview> {
  const { rows } = await readSheet(fileName, Buffer.from(base64, 'base64'));
  const { index, data, errors } = orderSheet(rows, HEADERS, REQUIRED);
  if (errors.length > 0) return { rows: data.length, orders: [], errors };

  const suppliers = db.prepare("SELECT id, code, name FROM parties WHERE kind = 'supplier' AND code = ? COLLATE NOCASE");
  const items = db.prepare('SELECT id, sku, unit FROM items WHERE sku = ? COLLATE NOCASE');
  const orders = new Map<string, PurchaseOrderImportPreview['orders'][number]>();
  for (const { row, cells } of data) {
    const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? '') : '');
    const problem = (column: Column, key: string, params: Record<string, string | number> = {}) => errors.push({ row, column: HEADERS[column][0], key, params });
    const sup = suppliers.get(cell('supplier')) as { id: string; code: string; name: string } | undefined;
    if (!cell('supplier')) problem('supplier', 'errors.purchaseOrders.import.noSupplier');
    else if (!sup) problem('supplier', 'errors.purchaseOrders.import.unknownSupplier', { value: cell('supplier') });
    const item = items.get(cell('sku')) as { id: string; sku: string; unit: string } | undefined;
    if (!cell('sku')) problem('sku', 'errors.orders.import.noSku');
    else if (!item) problem('sku', 'errors.orders.import.unknownSku', { value: cell('sku') });
    const quantity = parseTypedQuantity(cell('quantity'));
    if (!cell('quantity')) problem('quantity', 'errors.purchaseOrders.import.noQuantity');
    else if (Number.isNaN(quantity)) problem('quantity', 'errors.quantity.notANumber');
    const date = cell('expectedDate');
    if (date && !isCalendarDate(date)) problem('expectedDate', 'errors.date.invalid');
    if (!sup || !item || errors.some((e) => e.row === row)) continue;
    let stored: number;
    try {
      if (!isUnit(item.unit)) throw fail.validation('errors.quantity.wrongUnit', 'quantity', { unit: item.unit, itemUnit: item.unit });
      stored = toStored(quantity, item.unit);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem('quantity', err.data.key, err.data.params);
      continue;
    }
    const reference = cell('reference');
    const key = `${sup.id}\u0000${reference}`;
    const order = orders.get(key);
    if (order && (order.expectedDate ?? '') !== date) {
      problem('expectedDate', 'errors.purchaseOrders.import.twoDates', { reference: reference || '—' });
      continue;
    }
    if (!order) orders.set(key, { supplierId: sup.id, supplierName: sup.name, ...(reference ? { reference } : {}), ...(date ? { expectedDate: date } : {}), lines: [] });
    orders.get(key)!.lines.push({ itemId: item.id, sku: item.sku, quantity: fromStored(stored), unit: item.unit });
  }
  const list = [...orders.values()];
  if (errors.length === 0 && list.some((o) => o.lines.length > 500)) errors.push({ row: 1, column: '', key: 'errors.purchaseOrders.import.tooManyLines', params: { max: 500 } });
  return { rows: data.length, orders: errors.length > 0 ? [] : list, errors };
}

export const purchaseOrderHandlers = {
  'purchaseOrders.list': (ctx, input) =>
    searchPurchaseOrders(ctx.station.db, { status: input.status ?? 'open', search: input.search ?? '', limit: 200 }).map(summary),
  'purchaseOrders.get': (ctx, input) => {
    const po = purchaseOrderById(ctx.station.db, input.purchaseOrderId);
    if (!po) throw fail.notFound('errors.purchaseOrders.unknown', {}, 'purchaseOrderId');
    return detail(ctx.station.db, po);
  },
  'purchaseOrders.create': (ctx, input) => create(ctx, input),
  'purchaseOrders.update': (ctx, input) => {
    const db = ctx.station.db;
    const po = openOrder(ctx, input.purchaseOrderId, true);
    const before = auditFields(po, storedLines(db, po.id));
    const sup = supplier(db, input.supplierId);
    const lines = checkedLines(db, input.lines);
    const next = { supplierId: sup.id, reference: input.reference || null, expectedDate: input.expectedDate ?? null, lines };
    const after = auditFields({ ...next, supplierCode: sup.code, status: po.status }, lines);
    if (JSON.stringify(before) === JSON.stringify(after)) throw fail.rule('errors.purchaseOrders.noChange', {}, 'lines');
    rewritePurchaseOrder(db, po.id, next);
    noteChanges(ctx, { object: 'purchaseOrder', id: po.id, label: po.number }, before, after);
    return { done: true };
  },
  'purchaseOrders.cancel': (ctx, input) => {
    const po = openOrder(ctx, input.purchaseOrderId, true);
    const reason = input.reason || null;
    setPurchaseOrderStatus(ctx.station.db, po.id, 'cancelled', reason);
    noteChanges(ctx, { object: 'purchaseOrder', id: po.id, label: po.number }, { status: po.status, closedReason: null }, { status: 'cancelled', closedReason: reason });
    return { done: true };
  },
  'purchaseOrders.closeShort': (ctx, input) => {
    const po = openOrder(ctx, input.purchaseOrderId, false);
    if (po.received === 0) throw fail.rule('errors.purchaseOrders.nothingReceived', { po: po.number }, 'purchaseOrderId');
    setPurchaseOrderStatus(ctx.station.db, po.id, 'closed', input.reason);
    noteChanges(ctx, { object: 'purchaseOrder', id: po.id, label: po.number }, { status: po.status, closedReason: null }, { status: 'closed', closedReason: input.reason });
    return { done: true };
  },
  'purchaseOrders.checkImport': (ctx, input) => checkPurchaseOrderImport(ctx.station.db, input.fileName, input.base64),
  'purchaseOrders.import': (ctx, input) => ({ orders: input.orders.map((o, i) => {
    try {
      return create(ctx, o);
    } catch (err) {
      // Name the order of the file at fault: the import is one transaction and writes nothing.
      if (err instanceof AppError && err.data.field) throw new AppError(err.data.code, err.data.key, err.data.params, `orders.${i}.${err.data.field}`);
      throw err;
    }
  }) }),
} satisfies Partial<Handlers>;
