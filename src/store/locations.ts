/**
 * Zones and bins (the `locations` table): every write of them, and the reads the Locations and
 * Pick route screens need, each row mapped once. A bin's flags (pickable, quarantine, receiving,
 * staging) are written from its kind here and nowhere else (src/domain/bin-kinds.ts), so the
 * rules that read the flags behave as the kind says. Rules (who may, what may change) are in
 * src/app/master-data/locations.ts; other wings (the master-data import) call these functions.
 */
import { flagsOfKind, type BinKind } from '../domain/bin-kinds';
import type { StoredLotStatus } from '../domain/lot-status';
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';

export interface ZoneRecord {
  id: string;
  siteId: string;
  code: string;
  name: string;
  bins: number;
}

export interface LocationRecord {
  id: string;
  zoneId: string;
  zoneCode: string;
  code: string;
  kind: BinKind;
  active: boolean;
  routeOrder: number | null;
  /** The bin holds some stock (a balance above zero). */
  hasStock: boolean;
}

interface LocationRow {
  id: string;
  zone_id: string;
  zone_code: string;
  code: string;
  kind: BinKind;
  active: number;
  route_order: number | null;
  has_stock: number;
}

const SELECT = `SELECT l.id, l.zone_id, z.code AS zone_code, l.code, l.kind, l.active, l.route_order,
    EXISTS (SELECT 1 FROM balances b WHERE b.location_id = l.id AND b.quantity > 0) AS has_stock
  FROM locations l JOIN zones z ON z.id = l.zone_id`;

function toLocation(r: LocationRow): LocationRecord {
  return { id: r.id, zoneId: r.zone_id, zoneCode: r.zone_code, code: r.code, kind: r.kind, active: r.active === 1, routeOrder: r.route_order, hasStock: r.has_stock === 1 };
}

export function siteIdByCode(db: Db, code: string): string | null {
  const row = statement(db, 'SELECT id FROM sites WHERE code = ?').get(code) as { id: string } | undefined;
  return row?.id ?? null;
}

export function insertZone(db: Db, siteId: string, code: string, name: string): string {
  const id = newId();
  statement(db, 'INSERT INTO zones (id, site_id, code, name) VALUES (?, ?, ?, ?)').run(id, siteId, code, name);
  return id;
}

export function updateZone(db: Db, id: string, code: string, name: string): void {
  statement(db, 'UPDATE zones SET code = ?, name = ? WHERE id = ?').run(code, name, id);
}

export function listZones(db: Db, siteId: string): ZoneRecord[] {
  return statement(
    db,
    `SELECT z.id, z.site_id AS siteId, z.code, z.name, (SELECT COUNT(*) FROM locations l WHERE l.zone_id = z.id AND l.active = 1) AS bins
     FROM zones z WHERE z.site_id = ? ORDER BY z.code`,
  ).all(siteId) as ZoneRecord[];
}

export function zoneById(db: Db, id: string): ZoneRecord | null {
  const row = statement(db, `SELECT z.id, z.site_id AS siteId, z.code, z.name, 0 AS bins FROM zones z WHERE z.id = ?`).get(id) as ZoneRecord | undefined;
  return row ?? null;
}

/** A zone of the site by its code, case-insensitively (codes are typed), or null. */
export function zoneByCode(db: Db, siteId: string, code: string, exceptId = ''): ZoneRecord | null {
  const row = statement(db, `SELECT z.id, z.site_id AS siteId, z.code, z.name, 0 AS bins FROM zones z WHERE z.site_id = ? AND z.code = ? COLLATE NOCASE AND z.id <> ?`).get(
    siteId,
    code,
    exceptId,
  ) as ZoneRecord | undefined;
  return row ?? null;
}

/** Writes a bin with the flags of its kind; returns its id. */
export function insertLocation(db: Db, zoneId: string, code: string, kind: BinKind = 'storage'): string {
  const id = newId();
  const f = flagsOfKind(kind);
  statement(db, 'INSERT INTO locations (id, zone_id, code, kind, pickable, quarantine, receiving, staging) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    zoneId,
    code,
    kind,
    f.pickable ? 1 : 0,
    f.quarantine ? 1 : 0,
    f.receiving ? 1 : 0,
    f.staging ? 1 : 0,
  );
  return id;
}

/** Many bins of one zone and kind, in the given order (a range). */
export function insertLocations(db: Db, zoneId: string, codes: readonly string[], kind: BinKind): string[] {
  return codes.map((code) => insertLocation(db, zoneId, code, kind));
}

export function updateLocation(db: Db, id: string, values: { zoneId: string; code: string; kind: BinKind }): void {
  const f = flagsOfKind(values.kind);
  statement(db, 'UPDATE locations SET zone_id = ?, code = ?, kind = ?, pickable = ?, quarantine = ?, receiving = ?, staging = ? WHERE id = ?').run(
    values.zoneId,
    values.code,
    values.kind,
    f.pickable ? 1 : 0,
    f.quarantine ? 1 : 0,
    f.receiving ? 1 : 0,
    f.staging ? 1 : 0,
    id,
  );
}

export function setLocationActive(db: Db, id: string, active: boolean): void {
  statement(db, 'UPDATE locations SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

export function setRouteOrder(db: Db, id: string, order: number | null): boolean {
  return statement(db, 'UPDATE locations SET route_order = ? WHERE id = ?').run(order, id).changes === 1;
}

export function locationById(db: Db, id: string): (LocationRecord & { siteId: string }) | null {
  const row = statement(db, `${SELECT.replace('l.route_order,', 'l.route_order, z.site_id,')} WHERE l.id = ?`).get(id) as (LocationRow & { site_id: string }) | undefined;
  return row ? { ...toLocation(row), siteId: row.site_id } : null;
}

/** The bins of a site (inactive ones too when asked), by code or in walking order. */
export function listLocations(db: Db, siteId: string, options: { includeInactive?: boolean; order?: 'code' | 'route' } = {}): LocationRecord[] {
  const order = options.order === 'route' ? 'l.route_order IS NULL, l.route_order, l.code' : 'l.code';
  return (
    statement(db, `${SELECT} WHERE z.site_id = ? ${options.includeInactive ? '' : 'AND l.active = 1'} ORDER BY ${order}`).all(siteId) as LocationRow[]
  ).map(toLocation);
}

/** Which of these codes are already bin codes anywhere (case-insensitive), as stored. */
export function existingLocationCodes(db: Db, codes: readonly string[], exceptId = ''): string[] {
  const find = statement(db, 'SELECT code FROM locations WHERE code = ? COLLATE NOCASE AND id <> ?');
  return codes.flatMap((c) => {
    const row = find.get(c, exceptId) as { code: string } | undefined;
    return row ? [row.code] : [];
  });
}

/** The lots a bin holds (balance above zero) with their stored status. */
export function stockInLocation(db: Db, id: string): { lotCode: string; status: StoredLotStatus; expiryDate: string | null }[] {
  return statement(
    db,
    `SELECT l.code AS lotCode, l.status, l.expiry_date AS expiryDate FROM balances b JOIN lots l ON l.id = b.lot_id
     WHERE b.location_id = ? AND b.quantity > 0 ORDER BY l.code`,
  ).all(id) as { lotCode: string; status: StoredLotStatus; expiryDate: string | null }[];
}

/** Active bins of a site with this kind's flag (receiving, staging or quarantine), other than `exceptId`. */
export function countActiveWithFlag(db: Db, siteId: string, flag: 'receiving' | 'staging' | 'quarantine', exceptId: string): number {
  const row = statement(
    db,
    `SELECT COUNT(*) AS n FROM locations l JOIN zones z ON z.id = l.zone_id WHERE z.site_id = ? AND l.active = 1 AND l.${flag} = 1 AND l.id <> ?`,
  ).get(siteId, exceptId) as { n: number };
  return row.n;
}
