/**
 * Two central workers on one real PostgreSQL: a recall written through one nudges the other's
 * listeners (LISTEN/NOTIFY), and a transaction that began first but commits last is not skipped
 * by the pull cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import { writeChange } from '../../src/server/changes';
import { CENTRAL_MIGRATIONS } from '../../src/server/migrations';
import type { Db } from '../../src/server/pg';
import { newId } from '../../src/store/ids';
import { createCentralDb, type TestCentralDb } from '../support/central';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

describe('two central workers on one PostgreSQL', () => {
  let tdb: TestCentralDb;
  const dbs: Db[] = [];
  const apps: FastifyInstance[] = [];
  let auth: Record<string, string> = {};
  let cookie = '';

  beforeAll(async () => {
    tdb = await createCentralDb('pg');
    for (let i = 0; i < 2; i++) dbs.push(await tdb.open());
    // Both start together: the migrations run once under the advisory lock.
    apps.push(...dbs.map((db) => buildCentral({ db, admin: ADMIN })));
    await Promise.all(apps.map((a) => a.ready()));
    const signIn = await apps[0].inject({ method: 'POST', url: '/central/v1/sign-in', payload: ADMIN });
    cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const code = (await apps[0].inject({ method: 'POST', url: '/central/v1/enrolment-codes', payload: { siteCode: 'S1' }, headers: { cookie } })).json().code;
    const enrol = (await apps[1].inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code, stationId: 'desk-w', name: 'w' } })).json();
    auth = { authorization: `Bearer desk-w.${enrol.secret}` };
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const d of dbs) await d.close();
    await tdb?.drop();
  });

  it('one centre id, migrations applied once', async () => {
    expect(apps[0].central.centreId).toBe(apps[1].central.centreId);
    expect(Number((await dbs[0].query('SELECT count(*) AS n FROM schema_version')).rows[0].n)).toBe(CENTRAL_MIGRATIONS.length);
  });

  it('a recall through worker 0 nudges worker 1 and its pull sees it', async () => {
    const centreId = apps[0].central.centreId;
    const lot = { id: newId(), station: 'desk-w', seq: 1, schema: 1, at: new Date().toISOString(), kind: 'row', table: 'lots', key: 'lot-w', op: 'put', row: { id: 'lot-w', code: 'LW', status: 'released' } };
    expect((await apps[1].inject({ method: 'POST', url: '/sync/v1/push', payload: { centreId, from: 1, events: [lot] }, headers: auth })).json()).toEqual({ acked: 1, exceptions: 0 });
    const nudged = new Promise<string>((resolve) => {
      const stop = apps[1].central.onNudge((p) => {
        stop();
        resolve(p);
      });
    });
    await apps[0].inject({ method: 'POST', url: '/central/v1/lots/lot-w/status', payload: { status: 'recalled', reason: 'r' }, headers: { cookie } });
    // The other worker's desks are nudged (how fast: the sync bench's recall propagation row).
    await nudged;
    const pull = (await apps[1].inject({ url: '/sync/v1/pull', headers: auth })).json();
    expect(pull.changes.map((c: { key: string }) => c.key)).toContain('lot-w');
  });

  it('does not skip a transaction that began first and commits last', async () => {
    const centreId = apps[0].central.centreId;
    const first = await apps[1].inject({ url: '/sync/v1/pull', headers: auth });
    let cursor = first.json().cursor as string;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let began!: () => void;
    const started = new Promise<void>((r) => (began = r));
    const slow = dbs[0].transaction(async (tx) => {
      await writeChange(tx, centreId, { kind: 'item', key: 'late', siteCode: null, body: { id: 'late' } });
      began();
      await held;
    });
    await started;
    await dbs[1].transaction((tx) => writeChange(tx, centreId, { kind: 'item', key: 'early', siteCode: null, body: { id: 'early' } }));
    const seen: string[] = [];
    const pull = async () => {
      const r = (await apps[1].inject({ url: `/sync/v1/pull?cursor=${cursor}`, headers: auth })).json();
      seen.push(...r.changes.map((c: { key: string }) => c.key));
      cursor = r.cursor;
    };
    await pull();
    expect(seen).toEqual([]);
    release();
    await slow;
    await pull();
    expect(seen).toEqual(['late', 'early']);
  });
});
