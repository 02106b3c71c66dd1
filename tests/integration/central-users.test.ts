/**
 * Central user management and the cross-site trace (issue 20, item 7) on real PostgreSQL (own
 * database `lotdesk_wt_central_*`, dropped after):
 * - the admin API's rules: bad input refused with its own translated error and nothing written,
 *   the last active admin never disabled or demoted, a role change or a disabling taking effect on
 *   the user's open session at once, a password reset ending the user's sessions (migration 036);
 * - two sites' desks pushing to one centre: a lot shipped from site A and received at site B as
 *   the same GS1 lot (its code as B's supplier batch, same GTIN) is traced forward from A into B and
 *   backward from B to A; look-alikes (another product, a receipt before A shipped) are not linked;
 *   a manager limited to site B sees B's side only; central item names win over the desks'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import { openPg, type Db } from '../../src/server/pg';
import { testDatabase, type TestDatabase } from '../support/central-cluster';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read by shape in the assertions
type Json = any;

let tdb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let url: string;

const signIn = async (who: { username: string; password: string }) => {
  const r = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: { username: who.username, password: who.password } });
  return { status: r.statusCode, body: r.json() as Json, cookie: String(r.headers['set-cookie']).split(';')[0] };
};
const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
  const r = await app.inject({ method, url: `/central/v1${path}`, payload, headers: { cookie } });
  return { status: r.statusCode, body: r.json() as Json };
};
const users = async () => (await db.query('SELECT username, role, sites, disabled_at IS NOT NULL AS disabled, password_hash FROM central_users ORDER BY username')).rows;

beforeAll(async () => {
  tdb = await testDatabase('lotdesk_wt_central');
  db = await openPg(tdb.url);
  app = buildCentral({ db, admin: ADMIN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await tdb?.drop();
});

describe('central user management', () => {
  it('refuses bad input in words, keeps an active admin, and a change reaches the open session at once', { timeout: 60_000 }, async () => {
    const boss = await signIn(ADMIN);
    await call(boss.cookie, 'PUT', '/sites/WH-A', { name: 'East' });
    await call(boss.cookie, 'PUT', '/sites/WH-B', { name: 'West' });
    const created = await call(boss.cookie, 'POST', '/central-users', { username: 'mia', password: 'manager-pass-1', role: 'manager' });
    expect(created).toMatchObject({ status: 200, body: { username: 'mia', role: 'manager', sites: null, disabled: false } });

    const before = await users();
    const refusals: [object, number, string, object?][] = [
      [{ username: 'has space', password: 'long-enough-1', role: 'manager' }, 400, 'usernameInvalid'],
      [{ username: 'x', password: 'short', role: 'manager' }, 400, 'passwordInvalid'],
      [{ username: 'y', password: 'long-enough-1', role: 'owner' }, 400, 'roleInvalid'],
      [{ username: 'mia', password: 'long-enough-1', role: 'admin' }, 409, 'userExists', { username: 'mia' }],
      [{ username: 'z', password: 'long-enough-1', role: 'manager', sites: ['WH-A', 'WH-NOPE'] }, 400, 'sitesInvalid', { site: 'WH-NOPE' }],
    ];
    for (const [body, status, code, params] of refusals) {
      const r = await call(boss.cookie, 'POST', '/central-users', body);
      expect(r.status, code).toBe(status);
      expect(r.body.error).toMatchObject({ code, key: `errors.sync.${code}`, ...(params ? { params } : {}) });
    }
    expect((await call(boss.cookie, 'POST', '/central-users/mia', { role: 'boss' })).body.error.code).toBe('roleInvalid');
    expect((await call(boss.cookie, 'POST', '/central-users/mia/password', { password: 'short' })).body.error.code).toBe('passwordInvalid');
    expect((await call(boss.cookie, 'POST', '/central-users/nobody', { disabled: true })).body.error).toMatchObject({ code: 'notFound', params: { what: 'user', id: 'nobody' } });
    // The only admin may not demote or disable themself.
    for (const change of [{ role: 'manager' }, { disabled: true }]) {
      const r = await call(boss.cookie, 'POST', '/central-users/boss', change);
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'lastAdmin', key: 'errors.sync.lastAdmin', params: { username: 'boss' } });
    }
    expect(await users()).toEqual(before);

    // A role change takes effect on mia's open session.
    const mia = await signIn({ username: 'mia', password: 'manager-pass-1' });
    expect((await call(mia.cookie, 'GET', '/stations')).status).toBe(403);
    expect((await call(boss.cookie, 'POST', '/central-users/mia', { role: 'admin' })).body).toMatchObject({ role: 'admin' });
    expect((await call(mia.cookie, 'GET', '/stations')).status).toBe(200);
    // Two admins now: boss may step down (mia is the last), then mia may not.
    expect((await call(boss.cookie, 'POST', '/central-users/boss', { role: 'manager' })).status).toBe(200);
    expect((await call(mia.cookie, 'POST', '/central-users/mia', { disabled: true })).body.error.code).toBe('lastAdmin');
    expect((await call(boss.cookie, 'GET', '/central-users')).status).toBe(403);
    expect((await call(mia.cookie, 'POST', '/central-users/boss', { role: 'admin' })).status).toBe(200);
    expect((await call(boss.cookie, 'POST', '/central-users/mia', { role: 'manager', sites: ['WH-B'] })).body).toMatchObject({ role: 'manager', sites: ['WH-B'] });
    expect((await call(mia.cookie, 'GET', '/sites')).body).toEqual([{ code: 'WH-B', name: 'West' }]);
    expect((await call(mia.cookie, 'GET', '/sites/WH-A/stock')).body.error).toMatchObject({ code: 'siteForbidden', params: { site: 'WH-A' } });
    expect((await call(mia.cookie, 'GET', '/sites/WH-B/stock')).status).toBe(200);

    // Disabled: the open session ends at once and sign-in says why; enabled: back in.
    expect((await call(boss.cookie, 'POST', '/central-users/mia', { disabled: true })).body).toMatchObject({ disabled: true });
    expect((await call(mia.cookie, 'GET', '/me')).status).toBe(401);
    expect((await signIn({ username: 'mia', password: 'manager-pass-1' })).body.error).toMatchObject({ code: 'userDisabled', key: 'errors.sync.userDisabled' });
    expect((await signIn({ username: 'mia', password: 'wrong-pass-1' })).body.error.code).toBe('adminUnauthenticated');
    await call(boss.cookie, 'POST', '/central-users/mia', { disabled: false });
    const back = await signIn({ username: 'mia', password: 'manager-pass-1' });
    expect(back.body).toMatchObject({ username: 'mia', role: 'manager' });

    // A reset password: the old one fails, the user's sessions end, the admin's own stays.
    expect((await call(boss.cookie, 'POST', '/central-users/mia/password', { password: 'new-manager-pass-2' })).status).toBe(200);
    expect((await call(back.cookie, 'GET', '/me')).status).toBe(401);
    expect((await signIn({ username: 'mia', password: 'manager-pass-1' })).status).toBe(401);
    expect((await signIn({ username: 'mia', password: 'new-manager-pass-2' })).status).toBe(200);
    expect((await call(boss.cookie, 'POST', '/central-users/boss/password', { password: 'central-pass-2' })).status).toBe(200);
    expect((await call(boss.cookie, 'GET', '/me')).body).toMatchObject({ username: 'boss', role: 'admin' });
    const list = (await call(boss.cookie, 'GET', '/central-users')).body as Json[];
    expect(list.map((u) => [u.username, u.role, u.sites, u.disabled])).toEqual([
      ['boss', 'admin', null, false],
      ['mia', 'manager', ['WH-B'], false],
    ]);
    expect(JSON.stringify(list)).not.toContain('scrypt');

    // Two admins demoting each other at the same moment: one passes, the other is refused (the lock on the admins' rows).
    await call(boss.cookie, 'POST', '/central-users', { username: 'ann', password: 'admin-pass-ann', role: 'admin' });
    const ann = await signIn({ username: 'ann', password: 'admin-pass-ann' });
    const both = await Promise.all([call(boss.cookie, 'POST', '/central-users/ann', { role: 'manager' }), call(ann.cookie, 'POST', '/central-users/boss', { role: 'manager' })]);
    // The loser is refused as the last admin (409), or, had the winner committed before it signed in, as a manager now (403).
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(both.find((r) => r.status !== 200)?.body.error.code).toMatch(/^(lastAdmin|roleForbidden)$/);
    expect((await db.query("SELECT count(*)::int AS n FROM central_users WHERE role = 'admin' AND disabled_at IS NULL")).rows).toEqual([{ n: 1 }]);
    const winner = both[0].status === 200 ? boss : ann;
    // Back to boss as the admin for what follows.
    if (winner === ann) await call(ann.cookie, 'POST', '/central-users/boss', { role: 'admin' });
    await call(boss.cookie, 'POST', '/central-users/ann', { role: 'manager', disabled: true });
  });
});

describe('central trace across sites', () => {
  let deskA: TestDesk;
  let deskB: TestDesk;
  afterAll(() => {
    deskA?.close();
    deskB?.close();
  });

  it('follows a lot shipped from one site and received at another, both ways', { timeout: 120_000 }, async () => {
    const boss = await signIn({ username: 'boss', password: 'central-pass-2' });
    [deskA, deskB] = await Promise.all([openTestDesk(), openTestDesk()]);
    const connect = async (desk: TestDesk, site: string) => {
      const admin = await desk.signedIn('admin', 'admin1234');
      await admin.call('sync.connect', { centreUrl: url, code: (await call(boss.cookie, 'POST', '/enrolment-codes', { siteCode: site })).body.code });
      return admin;
    };
    const [adminA, adminB] = [await connect(deskA, 'WH-A'), await connect(deskB, 'WH-B')];

    // Site A receives a tea lot and ships 4 of it.
    const [shipped] = await stockUp(deskA, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 10, bin: 'A-01' }]);
    const leadA = await deskA.signedIn('lead', '3333');
    const clerkA = await deskA.signedIn('clerk', '1111');
    const catA = await catalog(leadA);
    const order = await leadA.call('orders.create', { customerId: catA.customer('CUS-SHM').id, lines: [{ itemId: catA.item('TEA-250').id, quantity: 4, lotId: shipped.id }] });
    await leadA.call('allocation.allocate', { orderId: order.id });
    await clerkA.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: shipped.code, quantity: 4 });
    await clerkA.call('packing.scan', { orderId: order.id, scan: shipped.code });
    await clerkA.call('shipping.ship', { orderId: order.id });

    // Site B receives it (A's code is B's supplier batch); and two look-alikes that are not A's lot.
    const clerkB = await deskB.signedIn('clerk', '1111');
    const catB = await catalog(clerkB);
    const receive = (sku: string) =>
      clerkB.call('receiving.receive', { itemId: catB.item(sku).id, supplierId: catB.supplier('SUP-HZT').id, quantity: 4, unit: catB.item(sku).unit, expiryDate: '2028-05-01', supplierLot: shipped.code });
    const received = (await receive('TEA-250')).lot;
    const otherProduct = (await receive('SOY-500')).lot;
    deskB.clock.set('2026-11-20T08:00:00.000Z');
    const clerkEarly = await deskB.signedIn('clerk', '1111');
    const tooEarly = (
      await clerkEarly.call('receiving.receive', { itemId: catB.item('TEA-250').id, supplierId: catB.supplier('SUP-GRN').id, quantity: 1, unit: 'pcs', expiryDate: '2028-05-01', supplierLot: shipped.code })
    ).lot;
    deskB.clock.set('2026-11-25T09:30:00.000Z');
    for (const admin of [adminA, adminB]) expect(await admin.call('sync.now')).toMatchObject({ eventsWaiting: 0, lastError: null });

    const forward = (await call(boss.cookie, 'GET', `/trace/${encodeURIComponent(shipped.id)}`)).body;
    expect(forward.lot).toMatchObject({ lotId: shipped.id, siteCode: 'WH-A', sku: 'TEA-250' });
    expect(forward.descendants.map((l: Json) => [l.lotId, l.siteCode])).toEqual([[received.id, 'WH-B']]);
    expect(forward.crossings).toEqual([{ fromLotId: shipped.id, fromCode: shipped.code, fromSite: 'WH-A', toLotId: received.id, toCode: received.code, toSite: 'WH-B', match: 'batch', sscc: null }]);
    expect(forward.shipments).toEqual([expect.objectContaining({ lotId: shipped.id, siteCode: 'WH-A', customer: expect.any(String) })]);
    expect(forward.hidden).toBe(0);
    const backward = (await call(boss.cookie, 'GET', `/trace/${encodeURIComponent(received.id)}`)).body;
    expect(backward.ancestors.map((l: Json) => [l.lotId, l.siteCode])).toEqual([[shipped.id, 'WH-A']]);
    expect(backward.descendants).toEqual([]);
    for (const lone of [otherProduct, tooEarly]) {
      const t = (await call(boss.cookie, 'GET', `/trace/${encodeURIComponent(lone.id)}`)).body;
      expect([t.ancestors, t.crossings]).toEqual([[], []]);
    }

    // A manager of site B only: B's side, A's lot counted but not shown; A's lot itself refused.
    const mia = await signIn({ username: 'mia', password: 'new-manager-pass-2' });
    const limited = (await call(mia.cookie, 'GET', `/trace/${encodeURIComponent(received.id)}`)).body;
    expect([limited.ancestors, limited.crossings, limited.hidden]).toEqual([[], [], 1]);
    expect((await call(mia.cookie, 'GET', `/trace/${encodeURIComponent(shipped.id)}`)).body.error).toMatchObject({ code: 'siteForbidden', params: { site: 'WH-A' } });
    expect((await call(mia.cookie, 'POST', `/lots/${encodeURIComponent(shipped.id)}/status`, { status: 'recalled', reason: 'not hers' })).status).toBe(403);

    // Names: the centre's item record wins over the desk's row, in the lots view and the trace.
    const teaB = catB.item('TEA-250');
    await call(boss.cookie, 'PUT', `/items/${encodeURIComponent(teaB.id)}`, { body: { sku: 'TEA-250', name: 'Jasmine tea (central)', unit: 'pcs', gtin: teaB.gtin } });
    expect((await call(mia.cookie, 'GET', '/sites/WH-B/lots')).body.find((l: Json) => l.lotId === received.id)).toMatchObject({ itemName: 'Jasmine tea (central)' });
    expect((await call(boss.cookie, 'GET', `/trace/${encodeURIComponent(shipped.id)}`)).body.descendants[0]).toMatchObject({ itemName: 'Jasmine tea (central)' });
  });
});
