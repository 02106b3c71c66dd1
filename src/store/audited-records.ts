/**
 * The few fields the older commands change, read before they change them so the audit can say
 * "before → after" (issue 15). One reader per record kind; the commands' own writes stay where they are.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface ItemAuditFields {
  sku: string;
  lotPattern: string | null;
  nearExpiryDays: number | null;
}

export function itemAuditFields(db: Db, id: string): ItemAuditFields | null {
  const r = statement(db, 'SELECT sku, lot_pattern, near_expiry_days FROM items WHERE id = ?').get(id) as
    | { sku: string; lot_pattern: string | null; near_expiry_days: number | null }
    | undefined;
  return r ? { sku: r.sku, lotPattern: r.lot_pattern, nearExpiryDays: r.near_expiry_days } : null;
}

export function siteLotPattern(db: Db, code: string): { lotPattern: string | null } | null {
  const r = statement(db, 'SELECT lot_pattern FROM sites WHERE code = ?').get(code) as { lot_pattern: string | null } | undefined;
  return r ? { lotPattern: r.lot_pattern } : null;
}

export interface CustomerAuditFields {
  id: string;
  code: string;
  minShelfLifeDays: number | null;
  minShelfLifePercent: number | null;
}

export function partyAuditFields(db: Db, id: string): CustomerAuditFields | null {
  const r = statement(db, 'SELECT id, code, min_shelf_life_days, min_shelf_life_percent FROM parties WHERE id = ?').get(id) as
    | { id: string; code: string; min_shelf_life_days: number | null; min_shelf_life_percent: number | null }
    | undefined;
  return r ? { id: r.id, code: r.code, minShelfLifeDays: r.min_shelf_life_days, minShelfLifePercent: r.min_shelf_life_percent } : null;
}

/** An item's bill of materials, by component SKU (stored quantities). */
export function bomComponentsBySku(db: Db, itemId: string): { sku: string; quantity: number | null }[] {
  return statement(db, 'SELECT i.sku, b.quantity FROM bom_components b JOIN items i ON i.id = b.component_item_id WHERE b.item_id = ? ORDER BY i.sku').all(itemId) as {
    sku: string;
    quantity: number | null;
  }[];
}

/** A party's code by id (an order's customer as a person names it). */
export function partyCode(db: Db, id: string): string | null {
  return (statement(db, 'SELECT code FROM parties WHERE id = ?').get(id) as { code: string } | undefined)?.code ?? null;
}
