/**
 * Check, pack and ship. The packing desk scans every picked case again into packages, each with
 * its own SSCC; the shipment goes only when the scans match what was picked, lot by lot. Shipping
 * writes the shipment lines by lot, moves the stock from staging out to the customer (a 'ship'
 * movement with no destination bin) and keeps the customer's region and channel with the
 * shipment, so diverted goods can be traced later.
 */
import { newId } from '../../store/ids';
import { fail } from '../../domain/errors';
import { parseScan } from '../../domain/gs1';
import { assertStatusAllows, effectiveStatus, type StoredLotStatus } from '../../domain/lot-status';
import { fromStored, toStored, type Unit } from '../../domain/quantity';
import type { ParsedInput } from '../../contract/contract';
import type { PackingStatus, PackScanResult, ShipResult } from '../../contract/results';
import type { Db } from '../../store/db';
import { recordMovement } from '../../store/ledger';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';
import { resolveLotScan } from '../shared/lot-scan';
import { loadOpenOrder, loadOrder, loadOrderLines, PICKED_UNSHIPPED, type OrderHeader } from './orders';
import { stagingLocation } from './picking';
import { allocateSscc } from './sscc';

interface LotCheck {
  lot_id: string;
  lot_code: string;
  sku: string;
  item_id: string;
  unit: Unit;
  expiry_date: string | null;
  status: StoredLotStatus;
  picked: number;
  checked: number;
}

/** Per lot: picked for the order and not shipped, against what was scanned into its open packages. */
function lotChecks(db: Db, orderId: string): LotCheck[] {
  return db
    .prepare(
      `WITH picked AS (SELECT lot_id, SUM(picked) AS q FROM allocations WHERE document_id = @order AND ${PICKED_UNSHIPPED} GROUP BY lot_id),
            checked AS (SELECT pl.lot_id, SUM(pl.quantity) AS q FROM package_lines pl JOIN packages p ON p.id = pl.package_id
                        WHERE p.document_id = @order AND p.shipment_id IS NULL GROUP BY pl.lot_id),
            lots_of AS (SELECT lot_id FROM picked UNION SELECT lot_id FROM checked)
       SELECT o.lot_id, l.code AS lot_code, i.sku, i.id AS item_id, i.unit, l.expiry_date, l.status,
              COALESCE(p.q, 0) AS picked, COALESCE(c.q, 0) AS checked
       FROM lots_of o JOIN lots l ON l.id = o.lot_id JOIN items i ON i.id = l.item_id
       LEFT JOIN picked p ON p.lot_id = o.lot_id LEFT JOIN checked c ON c.lot_id = o.lot_id
       ORDER BY i.sku, l.expiry_date, l.code`,
    )
    .all({ order: orderId }) as LotCheck[];
}

function openPicks(db: Db, orderId: string): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM allocations WHERE document_id = ? AND status = 'open'").get(orderId) as { n: number }).n;
}

export function packingStatus(db: Db, order: OrderHeader): PackingStatus {
  const lots = lotChecks(db, order.id);
  const packages = db
    .prepare('SELECT id, sscc FROM packages WHERE document_id = ? AND shipment_id IS NULL ORDER BY created_at, sscc')
    .all(order.id) as { id: string; sscc: string }[];
  const lines = db.prepare(
    `SELECT pl.lot_id AS lotId, l.code AS lotCode, i.sku, pl.quantity, i.unit FROM package_lines pl JOIN lots l ON l.id = pl.lot_id
     JOIN items i ON i.id = l.item_id WHERE pl.package_id = ? ORDER BY i.sku, l.code`,
  );
  const open = openPicks(db, order.id);
  return {
    orderId: order.id,
    orderNumber: order.number,
    lots: lots.map((l) => ({ lotId: l.lot_id, lotCode: l.lot_code, sku: l.sku, unit: l.unit, expiryDate: l.expiry_date, picked: fromStored(l.picked), checked: fromStored(l.checked) })),
    packages: packages.map((p) => ({
      ...p,
      lines: (lines.all(p.id) as PackingStatus['packages'][number]['lines']).map((x) => ({ ...x, quantity: fromStored(x.quantity) })),
    })),
    openPicks: open,
    readyToShip: open === 0 && lots.length > 0 && lots.every((l) => l.picked === l.checked),
  };
}

function packScan(ctx: CallContext, input: ParsedInput<'packing.scan'>): PackScanResult {
  const db = ctx.station.db;
  const order = loadOpenOrder(db, input.orderId);
  const checks = lotChecks(db, order.id);
  const { lots } = resolveLotScan(db, input.scan, ctx.today, input.gsSubstitute);
  const check = checks.find((c) => lots.some((l) => l.lot.id === c.lot_id) && c.picked > 0);
  if (!check) throw fail.rule('errors.packing.notPicked', { lot: lots[0].lot.code, order: order.number }, 'scan');
  // A lot recalled (or blocked otherwise) since it was picked is refused at the packing desk's scan, not only at shipping.
  assertStatusAllows(effectiveStatus(check.status, check.expiry_date, ctx.today), 'ship', check.lot_code);
  // A case label may carry its count (AI 37 or 30); otherwise the packer types it, or the whole rest is meant.
  const parsed = parseScan(input.scan, { gsSubstitute: input.gsSubstitute, today: ctx.today });
  const labelled = parsed.ok ? parsed.count : undefined;
  const quantity =
    input.quantity !== undefined ? toStored(input.quantity, check.unit) : labelled !== undefined ? toStored(labelled, check.unit) : check.picked - check.checked;
  // A lot checked in full has nothing to add: "0 more is too many" would misstate it.
  if (check.checked >= check.picked) {
    throw fail.rule('errors.packing.allChecked', { lot: check.lot_code, picked: fromStored(check.picked), unit: check.unit }, 'scan');
  }
  // A typed quantity that is too many is corrected where it was typed; a label's count, at the case.
  if (quantity <= 0 || check.checked + quantity > check.picked) {
    throw fail.rule(
      'errors.packing.tooMany',
      { lot: check.lot_code, picked: fromStored(check.picked), checked: fromStored(check.checked), quantity: fromStored(quantity), unit: check.unit },
      input.quantity !== undefined ? 'quantity' : 'scan',
    );
  }
  let pkg: { id: string; sscc: string };
  if (input.packageId) {
    const found = db.prepare('SELECT id, sscc FROM packages WHERE id = ? AND document_id = ? AND shipment_id IS NULL').get(input.packageId, order.id) as
      | { id: string; sscc: string }
      | undefined;
    if (!found) throw fail.notFound('errors.packing.unknownPackage', {}, 'packageId');
    pkg = found;
  } else {
    pkg = { id: newId(), sscc: allocateSscc(db) };
    db.prepare('INSERT INTO packages (id, document_id, sscc, created_at) VALUES (?, ?, ?, ?)').run(pkg.id, order.id, pkg.sscc, ctx.now.toISOString());
  }
  db.prepare(
    `INSERT INTO package_lines (package_id, lot_id, quantity) VALUES (?, ?, ?)
     ON CONFLICT (package_id, lot_id) DO UPDATE SET quantity = quantity + excluded.quantity`,
  ).run(pkg.id, check.lot_id, quantity);
  return { packageId: pkg.id, sscc: pkg.sscc, status: packingStatus(db, order) };
}

function resetPacking(ctx: CallContext, orderId: string): PackingStatus {
  const db = ctx.station.db;
  const order = loadOpenOrder(db, orderId);
  db.prepare('DELETE FROM package_lines WHERE package_id IN (SELECT id FROM packages WHERE document_id = ? AND shipment_id IS NULL)').run(order.id);
  // The SSCCs of dropped packages are never issued again: the counter only moves forward.
  db.prepare('DELETE FROM packages WHERE document_id = ? AND shipment_id IS NULL').run(order.id);
  return packingStatus(db, order);
}

function ship(ctx: CallContext, orderId: string): ShipResult {
  const db = ctx.station.db;
  const user = requireUser(ctx);
  const at = ctx.now.toISOString();
  const order = loadOpenOrder(db, orderId);
  const open = openPicks(db, order.id);
  if (open > 0) throw fail.rule('errors.shipping.pickingOpen', { order: order.number, open }, 'orderId');
  const checks = lotChecks(db, order.id);
  if (checks.length === 0) throw fail.rule('errors.shipping.nothingPicked', { order: order.number }, 'orderId');
  const differences = checks.filter((c) => c.picked !== c.checked);
  if (differences.length > 0) {
    const d = differences[0];
    throw fail.rule(
      'errors.shipping.checkMismatch',
      { lot: d.lot_code, picked: fromStored(d.picked), checked: fromStored(d.checked), unit: d.unit, more: differences.length - 1 },
      'orderId',
    );
  }
  for (const c of checks) assertStatusAllows(effectiveStatus(c.status, c.expiry_date, ctx.today), 'ship', c.lot_code);

  const staging = stagingLocation(db, ctx.station.site());
  const shipment = createDocument(ctx, 'shipment', { partyId: order.customer.id, reference: order.number, status: 'shipped' });
  db.prepare('UPDATE documents SET source_id = ? WHERE id = ?').run(order.id, shipment.id);
  db.prepare('INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, ?, ?, ?)').run(
    shipment.id,
    order.id,
    order.customer.region,
    order.customer.channel,
    at,
  );
  // One shipment line per order line and lot, each with its own movement out of staging.
  const parts = db
    .prepare(
      `SELECT a.order_line_id, a.item_id, a.lot_id, SUM(a.picked) AS quantity, l.code AS lot_code, l.expiry_date, i.sku, i.unit
       FROM allocations a JOIN lots l ON l.id = a.lot_id JOIN items i ON i.id = a.item_id JOIN document_lines dl ON dl.id = a.order_line_id
       WHERE a.document_id = ? AND a.status = 'picked' GROUP BY a.order_line_id, a.lot_id ORDER BY dl.line_no, l.expiry_date, l.code`,
    )
    .all(order.id) as { order_line_id: string; item_id: string; lot_id: string; quantity: number; lot_code: string; expiry_date: string | null; sku: string; unit: string }[];
  const insertLine = db.prepare(
    'INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity, source_line_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  parts.forEach((p, i) => {
    const lineId = newId();
    insertLine.run(lineId, shipment.id, i + 1, p.item_id, p.lot_id, p.quantity, p.order_line_id);
    recordMovement(db, {
      kind: 'ship',
      stationId: ctx.station.stationId,
      userId: user.id,
      at,
      itemId: p.item_id,
      lotId: p.lot_id,
      quantity: p.quantity,
      fromLocationId: staging.id,
      documentId: shipment.id,
      documentLineId: lineId,
    });
  });
  db.prepare("UPDATE allocation_rows SET status = 'shipped', shipment_id = ? WHERE order_no = ? AND status = 'picked'").run(shipment.id, order.no);
  db.prepare('UPDATE packages SET shipment_id = ? WHERE document_id = ? AND shipment_id IS NULL').run(shipment.id, order.id);
  // Catch weights of what was picked go out with it: the delivery note's line weights.
  db.prepare('UPDATE pick_weights SET shipment_id = ? WHERE document_id = ? AND shipment_id IS NULL').run(shipment.id, order.id);
  const complete = loadOrderLines(db, order.id).every((l) => l.shipped === l.ordered);
  if (complete) db.prepare("UPDATE documents SET status = 'shipped' WHERE id = ?").run(order.id);
  const ssccs = (db.prepare('SELECT sscc FROM packages WHERE shipment_id = ? ORDER BY sscc').all(shipment.id) as { sscc: string }[]).map((r) => r.sscc);
  return {
    shipmentId: shipment.id,
    shipmentNumber: shipment.number,
    orderStatus: complete ? 'shipped' : 'open',
    lines: parts.map((p) => ({ sku: p.sku, lotCode: p.lot_code, expiryDate: p.expiry_date, quantity: fromStored(p.quantity), unit: p.unit })),
    ssccs,
  };
}

export const shippingHandlers = {
  'packing.status': (ctx, input) => packingStatus(ctx.station.db, loadOrder(ctx.station.db, input.orderId)),
  'packing.scan': packScan,
  'packing.reset': (ctx, input) => resetPacking(ctx, input.orderId),
  'shipping.ship': (ctx, input) => ship(ctx, input.orderId),
} satisfies Partial<Handlers>;
