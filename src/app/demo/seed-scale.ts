/**
 * Data sets for trying and measuring LotDesk: the demo set, and a generated one of N lots with
 * their genealogy, receipts and shipments, ~10 movements each over 2,000 bins, written in bulk.
 */
import type { Db } from '../../store/db';
import { rebuildBalances } from '../../store/ledger';
import { appendAudit } from '../kernel/audit-log';
import { writeDemoData } from './demo-data';
import { writeGenealogy, type GenealogyCounts } from './seed-genealogy';
import { DEMO_STAGING } from './demo-outbound';
import { getSetting } from '../kernel/settings';
import { writeQcHistory, type QcSeedCounts } from './seed-qc';

export const SCALE_ITEMS = 50;
export const SCALE_BINS = 2000;
export const MOVEMENTS_PER_LOT = 10;

export function seedDemo(db: Db, now: Date): void {
  db.transaction(() => {
    writeDemoData(db, now.toISOString());
    appendAudit(db, { at: now.toISOString(), stationId: getSetting(db, 'station.id') ?? 'seed', userId: null, command: 'seed.demo', input: {}, result: 'ok' });
  }).immediate();
}

/** A small deterministic PRNG so seeded data sets are the same on every machine. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * N lots over 50 items (the first holds a tenth of all lots, the "item with 10k lots" of the
 * benchmarks) and salt and syrup, with the genealogy, receipts and shipments of
 * src/app/demo/seed-genealogy.ts (issue 16), ~10 movements per lot over 2,000 bins, and the QC
 * history of src/app/demo/seed-qc.ts (issue 17). Balances are
 * rebuilt from the ledger at the end, as the real commands keep them.
 */
export function seedScale(db: Db, lots: number, now: Date): GenealogyCounts & { qc: QcSeedCounts } {
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const random = mulberry32(20261125);
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  try {
    const counts = db.transaction(() => {
      const demo = writeDemoData(db, at, { bins: SCALE_BINS });
      const stationId = getSetting(db, 'station.id') ?? 'seed';
      const userId = demo.userIds.clerk;
      const bins = Object.entries(demo.locationIds).filter(([code]) => /^[AB]-/.test(code)).map(([, id]) => id);
      const written = writeGenealogy(db, lots, today, { stationId, userId, bins, rcv: demo.locationIds['RCV-01'], staging: demo.locationIds[DEMO_STAGING] }, random);
      const rawItemIds = db.prepare("SELECT id FROM items WHERE sku BETWEEN 'GEN-0001' AND 'GEN-0010' ORDER BY sku").pluck().all() as string[];
      const qc = writeQcHistory(db, lots, today, { stationId, inspectorId: demo.userIds.inspector, managerId: demo.userIds.manager, clerkId: userId, rcv: demo.locationIds['RCV-01'], rawItemIds }, random);
      appendAudit(db, { at, stationId, userId: null, command: 'seed.scale', input: { lots }, result: 'ok' });
      return { ...written, movements: written.movements + qc.movements, qc };
    }).immediate();
    rebuildBalances(db);
    return counts;
  } finally {
    db.pragma('cache_size = -2000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
  }
}
