/**
 * Pruning the trace change log (migration 035): each connection's trace index notes how far it has
 * read `trace_changes`; the rows every live reader has read are deleted. Several readers on one
 * file — two desk connections, the real CLI as another process — and readers that fall behind
 * (expired unseen, never noted because the write lock was held) rebuild instead of missing a
 * change: after any sequence of writes, traces, expiries and closes, every reader's in-memory
 * status of every lot equals the database's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/db';
import { currentTrace, dropTraceIndex } from '../../src/store/trace-index';
import { rootLot, traceLot, traceLotRounds } from '../../src/app/trace/trace-lot';
import { lotdesk } from '../support/cli';

const LOTS = 300;
const today = '2026-12-01';
const STATUSES = ['quarantine', 'released', 'on_hold', 'rejected', 'recalled'];
let dir: string;
let file: string;
let conns: Db[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-prune-'));
  file = join(dir, 'prune.db');
  conns = [openDatabase(file), openDatabase(file), openDatabase(file)];
  const db = conns[0];
  db.pragma('foreign_keys = OFF');
  db.exec(`INSERT INTO items (id, sku, name, unit, created_at) VALUES ('I1', 'SKU-1', 'Item one', 'pcs', '${today}');`);
  db.transaction(() => {
    const l = db.prepare("INSERT INTO lots (id, item_id, code, status, created_at, created_by, no) VALUES (?, 'I1', ?, 'released', ?, 'U', ?)");
    for (let n = 1; n <= LOTS; n++) l.run(`L${n}`, `CODE-${n}`, today, n);
    const k = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)');
    for (let n = 1; n < LOTS; n += 3) k.run(`L${n}`, `L${n + 1}`, 5);
  })();
});
afterAll(() => {
  for (const c of conns) c.close();
  rmSync(dir, { recursive: true, force: true });
});

const log = () => conns[0].prepare('SELECT COUNT(*) AS rows, IFNULL(MAX(seq), 0) AS top FROM trace_changes').get() as { rows: number; top: number };
const pruned = () => conns[0].prepare('SELECT seq FROM trace_changes_pruned').pluck().get() as number;
const readers = () => conns[0].prepare('SELECT COUNT(*) FROM trace_readers').pluck().get() as number;
/** Status changes of `count` lots (one log row each), by raw SQL on `on`. */
const change = (on: Db, from: number, count: number, status: string) => on.prepare('UPDATE lots SET status = ? WHERE no >= ? AND no < ? AND status <> ?').run(status, from, from + count, status);
/** Every lot's status as the connection's index holds it equals the database's; one trace agrees with the SQL rounds field for field. */
function agrees(on: Db, lotNo = 1): void {
  const held = currentTrace(on)!;
  const stored = on.prepare('SELECT no, status FROM lots ORDER BY no').raw().all() as [number, string][];
  expect(stored.map(([no]) => [no, held.details.lots.lot(no).storedStatus])).toEqual(stored);
  const t = traceLot(on, { lotId: `L${lotNo}`, direction: 'both' }, today);
  expect(t).toEqual(traceLotRounds(on, rootLot(on, { lotId: `L${lotNo}` }, today), 'both', today));
}
const reset = () => {
  for (const c of conns) dropTraceIndex(c);
  conns[0].exec("DELETE FROM trace_readers; UPDATE lots SET status = 'released'");
};

describe('trace change log pruning', () => {
  it('deletes what every reader has read, keeps what a live reader still needs, and no reader rebuilds', () => {
    reset();
    const [a, b] = conns;
    const ha = currentTrace(a);
    const hb = currentTrace(b);
    expect(readers()).toBe(2);
    const before = log();
    change(conns[2], 1, LOTS, 'on_hold'); // 300 rows, more than a reader reads before noting
    agrees(a); // a notes its mark; b has not read the rows: nothing at or above b's mark is deleted
    expect(conns[0].prepare('SELECT COUNT(*) FROM trace_changes WHERE seq > ?').pluck().get(before.top)).toBe(LOTS);
    agrees(b); // b notes too: every reader has read all but the top row
    expect(log()).toEqual({ rows: 1, top: before.top + LOTS });
    expect(pruned()).toBe(before.top + LOTS - 1);
    change(a, 1, 10, 'recalled');
    agrees(a, 2);
    agrees(b, 2);
    expect(currentTrace(a)).toBe(ha);
    expect(currentTrace(b)).toBe(hb);
  });

  it('a reader unseen for a week is dropped; when it traces again it rebuilds and shows every change', () => {
    reset();
    const [a, b] = conns;
    currentTrace(a);
    const hb = currentTrace(b);
    conns[2].exec("UPDATE trace_readers SET seen_at = '2026-01-01T00:00:00.000Z'");
    change(a, 1, LOTS, 'rejected');
    agrees(a); // a notes (its own row fresh again), drops b, prunes past b's mark
    expect(readers()).toBe(1);
    expect(pruned()).toBeGreaterThan(0);
    agrees(b);
    expect(currentTrace(b)).not.toBe(hb);
    expect(readers()).toBe(2); // b noted again at its rebuild
  });

  it('a reader built while another process held the write lock is not noted, and rebuilds rather than miss the pruned rows', () => {
    reset();
    const [a, b, c] = conns;
    currentTrace(a);
    c.exec('BEGIN IMMEDIATE');
    const hb = currentTrace(b); // its note is skipped (no wait for the lock)
    c.exec('COMMIT');
    expect(readers()).toBe(1);
    change(c, 1, LOTS, 'quarantine');
    agrees(a); // prunes below a's mark, past b's
    expect(log().rows).toBe(1);
    agrees(b);
    expect(currentTrace(b)).not.toBe(hb);
  });

  it('the CLI in another process leaves no reader row behind, so it does not hold the log back', () => {
    reset();
    currentTrace(conns[0]);
    expect(readers()).toBe(1);
    const r = lotdesk(['trace', 'CODE-1', '--db', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).root.code).toBe('CODE-1');
    expect(readers()).toBe(1);
  });

  it('never misses a change, whatever the order of writes, traces, expiries and closes on three connections', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant('write' as const), fc.nat(2), fc.integer({ min: 1, max: LOTS }), fc.integer({ min: 1, max: LOTS }), fc.nat(4)),
      fc.tuple(fc.constant('trace' as const), fc.nat(2)),
      fc.tuple(fc.constant('age' as const), fc.nat(2)),
      fc.tuple(fc.constant('close' as const), fc.nat(2)),
    );
    let prunedRuns = 0;
    let prunedBefore = pruned();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 14 }), (ops) => {
        reset();
        const seen = conns.map(() => false);
        for (const o of ops) {
          if (o[0] === 'write') change(conns[o[1]], o[2], o[3], STATUSES[o[4]]);
          else if (o[0] === 'trace') {
            agrees(conns[o[1]], 1 + (o[1] * 97) % LOTS);
            seen[o[1]] = true;
          } else if (o[0] === 'age') conns[2].exec("UPDATE trace_readers SET seen_at = '2026-01-01T00:00:00.000Z'");
          else dropTraceIndex(conns[o[1]]);
        }
        conns.forEach((c, i) => seen[i] && agrees(c));
        if (pruned() > prunedBefore) prunedRuns++;
        prunedBefore = pruned();
      }),
      { numRuns: 40 },
    );
    expect(prunedRuns).toBeGreaterThan(0); // the runs did prune, not only read
  });
});
