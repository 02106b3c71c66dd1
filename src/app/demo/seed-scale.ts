/**
 * Data sets for trying and measuring LotDesk: the demo set, and a generated one of N lots with
 * their genealogy, receipts and shipments, ~10 movements each over 2,000 bins, written in bulk.
 */
import type { Db } from '../../store/db';
import { rebuildBalances } from '../../store/ledger';
import { appendAudit, appendBulkAudit } from '../kernel/audit-log';
import { suspendFactCapture } from '../../store/audit-facts';
import { suspendSyncCapture } from '../../store/sync-outbox';
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
/** The tables the seed fills by the hundred thousand: their secondary indexes are built after the rows (issue 21). */
const BULK_TABLES = ['movements', 'lots', 'lot_links', 'documents', 'document_lines', 'shipments', 'qc_inspections', 'qc_results', 'e_signatures'];

/**
 * Drops the secondary indexes of `tables` (the explicit ones: a PRIMARY KEY or UNIQUE constraint's
 * stays) and returns the function that creates them again from their own SQL: one sort per index
 * after a bulk load instead of a B-tree insert per row. Inside a transaction both roll back together.
 */
export function deferIndexes(db: Db, tables: readonly string[]): () => void {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`)
    .all(JSON.stringify(tables)) as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX main."${i.name}"`);
  return () => {
    for (const i of indexes) db.exec(i.sql);
  };
}

export function seedScale(db: Db, lots: number, now: Date): GenealogyCounts & { qc: QcSeedCounts } {
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const random = mulberry32(20261125);
  // A rollback journal rather than the WAL while the set is written: its pages go to the file once
  // (a WAL would hold them all and copy them again at the checkpoint). Back to WAL after.
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  // The station's own settings, put back before the file is handed over (issue 21).
  const kept = ['synchronous', 'foreign_keys', 'cache_size'].map((p) => [p, db.pragma(p, { simple: true }) as number] as const);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  // 256 MiB of page cache: a GiB was slower at 100k lots (44.4 s CPU vs 38.2, DESIGN.md). Not
  // temp_store = MEMORY: setting it drops the connection's TEMP tables (the capture's pending rows).
  db.pragma('cache_size = -262144');
  // Issue 21: no row-by-row capture while the set is written. Its facts are taken set-wise at the
  // end (appendBulkAudit: every covered row, as one transaction writing them would record), and the
  // set is history from before the sync outbox (DESIGN.md, "The seed in bulk").
  const resumeFacts = suspendFactCapture(db);
  const resumeSync = suspendSyncCapture(db);
  try {
    const counts = db.transaction(() => {
      const demo = writeDemoData(db, at, { bins: SCALE_BINS });
      const restoreIndexes = deferIndexes(db, BULK_TABLES);
      const stationId = getSetting(db, 'station.id') ?? 'seed';
      const userId = demo.userIds.clerk;
      const bins = Object.entries(demo.locationIds).filter(([code]) => /^[AB]-/.test(code)).map(([, id]) => id);
      const written = writeGenealogy(db, lots, today, { stationId, userId, bins, rcv: demo.locationIds['RCV-01'], staging: demo.locationIds[DEMO_STAGING] }, random);
      const rawItemIds = db.prepare("SELECT id FROM items WHERE sku BETWEEN 'GEN-0001' AND 'GEN-0010' ORDER BY sku").pluck().all() as string[];
      const qc = writeQcHistory(db, lots, today, { stationId, inspectorId: demo.userIds.inspector, managerId: demo.userIds.manager, clerkId: userId, rcv: demo.locationIds['RCV-01'], rawItemIds }, random);
      restoreIndexes();
      appendBulkAudit(db, { at, stationId, userId: null, command: 'seed.scale', input: { lots }, result: 'ok' });
      return { ...written, movements: written.movements + qc.movements, qc };
    }).immediate();
    rebuildBalances(db);
    return counts;
  } finally {
    db.pragma(`journal_mode = ${journal}`);
    resumeSync();
    resumeFacts();
    for (const [p, v] of kept) db.pragma(`${p} = ${v}`);
  }
}
