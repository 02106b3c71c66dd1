/**
 * Migration 012 adds the audit detail and the count of tries while locked. A desk written by the
 * previous LotDesk keeps a chain that verifies (records without a detail keep their hashes), and
 * a lock in progress goes on: listed, counted from nothing, and unlockable.
 */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { MIGRATIONS } from '../../src/store/migrations';
import { canonicalJson, sha256 } from '../../src/app/kernel/canonical-json';
import { DEMO_NOW, errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { rollBackTo } from '../support/schema-history';

let desk: TestDesk;
afterEach(() => desk.close());

it('keeps the audit chain and a lock in progress of a version-11 desk', async () => {
  // A desk as the LotDesk before the keyed chain (issue 18) wrote it: plain SHA-256 records.
  desk = await openTestDesk({ plainChain: true });
  for (let i = 0; i < 5; i++) await errorOf(desk.client().call('session.signIn', { username: 'lead', secret: '0000' }));
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  const records = verifyAudit(desk.db).records;
  // The hash of a record without a detail is the one every earlier LotDesk wrote: its nine fields, nothing more.
  type Row = { seq: number; id: string; at: string; station_id: string; user_id: string | null; command: string; input_digest: string; result: string; prev_hash: string; hash: string };
  for (const r of desk.db.prepare('SELECT * FROM audit').all() as Row[]) {
    expect(r.hash).toBe(sha256(canonicalJson([r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, r.prev_hash])));
  }

  const raw = new Database(desk.file);
  rollBackTo(raw, 13);
  raw.exec(`
    ALTER TABLE audit DROP COLUMN detail;
    CREATE TABLE secret_failures_v11 (user_id TEXT PRIMARY KEY REFERENCES users(id), failures INTEGER NOT NULL CHECK (failures > 0), last_failed_at TEXT NOT NULL, locked_until TEXT);
    INSERT INTO secret_failures_v11 SELECT user_id, failures, last_failed_at, locked_until FROM secret_failures;
    DROP TABLE secret_failures;
    ALTER TABLE secret_failures_v11 RENAME TO secret_failures;
    ALTER TABLE bom_components DROP COLUMN quantity; -- migration 013's
    PRAGMA user_version = 11;
  `);
  raw.close();

  const reopened = openDesk(desk.file, { clock: new ManualClock(new Date(DEMO_NOW)) });
  try {
    const db = reopened.station.db;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // Opened by this version, the plain chain is sealed: one keyed record after the old ones, which still check.
    expect(verifyAudit(db)).toEqual({ records: records + 1, problems: [] });
    expect(db.prepare("SELECT count(*) AS n FROM audit WHERE detail IS NOT NULL AND command <> 'audit.sealed'").get()).toEqual({ n: 0 });
    const client = (auth = {}) => createClient((name, input) => reopened.dispatch(auth, name, input));
    expect((await errorOf(client().call('session.signIn', { username: 'lead', secret: '3333' }))).key).toBe('errors.auth.locked');
    const manager = client();
    await manager.call('session.signIn', { username: 'manager', secret: '4444' });
    const [lead] = await manager.call('secrets.locked');
    expect(lead).toMatchObject({ username: 'lead', failures: 5, triesWhileLocked: 1 });
    await manager.call('secrets.unlock', { userId: lead.userId });
    expect(verifyAudit(db)).toEqual({ records: records + 4, problems: [] });
  } finally {
    reopened.station.close();
  }
});
