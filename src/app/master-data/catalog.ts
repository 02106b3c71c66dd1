/** Read-only master data for the desks: items, parties, locations, open purchase orders. */
import { UNITS, fromStored, isUnit } from '../../domain/quantity';
import type { ItemView, LocationView, PartyView, PurchaseOrderView } from '../../contract/results';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import type { Handlers } from '../kernel/context';

export interface ItemRow {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
  unit: string;
  lot_tracked: number;
  shelf_life_days: number | null;
  qc_required: number;
  lot_pattern: string | null;
  near_expiry_days: number | null;
  name_zh?: string | null;
}

export function toItemView(r: ItemRow): ItemView {
  return {
    id: r.id,
    sku: r.sku,
    gtin: r.gtin,
    name: r.name,
    nameZh: r.name_zh ?? null,
    unit: r.unit,
    unitDecimals: isUnit(r.unit) ? UNITS[r.unit] : 0,
    lotTracked: r.lot_tracked === 1,
    shelfLifeDays: r.shelf_life_days,
    qcRequired: r.qc_required === 1,
    nearExpiryDays: r.near_expiry_days,
  };
}

export function findItem(db: Db, id: string): ItemRow | undefined {
  return statement(db, 'SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
}

export function findItemByGtin(db: Db, gtin: string): ItemRow | undefined {
  return statement(db, 'SELECT * FROM items WHERE gtin = ?').get(gtin) as ItemRow | undefined;
}

/** SKUs are typed by hand too: case does not matter, an exact match wins. */
export function findItemBySku(db: Db, sku: string): ItemRow | undefined {
  return statement(db, 'SELECT * FROM items WHERE sku = ? COLLATE NOCASE ORDER BY sku = ? DESC LIMIT 1').get(sku, sku) as ItemRow | undefined;
}

export const catalogHandlers = {
  'catalog.items': (ctx) => (statement(ctx.station.db, 'SELECT * FROM items WHERE active = 1 ORDER BY sku').all() as ItemRow[]).map(toItemView),
  'catalog.parties': (ctx, input) =>
    statement(ctx.station.db, 'SELECT id, kind, code, name, gln, region FROM parties WHERE kind = ? AND active = 1 ORDER BY name')
      .all(input.kind) as PartyView[],
  'catalog.locations': (ctx) =>
    (
      statement(ctx.station.db, `SELECT l.id, l.code, s.code AS site, z.code AS zone, l.pickable, l.quarantine, l.receiving
           FROM locations l JOIN zones z ON z.id = l.zone_id JOIN sites s ON s.id = z.site_id
           WHERE l.active = 1 ORDER BY l.code`,
        )
        .all() as (Omit<LocationView, 'pickable' | 'quarantine' | 'receiving'> & { pickable: number; quarantine: number; receiving: number })[]
    ).map((l) => ({ ...l, pickable: l.pickable === 1, quarantine: l.quarantine === 1, receiving: l.receiving === 1 })),
  'purchaseOrders.open': (ctx) => {
    const db = ctx.station.db;
    const orders = statement(db, `SELECT d.id, d.number, d.party_id AS supplierId, p.name AS supplierName FROM documents d
         JOIN parties p ON p.id = d.party_id WHERE d.kind = 'purchase_order' AND d.status = 'open' ORDER BY d.number`,
      )
      .all() as Omit<PurchaseOrderView, 'lines'>[];
    const lines = statement(db, `SELECT dl.id, dl.line_no AS lineNo, dl.item_id AS itemId, i.sku, i.name AS itemName, i.unit, dl.quantity AS ordered,
              COALESCE((SELECT SUM(r.quantity) FROM document_lines r WHERE r.source_line_id = dl.id), 0) AS received
       FROM document_lines dl JOIN items i ON i.id = dl.item_id WHERE dl.document_id = ? ORDER BY dl.line_no`,
    );
    return orders.map((o) => ({
      ...o,
      lines: (lines.all(o.id) as PurchaseOrderView['lines']).map((l) => ({ ...l, ordered: fromStored(l.ordered), received: fromStored(l.received) })),
    }));
  },
} satisfies Partial<Handlers>;
