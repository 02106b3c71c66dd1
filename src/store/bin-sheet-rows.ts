/**
 * The bins (locations) a bins file reads and writes: the one insert the bins import calls, and
 * the rows its export lists. The Bins screen's own commands keep their SQL elsewhere.
 */
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';

export interface BinRow {
  id: string;
  code: string;
  zone: string;
  pickable: boolean;
  quarantine: boolean;
  receiving: boolean;
  staging: boolean;
}

interface Row {
  id: string;
  code: string;
  zone: string;
  pickable: number;
  quarantine: number;
  receiving: number;
  staging: number;
}

const toBin = (r: Row): BinRow => ({ ...r, pickable: r.pickable === 1, quarantine: r.quarantine === 1, receiving: r.receiving === 1, staging: r.staging === 1 });

const SELECT = 'SELECT l.id, l.code, z.code AS zone, l.pickable, l.quarantine, l.receiving, l.staging FROM locations l JOIN zones z ON z.id = l.zone_id JOIN sites s ON s.id = z.site_id';

/** The bin of this code (any case) anywhere on the desk: codes are unique over sites. */
export function binByCode(db: Db, code: string): BinRow | null {
  const row = statement(db, `${SELECT} WHERE l.code = ? COLLATE NOCASE LIMIT 1`).get(code) as Row | undefined;
  return row ? toBin(row) : null;
}

/** The active bins of a site by code. */
export function siteBins(db: Db, siteCode: string): BinRow[] {
  return (statement(db, `${SELECT} WHERE s.code = ? AND l.active = 1 ORDER BY l.code`).all(siteCode) as Row[]).map(toBin);
}

export function siteIdByCode(db: Db, siteCode: string): string | null {
  return (statement(db, 'SELECT id FROM sites WHERE code = ?').pluck().get(siteCode) as string | undefined) ?? null;
}

/** The zone of a site by code (any case), created with its code as name when missing. */
export function zoneOfSite(db: Db, siteId: string, code: string): { id: string; created: boolean } {
  const id = statement(db, 'SELECT id FROM zones WHERE site_id = ? AND code = ? COLLATE NOCASE').pluck().get(siteId, code) as string | undefined;
  if (id) return { id, created: false };
  const created = newId();
  statement(db, 'INSERT INTO zones (id, site_id, code, name) VALUES (?, ?, ?, ?)').run(created, siteId, code, code);
  return { id: created, created: true };
}

export function insertBinRow(db: Db, zoneId: string, bin: Omit<BinRow, 'id' | 'zone'>): string {
  const id = newId();
  statement(db, 'INSERT INTO locations (id, zone_id, code, pickable, quarantine, receiving, staging) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    zoneId,
    bin.code,
    bin.pickable ? 1 : 0,
    bin.quarantine ? 1 : 0,
    bin.receiving ? 1 : 0,
    bin.staging ? 1 : 0,
  );
  return id;
}
