/**
 * Pure rules of a recall (issue 16): the classes, how a customer was told, which open recall
 * blocks a new one, which affected lots go on hold, the returns bin, and the mass balance of a
 * root lot. No I/O: the store reads the figures, the app applies these rules.
 */
import { fail } from './errors';
import type { StoredLotStatus } from './lot-status';

/** FDA recall classes: I (serious harm likely), II (temporary or reversible harm), III (harm unlikely). */
export const RECALL_CLASSES = ['I', 'II', 'III'] as const;
export type RecallClass = (typeof RECALL_CLASSES)[number];

export const NOTIFY_METHODS = ['phone', 'email', 'letter', 'visit', 'other'] as const;
export type NotifyMethod = (typeof NOTIFY_METHODS)[number];

/** What the closing signature means (stored as this code, shown translated). */
export const CLOSE_MEANING = 'recallComplete';

/**
 * A real recall is blocked by an open real recall of the same root; a mock recall (a drill) by
 * any open recall of it — a drill on a lot already under recall proves nothing, while a real
 * recall must never wait for a drill to be closed.
 */
export function assertMayStart(mock: boolean, open: { mock: boolean; number: string }[], lotCode: string, field: string): void {
  const blocking = open.find((r) => mock || !r.mock);
  if (blocking) throw fail.conflict('errors.recall.rootUnderRecall', { lot: lotCode, recall: blocking.number }, field);
}

/** Affected lots with stock go to 'recalled' (whatever they were); those already recalled stay as they are. */
export function goesOnHold(status: StoredLotStatus, onHand: number): boolean {
  return onHand > 0 && status !== 'recalled';
}

/**
 * Recalled stock accepts one kind of receipt: a customer's return under an open real recall,
 * into a quarantine bin, so it can never be picked again by mistake.
 */
export function assertReturnBin(bin: { code: string; quarantine: boolean; active: boolean }): void {
  if (!bin.active || !bin.quarantine) throw fail.rule('errors.recall.returnBin', { bin: bin.code }, 'toLocationId');
}

/** What every view of a recall says of it first (the list row, the detail, the store's record). */
export interface RecallFacts {
  id: string;
  number: string;
  mock: boolean;
  recallClass: RecallClass;
  reason: string;
  status: 'open' | 'closed';
  startedAt: string;
  reconciledAt: string | null;
}

/** Stored figures (thousandths) of one root lot, read from the ledger, the shipments and the balances. */
export interface MassBalanceFigures {
  /** Received or produced (receipts, transformation outputs, split/merge outputs; recall returns excluded). */
  input: number;
  onHand: number;
  /** On shipment documents. */
  shipped: number;
  /** Returned by customers under a recall (back on hand in a quarantine bin). */
  returned: number;
  /** Taken out into other lots (transformation, split, merge). */
  consumed: number;
  /** Adjusted out less adjusted in (counts, damage, scrap). */
  adjusted: number;
}

/** The same figures in the lot's unit, with what they leave unexplained. */
export interface MassBalance extends MassBalanceFigures {
  lotId: string;
  lotCode: string;
  unit: string;
  /** input − (on hand + shipped − returned + consumed + adjusted): what no record explains. */
  unaccounted: number;
  /** Share of the input the records explain, 0–100 (100 when nothing came in and nothing is missing). */
  accountedPercent: number;
}

/** The balance: input = on hand + (shipped − returned) + consumed + adjusted + unaccounted. */
export function massBalance(f: MassBalanceFigures): { unaccounted: number; accountedPercent: number } {
  const unaccounted = f.input - (f.onHand + f.shipped - f.returned + f.consumed + f.adjusted);
  if (f.input <= 0) return { unaccounted, accountedPercent: unaccounted === 0 ? 100 : 0 };
  const percent = Math.max(0, 100 * (1 - Math.abs(unaccounted) / f.input));
  return { unaccounted, accountedPercent: Math.round(percent * 100) / 100 };
}
