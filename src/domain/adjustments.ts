/**
 * Reason codes of stock adjustments and the direction each allows: stock that is damaged, lost,
 * expired or sampled leaves; found stock arrives; a correction goes either way. Count differences
 * are booked with the reason 'count' by the count itself.
 */
export const ADJUSTMENT_REASONS = ['damaged', 'lost', 'expired', 'sample', 'found', 'correction'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
export type Direction = 'in' | 'out';

const DIRECTIONS: Record<AdjustmentReason, readonly Direction[]> = {
  damaged: ['out'],
  lost: ['out'],
  expired: ['out'],
  sample: ['out'],
  found: ['in'],
  correction: ['in', 'out'],
};

export function reasonAllows(reason: AdjustmentReason, direction: Direction): boolean {
  return DIRECTIONS[reason].includes(direction);
}

/**
 * Reasons that record stock already gone (broken, missing, past its date, or never there), so,
 * like a count, they may take stock that orders were promised: those allocations shrink. A sample
 * is stock taken by choice, so it may take only what is free.
 */
const RECORDS_LOSS: ReadonlySet<AdjustmentReason> = new Set(['damaged', 'lost', 'expired', 'correction']);

export function recordsLoss(reason: AdjustmentReason): boolean {
  return RECORDS_LOSS.has(reason);
}

/** The movement reason of a count difference. */
export const COUNT_REASON = 'count';
