/**
 * The pull horizon on a real PostgreSQL (issue 20, recall in seconds): a change is pulled once
 * every older transaction of the cluster has ended, so (1) a nudge reaches the SSE clients only
 * once its change is readable — not at the writer's commit while an older transaction still runs
 * — and (2) the ERP feed, which runs in every central worker, works in short transactions, so it
 * never holds the horizon for a whole pass over every desk's events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import { pullChanges, writeChange } from '../../src/server/changes';
import { notifyChanges } from '../../src/server/context';
import { centralFeed, erpDb, erpRoutes } from '../../src/server/erp/central';
import { runFeed, type FeedSource } from '../../src/server/erp/feed';
import type { Db } from '../../src/server/pg';
import { createCentralDb, type TestCentralDb } from '../support/central';

const station = { id: 'desk-h', siteCode: 'SH' };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Releases of the transactions still open (a failed test must not leave one: the database could not be closed and dropped). */
const stillOpen = new Set<() => void>();

/** A transaction that has an xid and stays open until `release()`. */
async function openTransaction(db: Db): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  stillOpen.add(release);
  let began!: () => void;
  const started = new Promise<void>((r) => (began = r));
  const done = db.transaction(async (tx) => {
    await tx.query('SELECT pg_current_xact_id()');
    began();
    await held;
  });
  await started;
  return { release, done };
}

describe('the pull horizon on PostgreSQL', () => {
  let tdb: TestCentralDb;
  let db: Db;
  let other: Db;
  let app: FastifyInstance;
  let centreId = '';

  beforeAll(async () => {
    tdb = await createCentralDb('pg');
    db = await tdb.open();
    other = await tdb.open();
    app = buildCentral({ db, routes: [erpRoutes({ pollMs: 0 })] });
    await app.ready();
    centreId = app.central.centreId;
    await db.query("INSERT INTO sites (code, name) VALUES ('SH', 'Site H')");
    await db.query("INSERT INTO stations (id, site_code, name, credential) VALUES ('desk-h', 'SH', 'Desk H', 'x')");
  }, 60_000);
  afterAll(async () => {
    for (const release of stillOpen) release();
    await app?.close();
    await db?.close();
    await other?.close();
    await tdb?.drop();
  });

  const nudges: string[] = [];
  const watch = () => {
    nudges.length = 0;
    return app.central.onNudge((p) => nudges.push(p));
  };
  const pulledKeys = async () => (await pullChanges(db, centreId, station, undefined, 5000)).changes.map((c) => c.key);
  const until = async (what: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!what() && Date.now() < end) await sleep(10);
    return what();
  };

  it('holds a nudge while an older transaction runs, and delivers it as soon as the change is readable', async () => {
    const stop = watch();
    try {
      const older = await openTransaction(other);
      await db.transaction((tx) => writeChange(tx, centreId, { kind: 'item', key: 'held-item', siteCode: null, body: { id: 'held-item' } }));
      // Committed, NOTIFY sent — but below the horizon of nobody yet: no nudge, and a pull would not see it.
      await sleep(400);
      expect(nudges).toEqual([]);
      expect(await pulledKeys()).not.toContain('held-item');
      older.release();
      await older.done;
      expect(await until(() => nudges.length > 0, 15_000)).toBe(true);
      expect(JSON.parse(nudges[0]).cursor).toBeTruthy();
      expect(await pulledKeys()).toContain('held-item');
    } finally {
      stop();
    }
  });

  it('holds a bare nudge (no cursor) until every transaction running when it came has ended', async () => {
    const stop = watch();
    try {
      const older = await openTransaction(other);
      await db.transaction((tx) => notifyChanges(tx));
      await sleep(300);
      expect(nudges).toEqual([]);
      older.release();
      await older.done;
      expect(await until(() => nudges.length > 0, 2000)).toBe(true);
      expect(nudges).toEqual(['']);
    } finally {
      stop();
    }
  });

  it('delivers at once when nothing older runs', async () => {
    const stop = watch();
    try {
      const t0 = performance.now();
      await db.transaction((tx) => writeChange(tx, centreId, { kind: 'item', key: 'quick-item', siteCode: null, body: { id: 'quick-item' } }));
      expect(await until(() => nudges.length > 0, 2000)).toBe(true);
      expect(performance.now() - t0).toBeLessThan(500);
      expect(await pulledKeys()).toContain('quick-item');
    } finally {
      stop();
    }
  });

  it('runs the ERP feed in short transactions of at most 500 events, and reads every desk to its end in one pass', async () => {
    // 1,300 events: desk transactions of 9 lot rows and their audit event (130 of them).
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let seq = 1; seq <= 1300; seq++) {
      const audit = seq % 10 === 0;
      const e = audit
        ? { id: randomUUID(), station: station.id, seq, schema: 1, at: '2026-12-07T08:00:00.000Z', kind: 'audit', record: {} }
        : { id: randomUUID(), station: station.id, seq, schema: 1, at: '2026-12-07T08:00:00.000Z', kind: 'row', table: 'lots', key: `lot-${seq}`, op: 'put', row: { id: `lot-${seq}`, item_id: 'item-1', code: `L${seq}`, status: 'released' } };
      const p = values.length;
      rows.push(`($${p + 1}::uuid, $${p + 2}, $${p + 3}::bigint, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}::jsonb)`);
      values.push(e.id, station.id, seq, e.kind, audit ? null : 'lots', audit ? null : `lot-${seq}`, e.at, JSON.stringify(e));
    }
    await db.query(`INSERT INTO events (id, station_id, seq, kind, tbl, key, at, body) VALUES ${rows.join(', ')}`, values);

    // Which transaction read how many events: the source asks its transaction's id before each read.
    const readBy = new Map<string, number>();
    const source: FeedSource = {
      ...centralFeed,
      async eventsAfter(q, stationId, seq, limit) {
        const { rows: x } = await q.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x');
        const events = await centralFeed.eventsAfter(q, stationId, seq, limit);
        readBy.set(x[0].x, (readBy.get(x[0].x) ?? 0) + events.length);
        return events;
      },
    };
    expect(await runFeed(erpDb(db), source)).toBe(1300);
    expect(Math.max(...readBy.values())).toBeLessThanOrEqual(500);
    expect(readBy.size).toBeGreaterThanOrEqual(3);
    expect(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM erp_lots')).rows[0].n)).toBe(1170);
    expect((await db.query<{ mark: string }>("SELECT mark FROM erp_feed_marks WHERE source = 'station:desk-h'")).rows[0].mark).toBe('1300');
    // Nothing new: a second pass reads nothing and writes nothing.
    expect(await runFeed(erpDb(db), source)).toBe(0);
  }, 60_000);
});
