/**
 * The central views behind central sign-in (issue 20, item 7), on PGlite with a real desk pushing:
 * central users with a role (migration 034: an older centre's users stay admins), a manager who
 * reads stock with the desks' item and bin names and recalls a lot but may not run the centre,
 * state changes from another origin refused, GET /mode and the renderer served with its CSP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { CONTENT_SECURITY_POLICY } from '../../src/contract/csp';
import { migrateCentral } from '../../src/server/migrations';
import { createCentralDb, type TestCentralDb } from '../support/central';
import { openTestDesk, type TestDesk } from '../support/desk';
import { stockUp } from '../support/outbound';

const ADMIN = { username: 'boss', password: 'central-pass-1' };
const MANAGER = { username: 'mia', password: 'manager-pass-1', role: 'manager' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read by shape in the assertions
type Json = any;

let tdb: TestCentralDb;
let db: Db;
let app: FastifyInstance;
let url: string;
let rendererDir: string;
let desk: TestDesk;

const signIn = async (who: { username: string; password: string }) => {
  const r = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: { username: who.username, password: who.password } });
  return { status: r.statusCode, body: r.json() as Json, cookie: String(r.headers['set-cookie']).split(';')[0] };
};
const call = async (cookie: string, method: 'GET' | 'POST', path: string, payload?: object, headers: Record<string, string> = {}) => {
  const r = await app.inject({ method, url: path, payload, headers: { cookie, ...headers } });
  return { status: r.statusCode, body: r.json() as Json };
};

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'lotdesk-central-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>LotDesk</title><div id="app"></div>');
  tdb = await createCentralDb('pglite');
  db = await tdb.open();
  app = buildCentral({ db, admin: ADMIN, rendererDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  desk = await openTestDesk();
});
afterAll(async () => {
  desk?.close();
  await app?.close();
  await db?.close();
  await tdb?.drop();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('central views', () => {
  it('reports its mode and serves the renderer with the CSP', async () => {
    const mode = await app.inject({ method: 'GET', url: '/mode' });
    expect(mode.json()).toEqual({ mode: 'central', centreId: app.central.centreId });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="app">');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('a manager signs in, sees the desk’s stock by name, recalls a lot, and may not run the centre', { timeout: 60_000 }, async () => {
    const boss = await signIn(ADMIN);
    expect(boss.body).toMatchObject({ username: 'boss', role: 'admin' });
    expect((await call(boss.cookie, 'POST', '/central/v1/central-users', MANAGER)).status).toBe(200);
    // Bad input: a short password, an unknown role, a user who exists — refused, nothing written.
    expect((await call(boss.cookie, 'POST', '/central/v1/central-users', { ...MANAGER, username: 'x', password: 'short' })).body.error.key).toBe('errors.sync.passwordInvalid');
    expect((await call(boss.cookie, 'POST', '/central/v1/central-users', { ...MANAGER, username: 'y', role: 'owner' })).status).toBe(400);
    expect((await call(boss.cookie, 'POST', '/central/v1/central-users', MANAGER)).status).toBe(409);
    expect((await db.query('SELECT username, role FROM central_users ORDER BY username')).rows).toEqual([
      { username: 'boss', role: 'admin' },
      { username: 'mia', role: 'manager' },
    ]);

    const { code } = (await call(boss.cookie, 'POST', '/central/v1/enrolment-codes', { siteCode: 'WH1' })).body;
    const admin = await desk.signedIn('admin', 'admin1234');
    await admin.call('sync.connect', { centreUrl: url, code });
    const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    expect(await admin.call('sync.now')).toMatchObject({ eventsWaiting: 0, lastError: null });

    const mia = await signIn(MANAGER);
    expect(mia.body).toMatchObject({ username: 'mia', role: 'manager' });
    expect((await call(mia.cookie, 'GET', '/central/v1/me')).body).toMatchObject({ username: 'mia', role: 'manager' });
    const stations = await call(mia.cookie, 'GET', '/central/v1/stations');
    expect(stations.status).toBe(403);
    expect(stations.body.error).toMatchObject({ key: 'errors.sync.roleForbidden', params: { role: 'manager' } });
    expect((await call(mia.cookie, 'POST', '/central/v1/enrolment-codes', { siteCode: 'WH1' })).status).toBe(403);
    expect((await call(mia.cookie, 'POST', '/central/v1/central-users', { ...MANAGER, username: 'z' })).status).toBe(403);

    expect((await call(mia.cookie, 'GET', '/central/v1/sites')).body).toEqual([{ code: 'WH1', name: 'WH1' }]);
    const deskQty = desk.db.prepare('SELECT SUM(quantity) FROM balances WHERE lot_id = ? AND quantity > 0').pluck().get(lot.id) as number;
    const stock = (await call(mia.cookie, 'GET', '/central/v1/sites/WH1/stock')).body as Json[];
    expect(stock.filter((r) => r.lotId === lot.id)).toEqual([
      expect.objectContaining({ lotCode: lot.code, sku: 'TEA-250', unit: expect.any(String), itemName: expect.any(String), locationCode: 'A-01', quantity: deskQty, status: 'released' }),
    ]);
    const lots = (await call(mia.cookie, 'GET', '/central/v1/sites/WH1/lots')).body as Json[];
    expect(lots.find((l) => l.lotId === lot.id)).toMatchObject({ code: lot.code, sku: 'TEA-250', quantity: deskQty });

    // A state change from another site's page is refused, even with the cookie; from the centre's own page it goes through.
    const foreign = await call(mia.cookie, 'POST', `/central/v1/lots/${encodeURIComponent(lot.id)}/status`, { status: 'recalled', reason: 'x' }, { origin: 'http://evil.example', host: '127.0.0.1:1' });
    expect(foreign.status).toBe(403);
    expect((await db.query('SELECT count(*)::int AS n FROM lot_status_history')).rows).toEqual([{ n: 0 }]);
    const own = await call(mia.cookie, 'POST', `/central/v1/lots/${encodeURIComponent(lot.id)}/status`, { status: 'recalled', reason: 'supplier recall' }, { origin: 'http://central.test:5190', host: 'central.test:5190' });
    expect(own.status).toBe(200);
    const trace = (await call(mia.cookie, 'GET', `/central/v1/trace/${encodeURIComponent(lot.id)}`)).body;
    expect(trace.lot).toMatchObject({ code: lot.code, status: 'recalled', reason: 'supplier recall', siteCode: 'WH1' });
    expect((await db.query('SELECT by_user FROM lot_status_history')).rows).toEqual([{ by_user: 'mia' }]);

    await call(mia.cookie, 'POST', '/central/v1/sign-out', {});
    expect((await call(mia.cookie, 'GET', '/central/v1/sites')).status).toBe(401);
  });
});

describe('central migration 034', () => {
  it('an older centre keeps its users, who become admins', async () => {
    const old = await createCentralDb('pglite');
    const odb = await old.open();
    try {
      await migrateCentral(odb, 1);
      await odb.query("INSERT INTO central_users (username, password_hash) VALUES ('old-boss', 'scrypt:a:b')");
      expect(await migrateCentral(odb)).toEqual([34, 36, 37, 38, 39, 40, 41]);
      expect((await odb.query('SELECT username, password_hash, role, sites, disabled_at FROM central_users')).rows).toEqual([
        { username: 'old-boss', password_hash: 'scrypt:a:b', role: 'admin', sites: null, disabled_at: null },
      ]);
      expect(await migrateCentral(odb)).toEqual([]);
    } finally {
      await odb.close();
      await old.drop();
    }
  });
});
