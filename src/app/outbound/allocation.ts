/**
 * Allocation: free stock promised to order lines, lot by lot and bin by bin, in the item's
 * removal order. The database walks an item's released lots through an index in that order and
 * the walk stops as soon as a line is covered, so an item with ten thousand lots costs what its
 * first few lots cost. The eligibility rules themselves live in src/domain/allocation.ts.
 */
import { newId } from '../../store/ids';
import { fail } from '../../domain/errors';
import { addDays } from '../../domain/dates';
import { effectiveStatus, type StoredLotStatus } from '../../domain/lot-status';
import { fromStored } from '../../domain/quantity';
import {
  candidateIneligibility,
  compareRank,
  firstAvailable,
  lotIneligibility,
  shipDateOf,
  takeInOrder,
  type EligibilityContext,
  type Ineligibility,
  type RemovalStrategy,
  type StockCandidate,
  type Take,
} from '../../domain/allocation';
import type { AllocationLineResult } from '../../contract/results';
import type { Db } from '../../store/db';
import { FREE_SQL, freeStock, reservedSql } from '../../store/free-stock';
import { statement } from '../../store/statements';
import type { Handlers } from '../kernel/context';
import { loadOpenOrder, loadOrderLines, type OrderHeader, type OrderLineRow } from './orders';

interface CandidateRow {
  /** The lot's and bin's numbers, which allocation rows hold (migration 014). */
  lotNo: number;
  locationNo: number;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  productionDate: string | null;
  receivedAt: string;
  locationId: string;
  locationCode: string;
  routeOrder: number | null;
  free: number;
}

/** A candidate as the walk reads it: with the numbers its allocation rows are written with. */
type Candidate = StockCandidate & Pick<CandidateRow, 'lotNo' | 'locationNo'>;

interface LotBinRow extends CandidateRow {
  status: StoredLotStatus;
  pickable: number;
}

const COLUMNS = `l.no AS lotNo, loc.no AS locationNo, l.id AS lotId, l.code AS lotCode, l.expiry_date AS expiryDate, l.production_date AS productionDate,
  l.created_at AS receivedAt, b.location_id AS locationId, loc.code AS locationCode, loc.route_order AS routeOrder,
  ${FREE_SQL} AS free`;
const FROM = 'FROM lots l JOIN balances b ON b.lot_id = l.id JOIN locations loc ON loc.id = b.location_id';
/** Released stock in active pickable bins: the part of eligibility an index can answer. */
const RELEASED_PICKABLE = `l.item_id = @item AND l.status = 'released' AND loc.pickable = 1 AND loc.active = 1`;
const ROUTE = 'loc.route_order IS NULL, loc.route_order, loc.code';

/** The queries of one walk, in the order of compareRemoval (src/domain/allocation.ts); parameters @item and @minExpiry. */
const WALKS: Record<RemovalStrategy, string[]> = {
  FEFO: [
    `SELECT ${COLUMNS} ${FROM} WHERE ${RELEASED_PICKABLE} AND l.expiry_date >= @minExpiry ORDER BY l.expiry_date, l.created_at, l.id, ${ROUTE}`,
    // Lots without an expiry date go after every dated lot.
    `SELECT ${COLUMNS} ${FROM} WHERE ${RELEASED_PICKABLE} AND l.expiry_date IS NULL ORDER BY l.created_at, l.id, ${ROUTE}`,
  ],
  FIFO: [`SELECT ${COLUMNS} ${FROM} WHERE ${RELEASED_PICKABLE} AND (l.expiry_date IS NULL OR l.expiry_date >= @minExpiry) ORDER BY l.created_at, l.id, ${ROUTE}`],
  LIFO: [`SELECT ${COLUMNS} ${FROM} WHERE ${RELEASED_PICKABLE} AND (l.expiry_date IS NULL OR l.expiry_date >= @minExpiry) ORDER BY l.created_at DESC, l.id, ${ROUTE}`],
};

/**
 * The row object is the candidate: two fields set in place instead of a copy per row. A walk's
 * rows are released stock in pickable bins by its WHERE clause, so it does not read those two
 * columns per row (every value read is a string or number made for JavaScript).
 */
function toCandidate(r: CandidateRow, status: StoredLotStatus, pickable: boolean, today: string): StockCandidate {
  const c = r as unknown as StockCandidate;
  c.status = effectiveStatus(status, r.expiryDate, today);
  c.pickable = pickable;
  return c;
}

/** The line's eligibility context: its ship date and the customer's shelf-life rule. */
export function eligibilityFor(order: OrderHeader, line: Pick<OrderLineRow, 'requested_date' | 'shelf_life_days'>, today: string): EligibilityContext {
  return { shipDate: shipDateOf(today, line.requested_date), rule: order.rule, shelfLifeDays: line.shelf_life_days };
}

/** Free stock of an item in removal order, read lazily. */
export function* walkCandidates(db: Db, itemId: string, strategy: RemovalStrategy, ctx: EligibilityContext, today: string): Generator<StockCandidate> {
  // Lots expiring before the customer's minimum in days can be skipped by the index already.
  const minExpiry = ctx.rule.minDays ? addDays(ctx.shipDate, ctx.rule.minDays) : ctx.shipDate;
  for (const sql of WALKS[strategy]) {
    const params = sql.includes('@minExpiry') ? { item: itemId, minExpiry } : { item: itemId };
    for (const row of statement(db, sql).iterate(params) as IterableIterator<CandidateRow>) yield toCandidate(row, 'released', true, today);
  }
}

/** Every bin holding a lot, pickable or not, with its free part (walking route order). */
export function lotCandidates(db: Db, lotId: string, today: string): StockCandidate[] {
  return (statement(db, `SELECT ${COLUMNS}, l.status, loc.pickable ${FROM} WHERE l.id = ? ORDER BY ${ROUTE}`).all(lotId) as LotBinRow[]).map((r) =>
    toCandidate(r, r.status, r.pickable === 1, today),
  );
}

/** A row to write: the order's, line's, lot's and bin's numbers (migration 014). */
export interface NewAllocation {
  orderNo: number;
  lineNo: number;
  lotNo: number;
  locationNo: number;
  quantity: number;
  breaksRule: boolean;
  at: string;
}

const ALLOCATION_COLUMNS = 'order_no, line_no, lot_no, location_no, quantity, picked, status, breaks_rule, created_at';
const ALLOCATION_VALUES = "(?, ?, ?, ?, ?, 0, 'open', ?, ?)";
/** Rows per multi-row INSERT, largest first: any count is written with at most one statement of each size. */
const BATCH_SIZES = [64, 32, 16, 8, 4, 2, 1];

const INSERT_SQL = new Map(BATCH_SIZES.map((n) => [n, `INSERT INTO allocation_rows (${ALLOCATION_COLUMNS}) VALUES ${Array(n).fill(ALLOCATION_VALUES).join(', ')}`]));

function bind(params: unknown[], a: NewAllocation): void {
  params.push(a.orderNo, a.lineNo, a.lotNo, a.locationNo, a.quantity, a.breaksRule ? 1 : 0, a.at);
}

/**
 * One allocation of a lot in a bin to an order line, named by their ids (a picker's swap). The
 * line, lot and bin were read in the same transaction; one that is not there is a bug, not input.
 */
export function insertAllocation(db: Db, a: { lineId: string; lotId: string; locationId: string; quantity: number; at: string }): number {
  const row = statement(
    db,
    `INSERT INTO allocation_rows (${ALLOCATION_COLUMNS})
     SELECT d.no, dl.no, (SELECT no FROM lots WHERE id = @lot), (SELECT no FROM locations WHERE id = @bin), @quantity, 0, 'open', 0, @at
     FROM document_lines dl JOIN documents d ON d.id = dl.document_id WHERE dl.id = @line RETURNING id`,
  ).get({ line: a.lineId, lot: a.lotId, bin: a.locationId, quantity: a.quantity, at: a.at }) as { id: number } | undefined;
  if (!row) throw new Error(`no order line ${a.lineId} to allocate to`);
  return row.id;
}

/**
 * Writes an order's allocations with multi-row INSERTs: one call into SQLite per batch instead of
 * per row is a third less time for the ~340 rows of a 200-line order (docs/PERFORMANCE.md).
 */
export function insertAllocations(db: Db, rows: NewAllocation[]): void {
  let from = 0;
  for (const size of BATCH_SIZES) {
    const insert = statement(db, INSERT_SQL.get(size)!);
    for (; rows.length - from >= size; from += size) {
      const params: unknown[] = [];
      for (let i = from; i < from + size; i++) bind(params, rows[i]);
      insert.run(...params);
    }
  }
}

/** An allocation gives up `by` of its unpicked part; it is done ('picked' or 'void') when nothing is left to pick. */
export function shrinkAllocation(db: Db, id: number, by: number): void {
  statement(
    db,
    `UPDATE allocation_rows SET quantity = quantity - @by,
       status = CASE WHEN quantity - @by > picked THEN 'open' WHEN picked > 0 THEN 'picked' ELSE 'void' END
     WHERE id = @id`,
  ).run({ id, by });
}

export function insertPickException(db: Db, e: { at: string; kind: 'short' | 'damaged'; allocationId: number; quantity: number; userId: string; movementId: string | null }): void {
  statement(db, 'INSERT INTO pick_exceptions (id, at, kind, allocation_id, quantity, user_id, movement_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    newId(),
    e.at,
    e.kind,
    e.allocationId,
    e.quantity,
    e.userId,
    e.movementId,
  );
}

/**
 * After a count found less of a lot in a bin than open allocations promise: the most recent
 * allocations give up the difference, each recorded as a short pick against the count's
 * movement. The count stays the truth; the orders show the shortage and may be allocated again.
 */
export function shrinkToStock(db: Db, lotId: string, locationId: string, by: { at: string; userId: string; movementId: string }): { orderNumber: string; quantity: number }[] {
  let excess = -freeStock(db, lotId, locationId).free;
  const shortened: { orderNumber: string; quantity: number }[] = [];
  if (excess <= 0) return shortened;
  const open = statement(
    db,
    `SELECT a.id, a.quantity - a.picked AS unpicked, d.number FROM allocation_rows a JOIN documents d ON d.no = a.order_no
     WHERE a.lot_no = (SELECT no FROM lots WHERE id = ?) AND a.location_no = (SELECT no FROM locations WHERE id = ?)
       AND a.status = 'open' AND a.quantity > a.picked ORDER BY a.id DESC`,
  ).all(lotId, locationId) as { id: number; unpicked: number; number: string }[];
  for (const a of open) {
    if (excess <= 0) break;
    const quantity = Math.min(a.unpicked, excess);
    shrinkAllocation(db, a.id, quantity);
    insertPickException(db, { at: by.at, kind: 'short', allocationId: a.id, quantity, userId: by.userId, movementId: by.movementId });
    shortened.push({ orderNumber: a.number, quantity });
    excess -= quantity;
  }
  return shortened;
}

interface LinePlan {
  takes: Take[];
  short: number;
  breaksRule: boolean;
  refusal: AllocationLineResult['refusal'];
}

/** A line naming a lot gets that lot only; it is flagged when an earlier lot was free. */
function planRequestedLot(db: Db, line: OrderLineRow, need: number, ctx: EligibilityContext, today: string): LinePlan {
  const bins = lotCandidates(db, line.lot_id!, today);
  const { takes, short } = takeInOrder(bins, need, ctx);
  if (takes.length === 0) {
    const lotFacts = bins[0];
    const reason = lotFacts ? lotIneligibility(lotFacts, ctx) : null;
    return {
      takes,
      short,
      breaksRule: false,
      refusal: reason ?? { key: 'errors.allocation.requestedLotNoStock', params: { lot: line.requested_lot_code! } },
    };
  }
  const first = firstAvailable(walkCandidates(db, line.item_id, line.removal_strategy, ctx, today), ctx);
  return { takes, short, breaksRule: first !== null && compareRank(line.removal_strategy, first, takes[0].candidate) < 0, refusal: null };
}

/**
 * Lines of one item with the same eligibility, allocated from one walk: each line takes where the
 * previous one stopped (a lot partly taken stays first), which is what walking again from the
 * start would find, at the cost of one query instead of one per line. The cursor is read by hand
 * so that ending one line's take does not close it.
 */
function planRun(db: Db, run: OrderLineRow[], ctx: EligibilityContext, today: string, need: (l: OrderLineRow) => number): LinePlan[] {
  const cursor = walkCandidates(db, run[0].item_id, run[0].removal_strategy, ctx, today);
  let current: StockCandidate | undefined;
  // An iterator object rather than a generator wrapping the cursor: such a generator per line kept
  // the rows it had seen alive through a minor GC (~4 MB promoted each time, 4 ms pauses).
  const fromCurrent: Iterable<StockCandidate> = {
    [Symbol.iterator]: () => {
      let again = current !== undefined;
      return {
        next: (): IteratorResult<StockCandidate> => {
          if (again) {
            again = false;
            return { value: current!, done: false };
          }
          const next = cursor.next();
          if (!next.done) current = next.value;
          return next;
        },
      };
    },
  };
  try {
    return run.map((line) => {
      const { takes, short } = takeInOrder(fromCurrent, need(line), ctx);
      for (const t of takes) t.candidate.free -= t.quantity;
      return { takes, short, breaksRule: false, refusal: null };
    });
  } finally {
    cursor.return(undefined);
  }
}

/** Stock of an item that a line could not take, by why. */
type HeldBack = 'shelfLife' | 'expired' | 'status' | 'notPickable' | 'promised';

function heldBackKind(why: Ineligibility): HeldBack {
  switch (why.key) {
    case 'errors.allocation.shelfLifeDays':
    case 'errors.allocation.shelfLifePercent':
      return 'shelfLife';
    case 'errors.allocation.expiresBeforeShipping':
      return 'expired';
    case 'errors.allocation.notPickable':
      return 'notPickable';
    default:
      return why.params.status === 'expired' ? 'expired' : 'status';
  }
}

/**
 * Why a short line's item has stock the line could not take, told by the largest part held back
 * (too close to expiry for the customer, expired, not released, in a bin that is not for picking,
 * promised to other orders), with the lot most nearly fit as the example. A lead reading "short by
 * 20" while the stock screen shows plenty needs this. Read only for short lines: every bin of the
 * item, after this order's own allocations are written.
 */
function heldBackReason(db: Db, order: OrderHeader, line: OrderLineRow, ctx: EligibilityContext, today: string): Ineligibility | null {
  const rows = statement(
    db,
    `SELECT ${COLUMNS}, l.status, loc.pickable, b.quantity AS balance, ${reservedSql('l.no', 'loc.no', '@order')} AS otherOrders
     ${FROM} WHERE l.item_id = @item ORDER BY l.expiry_date IS NULL DESC, l.expiry_date DESC, ${ROUTE}`,
  ).all({ item: line.item_id, order: order.no }) as (LotBinRow & { balance: number; otherOrders: number })[];
  const parts = new Map<HeldBack, { quantity: number; params: Ineligibility['params'] }>();
  for (const r of rows) {
    const why = candidateIneligibility(toCandidate(r, r.status, r.pickable === 1, today), ctx);
    const kind = why ? heldBackKind(why) : 'promised';
    const quantity = why ? r.balance : Math.min(r.balance, r.otherOrders);
    if (quantity <= 0) continue;
    const part = parts.get(kind);
    if (part) part.quantity += quantity;
    else parts.set(kind, { quantity, params: why?.params ?? {} });
  }
  let largest: [HeldBack, { quantity: number; params: Ineligibility['params'] }] | null = null;
  for (const entry of parts) if (!largest || entry[1].quantity > largest[1].quantity) largest = entry;
  if (!largest) return null;
  const [kind, { quantity, params }] = largest;
  return { key: `errors.allocation.heldBack.${kind}`, params: { ...params, quantity: fromStored(quantity), unit: line.unit, shipDate: ctx.shipDate } };
}

/** A line's eligibility, as a key: lines of an item with the same key may share one walk. */
function runKey(line: OrderLineRow, ctx: EligibilityContext): string {
  return `${line.item_id}|${ctx.shipDate}`;
}

export function allocateOrder(db: Db, order: OrderHeader, today: string, at: string): AllocationLineResult[] {
  const lines = loadOrderLines(db, order.id).filter((l) => l.ordered > l.covered);
  const need = (l: OrderLineRow) => l.ordered - l.covered;
  const contexts = new Map(lines.map((l) => [l, eligibilityFor(order, l, today)]));
  const plans = new Map<OrderLineRow, LinePlan>();
  const rows: NewAllocation[] = [];
  const record = (line: OrderLineRow, plan: LinePlan) => {
    plans.set(line, plan);
    for (const t of plan.takes) {
      const c = t.candidate as Candidate;
      rows.push({ orderNo: order.no, lineNo: line.no, lotNo: c.lotNo, locationNo: c.locationNo, quantity: t.quantity, breaksRule: plan.breaksRule, at });
    }
  };
  // Items hold disjoint stock, so lines are planned item by item, each item's lines in line order:
  // the same result as line by line. A run of consecutive lines of an item shares one walk.
  const byItem = new Map<string, OrderLineRow[]>();
  for (const l of lines) {
    const of = byItem.get(l.item_id);
    if (of) of.push(l);
    else byItem.set(l.item_id, [l]);
  }
  // Rows are written in batches: free stock is read from the database, so an item's second walk
  // (another ship date, a requested lot) first writes what the earlier ones promised. Items hold
  // disjoint stock, so one item's pending rows never change another's walk.
  const writePending = () => insertAllocations(db, rows.splice(0));
  for (const itemLines of byItem.values()) {
    let walks = 0;
    let run: OrderLineRow[] = [];
    for (let i = 0; i <= itemLines.length; i++) {
      const line: OrderLineRow | undefined = itemLines[i];
      // A run ends with the item's lines, at a line naming a lot, or where the eligibility changes.
      if (run.length > 0 && (!line || line.lot_id || runKey(run[0], contexts.get(run[0])!) !== runKey(line, contexts.get(line)!))) {
        if (walks++ > 0) writePending();
        const plansOfRun = planRun(db, run, contexts.get(run[0])!, today, need);
        run.forEach((l, n) => record(l, plansOfRun[n]));
        run = [];
      }
      if (!line) break;
      if (line.lot_id) {
        if (walks++ > 0) writePending();
        record(line, planRequestedLot(db, line, need(line), contexts.get(line)!, today));
      } else {
        run.push(line);
      }
    }
  }
  writePending();
  return lines.map((line) => {
    const plan = plans.get(line)!;
    return {
      lineNo: line.line_no,
      sku: line.sku,
      unit: line.unit,
      allocated: fromStored(need(line) - plan.short),
      short: fromStored(plan.short),
      takes: plan.takes.map((t) => ({
        lotCode: t.candidate.lotCode,
        locationCode: t.candidate.locationCode,
        expiryDate: t.candidate.expiryDate,
        quantity: fromStored(t.quantity),
      })),
      breaksRule: plan.breaksRule,
      refusal: plan.refusal ?? (plan.short > 0 && !line.lot_id ? heldBackReason(db, order, line, contexts.get(line)!, today) : null),
    };
  });
}

export const allocationHandlers = {
  'allocation.allocate': (ctx, input) => {
    const db = ctx.station.db;
    const order = loadOpenOrder(db, input.orderId);
    const lines = allocateOrder(db, order, ctx.today, ctx.now.toISOString());
    if (lines.length === 0) throw fail.rule('errors.allocation.nothingToAllocate', { order: order.number }, 'orderId');
    // Nothing could be promised at all (another desk may just have taken the last units): refuse, so nothing is written.
    if (lines.every((l) => l.allocated === 0)) {
      const first = lines[0];
      throw fail.rule('errors.allocation.noFreeStock', { order: order.number, sku: first.sku, short: first.short, unit: first.unit, lines: lines.length }, 'orderId');
    }
    return { orderNumber: order.number, lines };
  },
  'allocation.release': (ctx, input) => {
    const db = ctx.station.db;
    const order = loadOpenOrder(db, input.orderId);
    db.prepare("UPDATE allocation_rows SET quantity = picked, status = CASE WHEN picked > 0 THEN 'picked' ELSE 'void' END WHERE order_no = ? AND status = 'open'").run(order.no);
    return { done: true };
  },
} satisfies Partial<Handlers>;
