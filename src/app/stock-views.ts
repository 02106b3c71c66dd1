/**
 * Stock views of the warehouse lead: stock per item split into what may be picked, what waits
 * for QC and what is blocked; and the near-expiry list checked every morning, with a horizon per
 * item (the station default otherwise). Status comes from the one lot-status model, so a lot
 * counts as expired from its expiry date on, with no job.
 */
import { fail } from '../domain/errors';
import { effectiveStatus, type StoredLotStatus } from '../domain/lot-status';
import { fromStored } from '../domain/quantity';
import type { ItemStock, NearExpiryRow } from '../api/results';
import { LOT_COLUMNS, LOT_FROM, toLotView, type LotRow } from '../store/lots';
import type { Handlers } from './context';
import { expiryMark, ITEM_HORIZON_SQL, nearExpiryCutoff, setStationNearExpiryDays, stationNearExpiryDays } from './near-expiry';

interface Group {
  item_id: string;
  status: StoredLotStatus;
  expiry_date: string | null;
  qty: number;
  lots: number;
}

// item_stock groups by stored status and expiry date, so the expired rule is applied per group, in JS, by the one model.
const GROUPS = `SELECT item_id, status, NULLIF(expiry_date, '') AS expiry_date, quantity AS qty, lots FROM item_stock`;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const stockViewHandlers = {
  'stock.byItem': (ctx, input) => {
    const db = ctx.station.db;
    const items = (
      input.itemId
        ? db.prepare('SELECT id, sku, name, unit FROM items WHERE id = ?').all(input.itemId)
        : db.prepare('SELECT id, sku, name, unit FROM items ORDER BY sku').all()
    ) as { id: string; sku: string; name: string; unit: string }[];
    if (input.itemId && items.length === 0) throw fail.notFound('errors.item.unknown', {}, 'itemId');
    const groups = (
      input.itemId ? db.prepare(`${GROUPS} WHERE item_id = ?`).all(input.itemId) : db.prepare(GROUPS).all()
    ) as Group[];
    const rows = new Map<string, ItemStock>(
      items.map((i) => [i.id, { itemId: i.id, sku: i.sku, name: i.name, unit: i.unit, total: 0, available: 0, quarantine: 0, blocked: 0, lots: 0, earliestExpiry: null }]),
    );
    for (const g of groups) {
      const row = rows.get(g.item_id);
      if (!row) continue;
      const status = effectiveStatus(g.status, g.expiry_date, ctx.today);
      row.total += g.qty;
      row.lots += g.lots;
      if (status === 'released') {
        row.available += g.qty;
        if (g.expiry_date && (row.earliestExpiry === null || g.expiry_date < row.earliestExpiry)) row.earliestExpiry = g.expiry_date;
      } else if (status === 'quarantine') row.quarantine += g.qty;
      else row.blocked += g.qty;
    }
    return [...rows.values()].map((r) => ({ ...r, total: fromStored(r.total), available: fromStored(r.available), quarantine: fromStored(r.quarantine), blocked: fromStored(r.blocked) }));
  },

  'stock.nearExpiry': (ctx) => {
    const db = ctx.station.db;
    const items = db.prepare(`SELECT i.id, ${ITEM_HORIZON_SQL} AS horizon FROM items i`).all(stationNearExpiryDays(db)) as { id: string; horizon: number }[];
    // One index range per item (lots by item and expiry): each item has its own horizon.
    const lots = db.prepare(
      `SELECT ${LOT_COLUMNS}, SUM(b.quantity) AS qty, GROUP_CONCAT(loc.code, ' ') AS bins
       ${LOT_FROM} JOIN balances b ON b.lot_id = l.id JOIN locations loc ON loc.id = b.location_id
       WHERE l.item_id = ? AND l.expiry_date <= ? AND l.status NOT IN ('rejected', 'recalled')
       GROUP BY l.id`,
    );
    const rows = items.flatMap(({ id, horizon }) =>
      (lots.all(id, nearExpiryCutoff(ctx.today, horizon)) as (LotRow & { qty: number; bins: string })[]).map(
        (r): NearExpiryRow => ({
          lot: toLotView(r, ctx.today),
          quantity: fromStored(r.qty),
          daysLeft: daysBetween(ctx.today, r.expiry_date!),
          horizonDays: horizon,
          expiry: expiryMark(r.expiry_date, ctx.today, horizon),
          bins: r.bins.split(' ').sort(),
        }),
      ),
    );
    return rows.sort((a, b) => a.lot.expiryDate!.localeCompare(b.lot.expiryDate!) || a.lot.sku.localeCompare(b.lot.sku) || a.lot.code.localeCompare(b.lot.code));
  },

  'items.setNearExpiryDays': (ctx, input) => {
    const res = ctx.station.db.prepare('UPDATE items SET near_expiry_days = ? WHERE id = ?').run(input.days, input.itemId);
    if (res.changes !== 1) throw fail.notFound('errors.item.unknown', {}, 'itemId');
    return { done: true as const };
  },

  'settings.nearExpiryDefault': (ctx) => ({ days: stationNearExpiryDays(ctx.station.db) }),

  'settings.setNearExpiryDefault': (ctx, input) => {
    setStationNearExpiryDays(ctx.station.db, input.days);
    return { days: input.days };
  },
} satisfies Partial<Handlers>;
