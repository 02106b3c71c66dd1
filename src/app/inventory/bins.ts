/**
 * Bins and stock in them, for the commands that move stock: a bin of this desk's site, what a
 * lot holds in a bin, and the one check that refuses to take more than is free there (not
 * promised to an order) — with the lot, bin, quantity and order in the message rather than the
 * ledger's bare "insufficient".
 */
import { fail } from '../../domain/errors';
import { binRefusal, type Bin } from '../../domain/bin-rules';
import { assertStatusAllows, type StockAction } from '../../domain/lot-status';
import { fromStored, isUnit, toStored } from '../../domain/quantity';
import type { LotView } from '../../contract/results';
import type { Db } from '../../store/db';
import { freeStock } from '../../store/free-stock';
import { findLot } from '../../store/lots';
import type { NewMovement } from '../../store/ledger';
import { recordMovement } from '../../store/ledger';
import { requireUser, type CallContext } from '../kernel/context';

export interface SiteBin extends Bin {
  receiving: boolean;
}

interface BinRow {
  id: string;
  code: string;
  zone_id: string;
  pickable: number;
  quarantine: number;
  receiving: number;
  kind: string;
}

const BIN_SELECT = `SELECT l.id, l.code, l.zone_id, l.pickable, l.quarantine, l.receiving, l.kind
  FROM locations l JOIN zones z ON z.id = l.zone_id JOIN sites s ON s.id = z.site_id
  WHERE l.active = 1 AND s.code = ?`;

function toBin(r: BinRow): SiteBin {
  return { id: r.id, code: r.code, zoneId: r.zone_id, pickable: r.pickable === 1, quarantine: r.quarantine === 1, receiving: r.receiving === 1, kind: r.kind };
}

export function requireSite(ctx: CallContext): string {
  const site = ctx.station.site();
  if (!site) throw fail.rule('errors.station.noSite');
  return site;
}

/** An active bin of the desk's site by id, or the typed "unknown bin" error on `field`. */
export function loadBin(ctx: CallContext, locationId: string, field: string): SiteBin {
  const row = ctx.station.db.prepare(`${BIN_SELECT} AND l.id = ?`).get(requireSite(ctx), locationId) as BinRow | undefined;
  if (!row) throw fail.notFound('errors.location.unknown', {}, field);
  return toBin(row);
}

/** An active bin of the desk's site by its code as printed on the bin label (case-insensitive). */
export function findBinByCode(ctx: CallContext, code: string, field: string): SiteBin {
  const row = ctx.station.db.prepare(`${BIN_SELECT} AND l.code = ? COLLATE NOCASE`).get(requireSite(ctx), code.trim()) as BinRow | undefined;
  if (!row) throw fail.notFound('errors.putaway.unknownBin', { bin: code.trim() }, field);
  return toBin(row);
}

export function siteBins(ctx: CallContext): SiteBin[] {
  return (ctx.station.db.prepare(`${BIN_SELECT} ORDER BY l.code`).all(requireSite(ctx)) as BinRow[]).map(toBin);
}

/** Refuses a bin that does not fit the lot's status (see domain/bin-rules). */
export function assertBinFits(lot: LotView, bin: Bin, allowNonPickable: boolean, field: string): void {
  const refusal = binRefusal(lot.status, bin, lot.code, allowNonPickable);
  if (refusal) throw fail.rule(refusal.key, refusal.params, field);
}

export function balanceOf(db: Db, lotId: string, locationId: string): number {
  const row = db.prepare('SELECT quantity FROM balances WHERE lot_id = ? AND location_id = ?').get(lotId, locationId) as { quantity: number } | undefined;
  return row?.quantity ?? 0;
}

/**
 * Refuses to take more of a lot from a bin than is free there: more than the bin holds, or stock
 * that open allocations promise to an order (named in the message, so the clerk knows whom to ask).
 */
/** The bin holds at least `stored` of the lot, reserved or not. */
export function assertInBin(lot: LotView, bin: Bin, balance: number, stored: number, field: string): void {
  if (balance === 0) throw fail.rule('errors.stock.lotNotInBin', { lot: lot.code, bin: bin.code }, field);
  if (stored > balance) throw fail.rule('errors.stock.notEnoughInBin', { lot: lot.code, bin: bin.code, available: fromStored(balance), unit: lot.unit }, field);
}

/** The bin holds at least `stored` of the lot that no order was promised. */
export function assertAvailable(db: Db, lot: LotView, bin: Bin, stored: number, field: string): void {
  const { balance, reserved, free, heldBy } = freeStock(db, lot.id, bin.id);
  assertInBin(lot, bin, balance, stored, field);
  if (stored > free) {
    const params = { lot: lot.code, bin: bin.code, free: fromStored(Math.max(0, free)), reserved: fromStored(reserved), unit: lot.unit, order: heldBy ?? '' };
    // "Only 0 are free, take at most 0" says nothing: with nothing free, the message says all of it is promised.
    throw fail.rule(free > 0 ? 'errors.stock.reserved' : 'errors.stock.allReserved', params, field);
  }
}

export type Movement = Omit<NewMovement, 'stationId' | 'userId' | 'at' | 'documentId'>;

/** Records movements of one document as the calling user at the call's instant. */
export function ledgerFor(ctx: CallContext, documentId: string): (m: Movement) => string {
  const userId = requireUser(ctx).id;
  const at = ctx.now.toISOString();
  return (m) => recordMovement(ctx.station.db, { ...m, stationId: ctx.station.stationId, userId, at, documentId });
}

export function requireLot(ctx: CallContext, lotId: string, field: string): LotView {
  const lot = findLot(ctx.station.db, lotId, ctx.today);
  if (!lot) throw fail.notFound('errors.lot.unknown', {}, field);
  return lot;
}

/** A quantity in a unit's thousandths; units outside the known list are a data error caught here. */
export function storedQuantity(quantity: number, unit: string, field: string): number {
  if (!isUnit(unit)) throw fail.validation('errors.quantity.wrongUnit', field, { unit, itemUnit: unit });
  return toStored(quantity, unit, field);
}

export interface Part {
  lot: LotView;
  bin: SiteBin;
  /** Thousandths of the lot's unit. */
  stored: number;
}

/** One lot taken from one bin: the lot exists, its status allows `action`, the bin holds enough. */
export function loadPart(ctx: CallContext, part: { lotId: string; fromLocationId: string; quantity: number }, field: string, action: StockAction): Part {
  const lot = requireLot(ctx, part.lotId, `${field}.lotId`);
  assertStatusAllows(lot.status, action, lot.code);
  const bin = loadBin(ctx, part.fromLocationId, `${field}.fromLocationId`);
  const stored = storedQuantity(part.quantity, lot.unit, `${field}.quantity`);
  assertAvailable(ctx.station.db, lot, bin, stored, `${field}.quantity`);
  return { lot, bin, stored };
}

/** Parts of one command, each as loadPart; parts of the same lot and bin are checked together, so listing one twice cannot take reserved stock. */
export function loadParts(ctx: CallContext, parts: { lotId: string; fromLocationId: string; quantity: number }[], field: string, action: StockAction): Part[] {
  const totals = new Map<string, number>();
  return parts.map((p, i) => {
    const part = loadPart(ctx, p, `${field}.${i}`, action);
    const key = `${part.lot.id}|${part.bin.id}`;
    const total = (totals.get(key) ?? 0) + part.stored;
    totals.set(key, total);
    if (total > part.stored) assertAvailable(ctx.station.db, part.lot, part.bin, total, `${field}.${i}.quantity`);
    return part;
  });
}
