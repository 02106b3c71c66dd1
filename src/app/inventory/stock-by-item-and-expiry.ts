/**
 * Stock views of the warehouse lead: stock per item split into what is free, what orders hold,
 * what waits for QC and what is blocked; and the near-expiry list checked every morning, with a
 * horizon per item (the station default otherwise). Status comes from the one lot-status model, so a lot
 * counts as expired from its expiry date on, with no job.
 */
import { noteChanges } from '../kernel/audit-changes';
import { itemAuditFields } from '../../store/audited-records';
import { fail } from '../../domain/errors';
import { daysBetween } from '../../domain/dates';
import { effectiveStatusSql } from '../../domain/lot-status';
import { statement } from '../../store/statements';
import { fromStored } from '../../domain/quantity';
import type { ItemStock, NearExpiryRow } from '../../contract/results';
import { NEAR_EXPIRY_PAGE } from '../../contract/pages';
import { LOT_COLUMNS, LOT_FROM, toLotView, type LotRow } from '../../store/lots';
import type { Handlers } from '../kernel/context';
import { expiryMark, ITEM_HORIZON_SQL, nearExpiryCutoff, setStationNearExpiryDays, stationNearExpiryDays } from './near-expiry';

interface ItemTotals {
  item_id: string;
  total: number;
  lots: number;
  released: number;
  quarantine: number;
  earliest_expiry: string | null;
}

// item_stock holds one row per item, stored status and expiry date (GEN-0001's 10k lots: ~600
// rows); they are summed in SQLite, reading one row per item out instead of every group.
const GROUPS = `SELECT item_id, quantity, lots, NULLIF(expiry_date, '') AS expiry_date, ${effectiveStatusSql('status', "NULLIF(expiry_date, '')", '@today')} AS status
     FROM item_stock`;
const TOTALS = (where: string) => `SELECT item_id, SUM(quantity) AS total, SUM(lots) AS lots,
       SUM(CASE WHEN status = 'released' THEN quantity ELSE 0 END) AS released,
       SUM(CASE WHEN status = 'quarantine' THEN quantity ELSE 0 END) AS quarantine,
       MIN(CASE WHEN status = 'released' THEN expiry_date END) AS earliest_expiry
     FROM (${GROUPS} ${where}) GROUP BY item_id`;

/**
 * Released stock already promised to orders, per item: the unpicked part of open allocations
 * (read from their partial index, so only open work is read) and what waits in staging bins
 * for packing. A lot past its expiry date counts as blocked, not as promised. CROSS JOIN keeps
 * the few promised rows outside: led by an item's 10k lots instead, it took 2 ms.
 */
const ALLOCATED = (where: string) => `SELECT l.item_id, SUM(r.quantity) AS allocated FROM (
    SELECT lot_no, quantity - picked AS quantity FROM allocation_rows INDEXED BY allocation_rows_open_stock WHERE status = 'open'
    UNION ALL
    SELECT sl.no, b.quantity FROM locations loc CROSS JOIN balances b ON b.location_id = loc.id CROSS JOIN lots sl ON sl.id = b.lot_id
    WHERE loc.staging = 1 AND loc.active = 1
  ) r CROSS JOIN lots l ON l.no = r.lot_no
  WHERE l.status = 'released' AND (l.expiry_date IS NULL OR l.expiry_date >= @today) ${where} GROUP BY l.item_id`;

/**
 * The near-expiry list: lots with stock, not rejected or recalled, expiring on or before their
 * item's cutoff (@cutoffs: a JSON object of item id to date). Each item is one range of the
 * lots_item_expiry index; list order is expiry date, SKU, lot code, and the lot id for stable pages.
 */
const LISTED = `WITH listed AS (
  SELECT l.id, l.expiry_date, i.sku, l.code
  FROM json_each(@cutoffs) h JOIN lots l ON l.item_id = h.key AND l.expiry_date <= h.value JOIN items i ON i.id = l.item_id
  WHERE l.status NOT IN ('rejected', 'recalled') AND EXISTS (SELECT 1 FROM balances b WHERE b.lot_id = l.id)
)`;
/** One page with the whole list's counts, from one pass over it (the counts repeat on every row). */
const NEAR_EXPIRY_PAGE_SQL = `${LISTED}, page AS (
    SELECT id, COUNT(*) OVER () AS total, SUM(expiry_date < @today) OVER () AS expired
    FROM listed ORDER BY expiry_date, sku, code, id LIMIT @limit OFFSET @offset
  )
  SELECT ${LOT_COLUMNS}, page.total, page.expired, SUM(b.quantity) AS qty, GROUP_CONCAT(loc.code, ' ') AS bins
  ${LOT_FROM} JOIN page ON page.id = l.id JOIN balances b ON b.lot_id = l.id JOIN locations loc ON loc.id = b.location_id
  GROUP BY l.id ORDER BY l.expiry_date, i.sku, l.code, l.id`;
/** The counts alone, for a page past the end of the list. */
const NEAR_EXPIRY_COUNT_SQL = `${LISTED} SELECT COUNT(*) AS total, COALESCE(SUM(expiry_date < @today), 0) AS expired FROM listed`;

export const stockViewHandlers = {
  'stock.byItem': (ctx, input) => {
    const db = ctx.station.db;
    const items = (
      input.itemId
        ? statement(db, 'SELECT id, sku, name, unit FROM items WHERE id = ?').all(input.itemId)
        : statement(db, 'SELECT id, sku, name, unit FROM items ORDER BY sku').all()
    ) as { id: string; sku: string; name: string; unit: string }[];
    if (input.itemId && items.length === 0) throw fail.notFound('errors.item.unknown', {}, 'itemId');
    const totals = (
      input.itemId ? statement(db, TOTALS('WHERE item_id = @item')).all({ item: input.itemId, today: ctx.today }) : statement(db, TOTALS('')).all({ today: ctx.today })
    ) as ItemTotals[];
    const byItem = new Map(totals.map((t) => [t.item_id, t]));
    const promisedRows = (
      input.itemId
        ? statement(db, ALLOCATED('AND l.item_id = @item')).all({ item: input.itemId, today: ctx.today })
        : statement(db, ALLOCATED('')).all({ today: ctx.today })
    ) as { item_id: string; allocated: number }[];
    const allocated = new Map(promisedRows.map((r) => [r.item_id, r.allocated]));
    return items.map((i): ItemStock => {
      const t = byItem.get(i.id);
      const released = t?.released ?? 0;
      const promised = Math.min(allocated.get(i.id) ?? 0, released);
      return {
        itemId: i.id,
        sku: i.sku,
        name: i.name,
        unit: i.unit,
        total: fromStored(t?.total ?? 0),
        available: fromStored(released - promised),
        allocated: fromStored(promised),
        quarantine: fromStored(t?.quarantine ?? 0),
        blocked: fromStored(t ? t.total - released - t.quarantine : 0),
        lots: t?.lots ?? 0,
        earliestExpiry: t?.earliest_expiry ?? null,
      };
    });
  },

  'stock.nearExpiry': (ctx, input) => {
    const db = ctx.station.db;
    const items = (
      input.itemId
        ? statement(db, `SELECT i.id, ${ITEM_HORIZON_SQL} AS horizon FROM items i WHERE i.id = ?`).all(stationNearExpiryDays(db), input.itemId)
        : statement(db, `SELECT i.id, ${ITEM_HORIZON_SQL} AS horizon FROM items i`).all(stationNearExpiryDays(db))
    ) as { id: string; horizon: number }[];
    if (input.itemId && items.length === 0) throw fail.notFound('errors.item.unknown', {}, 'itemId');
    const horizons = new Map(items.map((i) => [i.id, i.horizon]));
    // Each item's last listed expiry date, computed by the one rule (nearExpiryCutoff).
    const params = {
      cutoffs: JSON.stringify(Object.fromEntries(items.map((i) => [i.id, nearExpiryCutoff(ctx.today, i.horizon)]))),
      today: ctx.today,
      limit: input.limit ?? NEAR_EXPIRY_PAGE,
      offset: input.offset ?? 0,
    };
    const page = statement(db, NEAR_EXPIRY_PAGE_SQL).all(params) as (LotRow & { qty: number; bins: string; total: number; expired: number })[];
    const { total, expired } = page[0] ?? (statement(db, NEAR_EXPIRY_COUNT_SQL).get(params) as { total: number; expired: number });
    const rows = page.map((r): NearExpiryRow => {
      const horizon = horizons.get(r.item_id)!;
      return {
        lot: toLotView(r, ctx.today),
        quantity: fromStored(r.qty),
        daysLeft: daysBetween(ctx.today, r.expiry_date!),
        horizonDays: horizon,
        expiry: expiryMark(r.expiry_date, ctx.today, horizon),
        bins: r.bins.split(' ').sort(),
      };
    });
    return { rows, total, expired };
  },

  'items.setNearExpiryDays': (ctx, input) => {
    const before = itemAuditFields(ctx.station.db, input.itemId);
    const res = ctx.station.db.prepare('UPDATE items SET near_expiry_days = ? WHERE id = ?').run(input.days, input.itemId);
    if (res.changes !== 1) throw fail.notFound('errors.item.unknown', {}, 'itemId');
    noteChanges(ctx, { object: 'item', id: input.itemId, label: before!.sku }, { nearExpiryDays: before!.nearExpiryDays }, { nearExpiryDays: input.days });
    return { done: true as const };
  },

  'settings.nearExpiryDefault': (ctx) => ({ days: stationNearExpiryDays(ctx.station.db) }),

  'settings.setNearExpiryDefault': (ctx, input) => {
    const before = stationNearExpiryDays(ctx.station.db);
    setStationNearExpiryDays(ctx.station.db, input.days);
    noteChanges(ctx, { object: 'setting', id: 'inventory.nearExpiryDays', label: 'inventory.nearExpiryDays' }, { value: before }, { value: input.days });
    return { days: input.days };
  },
} satisfies Partial<Handlers>;
