/**
 * The outbound part of the demo data: a staging location for picked goods at the packing desk, a
 * walking route through the bins, and customers' shelf-life rules. (Stock comes from receiving
 * the demo purchase orders, as in a real warehouse.)
 */
import type { Db } from '../../store/db';
import { insertLocation, insertZone } from '../master-data/inserts';

export const DEMO_STAGING = 'PACK-01';

/** Customer code → minimum remaining shelf life on the ship date. */
export const DEMO_SHELF_LIFE_RULES: Record<string, { days: number | null; percent: number | null }> = {
  'CUS-SHM': { days: null, percent: 66.67 },
  'CUS-BER': { days: 180, percent: null },
};

/** Adds the packing desk's staging bin to `ids.locationIds` (the demo's bins by code). */
export function writeOutboundDemo(db: Db, ids: { siteId: string; locationIds: Record<string, string> }): void {
  const pack = insertZone(db, ids.siteId, 'PACK', 'Packing desk');
  ids.locationIds[DEMO_STAGING] = insertLocation(db, pack, DEMO_STAGING, { pickable: false, staging: true });

  // Walking route: up the A aisle, back down the B aisle.
  const codes = Object.keys(ids.locationIds);
  const aisle = (prefix: string) => codes.filter((c) => c.startsWith(prefix)).sort();
  const route = [...aisle('A-'), ...aisle('B-').reverse()];
  const setRoute = db.prepare('UPDATE locations SET route_order = ? WHERE id = ?');
  route.forEach((code, i) => setRoute.run(i + 1, ids.locationIds[code]));

  const setRule = db.prepare("UPDATE parties SET min_shelf_life_days = ?, min_shelf_life_percent = ? WHERE kind = 'customer' AND code = ?");
  for (const [code, rule] of Object.entries(DEMO_SHELF_LIFE_RULES)) setRule.run(rule.days, rule.percent, code);
}
