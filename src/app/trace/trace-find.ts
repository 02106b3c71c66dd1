/**
 * `trace.find`: the entry points of a trace besides a lot's own code or label (issue 16) — a
 * supplier's lot code, a supplier and a range of receipt dates, an item and a range of production
 * dates, the SSCC of a shipped case or pallet. Each answers the lots it names; the caller traces
 * them (trace.lot by lotId). A range the wrong way round, an unknown supplier lot, supplier or
 * item, and an SSCC that never left on a shipment are refused with translated errors.
 */
import { addDays } from '../../domain/dates';
import { fail } from '../../domain/errors';
import { hasValidCheckDigit, gs1CheckDigit } from '../../domain/gs1/check-digit';
import type { FoundLot, TraceFindResult } from '../../contract/results';
import type { ParsedInput } from '../../contract/contract';
import type { Db } from '../../store/db';
import { toLotView } from '../../store/lots';
import {
  itemIdBySku, lotsBySupplierLot, lotsInPackage, lotsProducedBetween, lotsReceivedFrom, packageBySscc, partyIdByCode, type FoundLotRow,
} from '../../store/trace';
import type { Handlers } from '../kernel/context';

function range(from: string, to: string, field: string): void {
  if (from > to) throw fail.validation('errors.trace.rangeReversed', field, { from, to });
}

function toFound(r: FoundLotRow, today: string): FoundLot {
  const lot = toLotView(r, today);
  return {
    lotId: lot.id, code: lot.code, itemId: lot.itemId, sku: lot.sku, itemName: lot.itemName, unit: lot.unit, status: lot.status,
    supplierLot: r.supplier_lot, productionDate: r.production_date, receivedAt: r.receivedAt,
  };
}

export function traceFind(db: Db, input: ParsedInput<'trace.find'>, today: string): TraceFindResult {
  let found: { rows: FoundLotRow[]; total: number };
  if ('supplierLot' in input) {
    found = lotsBySupplierLot(db, input.supplierLot, input.limit);
    if (found.total === 0) throw fail.notFound('errors.trace.supplierLotUnknown', { supplierLot: input.supplierLot }, 'supplierLot');
  } else if ('supplierCode' in input) {
    range(input.receivedFrom, input.receivedTo, 'receivedTo');
    const supplierId = partyIdByCode(db, 'supplier', input.supplierCode);
    if (!supplierId) throw fail.notFound('errors.trace.supplierUnknown', { code: input.supplierCode }, 'supplierCode');
    // Receipts are stamped with UTC instants; the range is of calendar days, the last one included.
    found = lotsReceivedFrom(db, supplierId, input.receivedFrom, addDays(input.receivedTo, 1), input.limit);
  } else if ('sku' in input) {
    range(input.producedFrom, input.producedTo, 'producedTo');
    const itemId = itemIdBySku(db, input.sku);
    if (!itemId) throw fail.notFound('errors.trace.itemUnknown', { sku: input.sku }, 'sku');
    found = lotsProducedBetween(db, itemId, input.producedFrom, input.producedTo, input.limit);
  } else {
    const sscc = input.sscc.replace(/^\(00\)/, '').replace(/^00(?=\d{18}$)/, '');
    if (!hasValidCheckDigit(sscc)) throw fail.validation('errors.inventory.ssccCheckDigit', 'sscc', { sscc, expected: gs1CheckDigit(sscc.slice(0, -1)) });
    const pkg = packageBySscc(db, sscc);
    if (!pkg || !pkg.shipmentId) throw fail.notFound('errors.trace.ssccNotShipped', { sscc }, 'sscc');
    found = lotsInPackage(db, pkg.id, input.limit);
  }
  return { lots: found.rows.map((r) => toFound(r, today)), total: found.total };
}

export const traceFindHandlers = {
  'trace.find': (ctx, input) => traceFind(ctx.station.db, input, ctx.today),
} satisfies Partial<Handlers>;
