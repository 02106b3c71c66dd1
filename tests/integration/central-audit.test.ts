/**
 * The centre's audit of admin actions (central migration 038) and retiring a central QC plan, on
 * real PostgreSQL (own database `wt_admin_*`, dropped after) with two central workers on one
 * database and a real desk (SQLite file) enrolled with one of them:
 * - every admin action through the API writes one audit row (who, action, object, before/after)
 *   in its own transaction, with no secret in it; a refused action writes none, also when two
 *   admins on two workers demote each other at once;
 * - GET /audit lists newest first with filters and keyset paging, admins only; a bad filter is a
 *   translated 400; the rows cannot be updated or deleted;
 * - a central QC plan retired reaches the desk through the pull and retires the version it made
 *   there: a lot received after it gets no inspection, the one opened before keeps its plan; a
 *   replay from the start or a snapshot changes nothing; publishing again makes a new version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { erpRoutes } from '../../src/server/erp/central';
import { setSetting, SYNC_KEYS } from '../../src/sync/sync-settings';
import { createCentralDb, type TestCentralDb } from '../support/central';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read by shape in the assertions
type Json = any;

let tdb: TestCentralDb;
let dbs: Db[];
let apps: FastifyInstance[];
let url: string;
let desk: TestDesk;

const signIn = async (who: { username: string; password: string }, worker = 0) => {
  const r = await apps[worker].inject({ method: 'POST', url: '/central/v1/sign-in', payload: who });
  expect(r.statusCode, r.body).toBe(200);
  return String(r.headers['set-cookie']).split(';')[0];
};
const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object, worker = 0) => {
  const r = await apps[worker].inject({ method, url: path.startsWith('/central/') || path.startsWith('/erp/') ? path : `/central/v1${path}`, payload, headers: { cookie } });
  return { status: r.statusCode, body: (r.body ? r.json() : null) as Json };
};
const auditRows = async () => (await dbs[0].query<Json>('SELECT id::int AS id, username, action, object, object_id AS "objectId", before, after FROM central_audit ORDER BY id')).rows;
const syncDesk = async () => expect(await (await desk.signedIn('admin', 'admin1234')).call('sync.now')).toMatchObject({ online: true, lastError: null });

beforeAll(async () => {
  tdb = await createCentralDb('pg', 'wt_admin');
  dbs = [await tdb.open(), await tdb.open()];
  apps = dbs.map((db) => buildCentral({ db, admin: ADMIN, routes: [erpRoutes({ pollMs: 0 })] }));
  for (const a of apps) await a.listen({ port: 0, host: '127.0.0.1' });
  const address = apps[0].server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  desk = await openTestDesk();
}, 60_000);

afterAll(async () => {
  desk?.close();
  for (const a of apps ?? []) await a.close();
  for (const d of dbs ?? []) await d.close();
  await tdb?.drop();
});

describe('the central audit of admin actions', () => {
  it('writes one row per action in its transaction, none for a refused one, and lists them for admins only', { timeout: 60_000 }, async () => {
    const boss = await signIn(ADMIN);
    expect(await auditRows()).toEqual([]);

    // Refused actions: bad input, a conflict, nothing found, the last admin — no row each.
    const refused = [
      await call(boss, 'POST', '/central-users', { username: 'has space', password: 'long-enough-1', role: 'manager' }),
      await call(boss, 'POST', '/central-users', { username: 'z', password: 'long-enough-1', role: 'manager', sites: ['NOPE'] }),
      await call(boss, 'POST', '/central-users/boss', { role: 'manager' }),
      await call(boss, 'POST', '/central-users/nobody/password', { password: 'long-enough-1' }),
      await call(boss, 'POST', '/stations/no-such-desk/revoke', {}),
      await call(boss, 'POST', '/qc-plans/QP-NONE/retire', {}),
      await call(boss, 'POST', '/exceptions/999/resolve', { resolution: 'none' }),
      await call(boss, 'POST', '/lots/no-such-lot/status', { status: 'recalled', reason: 'x' }),
      await call(boss, 'DELETE', '/items/no-such-item'),
      await call(boss, 'DELETE', '/central/v1/erp/api-keys/none'),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 409, 404, 404, 404, 404, 404, 404, 404]);
    expect(await auditRows()).toEqual([]);

    // The actions, on both workers.
    expect((await call(boss, 'PUT', '/sites/WH1', { name: 'East' })).status).toBe(200);
    expect((await call(boss, 'PUT', '/sites/WH1', { name: 'East' })).status).toBe(200); // unchanged: no row
    expect((await call(boss, 'POST', '/central-users', { username: 'mia', password: 'manager-pass-1', role: 'manager', sites: ['WH1'] }, 1)).status).toBe(200);
    expect((await call(boss, 'POST', '/central-users/mia', { disabled: true })).status).toBe(200);
    expect((await call(boss, 'POST', '/central-users/mia', { disabled: false, role: 'admin' }, 1)).status).toBe(200);
    expect((await call(boss, 'POST', '/central-users/mia/password', { password: 'manager-pass-2' })).status).toBe(200);
    const code = await call(boss, 'POST', '/enrolment-codes', { siteCode: 'WH1' });
    const key = await call(boss, 'POST', '/central/v1/erp/api-keys', { name: 'erp-1', siteCode: 'WH1' }, 1);
    expect(key.status).toBe(201);
    const hook = await apps[0].inject({ method: 'POST', url: '/erp/v1/webhooks', headers: { authorization: `Bearer ${key.body.key}` }, payload: { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' } });
    expect(hook.statusCode, hook.body).toBe(201);
    expect((await apps[1].inject({ method: 'DELETE', url: `/erp/v1/webhooks/${hook.json().id}`, headers: { authorization: `Bearer ${key.body.key}` } })).statusCode).toBe(204);
    expect((await call(boss, 'DELETE', '/central/v1/erp/api-keys/erp-1')).status).toBe(204);

    const admin = await desk.signedIn('admin', 'admin1234');
    expect((await admin.call('sync.connect', { centreUrl: url, code: code.body.code })).mode).toBe('connected');
    const stationId = (await call(boss, 'GET', '/stations')).body[0].id as string;
    expect((await call(boss, 'POST', `/stations/${stationId}/revoke`, {}, 1)).status).toBe(200);
    expect((await call(boss, 'POST', `/stations/${stationId}/revoke`, {})).status).toBe(200); // already revoked: no row

    const rows = await auditRows();
    expect(rows.map((r) => [r.username, r.action, r.object, r.objectId])).toEqual([
      ['boss', 'site_saved', 'site', 'WH1'],
      ['boss', 'user_created', 'user', 'mia'],
      ['boss', 'user_updated', 'user', 'mia'],
      ['boss', 'user_updated', 'user', 'mia'],
      ['boss', 'user_password_reset', 'user', 'mia'],
      ['boss', 'enrolment_code_issued', 'site', 'WH1'],
      ['boss', 'erp_key_created', 'erp_key', 'erp-1'],
      ['erp:erp-1', 'erp_webhook_added', 'webhook', hook.json().id],
      ['erp:erp-1', 'erp_webhook_removed', 'webhook', hook.json().id],
      ['boss', 'erp_key_revoked', 'erp_key', 'erp-1'],
      ['boss', 'station_revoked', 'station', stationId],
    ]);
    expect(rows[0]).toMatchObject({ before: null, after: { name: 'East' } });
    expect(rows[1].after).toEqual({ role: 'manager', sites: ['WH1'] });
    expect(rows[2]).toMatchObject({ before: { role: 'manager', disabled: false, sites: ['WH1'] }, after: { role: 'manager', disabled: true, sites: ['WH1'] } });
    expect(rows[3]).toMatchObject({ before: { role: 'manager', disabled: true }, after: { role: 'admin', disabled: false } });
    expect(rows[10]).toMatchObject({ before: { siteCode: 'WH1', revoked: false }, after: { revoked: true } });
    // No secret is kept: not the password, the enrolment code, the API key or the webhook secret.
    const text = JSON.stringify(rows);
    for (const secret of ['manager-pass', code.body.code, key.body.key, 'a-secret-of-16-chars', 'scrypt']) expect(text).not.toContain(secret);
    expect(rows[6].after.keyPrefix).toBe(String(key.body.key).slice(0, 10));

    // Two admins on two workers demoting each other at once: one passes, one row.
    const mia = await signIn({ username: 'mia', password: 'manager-pass-2' }, 1);
    const both = await Promise.all([call(boss, 'POST', '/central-users/mia', { role: 'manager' }, 0), call(mia, 'POST', '/central-users/boss', { role: 'manager' }, 1)]);
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    const demoted = (await auditRows()).slice(rows.length);
    expect(demoted).toEqual([expect.objectContaining({ action: 'user_updated', after: expect.objectContaining({ role: 'manager' }) })]);
    if (demoted[0].objectId === 'boss') expect((await call(mia, 'POST', '/central-users/boss', { role: 'admin' }, 1)).status).toBe(200);
    const managerCookie = demoted[0].objectId === 'boss' ? await signIn({ username: 'mia', password: 'manager-pass-2' }) : mia;
    if (demoted[0].objectId === 'boss') expect((await call(boss, 'POST', '/central-users/mia', { role: 'manager' })).status).toBe(200);

    // The list: newest first, filters, keyset pages; admins only; a bad filter in words.
    const all = (await auditRows()).reverse();
    const page1 = await call(boss, 'GET', '/audit?limit=5');
    expect(page1.body.items.map((r: Json) => Number(r.id))).toEqual(all.slice(0, 5).map((r) => r.id));
    const page2 = await call(boss, 'GET', `/audit?limit=5&before=${page1.body.next}`, undefined, 1);
    expect(page2.body.items.map((r: Json) => Number(r.id))).toEqual(all.slice(5, 10).map((r) => r.id));
    let seen: number[] = [];
    for (let next: string | null = null, first = true; first || next; first = false) {
      const page: Json = await call(boss, 'GET', `/audit?limit=4${next ? `&before=${next}` : ''}`);
      seen = [...seen, ...page.body.items.map((r: Json) => Number(r.id))];
      next = page.body.next;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    const byAction = await call(boss, 'GET', '/audit?action=user_updated');
    expect(byAction.body.items.map((r: Json) => Number(r.id))).toEqual(all.filter((r) => r.action === 'user_updated').map((r) => r.id));
    expect((await call(boss, 'GET', '/audit?user=erp:erp-1')).body.items.map((r: Json) => r.action)).toEqual(['erp_webhook_removed', 'erp_webhook_added']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(boss, 'GET', `/audit?from=${today}&to=${today}`)).body.items).toHaveLength(Math.min(50, all.length));
    expect((await call(boss, 'GET', '/audit?from=2020-01-01&to=2020-12-31')).body).toEqual({ items: [], next: null });
    for (const [query, field] of [['from=2026-13-01', 'from'], ['action=nope', 'action'], ['from=2026-12-02&to=2026-12-01', 'to'], ['limit=0', 'limit'], ['other=1', '']]) {
      const bad = await call(boss, 'GET', `/audit?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'auditFilterInvalid', key: 'errors.sync.auditFilterInvalid', params: { field } });
    }
    expect((await call(managerCookie, 'GET', '/audit')).body.error).toMatchObject({ code: 'roleForbidden' });

    // Append-only, whoever asks.
    await expect(dbs[0].query("UPDATE central_audit SET username = 'someone'")).rejects.toThrow(/append-only/);
    await expect(dbs[1].query('DELETE FROM central_audit')).rejects.toThrow(/append-only/);
    await expect(dbs[1].query('TRUNCATE central_audit')).rejects.toThrow(/append-only/);
  });
});

describe('retiring a central QC plan', () => {
  it('retires the version at the desk through the pull, idempotent on replay and snapshot, audited', { timeout: 90_000 }, async () => {
    const boss = await signIn(ADMIN);
    // A desk of its own for this part (the first one was revoked above).
    const code = await call(boss, 'POST', '/enrolment-codes', { siteCode: 'WH1' });
    desk.close();
    desk = await openTestDesk();
    expect((await (await desk.signedIn('admin', 'admin1234')).call('sync.connect', { centreUrl: url, code: code.body.code })).mode).toBe('connected');
    const manager = await desk.signedIn('manager', '4444');
    const milk = (await catalog(manager)).item('MILK-1L');
    const versions = async () => (await manager.call('qc.plans.list', { itemId: milk.id, history: true })).map((p) => ({ version: p.version, status: p.status }));
    const earlier = await versions();
    expect(earlier.filter((v) => v.status === 'active').length).toBeLessThanOrEqual(1);
    const plan = {
      itemId: milk.id,
      sampling: { kind: 'fixed', n: 3 },
      triggers: ['receipt'],
      dueHours: 24,
      note: null,
      characteristics: [{ code: 'PH', name: 'pH', nameZh: '酸碱度', kind: 'numeric', unit: null, lowerLimit: 6.4, upperLimit: 6.9, decimals: 2, mandatory: true }],
    };
    expect((await call(boss, 'PUT', '/qc-plans/QP-MILK', { body: plan, siteCode: 'WH1' })).status).toBe(200);
    await syncDesk();
    const published = await versions();
    const centralVersion = published[0];
    expect(centralVersion).toEqual({ version: (earlier[0]?.version ?? 0) + 1, status: 'active' });

    // A lot received now gets its inspection from the central plan.
    const [before] = await stockUp(desk, [{ sku: 'MILK-1L', expiry: '2027-03-01', quantity: 5 }]);
    const inspections = () => desk.db.prepare('SELECT q.lot_id AS lotId, q.plan_id AS planId, q.status, p.status AS planStatus FROM qc_inspections q JOIN qc_plans p ON p.id = q.plan_id WHERE q.lot_id = ?');
    const [opened] = inspections().all(before.id) as { planId: string; status: string }[];
    expect(opened).toMatchObject({ status: 'open', planStatus: 'active' });

    const audited = (await auditRows()).length;
    expect((await call(boss, 'POST', '/qc-plans/QP-MILK/retire', {}, 1)).body).toEqual({ kind: 'qc_plan', key: 'QP-MILK', retired: true });
    // Retired already: refused in words, no second row.
    expect((await call(boss, 'POST', '/qc-plans/QP-MILK/retire', {})).body.error).toMatchObject({ code: 'qcPlanRetired', key: 'errors.sync.qcPlanRetired', params: { id: 'QP-MILK' } });
    const after = (await auditRows()).slice(audited);
    expect(after.map((r) => [r.username, r.action, r.object, r.objectId])).toEqual([['boss', 'qc_plan_retired', 'qc_plan', 'QP-MILK']]);

    await syncDesk();
    expect(await versions()).toEqual([{ ...centralVersion, status: 'retired' }, ...published.slice(1)]);
    // History and the inspection opened before stay as they were; a lot received now gets none.
    expect(inspections().all(before.id)).toEqual([{ ...opened, planStatus: 'retired' }]);
    const [later] = await stockUp(desk, [{ sku: 'MILK-1L', expiry: '2027-03-02', quantity: 5 }]);
    expect(inspections().all(later.id)).toEqual([]);
    const retiredAudit = desk.db.prepare("SELECT changes FROM audit WHERE command = 'sync.apply' AND changes LIKE '%centralRetired%'").all() as { changes: string }[];
    expect(retiredAudit).toHaveLength(1);
    expect(JSON.parse(retiredAudit[0].changes)).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'qcPlan', field: 'status', before: 'active', after: 'retired' })]));

    // A snapshot (resync) and a replay from the start change nothing.
    const planRows = () => desk.db.prepare('SELECT id, version, status FROM qc_plans ORDER BY id').all();
    const held = planRows();
    setSetting(desk.db, SYNC_KEYS.cursor, 'not-a-cursor');
    await syncDesk();
    setSetting(desk.db, SYNC_KEYS.cursor, '');
    await syncDesk();
    expect(planRows()).toEqual(held);

    // Published again: in use again, as a new version.
    expect((await call(boss, 'PUT', '/qc-plans/QP-MILK', { body: { ...plan, retired: true }, siteCode: 'WH1' })).status).toBe(200);
    await syncDesk();
    expect((await versions()).slice(0, 2)).toEqual([{ version: centralVersion.version + 1, status: 'active' }, { ...centralVersion, status: 'retired' }]);
    expect((await auditRows()).slice(audited).map((r) => r.action)).toEqual(['qc_plan_retired', 'qc_plan_published']);
  });
});
