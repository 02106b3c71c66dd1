/** Writing master data (sites, zones, bins, items, parties, purchase orders); used by setup, demo and seed. */
import { newId } from '../../store/ids';
import type { Db } from '../../store/db';
import type { Unit } from '../../domain/quantity';
import { toStored } from '../../domain/quantity';
import { kindOfFlags } from '../../domain/bin-kinds';
import { insertLocation as storeInsertLocation, insertZone as storeInsertZone } from '../../store/locations';

export interface NewItem {
  sku: string;
  gtin?: string | null;
  name: string;
  unit: Unit;
  shelfLifeDays?: number | null;
  qcRequired?: boolean;
  lotPattern?: string | null;
  removalStrategy?: 'FEFO' | 'FIFO' | 'LIFO';
  /** Days before expiry a lot shows on the near-expiry list; null: the station default. */
  nearExpiryDays?: number | null;
}

export function insertSite(db: Db, code: string, name: string, lotPattern: string | null = null, gln: string | null = null): string {
  const id = newId();
  db.prepare('INSERT INTO sites (id, code, name, lot_pattern, gln) VALUES (?, ?, ?, ?, ?)').run(id, code, name, lotPattern, gln);
  return id;
}

export function insertZone(db: Db, siteId: string, code: string, name: string): string {
  return storeInsertZone(db, siteId, code, name);
}

/** A bin with the kind its flags describe (src/domain/bin-kinds.ts), written by the locations store. */
export function insertLocation(
  db: Db,
  zoneId: string,
  code: string,
  flags: { pickable?: boolean; quarantine?: boolean; receiving?: boolean; staging?: boolean } = {},
): string {
  return storeInsertLocation(db, zoneId, code, kindOfFlags(flags));
}

export function insertItem(db: Db, item: NewItem, at: string): string {
  const id = newId();
  db.prepare(
    `INSERT INTO items (id, sku, gtin, name, unit, shelf_life_days, qc_required, lot_pattern, removal_strategy, near_expiry_days, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    item.sku,
    item.gtin ?? null,
    item.name,
    item.unit,
    item.shelfLifeDays ?? null,
    item.qcRequired ? 1 : 0,
    item.lotPattern ?? null,
    item.removalStrategy ?? 'FEFO',
    item.nearExpiryDays ?? null,
    at,
  );
  return id;
}

/**
 * Replaces the bill of materials of a produced item by the given component items, each with the
 * stored quantity (thousandths) that goes into one unit made, or none.
 */
export function writeBom(db: Db, itemId: string, componentItemIds: readonly string[], storedQuantities: readonly (number | null)[] = []): void {
  db.prepare('DELETE FROM bom_components WHERE item_id = ?').run(itemId);
  const add = db.prepare('INSERT OR IGNORE INTO bom_components (item_id, component_item_id, quantity) VALUES (?, ?, ?)');
  componentItemIds.forEach((c, i) => add.run(itemId, c, storedQuantities[i] ?? null));
}

export function insertParty(
  db: Db,
  p: { kind: 'supplier' | 'customer'; code: string; name: string; gln?: string | null; region?: string | null; channel?: string | null },
): string {
  const id = newId();
  db.prepare('INSERT INTO parties (id, kind, code, name, gln, region, channel) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    p.kind,
    p.code,
    p.name,
    p.gln ?? null,
    p.region ?? null,
    p.channel ?? null,
  );
  return id;
}

export function insertPurchaseOrder(
  db: Db,
  po: { number: string; supplierId: string; lines: { itemId: string; quantity: number; unit: Unit }[] },
  at: string,
  userId: string | null,
): string {
  const id = newId();
  db.prepare(
    "INSERT INTO documents (id, kind, number, party_id, status, created_at, created_by) VALUES (?, 'purchase_order', ?, ?, 'open', ?, ?)",
  ).run(id, po.number, po.supplierId, at, userId);
  po.lines.forEach((line, i) => {
    db.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, quantity) VALUES (?, ?, ?, ?, ?)').run(
      newId(),
      id,
      i + 1,
      line.itemId,
      toStored(line.quantity, line.unit),
    );
  });
  return id;
}
