/** Reading lots with their item and supplier, shaped for the UI. */
import type { Db } from './db';
import { statement } from './statements';
import { effectiveStatus, type StoredLotStatus } from '../domain/lot-status';
import type { Lot } from '../domain/lot';

interface LotRow {
  id: string;
  code: string;
  item_id: string;
  sku: string;
  item_name: string;
  unit: string;
  supplier_id: string | null;
  supplier_name: string | null;
  supplier_lot: string | null;
  production_date: string | null;
  expiry_date: string | null;
  best_before_date: string | null;
  status: StoredLotStatus;
  created_at: string;
}

/** The columns of a LotRow, for queries that add their own (stock, counts) to `SELECT ${LOT_COLUMNS}, … ${LOT_FROM}`. */
export const LOT_COLUMNS = `l.id, l.code, l.item_id, i.sku, i.name AS item_name, i.unit, l.supplier_id, p.name AS supplier_name,
         l.supplier_lot, l.production_date, l.expiry_date, l.best_before_date, l.status, l.created_at`;
export const LOT_FROM = 'FROM lots l JOIN items i ON i.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id';
export const LOT_SELECT = `SELECT ${LOT_COLUMNS} ${LOT_FROM}`;

export function toLotView(r: LotRow, today: string): Lot {
  return {
    id: r.id,
    code: r.code,
    itemId: r.item_id,
    sku: r.sku,
    itemName: r.item_name,
    unit: r.unit,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    supplierLot: r.supplier_lot,
    productionDate: r.production_date,
    expiryDate: r.expiry_date,
    bestBeforeDate: r.best_before_date,
    status: effectiveStatus(r.status, r.expiry_date, today),
    createdAt: r.created_at,
  };
}

export function findLot(db: Db, lotId: string, today: string): Lot | null {
  const row = statement(db, `${LOT_SELECT} WHERE l.id = ?`).get(lotId) as LotRow | undefined;
  return row ? toLotView(row, today) : null;
}

export type { LotRow };
