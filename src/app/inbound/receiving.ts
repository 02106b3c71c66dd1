/**
 * Receiving: goods arrive by lot, against a purchase order line or blind. The new lot gets an
 * internal code from the numbering pattern, starts in quarantine when its item needs QC
 * (released otherwise), and lands in a quarantine or receiving bin; the receipt line, the
 * ledger movement, the balance and (via the dispatcher) the audit record are one transaction.
 */
import { noteChanges } from '../kernel/audit-changes';
import { newId } from '../../store/ids';
import { fail } from '../../domain/errors';
import { addDays, dateOf } from '../../domain/dates';
import { initialStatus, assertStatusAllows } from '../../domain/lot-status';
import { DEFAULT_LOT_PATTERN, isValidLotCode, prepareLotCode } from '../../domain/lot-pattern';
import { isUnit, toStored, fromStored } from '../../domain/quantity';
import type { ParsedInput } from '../../contract/contract';
import type { ReceiveResult } from '../../contract/results';
import { nextCounterValue } from '../../store/counters';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { recordMovement } from '../../store/ledger';
import { openReceiptInspection } from '../qc/inspections';
import { findLot } from '../../store/lots';
import { findItem, type ItemRow } from '../master-data/catalog';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';
import { rememberReceivedUnit } from '../shared/lot-scan';
import { parseScan } from '../../domain/gs1';
import { buildElementString, Gs1EncodeError } from '../../domain/gs1/encode';
import { kgText, takeReading } from '../devices/weighings';

/**
 * The lot's net weight as weighed: the scale's stable reading (its device named) or typed (no
 * device). Refused when it cannot be written as AI 310n (six digits, at most five decimals).
 */
function netWeight(ctx: CallContext, input: ParsedInput<'receiving.receive'>): { kg: number; device: string | null } | null {
  if (input.weightReadingId && input.netWeightKg !== undefined) throw fail.validation('errors.receiving.twoWeights', 'netWeightKg');
  const field = input.weightReadingId ? 'weightReadingId' : 'netWeightKg';
  let weight: { kg: number; device: string | null } | null = null;
  if (input.weightReadingId) {
    const r = takeReading(ctx, input.weightReadingId, field);
    weight = { kg: r.grams / 1000, device: r.deviceId };
  } else if (input.netWeightKg !== undefined) weight = { kg: input.netWeightKg, device: null };
  if (!weight) return null;
  try {
    buildElementString({ netWeightKg: weight.kg });
  } catch (err) {
    if (err instanceof Gs1EncodeError) throw fail.validation('errors.receiving.netWeightNotGs1', field, { kg: weight.kg });
    throw err;
  }
  return weight;
}

interface PoLine {
  id: string;
  document_id: string;
  item_id: string;
  quantity: number;
  supplier_id: string;
  status: string;
  number: string;
  received: number;
}

function loadPoLine(db: Db, id: string): PoLine {
  const line = statement(db, `SELECT dl.id, dl.document_id, dl.item_id, dl.quantity, d.party_id AS supplier_id, d.status, d.number,
              COALESCE((SELECT SUM(r.quantity) FROM document_lines r WHERE r.source_line_id = dl.id), 0) AS received
       FROM document_lines dl JOIN documents d ON d.id = dl.document_id
       WHERE dl.id = ? AND d.kind = 'purchase_order'`,
    )
    .get(id) as PoLine | undefined;
  if (!line) throw fail.notFound('errors.receiving.unknownPoLine', {}, 'poLineId');
  if (line.status !== 'open') throw fail.rule('errors.receiving.poClosed', { po: line.number }, 'poLineId');
  return line;
}

function lotPattern(db: Db, item: ItemRow, site: string): string {
  if (item.lot_pattern) return item.lot_pattern;
  const row = statement(db, 'SELECT lot_pattern FROM sites WHERE code = ?').get(site) as { lot_pattern: string | null } | undefined;
  return row?.lot_pattern ?? DEFAULT_LOT_PATTERN;
}

/** Draws the next internal lot code; the counter lives in the same transaction, so two desks never share one. */
export function nextLotCode(db: Db, item: ItemRow, site: string, today: string): string {
  const { scope, complete } = prepareLotCode(lotPattern(db, item, site), { date: today, site, sku: item.sku });
  const code = complete(nextCounterValue(db, `lot:${item.id}:${scope}`));
  if (!isValidLotCode(code)) throw fail.rule('errors.receiving.lotCodeInvalid', { code });
  return code;
}

function pickLocation(db: Db, site: string, quarantine: boolean, requested: string | undefined): { id: string; code: string } {
  if (requested) {
    const loc = statement(db, `SELECT l.id, l.code, l.quarantine FROM locations l JOIN zones z ON z.id = l.zone_id JOIN sites s ON s.id = z.site_id
         WHERE l.id = ? AND l.active = 1 AND s.code = ?`,
      )
      .get(requested, site) as { id: string; code: string; quarantine: number } | undefined;
    if (!loc) throw fail.notFound('errors.location.unknown', {}, 'locationId');
    if (quarantine && loc.quarantine !== 1) throw fail.rule('errors.receiving.needsQuarantineBin', { bin: loc.code }, 'locationId');
    return loc;
  }
  // From the handful of receiving (quarantine) bins, not the site's every bin (migration 037).
  const loc = statement(db, `SELECT l.id, l.code FROM locations l INDEXED BY ${quarantine ? 'locations_quarantine' : 'locations_receiving'}
       JOIN zones z ON z.id = l.zone_id JOIN sites s ON s.id = z.site_id
       WHERE s.code = ? AND l.active = 1 AND ${quarantine ? "l.quarantine = 1 ORDER BY l.kind <> 'quarantine', l.code" : 'l.receiving = 1 ORDER BY l.code'} LIMIT 1`,
    )
    .get(site) as { id: string; code: string } | undefined;
  if (!loc) throw fail.rule(quarantine ? 'errors.receiving.noQuarantineBin' : 'errors.receiving.noReceivingBin', { site });
  return loc;
}

function openReceipt(ctx: CallContext, receiptId: string | undefined, supplierId: string): { id: string; number: string } {
  if (receiptId) {
    const r = statement(ctx.station.db, "SELECT id, number, party_id, status FROM documents WHERE id = ? AND kind = 'receipt'")
      .get(receiptId) as { id: string; number: string; party_id: string; status: string } | undefined;
    if (!r) throw fail.notFound('errors.receiving.unknownReceipt', {}, 'receiptId');
    if (r.party_id !== supplierId) throw fail.rule('errors.receiving.receiptOtherSupplier', { receipt: r.number }, 'supplierId');
    return r;
  }
  return createDocument(ctx, 'receipt', { partyId: supplierId, status: 'open' });
}

export function receive(ctx: CallContext, input: ParsedInput<'receiving.receive'>): ReceiveResult {
  const db = ctx.station.db;
  const user = requireUser(ctx);
  const site = ctx.station.site();
  if (!site) throw fail.rule('errors.station.noSite');

  const item = findItem(db, input.itemId);
  if (!item) throw fail.notFound('errors.item.unknown', {}, 'itemId');
  // A label's GTIN names its product: a case of another item must not be booked as this one (a
  // clerk's scan-then-Enter did just that while the desk showed a warning about the scan).
  const scanned = input.scan ? parseScan(input.scan, { gsSubstitute: input.gsSubstitute, today: ctx.today }) : null;
  if (scanned?.ok && scanned.gtin && scanned.gtin !== item.gtin) {
    throw fail.rule('errors.receiving.scanOtherItem', { gtin: scanned.gtin, sku: item.sku }, 'itemId');
  }
  if (!isUnit(item.unit) || input.unit !== item.unit) {
    throw fail.validation('errors.quantity.wrongUnit', 'unit', { unit: input.unit, itemUnit: item.unit });
  }
  const quantity = toStored(input.quantity, item.unit);

  let supplierId = input.supplierId;
  let poLine: PoLine | undefined;
  if (input.poLineId) {
    poLine = loadPoLine(db, input.poLineId);
    if (poLine.item_id !== item.id) throw fail.rule('errors.receiving.poLineOtherItem', { po: poLine.number }, 'itemId');
    if (supplierId && supplierId !== poLine.supplier_id) throw fail.rule('errors.receiving.poOtherSupplier', { po: poLine.number }, 'supplierId');
    supplierId = poLine.supplier_id;
    const open = poLine.quantity - poLine.received;
    if (quantity > open) {
      throw fail.rule('errors.receiving.overReceipt', { po: poLine.number, open: fromStored(open), unit: item.unit }, 'quantity');
    }
  }
  if (!supplierId) throw fail.validation('errors.receiving.supplierRequired', 'supplierId');
  const supplier = statement(db, "SELECT id, name FROM parties WHERE id = ? AND kind = 'supplier'").get(supplierId);
  if (!supplier) throw fail.notFound('errors.supplier.unknown', {}, 'supplierId');

  const production = input.productionDate ?? null;
  const expiry = input.expiryDate ?? (production && item.shelf_life_days ? addDays(production, item.shelf_life_days) : null);
  if (item.shelf_life_days && !expiry) throw fail.validation('errors.receiving.expiryRequired', 'expiryDate');
  if (production && production > ctx.today) throw fail.validation('errors.receiving.productionInFuture', 'productionDate', { date: production });
  if (production && expiry && expiry < production) {
    throw fail.validation('errors.receiving.expiryBeforeProduction', 'expiryDate', { expiry, production });
  }
  if (expiry && expiry < ctx.today) throw fail.rule('errors.receiving.alreadyExpired', { expiry }, 'expiryDate');
  const bestBefore = input.bestBeforeDate ?? null;
  if (production && bestBefore && bestBefore < production) {
    throw fail.validation('errors.receiving.expiryBeforeProduction', 'bestBeforeDate', { expiry: bestBefore, production });
  }

  const supplierLot = input.supplierLot || null;
  if (supplierLot !== null) {
    if (!isValidLotCode(supplierLot)) throw fail.validation('errors.receiving.supplierLotInvalid', 'supplierLot');
    const existing = statement(db, 'SELECT code FROM lots WHERE supplier_id = ? AND item_id = ? AND supplier_lot = ?')
      .get(supplierId, item.id, supplierLot) as { code: string } | undefined;
    if (existing) throw fail.conflict('errors.receiving.duplicateSupplierLot', { supplierLot, lot: existing.code }, 'supplierLot');
  }

  const weight = netWeight(ctx, input);
  const status = initialStatus(item.qc_required === 1);
  assertStatusAllows(status, 'receive', '');
  const location = pickLocation(db, site, status === 'quarantine', input.locationId);
  const lotId = newId();
  const code = nextLotCode(db, item, site, dateOf(ctx.now));
  const at = ctx.now.toISOString();
  statement(db, `INSERT INTO lots (id, item_id, code, supplier_id, supplier_lot, production_date, expiry_date, best_before_date, status, created_at, created_by, net_weight_kg, net_weight_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(lotId, item.id, code, supplierId, supplierLot, production, expiry, bestBefore, status, at, user.id, weight?.kg ?? null, weight?.device ?? null);

  if (scanned) rememberReceivedUnit(db, scanned, lotId);
  const receipt = openReceipt(ctx, input.receiptId, supplierId);
  const lineNo = (statement(db, 'SELECT COALESCE(MAX(line_no), 0) + 1 AS n FROM document_lines WHERE document_id = ?').get(receipt.id) as { n: number }).n;
  const lineId = newId();
  statement(db, 'INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity, source_line_id, scan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(lineId, receipt.id, lineNo, item.id, lotId, quantity, poLine?.id ?? null, input.scan ?? null);

  const movementId = recordMovement(db, {
    kind: 'receive',
    stationId: ctx.station.stationId,
    userId: user.id,
    at,
    itemId: item.id,
    lotId,
    quantity,
    toLocationId: location.id,
    documentId: receipt.id,
    documentLineId: lineId,
  });

  // A lot that waits for QC gets its inspection in this same transaction (trigger 'receipt', due by the plan).
  if (status === 'quarantine') openReceiptInspection(ctx, { id: lotId, code, itemId: item.id, supplierId }, quantity);

  // The new lot is a record of its own (its dates are what QC and a recall read); the quantity is the ledger's.
  noteChanges(ctx, { object: 'lot', id: lotId, label: code }, null, {
    item: item.sku,
    supplierLot,
    productionDate: production,
    expiryDate: expiry,
    bestBeforeDate: bestBefore,
    status,
    document: receipt.number,
    // Where the weight and the scan came from: the scale's device id or "typed"; HID, wedge or typed.
    ...(weight ? { netWeight: kgText(weight.kg), weightSource: weight.device ?? 'typed' } : {}),
    ...(input.scan && input.scanSource ? { scanSource: input.scanSource } : {}),
  });
  return {
    receiptId: receipt.id,
    receiptNumber: receipt.number,
    lot: findLot(db, lotId, ctx.today)!,
    movementId,
    quantity: fromStored(quantity),
    location: { id: location.id, code: location.code },
  };
}

export const receivingHandlers = {
  'receiving.receive': receive,
} satisfies Partial<Handlers>;
