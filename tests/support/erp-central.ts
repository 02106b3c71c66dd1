/**
 * A centre for the ERP tests on either engine: a database of its own (real PostgreSQL: a fresh
 * `lotdesk_erp_<random>` dropped after; PGlite: a temp folder), the ERP tables, and stand-ins for
 * the sync server's events, stations and lot-status changes with a FeedSource over them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { ERP_SCHEMA } from '../../src/server/erp/schema';
import { fromPglite, fromPool, type ErpDb, type Sql } from '../../src/server/erp/sql';
import type { DeskEvent, FeedSource } from '../../src/server/erp/feed';
import type { Publish } from '../../src/server/erp/inbound';
import Fastify, { type FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { registerErp, type ErpDeps } from '../../src/server/erp/plugin';

export const PG_URL = process.env.LOTDESK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export type Engine = 'postgres' | 'pglite';

const STAND_INS = /* sql */ `
CREATE TABLE t_stations (id text PRIMARY KEY, site_code text NOT NULL);
CREATE TABLE t_events (station_id text NOT NULL, seq bigint NOT NULL, body jsonb NOT NULL, PRIMARY KEY (station_id, seq));
CREATE TABLE t_lot_status (n bigserial PRIMARY KEY, id text NOT NULL, lot_id text NOT NULL, status text NOT NULL, reason text, at text NOT NULL);
CREATE TABLE t_changes (n bigserial PRIMARY KEY, kind text NOT NULL, key text NOT NULL, body jsonb NOT NULL);
`;

export interface TestCentre {
  db: ErpDb;
  feed: FeedSource;
  publish: Publish;
  close(): Promise<void>;
}

export const testFeed: FeedSource = {
  stations: async (q) => (await q.query<{ id: string; site_code: string }>('SELECT id, site_code FROM t_stations ORDER BY id')).rows.map((r) => ({ stationId: r.id, siteCode: r.site_code })),
  eventsAfter: async (q, stationId, seq, limit) =>
    (await q.query<{ body: DeskEvent }>('SELECT body FROM t_events WHERE station_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [stationId, seq, limit])).rows.map((r) => r.body),
  lotStatusAfter: async (q, mark, limit) => {
    const { rows } = await q.query<{ n: string; id: string; lot_id: string; status: string; reason: string | null; at: string }>(
      'SELECT n, id, lot_id, status, reason, at FROM t_lot_status WHERE n > $1 ORDER BY n LIMIT $2',
      [Number(mark ?? 0), limit],
    );
    return { changes: rows.map((r) => ({ id: r.id, lotId: r.lot_id, status: r.status, reason: r.reason, at: r.at, siteCode: null })), mark: rows.length ? rows[rows.length - 1].n : mark };
  },
};

export const testPublish: Publish = async (q, c) => {
  await q.query('INSERT INTO t_changes (kind, key, body) VALUES ($1, $2, $3)', [c.kind, c.key, JSON.stringify(c.body)]);
};

export async function openTestCentre(engine: Engine): Promise<TestCentre> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-erp-'));
    const lite = new PGlite(dir);
    await lite.exec(ERP_SCHEMA + STAND_INS);
    return {
      db: fromPglite(lite),
      feed: testFeed,
      publish: testPublish,
      close: async () => {
        await lite.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `lotdesk_erp_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 6 });
  // The DROP … WITH (FORCE) at the end ends any connection still open: not an error of the test.
  pool.on('error', () => undefined);
  await pool.query(ERP_SCHEMA + STAND_INS);
  return {
    db: fromPool(pool),
    feed: testFeed,
    publish: testPublish,
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A desk writing events as the sync protocol has them: row events, then the audit event closing the transaction. */
export class TestDesk {
  constructor(
    readonly station: string,
    private readonly q: Sql,
  ) {}

  async transaction(at: string, rows: { table: string; row: Record<string, unknown>; key?: string }[]): Promise<void> {
    const last = await this.q.query<{ n: string | null }>('SELECT max(seq) AS n FROM t_events WHERE station_id = $1', [this.station]);
    let seq = Number(last.rows[0].n ?? 0);
    const events: DeskEvent[] = rows.map((r) => ({
      id: randomBytes(16).toString('hex'),
      station: this.station,
      seq: ++seq,
      at,
      kind: 'row',
      table: r.table,
      key: r.key ?? String(r.row.id ?? randomBytes(8).toString('hex')),
      op: 'put',
      row: r.row,
    }));
    events.push({ id: randomBytes(16).toString('hex'), station: this.station, seq: ++seq, at, kind: 'audit' });
    for (const e of events) await this.q.query('INSERT INTO t_events (station_id, seq, body) VALUES ($1, $2, $3)', [this.station, e.seq, JSON.stringify(e)]);
  }
}

/** A Fastify app with only the ERP plugin (admin: the header x-test-admin: yes), and the routes it registered. */
export async function erpApp(centre: TestCentre, extra: Partial<ErpDeps> = {}) {
  const app = Fastify();
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  });
  const deps: ErpDeps = {
    db: centre.db,
    publish: centre.publish,
    feed: centre.feed,
    requireAdmin: async (req) => {
      if (req.headers['x-test-admin'] !== 'yes') throw new AppError('unauthenticated', 'errors.erp.noKey');
      return { username: 'root' };
    },
    ...extra,
  };
  await registerErp(app, deps);
  await app.ready();
  return { app, routes, deps };
}

export async function newKey(app: FastifyInstance, name: string, siteCode: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/central/v1/erp/api-keys', headers: { 'x-test-admin': 'yes' }, payload: { name, siteCode } });
  expect(res.statusCode).toBe(201);
  return res.json().key as string;
}
