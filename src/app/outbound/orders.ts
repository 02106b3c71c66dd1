/**
 * Sales orders: a customer, lines of item, quantity, requested date and (when the customer asks
 * for one) a specific lot. Created at the desk, through the contract or from an import file; the
 * order stays open until every line has shipped, so what could not be allocated or shipped is a
 * backorder on the same order.
 */
import { noteChanges } from '../kernel/audit-changes';
import { partyAuditFields, partyCode } from '../../store/audited-records';
import { fail } from '../../domain/errors';
import { fromStored, isUnit, toStored } from '../../domain/quantity';
import type { ShelfLifeRule } from '../../domain/allocation';
import type { ParsedInput } from '../../contract/contract';
import type { AllocationView, CustomerRef, OrderDetail, OrderLineView, OrderPage, OrderShipmentView } from '../../contract/results';
import { ORDERS_PAGE } from '../../contract/pages';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { containing, LIKE_ESCAPE } from '../../store/like';
import { newId, nextNo } from '../../store/ids';
import type { CallContext, Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';

export type OrderInput = ParsedInput<'orders.create'>;

export interface OrderHeader {
  id: string;
  /** The order's number in allocation rows (migration 014). */
  no: number;
  number: string;
  status: 'open' | 'shipped' | 'cancelled';
  reference: string | null;
  created_at: string;
  customer: CustomerRef;
  rule: ShelfLifeRule;
}

interface HeaderRow {
  id: string;
  no: number;
  number: string;
  status: 'open' | 'shipped' | 'cancelled';
  reference: string | null;
  created_at: string;
  customer_id: string;
  code: string;
  name: string;
  region: string | null;
  channel: string | null;
  min_shelf_life_days: number | null;
  min_shelf_life_percent: number | null;
}

const HEADER_SQL = `SELECT d.id, d.no, d.number, d.status, d.reference, d.created_at, p.id AS customer_id, p.code, p.name, p.region, p.channel,
         p.min_shelf_life_days, p.min_shelf_life_percent
  FROM documents d JOIN parties p ON p.id = d.party_id WHERE d.kind = 'sales_order'`;

function toHeader(r: HeaderRow): OrderHeader {
  return {
    id: r.id,
    no: r.no,
    number: r.number,
    status: r.status,
    reference: r.reference,
    created_at: r.created_at,
    customer: { id: r.customer_id, code: r.code, name: r.name, region: r.region, channel: r.channel },
    rule: { minDays: r.min_shelf_life_days, minPercent: r.min_shelf_life_percent },
  };
}

export function loadOrder(db: Db, orderId: string, field = 'orderId'): OrderHeader {
  const row = statement(db, `${HEADER_SQL} AND d.id = ?`).get(orderId) as HeaderRow | undefined;
  if (!row) throw fail.notFound('errors.orders.unknown', {}, field);
  return toHeader(row);
}

/** An order that may still be allocated, picked, packed or shipped. */
export function loadOpenOrder(db: Db, orderId: string): OrderHeader {
  const order = loadOrder(db, orderId);
  if (order.status !== 'open') throw fail.rule('errors.orders.notOpen', { order: order.number }, 'orderId');
  return order;
}

export interface OrderLineRow {
  id: string;
  /** The line's number in allocation rows (migration 014). */
  no: number;
  line_no: number;
  item_id: string;
  sku: string;
  item_name: string;
  unit: string;
  removal_strategy: 'FEFO' | 'FIFO' | 'LIFO';
  shelf_life_days: number | null;
  ordered: number;
  requested_date: string | null;
  lot_id: string | null;
  requested_lot_code: string | null;
  /** Sum of all allocations of the line, shipped included: what is covered. */
  covered: number;
  allocated: number;
  picked: number;
  shipped: number;
  breaks_rule: number;
}

// An order's lines name few items (a 200-line order, a few dozen): the item's columns are read
// once per item and shared by its lines, not copied into every row (a third of the read's time).
const LINE_COLUMNS = `dl.id, dl.no, dl.line_no, dl.item_id, dl.quantity AS ordered, dl.requested_date, dl.lot_id, rl.code AS requested_lot_code`;
const LINE_FROM = 'FROM document_lines dl LEFT JOIN lots rl ON rl.id = dl.lot_id';
// line_no is unique within a document, so grouping by it follows the (document_id, line_no) index: no sort.
const LINES_WITH_ALLOCATIONS = `SELECT ${LINE_COLUMNS},
            COALESCE(SUM(a.quantity), 0) AS covered,
            COALESCE(SUM(CASE WHEN a.status IN ('open', 'picked') THEN a.quantity END), 0) AS allocated,
            COALESCE(SUM(CASE WHEN a.status IN ('open', 'picked') THEN a.picked END), 0) AS picked,
            COALESCE(SUM(CASE WHEN a.status = 'shipped' THEN a.quantity END), 0) AS shipped,
            COALESCE(MAX(CASE WHEN a.status <> 'void' THEN a.breaks_rule END), 0) AS breaks_rule
     ${LINE_FROM} JOIN documents d ON d.id = dl.document_id LEFT JOIN allocation_rows a ON a.order_no = d.no AND a.line_no = dl.no
     WHERE dl.document_id = ? GROUP BY dl.line_no ORDER BY dl.line_no`;
/** The same rows for an order nothing was ever allocated to: every sum is 0, without a look-up per line. */
const LINES_WITHOUT_ALLOCATIONS = `SELECT ${LINE_COLUMNS}, 0 AS covered, 0 AS allocated, 0 AS picked, 0 AS shipped, 0 AS breaks_rule
     ${LINE_FROM} WHERE dl.document_id = ? ORDER BY dl.line_no`;
const LINE_ITEMS = `SELECT id, sku, name, unit, removal_strategy, shelf_life_days FROM items
     WHERE id IN (SELECT item_id FROM document_lines WHERE document_id = ?)`;

/** A line's values in the order of LINE_COLUMNS and the sums after them. */
type LineValues = [
  id: string,
  no: number,
  line_no: number,
  item_id: string,
  ordered: number,
  requested_date: string | null,
  lot_id: string | null,
  requested_lot_code: string | null,
  covered: number,
  allocated: number,
  picked: number,
  shipped: number,
  breaks_rule: number,
];
interface LineItem {
  id: string;
  sku: string;
  name: string;
  unit: string;
  removal_strategy: OrderLineRow['removal_strategy'];
  shelf_life_days: number | null;
}

export function loadOrderLines(db: Db, orderId: string): OrderLineRow[] {
  const allocated = statement(db, 'SELECT 1 FROM allocation_rows WHERE order_no = (SELECT no FROM documents WHERE id = ?) LIMIT 1').get(orderId) !== undefined;
  const items = new Map((statement(db, LINE_ITEMS).all(orderId) as LineItem[]).map((i) => [i.id, i]));
  // Rows as arrays, made into the line's object once: a row object per line only to copy it cost
  // a 200-line order ~0.35 ms of its ~0.8 ms read (allocation reads every line of the order).
  const rows = statement(db, allocated ? LINES_WITH_ALLOCATIONS : LINES_WITHOUT_ALLOCATIONS)
    .raw(true)
    .all(orderId) as LineValues[];
  return rows.map(([id, no, line_no, item_id, ordered, requested_date, lot_id, requested_lot_code, covered, allocated, picked, shipped, breaks_rule]) => {
    const item = items.get(item_id)!;
    return {
      id,
      no,
      line_no,
      item_id,
      sku: item.sku,
      item_name: item.name,
      unit: item.unit,
      removal_strategy: item.removal_strategy,
      shelf_life_days: item.shelf_life_days,
      ordered,
      requested_date,
      lot_id,
      requested_lot_code,
      covered,
      allocated,
      picked,
      shipped,
      breaks_rule,
    };
  });
}

function toLineView(r: OrderLineRow): OrderLineView {
  return {
    id: r.id,
    lineNo: r.line_no,
    itemId: r.item_id,
    sku: r.sku,
    itemName: r.item_name,
    unit: r.unit,
    strategy: r.removal_strategy,
    ordered: fromStored(r.ordered),
    requestedDate: r.requested_date,
    requestedLot: r.lot_id ? { id: r.lot_id, code: r.requested_lot_code! } : null,
    allocated: fromStored(r.allocated),
    picked: fromStored(r.picked),
    shipped: fromStored(r.shipped),
    short: fromStored(r.ordered - r.covered),
    breaksRule: r.breaks_rule === 1,
  };
}

export interface CheckedLine {
  itemId: string;
  quantity: number;
  requestedDate: string | null;
  lotId: string | null;
}

/** One order line checked against the catalog; errors name the field under `at` (e.g. `lines.2.`). */
export function checkOrderLine(db: Db, today: string, line: OrderInput['lines'][number], at: string): CheckedLine {
  const item = statement(db, 'SELECT id, sku, unit FROM items WHERE id = ?').get(line.itemId) as { id: string; sku: string; unit: string } | undefined;
  if (!item) throw fail.notFound('errors.item.unknown', {}, `${at}itemId`);
  if (!isUnit(item.unit)) throw fail.validation('errors.quantity.wrongUnit', `${at}quantity`, { unit: item.unit, itemUnit: item.unit });
  const quantity = toStored(line.quantity, item.unit, `${at}quantity`);
  if (line.requestedDate && line.requestedDate < today) {
    throw fail.validation('errors.orders.requestedInPast', `${at}requestedDate`, { date: line.requestedDate });
  }
  if (line.lotId) {
    const lot = statement(db, 'SELECT item_id FROM lots WHERE id = ?').get(line.lotId) as { item_id: string } | undefined;
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, `${at}lotId`);
    if (lot.item_id !== item.id) throw fail.validation('errors.orders.lotOtherItem', `${at}lotId`, { sku: item.sku });
  }
  return { itemId: item.id, quantity, requestedDate: line.requestedDate ?? null, lotId: line.lotId ?? null };
}

export function isCustomer(db: Db, id: string): boolean {
  return statement(db, "SELECT 1 FROM parties WHERE id = ? AND kind = 'customer'").get(id) !== undefined;
}

/** Validates one order and writes it; `path` prefixes field names when it is one of several (an import). */
export function createOrder(ctx: CallContext, input: OrderInput, path = ''): { id: string; number: string } {
  const db = ctx.station.db;
  if (!isCustomer(db, input.customerId)) throw fail.notFound('errors.orders.unknownCustomer', {}, `${path}customerId`);
  const lines = input.lines.map((line, i) => checkOrderLine(db, ctx.today, line, `${path}lines.${i}.`));
  const doc = createDocument(ctx, 'sales_order', { partyId: input.customerId, reference: input.reference || undefined, status: 'open' });
  const insert = statement(
    db,
    `INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity, requested_date, no) VALUES (?, ?, ?, ?, ?, ?, ?, ${nextNo('document_lines')})`,
  );
  lines.forEach((l, i) => insert.run(newId(), doc.id, i + 1, l.itemId, l.lotId, l.quantity, l.requestedDate));
  // The lines are the order's own record (document_lines); the audit names the order, its customer and how many lines.
  noteChanges(ctx, { object: 'salesOrder', id: doc.id, label: doc.number }, null, {
    number: doc.number,
    customer: partyCode(db, input.customerId),
    reference: input.reference || null,
    lines: lines.length,
  });
  return doc;
}

/**
 * List order: open orders oldest first (the longest-waiting is the most urgent to pick), then
 * shipped ones newest first (the latest shipments are the ones looked up); number and id break ties.
 */
const LIST_ORDER = `CASE WHEN d.status = 'open' THEN 0 ELSE 1 END, CASE WHEN d.status = 'open' THEN d.created_at END,
  CASE WHEN d.status = 'open' THEN d.number END, d.created_at DESC, d.number DESC, d.id`;
const LISTED_FROM = "FROM documents d JOIN parties p ON p.id = d.party_id WHERE d.kind = 'sales_order'";
const SEARCHED = `(d.number LIKE @like ${LIKE_ESCAPE} OR p.code LIKE @like ${LIKE_ESCAPE} OR p.name LIKE @like ${LIKE_ESCAPE} OR d.reference LIKE @like ${LIKE_ESCAPE})`;
/**
 * The Orders screen's search also names an order by one of its shipments' numbers (SHP-…): the
 * matching shipments are read once (shipment documents through documents_kind_status) into a set
 * of their orders, not probed per order. The desks' selectors (a stage) look for work, not
 * shipments, and skip it.
 */
const SEARCHED_OR_SHIPPED = `(${SEARCHED}
  OR d.id IN (SELECT s.order_id FROM documents sd JOIN shipments s ON s.document_id = sd.id WHERE sd.kind = 'shipment' AND sd.number LIKE @like ${LIKE_ESCAPE}))`;

/** An allocation row whose picked stock waits in staging to be packed and shipped (shipping checks and ships these). */
export const PICKED_UNSHIPPED = "status IN ('open', 'picked') AND picked > 0";
/**
 * What a desk's order selector offers: open orders with work for that desk, each an EXISTS probe
 * of the order's allocation rows through the (order, line, status) index. Picking: something
 * allocated and not yet picked in full (an `open` allocation). Packing: picked stock not shipped.
 */
const AT_STAGE = {
  picking: "AND d.status = 'open' AND EXISTS (SELECT 1 FROM allocation_rows WHERE order_no = d.no AND status = 'open')",
  packing: `AND d.status = 'open' AND EXISTS (SELECT 1 FROM allocation_rows WHERE order_no = d.no AND ${PICKED_UNSHIPPED})`,
} as const;

/**
 * One page of orders with the whole list's total, and each listed order's line and short-line
 * counts, counted in the same query: reading every order's lines to count them took 240 ms for
 * 200 orders of 200 lines. A line is short while its allocations (shipped included) cover less
 * than it orders, as `covered` in loadOrderLines.
 */
function orderPage(db: Db, input: ParsedInput<'orders.list'>): OrderPage {
  const where = [input.status ? 'AND d.status = @status' : '', input.stage ? AT_STAGE[input.stage] : '', input.search ? `AND ${input.stage ? SEARCHED : SEARCHED_OR_SHIPPED}` : ''].join(' ');
  const params = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.search ? { like: containing(input.search) } : {}),
    limit: input.limit ?? ORDERS_PAGE,
    offset: input.offset ?? 0,
  };
  const rows = statement(
    db,
    `WITH page AS (
       SELECT d.id, COUNT(*) OVER () AS total, ROW_NUMBER() OVER (ORDER BY ${LIST_ORDER}) AS pos
       ${LISTED_FROM} ${where}
       ORDER BY pos LIMIT @limit OFFSET @offset
     )
     SELECT h.*, page.total, page.pos, COUNT(dl.id) AS line_count,
            COALESCE(SUM(dl.quantity > COALESCE((SELECT SUM(a.quantity) FROM allocation_rows a WHERE a.order_no = h.no AND a.line_no = dl.no), 0)), 0) AS short_lines
     FROM page JOIN (${HEADER_SQL}) h ON h.id = page.id
     LEFT JOIN document_lines dl ON dl.document_id = h.id
     GROUP BY h.id ORDER BY page.pos`,
  ).all(params) as (HeaderRow & { total: number; line_count: number; short_lines: number })[];
  // A page past the end still tells how many orders there are.
  const total =
    rows[0]?.total ??
    (statement(db, `SELECT COUNT(*) AS total ${LISTED_FROM} ${where}`).get(params) as { total: number }).total;
  return {
    total,
    ...(total === 0 && input.status && input.search && !input.stage ? { elsewhere: elsewhere(db, input.status, input.search) } : {}),
    rows: rows.map((r) => {
      const h = toHeader(r);
      return {
        id: h.id,
        number: h.number,
        customer: h.customer,
        reference: h.reference,
        status: h.status,
        createdAt: h.created_at,
        lineCount: r.line_count,
        shortLines: r.short_lines,
      };
    }),
  };
}

/**
 * A search that finds nothing among the open (or shipped) orders is counted among the others, so
 * the Orders screen says "1 in Shipped" instead of a bare "no orders": a shipment number typed on
 * the Open tab names an order that has shipped in full. Only asked when the page is empty.
 */
function elsewhere(db: Db, status: 'open' | 'shipped', search: string): NonNullable<OrderPage['elsewhere']> {
  const other = status === 'open' ? 'shipped' : 'open';
  const { total } = statement(db, `SELECT COUNT(*) AS total ${LISTED_FROM} AND d.status = @status AND ${SEARCHED_OR_SHIPPED}`).get({
    status: other,
    like: containing(search),
  }) as { total: number };
  return { status: other, total };
}

/**
 * An order's shipments, first shipped first: each with its lines by lot (and the order line each
 * delivered) and its packages' SSCCs, so a shipped order shows what left and when, and each
 * shipment's delivery note can be printed again.
 */
function orderShipments(db: Db, orderId: string): OrderShipmentView[] {
  const shipments = statement(
    db,
    `SELECT d.id, d.number, s.shipped_at AS shippedAt FROM shipments s JOIN documents d ON d.id = s.document_id
     WHERE s.order_id = ? ORDER BY s.shipped_at, d.number`,
  ).all(orderId) as Omit<OrderShipmentView, 'ssccs' | 'lines'>[];
  if (shipments.length === 0) return [];
  const lines = statement(
    db,
    `SELECT dl.document_id AS shipmentId, ol.line_no AS orderLineNo, i.sku, l.code AS lotCode, l.expiry_date AS expiryDate, dl.quantity, i.unit
     FROM shipments s JOIN document_lines dl ON dl.document_id = s.document_id JOIN items i ON i.id = dl.item_id
     JOIN lots l ON l.id = dl.lot_id JOIN document_lines ol ON ol.id = dl.source_line_id
     WHERE s.order_id = ? ORDER BY dl.line_no`,
  ).all(orderId) as (OrderShipmentView['lines'][number] & { shipmentId: string })[];
  const packages = statement(db, 'SELECT shipment_id AS shipmentId, sscc FROM packages WHERE document_id = ? AND shipment_id IS NOT NULL ORDER BY sscc').all(
    orderId,
  ) as { shipmentId: string; sscc: string }[];
  return shipments.map((s) => ({
    ...s,
    ssccs: packages.filter((p) => p.shipmentId === s.id).map((p) => p.sscc),
    lines: lines.filter((l) => l.shipmentId === s.id).map(({ shipmentId: _, ...l }) => ({ ...l, quantity: fromStored(l.quantity) })),
  }));
}

export function orderDetail(db: Db, orderId: string): OrderDetail {
  const order = loadOrder(db, orderId);
  const lines = loadOrderLines(db, orderId);
  const allocations = db
    .prepare(
      `SELECT a.id, a.order_line_id AS lineId, dl.line_no AS lineNo, i.sku, i.unit, a.lot_id AS lotId, l.code AS lotCode, l.expiry_date AS expiryDate,
              a.location_id AS locationId, loc.code AS locationCode, a.quantity, a.picked, a.status, a.breaks_rule AS breaksRule
       FROM allocations a JOIN document_lines dl ON dl.id = a.order_line_id JOIN items i ON i.id = a.item_id
       JOIN lots l ON l.id = a.lot_id JOIN locations loc ON loc.id = a.location_id
       WHERE a.document_id = ? AND a.status <> 'void' ORDER BY dl.line_no, a.created_at, a.id`,
    )
    .all(orderId) as (Omit<AllocationView, 'breaksRule'> & { breaksRule: number })[];
  const exceptions = db
    .prepare(
      `SELECT e.at, e.kind, l.code AS lotCode, loc.code AS locationCode, e.quantity, i.unit, u.display_name AS user
       FROM pick_exceptions e JOIN allocations a ON a.id = e.allocation_id JOIN lots l ON l.id = a.lot_id
       JOIN locations loc ON loc.id = a.location_id JOIN items i ON i.id = a.item_id JOIN users u ON u.id = e.user_id
       WHERE a.document_id = ? ORDER BY e.at, e.id`,
    )
    .all(orderId) as OrderDetail['exceptions'];
  return {
    id: order.id,
    number: order.number,
    customer: order.customer,
    reference: order.reference,
    erpId: statement(db, 'SELECT external_id FROM documents WHERE id = ?').pluck().get(orderId) as string | null,
    status: order.status,
    createdAt: order.created_at,
    lineCount: lines.length,
    shortLines: lines.filter((l) => l.ordered > l.covered).length,
    lines: lines.map(toLineView),
    allocations: allocations.map((a) => ({ ...a, quantity: fromStored(a.quantity), picked: fromStored(a.picked), breaksRule: a.breaksRule === 1 })),
    exceptions: exceptions.map((e) => ({ ...e, quantity: fromStored(e.quantity) })),
    shipments: orderShipments(db, orderId),
  };
}

export const orderHandlers = {
  'orders.create': (ctx, input) => createOrder(ctx, input),
  'orders.import': (ctx, input) => ({ orders: input.orders.map((o, i) => createOrder(ctx, o, `orders.${i}.`)) }),
  'orders.list': (ctx, input) => orderPage(ctx.station.db, input),
  'orders.get': (ctx, input) => orderDetail(ctx.station.db, input.orderId),
  'customers.setShelfLifeRule': (ctx, input) => {
    const before = partyAuditFields(ctx.station.db, input.customerId);
    const res = ctx.station.db
      .prepare("UPDATE parties SET min_shelf_life_days = ?, min_shelf_life_percent = ? WHERE id = ? AND kind = 'customer'")
      .run(input.minDays, input.minPercent, input.customerId);
    if (res.changes !== 1) throw fail.notFound('errors.orders.unknownCustomer', {}, 'customerId');
    noteChanges(
      ctx,
      { object: 'customer', id: input.customerId, label: before!.code },
      { minShelfLifeDays: before!.minShelfLifeDays, minShelfLifePercent: before!.minShelfLifePercent },
      { minShelfLifeDays: input.minDays, minShelfLifePercent: input.minPercent },
    );
    return { done: true };
  },
} satisfies Partial<Handlers>;
