/**
 * The central audit's hash chain (central migration 041): what recordAudit's chain adds to one
 * audited action (its transaction: the row as migration 038 wrote it vs. recordAudit, lock, head
 * read and hash), how long migration 041 takes to chain the rows of a centre that had N (default
 * 100k), and how long a full verify of them takes. On PGlite (the zero-setup default), or real
 * PostgreSQL with LOTDESK_BENCH_CENTRAL=pg (tests/support/central.ts's server).
 */
import { recordAudit, type CentralAuditEntry } from '../../src/server/central-audit';
import { verifyCentralAudit } from '../../src/server/central-audit-chain';
import { migrateCentral } from '../../src/server/migrations';
import { createCentralDb } from '../support/central';
import { benchSize, onceRow, row, type BenchReport } from './harness';

const ENTRY: CentralAuditEntry = { by: 'boss', action: 'user_updated', object: 'user', objectId: 'mia', before: { role: 'manager', sites: ['WH1'], disabled: false }, after: { role: 'admin', sites: ['WH1', 'WH2'], disabled: false } };
const OLD_INSERT = 'INSERT INTO central_audit (username, action, object, object_id, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)';

export default async function bench(): Promise<BenchReport> {
  const rows = benchSize('LOTDESK_BENCH_AUDIT_ROWS', 100_000, 300);
  const calls = benchSize(null, 300, 20);
  const kind = process.env.LOTDESK_BENCH_CENTRAL === 'pg' ? 'pg' : 'pglite';
  const tdb = await createCentralDb(kind, 'lotdesk_bench_cchain');
  const db = await tdb.open();
  try {
    // A centre at schema 40 with `rows` audit rows, then the upgrade.
    await migrateCentral(db, 40);
    await db.query(
      `INSERT INTO central_audit (username, action, object, object_id, before, after)
       SELECT 'admin' || (g % 7), 'user_updated', 'user', 'u' || g, jsonb_build_object('role', 'manager', 'sites', jsonb_build_array('WH1')), jsonb_build_object('role', 'admin', 'n', g)
       FROM generate_series(1, $1::int) g`,
      [rows],
    );
    let t = performance.now();
    await migrateCentral(db);
    const migrated = performance.now() - t;

    const verifies: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const v = await verifyCentralAudit(db);
      verifies.push(performance.now() - t);
      if (!v.ok || v.rows !== rows) throw new Error(`verify: ${JSON.stringify(v)}`);
    }

    // One audited action's transaction, the old unchained row vs. recordAudit, alternated.
    const plain: number[] = [];
    const chained: number[] = [];
    await db.exec('ALTER TABLE central_audit ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL');
    for (let i = 0; i < calls; i++) {
      t = performance.now();
      await db.transaction((tx) => tx.query(OLD_INSERT, [ENTRY.by, ENTRY.action, ENTRY.object, ENTRY.objectId, JSON.stringify(ENTRY.before), JSON.stringify(ENTRY.after)]));
      plain.push(performance.now() - t);
      t = performance.now();
      await db.transaction((tx) => recordAudit(tx, ENTRY));
      chained.push(performance.now() - t);
    }
    return {
      name: `central audit chain (${kind})`,
      rows: [
        onceRow(`migration 041 chains ${rows} existing rows`, migrated, 'ms'),
        row(`verify ${rows} rows (keyset pages)`, verifies, 'ms'),
        row('audited transaction, unchained row (038)', plain, 'ms'),
        row('audited transaction, recordAudit (chained)', chained, 'ms'),
      ],
    };
  } finally {
    await db.close();
    await tdb.drop();
  }
}
