/**
 * The near-expiry horizon, one rule for the lead's morning list, the stock rows and the screens:
 * an item's own days (items.near_expiry_days), else the station default (setting
 * inventory.nearExpiryDays, set by a manager), else 30 days.
 */
import { addDays } from '../../domain/dates';
import type { ExpiryMark } from '../../contract/results';
import type { Db } from '../../store/db';
import { getSetting, setSetting } from '../kernel/settings';

const SETTING = 'inventory.nearExpiryDays';
const DEFAULT_NEAR_EXPIRY_DAYS = 30;

export function stationNearExpiryDays(db: Db): number {
  return Number(getSetting(db, SETTING) ?? DEFAULT_NEAR_EXPIRY_DAYS);
}

export function setStationNearExpiryDays(db: Db, days: number): void {
  setSetting(db, SETTING, String(days));
}

/** The horizon of the item aliased `i` in a query; bind stationNearExpiryDays() to its one parameter. */
export const ITEM_HORIZON_SQL = 'COALESCE(i.near_expiry_days, ?)';

/** The last expiry date that is near expiry today under a horizon. */
export function nearExpiryCutoff(today: string, horizonDays: number): string {
  return addDays(today, horizonDays);
}

/** How an expiry date reads today: past (the lot is expired, as in lot-status), soon (within the horizon), or neither. */
export function expiryMark(expiryDate: string | null, today: string, horizonDays: number): ExpiryMark {
  if (!expiryDate) return null;
  if (expiryDate < today) return 'past';
  return expiryDate <= nearExpiryCutoff(today, horizonDays) ? 'soon' : null;
}
