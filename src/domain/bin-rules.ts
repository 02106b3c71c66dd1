/**
 * Where a lot may go and where it should go. Stock that may not be picked (quarantine, on hold,
 * expired…) belongs in the quarantine area; released stock belongs in pickable bins, and goes to a
 * non-pickable bin only when the user says so. The suggestion keeps an item together: the bin
 * that already holds the lot, then a bin holding the item, then an empty bin in the item's zone,
 * then any empty bin, then any bin that fits.
 */
import type { LotStatus } from './lot-status';

export interface Bin {
  id: string;
  code: string;
  zoneId: string;
  pickable: boolean;
  quarantine: boolean;
  /** The bin's kind (src/domain/bin-kinds.ts) when known: blocked stock is suggested its own kind of quarantine bin. */
  kind?: string;
}

/** Where blocked stock of a status belongs among the quarantine bins: rejected goods in reject bins, recalled ones in returns bins. */
const HOME_KIND: Partial<Record<LotStatus, string>> = { rejected: 'reject', recalled: 'returns' };

export interface BinRefusal {
  key: string;
  params: Record<string, string>;
}

/** Why `bin` is the wrong bin for a lot in `status`, or null when it may go there. */
export function binRefusal(status: LotStatus, bin: Bin, lotCode: string, allowNonPickable: boolean): BinRefusal | null {
  // Rejected goods wait for return or destruction in a reject bin (a bin of unknown kind is judged by its flags).
  if (status === 'rejected' && bin.kind !== undefined && bin.kind !== 'reject') {
    return { key: 'errors.putaway.needsRejectBin', params: { lot: lotCode, bin: bin.code } };
  }
  if (status !== 'released') {
    return bin.quarantine ? null : { key: 'errors.putaway.needsQuarantineBin', params: { lot: lotCode, status, bin: bin.code } };
  }
  if (!bin.pickable && !allowNonPickable) return { key: 'errors.putaway.notPickable', params: { lot: lotCode, bin: bin.code } };
  return null;
}

export type SuggestionReason = 'sameLot' | 'sameItem' | 'itemZone' | 'emptyBin' | 'anyBin' | 'quarantine';

export interface BinOccupancy {
  bin: Bin;
  /** The bin holds some of this very lot. */
  holdsLot: boolean;
  /** The bin holds some stock of the lot's item. */
  holdsItem: boolean;
  /** The bin holds no stock at all. */
  empty: boolean;
}

/**
 * The best bin for a lot among the site's active bins (`from` excluded), or null when none fits.
 * Order of preference is the reason order; ties go to the lowest bin code, so the walk stays short.
 */
export function suggestBin(
  status: LotStatus,
  bins: readonly BinOccupancy[],
  fromBinId: string | null,
): { bin: Bin; reason: SuggestionReason } | null {
  const candidates = bins
    .filter((b) => b.bin.id !== fromBinId && binRefusal(status, b.bin, '', false) === null)
    .sort((a, b) => a.bin.code.localeCompare(b.bin.code));
  if (status !== 'released') {
    const kind = HOME_KIND[status] ?? 'quarantine';
    const home = candidates.filter((b) => (b.bin.kind ?? 'quarantine') === kind);
    const pool = home.length > 0 ? home : candidates;
    const q = pool.find((b) => b.holdsLot) ?? pool.find((b) => b.holdsItem) ?? pool[0];
    return q ? { bin: q.bin, reason: 'quarantine' } : null;
  }
  const itemZones = new Set(bins.filter((b) => b.holdsItem && b.bin.pickable).map((b) => b.bin.zoneId));
  const ranked: [SuggestionReason, (b: BinOccupancy) => boolean][] = [
    ['sameLot', (b) => b.holdsLot],
    ['sameItem', (b) => b.holdsItem],
    ['itemZone', (b) => b.empty && itemZones.has(b.bin.zoneId)],
    ['emptyBin', (b) => b.empty],
    ['anyBin', () => true],
  ];
  for (const [reason, test] of ranked) {
    const hit = candidates.find(test);
    if (hit) return { bin: hit.bin, reason };
  }
  return null;
}
