/**
 * The items table for the Items screen and the master-data files: every query of it, each row
 * mapped once to a camelCase record. The rules (check digits, a unit change on stock, duplicates)
 * live in src/app/master-data/items.ts; this module only reads and writes.
 */
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';
import { ftsPhrase } from './fts';
import { ITEM_FIELD_COLUMNS } from '../domain/master-data-columns';

export type RemovalStrategy = 'FEFO' | 'FIFO' | 'LIFO';

export interface ItemFields {
  sku: string;
  /** Stored as 14 digits (a GTIN-8, -12 or -13 padded with zeros), as the GS1 parser reads it. */
  gtin: string | null;
  name: string;
  nameZh: string | null;
  unit: string;
  shelfLifeDays: number | null;
  qcRequired: boolean;
  removalStrategy: RemovalStrategy;
  nearExpiryDays: number | null;
  lotPattern: string | null;
  defaultZoneId: string | null;
  catchWeight: boolean;
}

export interface ItemRecord extends ItemFields {
  id: string;
  active: boolean;
  /** The default zone's code, when there is one. */
  defaultZone: string | null;
}

interface Row {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
  name_zh: string | null;
  unit: string;
  shelf_life_days: number | null;
  qc_required: number;
  removal_strategy: RemovalStrategy;
  near_expiry_days: number | null;
  lot_pattern: string | null;
  default_zone_id: string | null;
  zone_code: string | null;
  catch_weight: number;
  active: number;
}

const SELECT = `SELECT i.id, i.sku, i.gtin, i.name, i.name_zh, i.unit, i.shelf_life_days, i.qc_required, i.removal_strategy, i.near_expiry_days,
  i.lot_pattern, i.default_zone_id, z.code AS zone_code, i.catch_weight, i.active
  FROM items i LEFT JOIN zones z ON z.id = i.default_zone_id`;

function toRecord(r: Row): ItemRecord {
  return {
    id: r.id,
    sku: r.sku,
    gtin: r.gtin,
    name: r.name,
    nameZh: r.name_zh,
    unit: r.unit,
    shelfLifeDays: r.shelf_life_days,
    qcRequired: r.qc_required === 1,
    removalStrategy: r.removal_strategy,
    nearExpiryDays: r.near_expiry_days,
    lotPattern: r.lot_pattern,
    defaultZoneId: r.default_zone_id,
    defaultZone: r.zone_code,
    catchWeight: r.catch_weight === 1,
    active: r.active === 1,
  };
}

export function itemRecordById(db: Db, id: string): ItemRecord | null {
  const row = statement(db, `${SELECT} WHERE i.id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

/** The item whose SKU is `sku` in any case, other than `exceptId`. */
export function itemIdWithSku(db: Db, sku: string, exceptId = ''): string | null {
  return (statement(db, 'SELECT id FROM items WHERE sku = ? COLLATE NOCASE AND id <> ? LIMIT 1').pluck().get(sku, exceptId) as string | undefined) ?? null;
}

export function itemIdWithGtin(db: Db, gtin: string, exceptId = ''): string | null {
  return (statement(db, 'SELECT id FROM items WHERE gtin = ? AND id <> ?').pluck().get(gtin, exceptId) as string | undefined) ?? null;
}

/** Whether any lot of the item holds stock in any bin (its unit is then fixed). */
export function itemHasStock(db: Db, id: string): boolean {
  return statement(db, 'SELECT 1 FROM balances WHERE item_id = ? AND quantity > 0 LIMIT 1').get(id) !== undefined;
}

const COLUMNS = { ...ITEM_FIELD_COLUMNS, defaultZoneId: 'default_zone_id' } as const satisfies Record<keyof ItemFields, string>;

function values(f: ItemFields): (string | number | null)[] {
  return (Object.keys(COLUMNS) as (keyof ItemFields)[]).map((k) => {
    const v = f[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
}

export function insertItemRecord(db: Db, f: ItemFields, at: string): string {
  const id = newId();
  const cols = Object.values(COLUMNS);
  // Numbered for the search index here, in the insert itself: half the cost of the trigger that numbers unnumbered items.
  statement(
    db,
    `INSERT INTO items (id, ${cols.join(', ')}, created_at, search_no)
     VALUES (?, ${cols.map(() => '?').join(', ')}, ?, (SELECT COALESCE(MAX(search_no), 0) + 1 FROM items))`,
  ).run(id, ...values(f), at);
  return id;
}

export function updateItemRecord(db: Db, id: string, f: ItemFields): void {
  statement(db, `UPDATE items SET ${Object.values(COLUMNS).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values(f), id);
}

export function setItemActive(db: Db, id: string, active: boolean): void {
  statement(db, 'UPDATE items SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

/** The trigram index answers terms of three characters or more. */
const INDEXED_LENGTH = 3;
/** The upper end of a range of texts starting with a prefix. */
const PREFIX_END = '\u{10FFFF}';

/**
 * Items found by `term`, exact SKU and GTIN matches first, then by SKU; at most `limit`, and
 * whether there were more. Every branch goes through an index: an exact GTIN or SKU; a term of
 * three characters or more contained in the SKU, GTIN or either name (the trigram index, any case);
 * a shorter one at the start of the SKU or either name; digits at the start of a GTIN. A term that is a
 * known GTIN is only that item.
 */
export function searchItemRecords(db: Db, term: string, exactGtin: string | null, limit: number, includeInactive: boolean): { items: ItemRecord[]; more: boolean } {
  const active = includeInactive ? '' : 'AND i.active = 1';
  const found = new Map<string, ItemRecord>();
  const add = (rows: Row[]) => rows.forEach((r) => found.has(r.id) || found.set(r.id, toRecord(r)));
  if (exactGtin) {
    add(statement(db, `${SELECT} WHERE i.gtin = ? ${active}`).all(exactGtin) as Row[]);
    if (found.size > 0) return { items: [...found.values()], more: false };
  }
  if (term) add(statement(db, `${SELECT} WHERE i.sku = ? COLLATE NOCASE ${active}`).all(term) as Row[]);
  let rest: Row[] = [];
  if (/^\d{3,13}$/.test(term)) {
    // The first digits of a GTIN (as printed: GTIN-13 or GTIN-14), through the GTIN index.
    for (const lo of [`0${term}`, term]) {
      rest.push(...(statement(db, `${SELECT} WHERE i.gtin >= ? AND i.gtin < ? ${active} LIMIT ?`).all(lo, `${lo}:`, limit + 1) as Row[]));
    }
  }
  if (!term) rest = statement(db, `${SELECT} WHERE 1 ${active} ORDER BY i.sku LIMIT ?`).all(limit + 1) as Row[];
  else if ([...term].length >= INDEXED_LENGTH) {
    const phrase = ftsPhrase(term);
    const FROM_SEARCH = SELECT.replace('FROM items i', 'FROM item_search s JOIN items i ON i.id = s.item_id');
    if (phrase !== null) rest.push(...(statement(db, `${FROM_SEARCH} WHERE item_search MATCH ? ${active} LIMIT ?`).all(phrase, limit + 1) as Row[]));
  } else {
    const range = { lo: term, hi: term + PREFIX_END, limit: limit + 1 };
    rest.push(
      ...(statement(db, `${SELECT} WHERE i.sku >= @lo COLLATE NOCASE AND i.sku < @hi COLLATE NOCASE ${active} LIMIT @limit`).all(range) as Row[]),
      ...(statement(db, `${SELECT} WHERE i.name >= @lo COLLATE NOCASE AND i.name < @hi COLLATE NOCASE ${active} LIMIT @limit`).all(range) as Row[]),
      ...(statement(db, `${SELECT} WHERE i.name_zh >= @lo AND i.name_zh < @hi ${active} LIMIT @limit`).all(range) as Row[]),
    );
  }
  rest.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  add(rest);
  const items = [...found.values()];
  return { items: items.slice(0, limit), more: items.length > limit };
}

/** Every item, by SKU, for the export. */
export function allItemRecords(db: Db): ItemRecord[] {
  return (statement(db, `${SELECT} ORDER BY i.sku`).all() as Row[]).map(toRecord);
}

/** SKU (any case) → id of every item, for checking an import file in one read. */
export function itemIdsBySku(db: Db): Map<string, string> {
  return new Map((statement(db, 'SELECT sku, id FROM items').all() as { sku: string; id: string }[]).map((r) => [r.sku.toLowerCase(), r.id]));
}

export function itemIdsByGtin(db: Db): Map<string, string> {
  return new Map((statement(db, 'SELECT gtin, id FROM items WHERE gtin IS NOT NULL').all() as { gtin: string; id: string }[]).map((r) => [r.gtin, r.id]));
}

/** Zone code (lower case) → the zone, for the default zone of an item typed or imported. */
export function zonesByCode(db: Db): Map<string, { id: string; code: string }> {
  return new Map((statement(db, 'SELECT code, id FROM zones').all() as { code: string; id: string }[]).map((r) => [r.code.toLowerCase(), r]));
}
