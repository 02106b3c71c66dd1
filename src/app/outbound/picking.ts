/**
 * Picking by scanning: the picker scans a bin, then a lot label. The allocated lot is picked; an
 * equally good (or better) lot with free stock takes the place of the worst allocated lot of the
 * item silently; a lot that breaks the removal rule is refused with the lot that must go first and
 * its bin, unless a lead approves with their PIN and a reason. Picked stock moves to the site's
 * staging location, where the packing desk checks it.
 */
import { fail } from '../../domain/errors';
import { compareRank, compareRemoval, lotIneligibility, type LotFacts, type RemovalStrategy, type StockCandidate } from '../../domain/allocation';
import { assertStatusAllows, effectiveStatus, type StoredLotStatus } from '../../domain/lot-status';
import { fromStored, toStored, type Unit } from '../../domain/quantity';
import type { ParsedInput } from '../../contract/contract';
import type { LocationRef, OverrideRow, PickList, PickResult } from '../../contract/results';
import type { Db } from '../../store/db';
import { recordMovement } from '../../store/ledger';
import { freeStock } from '../../store/free-stock';
import { statement } from '../../store/statements';
import { newId } from '../../store/ids';
import { appendAudit } from '../kernel/audit-log';
import { eligibilityFor, insertAllocation, insertPickException, shrinkAllocation } from './allocation';
import { requireUser, type CallContext, type CallUser, type Handlers } from '../kernel/context';
import { resolveLotScan } from '../shared/lot-scan';
import { loadOpenOrder, loadOrder, loadOrderLines, type OrderHeader } from './orders';
import { checkCredentials } from '../people/users';
import { mayRun } from '../../domain/roles';
import { kgText, takeReading } from '../devices/weighings';
import { noteChanges } from '../kernel/audit-changes';

/** Who may approve a pick that breaks the removal rule. */
const APPROVERS = ['lead', 'manager'] as const;

interface OpenAllocation {
  id: number;
  order_line_id: string;
  item_id: string;
  lot_id: string;
  location_id: string;
  quantity: number;
  picked: number;
  lot_code: string;
  lot_status: StoredLotStatus;
  expiry_date: string | null;
  production_date: string | null;
  received_at: string;
  location_code: string;
  route_order: number | null;
  requested_lot_id: string | null;
  requested_date: string | null;
  sku: string;
  item_name: string;
  unit: Unit;
  removal_strategy: RemovalStrategy;
  shelf_life_days: number | null;
  line_no: number;
  catch_weight: number;
}

/**
 * A catch-weight item's weight at the pick: the scale's stable reading (its device named) or typed
 * kilograms; required for such an item, refused for any other (a weight would mean nothing there).
 */
function pickWeight(ctx: CallContext, input: ParsedInput<'picking.scan'>, catchWeight: boolean, lot: string, sku: string): { grams: number; device: string | null } | null {
  if (input.weightReadingId && input.weightKg !== undefined) throw fail.validation('errors.picking.twoWeights', 'weightKg');
  const given = input.weightReadingId !== undefined || input.weightKg !== undefined;
  if (!catchWeight) {
    if (given) throw fail.rule('errors.picking.notCatchWeight', { sku }, input.weightReadingId ? 'weightReadingId' : 'weightKg');
    return null;
  }
  if (!given) throw fail.rule('errors.picking.weightRequired', { lot, sku }, 'weightKg');
  if (input.weightReadingId) {
    const r = takeReading(ctx, input.weightReadingId, 'weightReadingId');
    if (!(r.grams > 0)) throw fail.rule('errors.picking.badWeight', {}, 'weightReadingId');
    return { grams: Math.round(r.grams), device: r.deviceId };
  }
  return { grams: Math.round(input.weightKg! * 1000), device: null };
}

function openAllocations(db: Db, orderId: string): OpenAllocation[] {
  return statement(
    db,
    `SELECT a.id, dl.id AS order_line_id, dl.item_id, l.id AS lot_id, loc.id AS location_id, a.quantity, a.picked,
            l.code AS lot_code, l.status AS lot_status, l.expiry_date, l.production_date, l.created_at AS received_at,
            loc.code AS location_code, loc.route_order, dl.lot_id AS requested_lot_id, dl.requested_date, dl.line_no,
            i.sku, i.name AS item_name, i.unit, i.removal_strategy, i.shelf_life_days, i.catch_weight
     FROM allocation_rows a JOIN lots l ON l.no = a.lot_no JOIN locations loc ON loc.no = a.location_no
     JOIN document_lines dl ON dl.no = a.line_no JOIN items i ON i.id = dl.item_id
     WHERE a.order_no = (SELECT no FROM documents WHERE id = ?) AND a.status = 'open'
     ORDER BY loc.route_order IS NULL, loc.route_order, loc.code, dl.line_no, a.id`,
  ).all(orderId) as OpenAllocation[];
}

function factsOf(a: OpenAllocation, today: string): StockCandidate {
  return {
    lotId: a.lot_id,
    lotCode: a.lot_code,
    status: effectiveStatus(a.lot_status, a.expiry_date, today),
    expiryDate: a.expiry_date,
    productionDate: a.production_date,
    receivedAt: a.received_at,
    locationId: a.location_id,
    locationCode: a.location_code,
    pickable: true,
    routeOrder: a.route_order,
    free: 0,
  };
}

/** Where picked stock waits for the packing desk: the site's first staging location. */
export function stagingLocation(db: Db, site: string | null): LocationRef {
  // CROSS JOIN keeps the few staging bins (index of migration 007, in code order) as the outer
  // loop; left to itself the planner read every bin of the site's zones on each pick scan.
  const loc = statement(
    db,
    `SELECT l.id, l.code FROM locations l CROSS JOIN zones z CROSS JOIN sites s
     WHERE z.id = l.zone_id AND s.id = z.site_id AND s.code = ? AND l.staging = 1 AND l.active = 1 ORDER BY l.code LIMIT 1`,
  ).get(site) as LocationRef | undefined;
  if (!loc) throw fail.rule('errors.picking.noStaging', { site: site ?? '' });
  return loc;
}

export function pickList(db: Db, order: OrderHeader, site: string | null): PickList {
  return toPickList(order, stagingLocation(db, site), openAllocations(db, order.id));
}

function toPickList(order: OrderHeader, staging: LocationRef, open: OpenAllocation[]): PickList {
  return {
    orderId: order.id,
    orderNumber: order.number,
    customerName: order.customer.name,
    staging,
    rows: open.map((a) => ({
      allocationId: a.id,
      lineNo: a.line_no,
      locationId: a.location_id,
      locationCode: a.location_code,
      routeOrder: a.route_order,
      sku: a.sku,
      itemName: a.item_name,
      lotId: a.lot_id,
      lotCode: a.lot_code,
      expiryDate: a.expiry_date,
      quantity: fromStored(a.quantity - a.picked),
      unit: a.unit,
      catchWeight: a.catch_weight === 1,
    })),
  };
}

function approve(ctx: CallContext, override: NonNullable<ParsedInput<'picking.scan'>['override']>): CallUser {
  const denied = fail.rule('errors.picking.overrideDenied', {}, 'override.pin');
  const askedBy = { userId: requireUser(ctx).id, command: 'picking.scan' };
  const approver = checkCredentials(ctx, { username: override.username, secret: override.pin, command: 'picking.override', denied, askedBy });
  if (!mayRun(APPROVERS, approver.role)) throw fail.rule('errors.picking.overrideNotLead', { user: approver.displayName }, 'override.username');
  return approver;
}

function mustGoFirst(strategy: RemovalStrategy, first: OpenAllocation, scanned: string) {
  return strategy === 'FEFO'
    ? fail.rule('errors.picking.mustGoFirstExpiry', { lot: first.lot_code, expiry: first.expiry_date ?? '—', scanned, bin: first.location_code }, 'scan')
    : fail.rule('errors.picking.mustGoFirstReceipt', { lot: first.lot_code, received: first.received_at.slice(0, 10), scanned, bin: first.location_code }, 'scan');
}

export function pickScan(ctx: CallContext, input: ParsedInput<'picking.scan'>): PickResult {
  const db = ctx.station.db;
  const user = requireUser(ctx);
  const at = ctx.now.toISOString();
  const order = loadOpenOrder(db, input.orderId);
  const staging = stagingLocation(db, ctx.station.site());
  const bin = statement(db, 'SELECT id, code, pickable FROM locations WHERE code = ? AND active = 1').get(input.bin) as
    | { id: string; code: string; pickable: number }
    | undefined;
  if (!bin) throw fail.notFound('errors.picking.unknownBin', { bin: input.bin }, 'bin');
  const open = openAllocations(db, order.id);
  const { lots } = resolveLotScan(db, input.scan, ctx.today, input.gsSubstitute);

  const onOrder = lots.filter((l) => open.some((a) => a.item_id === l.lot.itemId));
  if (onOrder.length === 0) {
    const ordered = loadOrderLines(db, order.id).find((line) => lots.some((l) => l.lot.itemId === line.item_id));
    if (ordered) throw fail.rule('errors.picking.nothingLeft', { sku: ordered.sku, order: order.number }, 'scan');
    throw fail.rule('errors.picking.notOnOrder', { lot: lots[0].lot.code, order: order.number }, 'scan');
  }
  const scanned = onOrder.find((l) => l.stock.some((s) => s.locationId === bin.id))?.lot;
  if (!scanned) throw fail.rule('errors.picking.lotNotInBin', { lot: onOrder[0].lot.code, bin: bin.code }, 'scan');

  let target = open.find((a) => a.lot_id === scanned.id && a.location_id === bin.id);
  let reallocatedFrom: OpenAllocation | null = null;
  let approver: CallUser | null = null;
  if (!target) {
    // Another lot than allocated: it may replace the worst allocated lot of the item, if it is as good.
    const mine = open.filter((a) => a.item_id === scanned.itemId && !a.requested_lot_id);
    if (mine.length === 0) {
      const requested = open.find((a) => a.item_id === scanned.itemId)!;
      throw fail.rule('errors.picking.requestedLot', { lot: requested.lot_code, scanned: scanned.code }, 'scan');
    }
    const strategy = mine[0].removal_strategy;
    const displaced = mine.reduce((worst, a) => (compareRemoval(strategy, factsOf(a, ctx.today), factsOf(worst, ctx.today)) > 0 ? a : worst));
    const facts: LotFacts = { lotCode: scanned.code, status: scanned.status, expiryDate: scanned.expiryDate, productionDate: scanned.productionDate, receivedAt: scanned.createdAt };
    if (bin.pickable !== 1) throw fail.rule('errors.allocation.notPickable', { lot: scanned.code, bin: bin.code }, 'bin');
    const refusal = lotIneligibility(facts, eligibilityFor(order, displaced, ctx.today));
    if (refusal) throw fail.rule(refusal.key, refusal.params, 'scan');
    const remaining = displaced.quantity - displaced.picked;
    const quantity = input.quantity === undefined ? remaining : toStored(input.quantity, displaced.unit);
    if (quantity > remaining) throw fail.rule('errors.picking.overPick', { lot: scanned.code, remaining: fromStored(remaining), unit: displaced.unit }, 'quantity');
    const { free } = freeStock(db, scanned.id, bin.id);
    if (free < quantity) throw fail.rule('errors.picking.notFree', { lot: scanned.code, bin: bin.code, free: fromStored(Math.max(0, free)), unit: displaced.unit }, 'scan');
    // Removal order last: a lead is only called to approve a lot that could then be picked.
    if (compareRank(strategy, facts, factsOf(displaced, ctx.today)) > 0) {
      if (!input.override) throw mustGoFirst(strategy, displaced, scanned.code);
      approver = approve(ctx, input.override);
    }
    shrinkAllocation(db, displaced.id, quantity);
    const id = insertAllocation(db, { lineId: displaced.order_line_id, lotId: scanned.id, locationId: bin.id, quantity, at });
    target = { ...displaced, id, lot_id: scanned.id, lot_code: scanned.code, location_id: bin.id, location_code: bin.code, quantity, picked: 0 };
    reallocatedFrom = displaced;
  }

  const remaining = target.quantity - target.picked;
  const quantity = input.quantity === undefined ? remaining : toStored(input.quantity, target.unit);
  if (quantity > remaining) throw fail.rule('errors.picking.overPick', { lot: target.lot_code, remaining: fromStored(remaining), unit: target.unit }, 'quantity');
  assertStatusAllows(scanned.status, 'pick', scanned.code);
  const weight = pickWeight(ctx, input, target.catch_weight === 1, target.lot_code, target.sku);
  const movementId = recordMovement(db, {
    kind: 'pick',
    stationId: ctx.station.stationId,
    userId: user.id,
    at,
    itemId: target.item_id,
    lotId: target.lot_id,
    quantity,
    fromLocationId: target.location_id,
    toLocationId: staging.id,
    documentId: order.id,
    documentLineId: target.order_line_id,
  });
  statement(db, "UPDATE allocation_rows SET picked = picked + @q, status = CASE WHEN picked + @q = quantity THEN 'picked' ELSE 'open' END WHERE id = @id").run({
    id: target.id,
    q: quantity,
  });
  if (weight) {
    statement(db, 'INSERT INTO pick_weights (movement_id, document_id, lot_id, grams, device, at) VALUES (?, ?, ?, ?, ?, ?)').run(movementId, order.id, target.lot_id, weight.grams, weight.device, at);
    noteChanges(ctx, { object: 'lot', id: target.lot_id, label: target.lot_code }, {}, { catchWeight: kgText(weight.grams / 1000), weightSource: weight.device ?? 'typed' });
  }
  if (approver && reallocatedFrom) {
    statement(
      db,
      `INSERT INTO pick_overrides (id, at, document_id, order_line_id, picked_lot_id, skipped_lot_id, location_id, picker_id, approver_id, reason, movement_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(newId(), at, order.id, target.order_line_id, target.lot_id, reallocatedFrom.lot_id, target.location_id, user.id, approver.id, input.override!.reason, movementId);
    // The approval is the lead's act: it gets its own audit record in their name, beside the picker's.
    appendAudit(db, {
      at,
      stationId: ctx.station.stationId,
      userId: approver.id,
      command: 'picking.override',
      input: { orderId: order.id, pickedLotId: target.lot_id, skippedLotId: reallocatedFrom.lot_id, reason: input.override!.reason, movementId },
      result: 'ok',
    });
  }
  return {
    lotCode: target.lot_code,
    locationCode: target.location_code,
    quantity: fromStored(quantity),
    unit: target.unit,
    movementId,
    reallocatedFrom: reallocatedFrom?.lot_code ?? null,
    overriddenBy: approver?.displayName ?? null,
    weight: weight ? { kg: weight.grams / 1000, device: weight.device } : null,
    // The common scan picks an allocated row: the list is the one read above with that row updated.
    // A reallocation changes rows and their order, so the list is read again.
    list: reallocatedFrom
      ? pickList(db, order, ctx.station.site())
      : toPickList(
          order,
          staging,
          open.flatMap((a) => (a.id !== target.id ? [a] : a.picked + quantity < a.quantity ? [{ ...a, picked: a.picked + quantity }] : [])),
        ),
  };
}

/** A short pick (not found in the bin) or damaged stock: the allocation shrinks; damaged stock leaves the bin. */
function recordException(ctx: CallContext, input: ParsedInput<'picking.exception'>): PickList {
  const db = ctx.station.db;
  const user = requireUser(ctx);
  const a = db
    .prepare(
      `SELECT a.id, a.document_id, a.order_line_id, a.item_id, a.lot_id, a.location_id, a.quantity, a.picked, a.status, i.unit, l.code AS lot_code
       FROM allocations a JOIN items i ON i.id = a.item_id JOIN lots l ON l.id = a.lot_id WHERE a.id = ?`,
    )
    .get(input.allocationId) as
    | { id: number; document_id: string; order_line_id: string; item_id: string; lot_id: string; location_id: string; quantity: number; picked: number; status: string; unit: Unit; lot_code: string }
    | undefined;
  if (!a) throw fail.notFound('errors.picking.unknownAllocation', {}, 'allocationId');
  const order = loadOpenOrder(db, a.document_id);
  if (a.status !== 'open') throw fail.rule('errors.picking.allocationDone', { lot: a.lot_code }, 'allocationId');
  const quantity = toStored(input.quantity, a.unit);
  const remaining = a.quantity - a.picked;
  if (quantity > remaining) throw fail.rule('errors.picking.exceptionTooMuch', { lot: a.lot_code, remaining: fromStored(remaining), unit: a.unit }, 'quantity');
  let movementId: string | null = null;
  if (input.kind === 'damaged') {
    movementId = recordMovement(db, {
      kind: 'adjust',
      stationId: ctx.station.stationId,
      userId: user.id,
      at: ctx.now.toISOString(),
      itemId: a.item_id,
      lotId: a.lot_id,
      quantity,
      fromLocationId: a.location_id,
      documentId: order.id,
      documentLineId: a.order_line_id,
      reason: 'damaged',
    });
  }
  shrinkAllocation(db, a.id, quantity);
  insertPickException(db, { at: ctx.now.toISOString(), kind: input.kind, allocationId: a.id, quantity, userId: user.id, movementId });
  return pickList(db, order, ctx.station.site());
}

export const pickingHandlers = {
  'picking.list': (ctx, input) => pickList(ctx.station.db, loadOrder(ctx.station.db, input.orderId), ctx.station.site()),
  'picking.scan': pickScan,
  'picking.exception': recordException,
  'picking.overrides': (ctx, input) =>
    ctx.station.db
      .prepare(
        `SELECT o.at, d.number AS orderNumber, i.sku, pl.code AS pickedLot, sl.code AS skippedLot, loc.code AS locationCode,
                pu.display_name AS picker, au.display_name AS approver, o.reason
         FROM pick_overrides o JOIN documents d ON d.id = o.document_id JOIN lots pl ON pl.id = o.picked_lot_id
         JOIN lots sl ON sl.id = o.skipped_lot_id JOIN items i ON i.id = pl.item_id JOIN locations loc ON loc.id = o.location_id
         JOIN users pu ON pu.id = o.picker_id JOIN users au ON au.id = o.approver_id
         WHERE (@from IS NULL OR o.at >= @from) AND (@to IS NULL OR o.at < @to || 'T99')
         ORDER BY o.at DESC, o.id DESC LIMIT 500`,
      )
      // 'to' is a whole day: every instant of it sorts below 'YYYY-MM-DDT99'.
      .all({ from: input.from ?? null, to: input.to ?? null }) as OverrideRow[],
} satisfies Partial<Handlers>;
