/**
 * The seed in bulk (issue 21): `seedScale` writes its rows with the row capture suspended and
 * records their facts set-wise. What it leaves must be what a desk writing those rows would have:
 * a keyed chain that verifies with every covered row named, balances equal to the ledger, the
 * indexes it dropped back — and the connection capturing again for the next command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStation, type Station } from '../../src/app/kernel/station';
import { seedScale } from '../../src/app/demo/seed-scale';
import { appendAudit, verifyStation } from '../../src/app/kernel/audit-log';
import { capturesFacts, FACT_TABLES, presentFactTables } from '../../src/store/audit-facts';
import { capturesSync } from '../../src/store/sync-outbox';
import { compareBalances } from '../../src/store/ledger';
import { factPass } from '../../src/app/kernel/audit-verify';

describe('seed --scale in bulk', () => {
  let dir: string;
  let station: Station;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lotdesk-seed-bulk-'));
    station = openStation(join(dir, 'seed.db'));
  });
  afterEach(() => {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a chain naming every covered row, equal balances, its indexes, and capture on', () => {
    const db = station.db;
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    const before = indexes();
    const settings = () => ['journal_mode', 'synchronous', 'foreign_keys', 'cache_size'].map((p) => db.pragma(p, { simple: true }));
    const stationSettings = settings();
    const counts = seedScale(db, 400, new Date('2026-12-07T10:00:00Z'));
    expect(counts.lots).toBe(400);
    expect(indexes()).toEqual(before);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The seed's own settings (no journal sync, a larger cache) are not handed over.
    expect(settings()).toEqual(stationSettings);

    const verified = verifyStation(db);
    expect(verified.problems).toEqual([]);
    const rows = presentFactTables(db).reduce((n, t) => n + (db.prepare(`SELECT COUNT(*) FROM ${t.table}`).pluck().get() as number), 0);
    expect(verified.facts).toBeGreaterThanOrEqual(rows);
    expect(rows).toBeGreaterThan(4000);
    expect(FACT_TABLES.length).toBe(presentFactTables(db).length);
    expect(compareBalances(db)).toEqual([]);
    // The seed's history is from before the outbox (DESIGN.md): nothing queued for the centre.
    expect(db.prepare('SELECT COUNT(*) FROM sync_outbox').pluck().get()).toBe(0);

    // The next write is caught again: an edit behind the chain's back is named, one through a command is not.
    expect(capturesFacts(db)).toBe(true);
    expect(capturesSync(db)).toBe(true);
    const lot = db.prepare("SELECT id FROM lots WHERE status = 'released' ORDER BY id LIMIT 1").pluck().get() as string;
    db.transaction(() => {
      db.prepare("UPDATE lots SET status = 'on_hold' WHERE id = ?").run(lot);
      appendAudit(db, { at: '2026-12-07T11:00:00.000Z', stationId: station.stationId, userId: null, command: 'test.hold', input: { lot }, result: 'ok' });
    }).immediate();
    expect(verifyStation(db).problems).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM sync_outbox').pluck().get()).toBeGreaterThan(0);
    db.prepare("UPDATE lots SET status = 'released' WHERE id = ?").run(lot);
    expect(verifyStation(db).problems.map((p) => p.problem)).toContain('fact_edited');
  });

  it("verify joins every covered row to the chain's facts by table and key, an integer key too", () => {
    // lot_links.id is an INTEGER: compared with the TEXT key column as a number, the join missed
    // the index and scanned the table's facts per row (issue 21: 83 s for 26k links, quadratic).
    const db = station.db;
    seedScale(db, 40, new Date('2026-12-07T10:00:00Z'));
    expect(verifyStation(db).problems).toEqual([]); // (runs the pass here: its digest function is on this connection)
    const pass = factPass(db, true);
    for (const sql of pass.exec) db.exec(sql);
    pass.tables.forEach((t, i) => {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${pass.queries[2 * i]}`).all() as { detail: string }[]).map((p) => p.detail);
      expect(plan.some((d) => d.includes('(tbl=? AND key=?)')), `${t.table}: ${plan.join(' | ')}`).toBe(true);
    });
    expect(pass.tables.map((t) => t.table)).toContain('lot_links');
  });
});
