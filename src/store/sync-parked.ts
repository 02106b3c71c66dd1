/**
 * Parked central changes (desk migration 036): what a pull could not apply yet, kept to be applied
 * again when what it waits for arrives. SQL only; the rules are src/sync/apply-orders.ts and
 * src/sync/apply.ts.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface ParkedChange {
  kind: string;
  key: string;
  /** The change as pulled (JSON of sync-protocol `Change`). */
  change: string;
  reason: string;
}

/** Keeps `change` (replacing a version parked before) waiting for `needs` (ids of items or parties; none: any desk write of its kind). */
export function parkChange(db: Db, kind: string, key: string, change: unknown, reason: string, needs: readonly string[], at: string): void {
  unpark(db, kind, key);
  statement(db, 'INSERT INTO sync_parked (kind, key, change, reason, parked_at) VALUES (?, ?, ?, ?, ?)').run(kind, key, JSON.stringify(change), reason, at);
  const need = statement(db, 'INSERT OR IGNORE INTO sync_parked_needs (kind, key, needs) VALUES (?, ?, ?)');
  for (const n of needs) need.run(kind, key, n);
}

export function parkedChange(db: Db, kind: string, key: string): ParkedChange | undefined {
  return statement(db, 'SELECT kind, key, change, reason FROM sync_parked WHERE kind = ? AND key = ?').get(kind, key) as ParkedChange | undefined;
}

export function unpark(db: Db, kind: string, key: string): void {
  statement(db, 'DELETE FROM sync_parked_needs WHERE kind = ? AND key = ?').run(kind, key);
  statement(db, 'DELETE FROM sync_parked WHERE kind = ? AND key = ?').run(kind, key);
}

/** The parked changes waiting for any of `ids`, oldest first. */
export function parkedWaitingFor(db: Db, ids: readonly string[]): ParkedChange[] {
  if (ids.length === 0) return [];
  return statement(
    db,
    `SELECT p.kind, p.key, p.change, p.reason FROM sync_parked p
     WHERE EXISTS (SELECT 1 FROM sync_parked_needs n WHERE n.kind = p.kind AND n.key = p.key AND n.needs IN (${ids.map(() => '?').join(', ')}))
     ORDER BY p.parked_at, p.kind, p.key`,
  ).all(...ids) as ParkedChange[];
}

/** The parked changes of these kinds, oldest first. */
export function parkedOfKinds(db: Db, kinds: readonly string[]): ParkedChange[] {
  return statement(db, `SELECT kind, key, change, reason FROM sync_parked WHERE kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY parked_at, kind, key`).all(...kinds) as ParkedChange[];
}

/** Whether `change` is the version parked (by its body: a snapshot re-read carries another change id). */
export function sameBody(parked: ParkedChange, change: { body: unknown }): boolean {
  return JSON.stringify((JSON.parse(parked.change) as { body: unknown }).body) === JSON.stringify(change.body);
}
