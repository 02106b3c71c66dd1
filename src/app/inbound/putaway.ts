/** Putaway at the desk: the suggested bin for a scanned lot, and the check of the bin scanned next. */
import { suggestBin, type BinOccupancy } from '../../domain/bin-rules';
import type { BinSuggestion } from '../../contract/results';
import { assertBinFits, findBinByCode, requireLot, siteBins } from '../inventory/bins';
import type { CallContext, Handlers } from '../kernel/context';

/** Each bin of the site with what it holds of the lot and its item, in three set-based reads. */
function occupancy(ctx: CallContext, lotId: string, itemId: string): BinOccupancy[] {
  const db = ctx.station.db;
  const ids = (sql: string, ...params: string[]) => new Set(db.prepare(sql).pluck().all(...params) as string[]);
  const withLot = ids('SELECT location_id FROM balances WHERE lot_id = ?', lotId);
  const withItem = ids('SELECT DISTINCT location_id FROM balances WHERE item_id = ?', itemId);
  const occupied = ids('SELECT id FROM locations l WHERE EXISTS (SELECT 1 FROM balances b WHERE b.location_id = l.id)');
  return siteBins(ctx).map((bin) => ({ bin, holdsLot: withLot.has(bin.id), holdsItem: withItem.has(bin.id), empty: !occupied.has(bin.id) }));
}

export const putawayHandlers = {
  'putaway.suggest': (ctx, input): BinSuggestion => {
    const lot = requireLot(ctx, input.lotId, 'lotId');
    const best = suggestBin(lot.status, occupancy(ctx, lot.id, lot.itemId), input.fromLocationId ?? null);
    return best ? { location: { id: best.bin.id, code: best.bin.code }, reason: best.reason } : { location: null, reason: null };
  },
  'putaway.checkBin': (ctx, input) => {
    const lot = requireLot(ctx, input.lotId, 'lotId');
    const bin = findBinByCode(ctx, input.bin, 'bin');
    assertBinFits(lot, bin, input.allowNonPickable ?? false, 'bin');
    return { id: bin.id, code: bin.code };
  },
} satisfies Partial<Handlers>;
