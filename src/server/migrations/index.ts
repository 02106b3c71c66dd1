/**
 * Central migrations, numbered and applied once. Several workers may start together on one
 * database: the runner takes a transaction-scoped advisory lock first, so one applies and the
 * others wait, then see the versions recorded and do nothing.
 */
import type { Db } from '../pg';
import m001 from './001-central';
import m034 from './034-central-roles';
import m036 from './036-central-user-admin';
import m037 from './037-erp-refusals';
import m038 from './038-central-audit';
import m039 from './039-central-ssccs';
import m040 from './040-erp-applied';
import m041 from './041-central-audit-chain';

export const CENTRAL_MIGRATIONS: { version: number; sql: string }[] = [
  { version: 1, sql: m001 },
  { version: 34, sql: m034 },
  { version: 36, sql: m036 },
  { version: 37, sql: m037 },
  { version: 38, sql: m038 },
  { version: 39, sql: m039 },
  { version: 40, sql: m040 },
  { version: 41, sql: m041 },
];

/** A fixed key of the advisory lock (any bigint; this one spells "lotd"). */
const MIGRATION_LOCK = 0x6c6f7464;

/** Applies the migrations not yet applied, in order; `upTo` stops at that version (a test's older centre). Returns the versions applied. */
export async function migrateCentral(db: Db, upTo = Infinity): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_version')).rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    const known = CENTRAL_MIGRATIONS.at(-1)?.version ?? 0;
    if (newest > known) throw new Error(`central database schema ${newest} is newer than this server (${known}): upgrade the server`);
    const applied: number[] = [];
    for (const m of CENTRAL_MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
      applied.push(m.version);
    }
    return applied;
  });
}
