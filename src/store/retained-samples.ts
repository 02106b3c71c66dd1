/** SQL of retained samples (migration 023): kept per lot with a location and a destruction date. */
import type { Db } from './db';
import { statement } from './statements';
import { QTY_SCALE } from '../domain/quantity';
import type { RetainedSample } from '../domain/qc/lot-records';

export type { RetainedSample };

const SELECT = `SELECT s.id, s.lot_id AS lotId, l.code AS lotCode, i.sku, i.name AS itemName, i.unit, s.quantity * 1.0 / ${QTY_SCALE} AS quantity, s.location, s.destruction_date AS destructionDate,
  s.note, s.created_at AS createdAt, c.display_name AS createdBy, s.destroyed_at AS destroyedAt, d.display_name AS destroyedBy
  FROM retained_samples s JOIN lots l ON l.id = s.lot_id JOIN items i ON i.id = l.item_id JOIN users c ON c.id = s.created_by LEFT JOIN users d ON d.id = s.destroyed_by`;

export function insertRetainedSample(
  db: Db,
  /** quantity in thousandths of the unit, as stored. */
  s: { id: string; lotId: string; quantity: number; location: string; destructionDate: string; note: string | null; at: string; userId: string },
): void {
  statement(db, 'INSERT INTO retained_samples (id, lot_id, quantity, location, destruction_date, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    s.id, s.lotId, s.quantity, s.location, s.destructionDate, s.note, s.at, s.userId,
  );
}

export function findRetainedSample(db: Db, id: string): RetainedSample | null {
  return (statement(db, `${SELECT} WHERE s.id = ?`).get(id) as RetainedSample | undefined) ?? null;
}

/** A lot's samples, newest first. */
export function lotRetainedSamples(db: Db, lotId: string): RetainedSample[] {
  return statement(db, `${SELECT} WHERE s.lot_id = ? ORDER BY s.created_at DESC, s.id`).all(lotId) as RetainedSample[];
}

/** Samples not yet destroyed whose destruction date is `today` or past, soonest first. */
export function retainedSamplesDue(db: Db, today: string, limit: number): RetainedSample[] {
  return statement(db, `${SELECT} WHERE s.destroyed_at IS NULL AND s.destruction_date <= ? ORDER BY s.destruction_date, l.code LIMIT ?`).all(today, limit) as RetainedSample[];
}

export function markDestroyed(db: Db, id: string, userId: string, at: string, note: string | null): void {
  statement(db, 'UPDATE retained_samples SET destroyed_at = ?, destroyed_by = ?, note = COALESCE(?, note) WHERE id = ? AND destroyed_at IS NULL').run(at, userId, note, id);
}
