/**
 * Which stock may go to a customer, and in which order it must leave. Pure rules shared by
 * allocation (choosing lots for an order line) and picking (judging the lot a picker scanned).
 *
 * Eligible: released (so not quarantined, on hold, rejected, recalled or expired today), not
 * expired on the ship date, in a pickable bin, and with the customer's minimum remaining shelf
 * life on the ship date — in days, or in percent of the lot's total shelf life (the "2/3 rule").
 *
 * Removal order: FEFO — earliest expiry, then earliest receipt; FIFO — earliest receipt; LIFO —
 * latest receipt. Two lots are *equally good* when their rank is the same: the same expiry date
 * (FEFO) or the same day of receipt (FIFO, LIFO); a picker may swap one for the other freely.
 */
import { daysBetween } from './dates';
import type { LotStatus } from './lot-status';

export const REMOVAL_STRATEGIES = ['FEFO', 'FIFO', 'LIFO'] as const;
export type RemovalStrategy = (typeof REMOVAL_STRATEGIES)[number];

/** What the rules need to know about a lot. */
export interface LotFacts {
  lotCode: string;
  /** Effective status today (expired is derived). */
  status: LotStatus;
  expiryDate: string | null;
  productionDate: string | null;
  /** UTC instant the lot was received (created). */
  receivedAt: string;
}

/** Some of a lot in one bin, with the part not yet promised to another order line. */
export interface StockCandidate extends LotFacts {
  lotId: string;
  locationId: string;
  locationCode: string;
  pickable: boolean;
  /** Position on the walking route; null: after every numbered bin. */
  routeOrder: number | null;
  /** Balance less open allocations, in stored thousandths. */
  free: number;
}

export interface ShelfLifeRule {
  minDays: number | null;
  /** Percent (0–100) of the total shelf life that must remain; 66.67 is the "2/3 rule". */
  minPercent: number | null;
}

export interface EligibilityContext {
  /** The calendar date the goods leave: the line's requested date, or today when that has passed. */
  shipDate: string;
  rule: ShelfLifeRule;
  /** The item's shelf life, for the percent rule when a lot has no production date. */
  shelfLifeDays: number | null;
}

export interface Ineligibility {
  key: string;
  params: Record<string, string | number>;
}

/** The later of today and the requested date: a date in the past ships today. */
export function shipDateOf(today: string, requested: string | null): string {
  return requested && requested > today ? requested : today;
}

/** Why a lot may not go to this customer on this date, or null when it may. */
export function lotIneligibility(lot: LotFacts, ctx: EligibilityContext): Ineligibility | null {
  if (lot.status !== 'released') return { key: 'errors.allocation.lotStatus', params: { lot: lot.lotCode, status: lot.status } };
  if (lot.expiryDate === null) return null;
  if (lot.expiryDate < ctx.shipDate) {
    return { key: 'errors.allocation.expiresBeforeShipping', params: { lot: lot.lotCode, expiry: lot.expiryDate, shipDate: ctx.shipDate } };
  }
  const { minDays, minPercent } = ctx.rule;
  if (minDays === null && minPercent === null) return null;
  const remaining = daysBetween(ctx.shipDate, lot.expiryDate);
  if (minDays !== null && remaining < minDays) {
    return { key: 'errors.allocation.shelfLifeDays', params: { lot: lot.lotCode, remaining, required: minDays } };
  }
  if (minPercent !== null) {
    const total = lot.productionDate ? daysBetween(lot.productionDate, lot.expiryDate) : ctx.shelfLifeDays;
    // Exact in integers: remaining / total >= percent / 100, with the percent to two decimals.
    if (total && total > 0 && remaining * 10_000 < Math.round(minPercent * 100) * total) {
      return { key: 'errors.allocation.shelfLifePercent', params: { lot: lot.lotCode, remaining, required: Math.ceil((minPercent * total) / 100), percent: minPercent } };
    }
  }
  return null;
}

export function candidateIneligibility(c: StockCandidate, ctx: EligibilityContext): Ineligibility | null {
  if (!c.pickable) return { key: 'errors.allocation.notPickable', params: { lot: c.lotCode, bin: c.locationCode } };
  return lotIneligibility(c, ctx);
}

/** Expiry dates compare as text; a lot without one goes after every dated lot. */
const NO_EXPIRY = '9999-12-31';

/**
 * < 0 when `a` must leave before `b`, 0 when they are equally good, > 0 when `b` goes first.
 * This is the rule a picker is held to.
 */
export function compareRank(strategy: RemovalStrategy, a: LotFacts, b: LotFacts): number {
  if (strategy === 'FEFO') return (a.expiryDate ?? NO_EXPIRY).localeCompare(b.expiryDate ?? NO_EXPIRY);
  const byDay = a.receivedAt.slice(0, 10).localeCompare(b.receivedAt.slice(0, 10));
  return strategy === 'FIFO' ? byDay : -byDay;
}

/** The full removal order: the rank, then (FEFO) receipt, then the walking route, so allocation is deterministic. */
export function compareRemoval(strategy: RemovalStrategy, a: StockCandidate, b: StockCandidate): number {
  return (
    compareRank(strategy, a, b) ||
    (strategy === 'LIFO' ? b.receivedAt.localeCompare(a.receivedAt) : a.receivedAt.localeCompare(b.receivedAt)) ||
    a.lotId.localeCompare(b.lotId) ||
    (a.routeOrder ?? Number.MAX_SAFE_INTEGER) - (b.routeOrder ?? Number.MAX_SAFE_INTEGER) ||
    a.locationCode.localeCompare(b.locationCode)
  );
}

export interface Take {
  candidate: StockCandidate;
  quantity: number;
}

export interface LineAllocation {
  takes: Take[];
  /** What could not be covered (stored thousandths). */
  short: number;
}

/**
 * Takes `quantity` from candidates given in removal order, skipping ineligible ones and those
 * with nothing free. Stops reading the candidates as soon as the line is covered, so a caller
 * may pass a database cursor over thousands of lots.
 */
export function takeInOrder(candidates: Iterable<StockCandidate>, quantity: number, ctx: EligibilityContext): LineAllocation {
  const takes: Take[] = [];
  let needed = quantity;
  if (needed <= 0) return { takes, short: 0 };
  for (const c of candidates) {
    if (c.free <= 0 || candidateIneligibility(c, ctx)) continue;
    const q = Math.min(c.free, needed);
    takes.push({ candidate: c, quantity: q });
    needed -= q;
    if (needed === 0) break;
  }
  return { takes, short: needed };
}

/** The first candidate (in removal order) that could be allocated now, if any. */
export function firstAvailable(candidates: Iterable<StockCandidate>, ctx: EligibilityContext): StockCandidate | null {
  for (const c of candidates) if (c.free > 0 && !candidateIneligibility(c, ctx)) return c;
  return null;
}
