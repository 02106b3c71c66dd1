/**
 * The central server on real PostgreSQL (own database) and on PGlite: enrolment, push (order,
 * gap, replay, revoked, other station, malformed, unknown schema), pull cursor, resync, recall,
 * exceptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { newId } from '../../src/store/ids';
import { encodeCursor } from '../../src/sync-protocol/cursor';
import { createCentralDb, type TestCentralDb } from '../support/central';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

describe.each(['pg', 'pglite'] as const)('central server on %s', (kind) => {
  let tdb: TestCentralDb;
  let db: Db;
  let app: FastifyInstance;
  let cookie = '';
  let centreId = '';

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method, url, payload: payload as object, headers });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const adminCall = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => call(method, url, payload, { cookie });
  const enrol = async (stationId: string, site = 'S1') => {
    const code = (await adminCall('POST', '/central/v1/enrolment-codes', { siteCode: site })).body.code as string;
    const r = await call('POST', '/sync/v1/enrol', { code, stationId, name: stationId });
    expect(r.status).toBe(200);
    return { auth: { authorization: `Bearer ${stationId}.${r.body.secret}` }, code };
  };
  const move = (station: string, seq: number, m: { lot: string; qty: number; kind?: string; from?: string; to?: string; at?: string }) => ({
    id: newId(), station, seq, schema: 1, at: m.at ?? new Date().toISOString(), kind: 'row', table: 'movements', key: `mv-${station}-${seq}`, op: 'put',
    row: { id: `mv-${station}-${seq}`, kind: m.kind ?? 'receive', lot_id: m.lot, item_id: 'I1', quantity: m.qty, from_location_id: m.from ?? null, to_location_id: m.to ?? null, at: m.at ?? new Date().toISOString() },
  });
  const lotRow = (station: string, seq: number, lot: string) => ({
    id: newId(), station, seq, schema: 1, at: new Date().toISOString(), kind: 'row', table: 'lots', key: lot, op: 'put',
    row: { id: lot, item_id: 'I1', code: `L-${lot}`, status: 'released', expiry_date: null },
  });
  const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await db.query(sql, params)).rows[0])[0]);

  beforeAll(async () => {
    tdb = await createCentralDb(kind);
    db = await tdb.open();
    app = buildCentral({ db, admin: ADMIN });
    await app.ready();
    centreId = app.central.centreId;
    const r = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: ADMIN });
    expect(r.statusCode).toBe(200);
    cookie = String(r.headers['set-cookie']).split(';')[0];
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await tdb?.drop();
  });

  it('enrols once per code; a used or unknown code and a second enrolment of the id are refused', async () => {
    const { code } = await enrol('desk-a');
    expect((await call('POST', '/sync/v1/enrol', { code, stationId: 'desk-x', name: 'x' })).body.error.key).toBe('errors.sync.codeUsed');
    expect((await call('POST', '/sync/v1/enrol', { code: 'NOPE-NOPE-NOPE', stationId: 'desk-x', name: 'x' })).status).toBe(401);
    const code2 = (await adminCall('POST', '/central/v1/enrolment-codes', { siteCode: 'S1' })).body.code;
    expect((await call('POST', '/sync/v1/enrol', { code: code2, stationId: 'desk-a', name: 'again' })).body.error.code).toBe('stationEnrolled');
    expect((await call('GET', '/sync/v1/pull', undefined, { authorization: 'Bearer desk-a.wrong' })).status).toBe(401);
  });

  it('pushes in order, refuses a gap with resendFrom, skips a replay, refuses bad batches whole', async () => {
    const { auth } = await enrol('desk-b');
    const e1 = lotRow('desk-b', 1, 'lot-1');
    const e2 = move('desk-b', 2, { lot: 'lot-1', qty: 10, to: 'bin-1' });
    const ok = await call('POST', '/sync/v1/push', { centreId, from: 1, events: [e1, e2] }, auth);
    expect(ok.body).toEqual({ acked: 2, exceptions: 0 });
    const gap = await call('POST', '/sync/v1/push', { centreId, from: 5, events: [move('desk-b', 5, { lot: 'lot-1', qty: 1, to: 'bin-1' })] }, auth);
    expect(gap.status).toBe(409);
    expect(gap.body.error).toMatchObject({ code: 'gap', key: 'errors.sync.gap', params: { resendFrom: 3 } });
    expect((await call('POST', '/sync/v1/push', { centreId, from: 1, events: [e1, e2] }, auth)).body).toEqual({ acked: 2, exceptions: 0 });
    expect(await count("SELECT count(*) FROM events WHERE station_id = 'desk-b'")).toBe(2);
    expect(await count("SELECT sum(quantity) FROM central_stock WHERE lot_id = 'lot-1'")).toBe(10);

    const before = await count('SELECT count(*) FROM events');
    const good = move('desk-b', 3, { lot: 'lot-1', qty: 1, to: 'bin-1' });
    const malformed = await call('POST', '/sync/v1/push', { centreId, from: 3, events: [good, { ...move('desk-b', 4, { lot: 'lot-1', qty: 1 }), op: 'nope' }] }, auth);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'malformed', key: 'errors.sync.malformed', params: { seq: 4 } });
    const unknown = await call('POST', '/sync/v1/push', { centreId, from: 3, events: [good, { ...move('desk-b', 4, { lot: 'lot-1', qty: 1 }), schema: 2 }] }, auth);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknownSchema', params: { seq: 4, schema: '2' } });
    const other = await call('POST', '/sync/v1/push', { centreId, from: 3, events: [move('desk-a', 3, { lot: 'lot-1', qty: 1, to: 'b' })] }, auth);
    expect(other.status).toBe(403);
    const otherCentre = await call('POST', '/sync/v1/push', { centreId: 'another', from: 3, events: [good] }, auth);
    expect(otherCentre.body.error.code).toBe('otherCentre');
    expect(await count('SELECT count(*) FROM events')).toBe(before);
    expect(await count("SELECT seq FROM station_watermarks WHERE station_id = 'desk-b'")).toBe(2);
  });

  it('refuses a revoked station', async () => {
    const { auth } = await enrol('desk-r');
    expect((await adminCall('POST', '/central/v1/stations/desk-r/revoke')).status).toBe(200);
    const r = await call('POST', '/sync/v1/push', { centreId, from: 1, events: [lotRow('desk-r', 1, 'lot-r')] }, auth);
    expect(r.status).toBe(401);
    expect(r.body.error.key).toBe('errors.sync.revoked');
    expect(await count("SELECT count(*) FROM events WHERE station_id = 'desk-r'")).toBe(0);
  });

  it('pulls pages with a monotonic cursor, site-scoped; resync on a cursor of another centre', async () => {
    const { auth } = await enrol('desk-p', 'S2');
    for (let i = 0; i < 5; i++) expect((await adminCall('PUT', `/central/v1/items/item-${i}`, { body: { name: `Item ${i}` } })).status).toBe(200);
    await adminCall('PUT', '/central/v1/sites/S3', { name: 'other' });
    await adminCall('PUT', '/central/v1/locations/bin-s3', { body: { code: 'X' }, siteCode: 'S3' });
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const r = await call('GET', `/sync/v1/pull?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, auth);
      expect(r.status).toBe(200);
      seen.push(...r.body.changes.map((c: { key: string }) => c.key));
      cursor = r.body.cursor;
      pages++;
      if (!r.body.hasMore) break;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4']);
    const again = await call('GET', `/sync/v1/pull?cursor=${cursor}`, undefined, auth);
    expect(again.body.changes).toEqual([]);
    expect(again.body.cursor).toBe(cursor);
    const foreign = await call('GET', `/sync/v1/pull?cursor=${encodeCursor({ c: 'other-centre', x: '1', i: '1' })}`, undefined, auth);
    expect(foreign.status).toBe(410);
    expect(foreign.body.error.key).toBe('errors.sync.resync');
    const snap = await call('GET', '/sync/v1/snapshot', undefined, auth);
    expect(snap.body.items.map((d: { key: string }) => d.key)).toEqual(['item-0', 'item-1', 'item-2', 'item-3', 'item-4']);
    expect(snap.body.locations).toEqual([]);
  });

  it('a central recall writes a change and nudges; a pick of the recalled lot and a draw below zero become exceptions once', async () => {
    const { auth } = await enrol('desk-c', 'S9');
    const { auth: auth2 } = await enrol('desk-d', 'S9');
    await call('POST', '/sync/v1/push', { centreId, from: 1, events: [lotRow('desk-c', 1, 'lot-9'), move('desk-c', 2, { lot: 'lot-9', qty: 5, to: 'bin' })] }, auth);
    const nudged = new Promise<string>((resolve) => {
      const stop = app.central.onNudge((p) => {
        stop();
        resolve(p);
      });
    });
    const recall = await adminCall('POST', '/central/v1/lots/lot-9/status', { status: 'recalled', reason: 'test' });
    expect(recall.body).toEqual({ lotId: 'lot-9', status: 'recalled', reason: 'test' });
    expect(JSON.parse(await nudged).cursor).toBeTruthy();
    const pulled = await call('GET', '/sync/v1/pull?limit=1000', undefined, auth);
    expect(pulled.body.changes.filter((c: { kind: string }) => c.kind === 'lot_status')).toEqual([{ id: expect.any(String), kind: 'lot_status', key: 'lot-9', body: { lotId: 'lot-9', status: 'recalled', reason: 'test' } }]);
    const later = new Date(Date.now() + 1000).toISOString();
    const pick = move('desk-d', 1, { lot: 'lot-9', qty: 7, kind: 'pick', from: 'bin', at: later });
    const r = await call('POST', '/sync/v1/push', { centreId, from: 1, events: [pick] }, auth2);
    expect(r.body).toEqual({ acked: 1, exceptions: 2 });
    expect((await call('POST', '/sync/v1/push', { centreId, from: 1, events: [pick] }, auth2)).body).toEqual({ acked: 1, exceptions: 0 });
    const list = await adminCall('GET', '/central/v1/exceptions?site=S9&open=1');
    expect(list.body.map((x: { kind: string }) => x.kind).sort()).toEqual(['moved_recalled', 'negative_stock']);
    expect((await adminCall('POST', `/central/v1/exceptions/${list.body[0].id}/resolve`, { resolution: 'counted' })).status).toBe(200);
    expect((await adminCall('GET', '/central/v1/exceptions?site=S9&open=1')).body).toHaveLength(1);
    const lots = await adminCall('GET', '/central/v1/sites/S9/lots');
    expect(lots.body[0]).toMatchObject({ lotId: 'lot-9', status: 'recalled', quantity: -2 });
  });

  it('refuses the admin API without sign-in', async () => {
    expect((await call('GET', '/central/v1/stations')).body.error.key).toBe('errors.sync.adminUnauthenticated');
  });
});
