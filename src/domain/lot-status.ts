/**
 * Lot status is one model, enforced here for every command that moves stock. Expired is not
 * stored: it is derived from the expiry date and the clock, so it takes effect on the date
 * with no job to run.
 */
import { fail } from './errors';

export const LOT_STATUSES = ['quarantine', 'released', 'on_hold', 'rejected', 'recalled'] as const;
export type StoredLotStatus = (typeof LOT_STATUSES)[number];
export type LotStatus = StoredLotStatus | 'expired';

export function effectiveStatus(stored: StoredLotStatus, expiryDate: string | null, today: string): LotStatus {
  if (stored === 'released' && expiryDate !== null && expiryDate < today) return 'expired';
  return stored;
}

/**
 * effectiveStatus as an SQL expression over a status, an expiry date (NULL: none) and today, for
 * views that sum thousands of lots inside SQLite instead of reading them out one by one. A unit
 * test holds the two to the same answers.
 */
export function effectiveStatusSql(stored: string, expiryDate: string, today: string): string {
  return `CASE WHEN ${stored} = 'released' AND ${expiryDate} IS NOT NULL AND ${expiryDate} < ${today} THEN 'expired' ELSE ${stored} END`;
}

/** Status a newly received lot starts in. */
export function initialStatus(qcRequired: boolean): StoredLotStatus {
  return qcRequired ? 'quarantine' : 'released';
}

/**
 * putaway: any move between bins. adjust: a count or adjustment records what is really there,
 * whatever the status. relabel: split or merge into a new lot that inherits the status and dates,
 * so an expired, rejected or recalled lot cannot be relabelled into fresh-looking stock.
 */
export type StockAction = 'receive' | 'putaway' | 'pick' | 'ship' | 'consume' | 'adjust' | 'relabel';

/**
 * What each status allows; quarantined stock may be received, moved (into quarantine bins), counted
 * and relabelled; a QC sampling draw is an adjustment out (qc.drawSample), so quarantine and hold
 * allow it; rejected stock may only be moved into reject bins (bin-rules.ts) and counted.
 */
const ALLOWED: Record<LotStatus, readonly StockAction[]> = {
  released: ['receive', 'putaway', 'pick', 'ship', 'consume', 'adjust', 'relabel'],
  quarantine: ['receive', 'putaway', 'adjust', 'relabel'],
  on_hold: ['putaway', 'adjust', 'relabel'],
  rejected: ['putaway', 'adjust'],
  recalled: ['adjust'],
  expired: ['putaway', 'adjust'],
};

export function assertStatusAllows(status: LotStatus, action: StockAction, lotCode: string): void {
  if (!ALLOWED[status].includes(action)) {
    throw fail.rule('errors.lot.statusForbids', { lot: lotCode, status, action });
  }
}
