/**
 * Webhooks on receipt, shipment and recall, delivered to a real local HTTP listener: signed with
 * HMAC-SHA256, retried with backoff after a failure (same event id every time), every try on
 * record; a recall decided at the centre or at a desk announced once. PostgreSQL and PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { tick, type ErpDeps } from '../../src/server/erp/plugin';
import { backoffMs, DEFAULT_RETRY, SIGNATURE_HEADER } from '../../src/server/erp/webhooks';
import { erpApp, newKey, openTestCentre, TestDesk, type Engine, type TestCentre } from '../support/erp-central';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A listener answering each request with the next status of `script` (then 200). */
function listener(script: number[]) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  return {
    got,
    server,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const RETRY = { baseMs: 150, maxMs: 1_000, maxAttempts: 3, leaseMs: 5_000, timeoutMs: 2_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ticks until `done` holds (deliveries wait out their backoff), at most ~10 s. */
async function until(deps: ErpDeps, done: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 100 && !(await done()); i++) {
    await tick(deps);
    await sleep(100);
  }
  expect(await done()).toBe(true);
}

describe('backoff', () => {
  it('doubles from the base to the cap, with ±20 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(DEFAULT_RETRY, n, () => 0.5))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(DEFAULT_RETRY, 30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(DEFAULT_RETRY, 1, () => 0)).toBe(8_000);
    expect(backoffMs(DEFAULT_RETRY, 1, () => 1)).toBe(12_000);
  });
});

describe.each<Engine>(['postgres', 'pglite'])('webhooks on %s', (engine) => {
  let centre: TestCentre;
  let app: FastifyInstance;
  let deps: ErpDeps;
  let key: string;
  const hook = listener([500, 503]);
  const secret = 'whsec-0123456789abcdef';
  const as = () => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    centre = await openTestCentre(engine);
    ({ app, deps } = await erpApp(centre, { retry: RETRY }));
    key = await newKey(app, 'erp', 'WH1');
    await centre.db.query("INSERT INTO t_stations VALUES ('desk-1', 'WH1')");
  }, 60_000);
  afterAll(async () => {
    await hook.stop().catch(() => undefined);
    await app?.close();
    await centre?.close();
  });

  it('delivers a receipt signed, retries after 5xx with the same event id, and shows every try', async () => {
    const url = await hook.start();
    const made = await app.inject({ method: 'POST', url: '/erp/v1/webhooks', headers: as(), payload: { url, secret, events: ['receipt.created', 'lot.recalled'] } });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ url, events: ['receipt.created', 'lot.recalled'] });
    expect((await app.inject({ method: 'POST', url: '/erp/v1/webhooks', headers: as(), payload: { url: 'ftp://x', secret } })).json().error.key).toBe('errors.erp.badUrl');
    expect((await app.inject({ method: 'POST', url: '/erp/v1/webhooks', headers: as(), payload: { url, secret: 'short' } })).json().error.key).toBe('errors.erp.badSecret');

    const desk = new TestDesk('desk-1', centre.db);
    await desk.transaction('2026-12-07T08:00:00.000Z', [
      { table: 'documents', row: { id: 'r-1', kind: 'receipt', number: 'GR-1', party_id: null, source_id: null } },
      { table: 'lots', row: { id: 'lot-1', item_id: 'i-1', code: 'L1', status: 'quarantine', expiry_date: null, supplier_lot: null } },
      { table: 'document_lines', row: { id: 'rl-1', document_id: 'r-1', line_no: 1, item_id: 'i-1', lot_id: 'lot-1', quantity: 4_000 } },
    ]);
    // A shipment: the webhook did not ask for it, so nothing is queued for it.
    await desk.transaction('2026-12-07T08:05:00.000Z', [
      { table: 'documents', row: { id: 's-1', kind: 'shipment', number: 'SH-1', party_id: null, source_id: null } },
      { table: 'document_lines', row: { id: 'sl-1', document_id: 's-1', line_no: 1, item_id: 'i-1', lot_id: 'lot-1', quantity: 1_000 } },
    ]);
    await until(deps, () => hook.got.length >= 3);
    expect(hook.got).toHaveLength(3);
    const ids = hook.got.map((g) => g.headers['x-lotdesk-event-id']);
    expect(new Set(ids).size).toBe(1);
    expect(hook.got.map((g) => g.headers['x-lotdesk-attempt'])).toEqual(['1', '2', '3']);
    for (const g of hook.got) {
      const [t, v1] = String(g.headers[SIGNATURE_HEADER]).split(',');
      const ts = t.replace('t=', '');
      expect(v1).toBe(`v1=${createHmac('sha256', secret).update(`${ts}.${g.body}`).digest('hex')}`);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    }
    const payload = JSON.parse(hook.got[2].body);
    expect(payload).toMatchObject({ id: ids[0], type: 'receipt.created', data: { id: 'r-1', number: 'GR-1', lines: [expect.objectContaining({ lotCode: 'L1', quantity: 4 })] } });

    const list = (await app.inject({ method: 'GET', url: '/erp/v1/webhooks/deliveries', headers: as() })).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ eventId: ids[0], type: 'receipt.created', status: 'delivered', attempts: 3, lastError: null });
    expect(list[0].tries.map((t: { httpStatus: number }) => t.httpStatus)).toEqual([500, 503, 200]);
    // The waits between tries grew (150 ms then 300 ms, ±20 %).
    const at = list[0].tries.map((t: { at: string }) => Date.parse(t.at));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(110);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(230);
  }, 30_000);

  it('announces a recall once, from the centre or from a desk, and gives up after the last try', async () => {
    hook.got.length = 0;
    await centre.db.query("INSERT INTO t_lot_status (id, lot_id, status, reason, at) VALUES ('chg-1', 'lot-1', 'recalled', 'Salmonella', '2026-12-07T09:00:00.000Z')");
    // The desk's copy of the lot turns recalled when it pulls: that is no second recall.
    const desk = new TestDesk('desk-1', centre.db);
    await desk.transaction('2026-12-07T09:00:01.000Z', [{ table: 'lots', row: { id: 'lot-1', item_id: 'i-1', code: 'L1', status: 'recalled', expiry_date: null, supplier_lot: null } }]);
    await until(deps, () => hook.got.length >= 1);
    await tick(deps);
    expect(hook.got).toHaveLength(1);
    expect(JSON.parse(hook.got[0].body)).toMatchObject({ type: 'lot.recalled', data: { lotId: 'lot-1', lotCode: 'L1', reason: 'Salmonella', source: 'centre' } });

    // A recall at a desk of another lot, to a listener that is gone: three tries, then failed.
    await hook.stop();
    await desk.transaction('2026-12-07T09:10:00.000Z', [{ table: 'lots', row: { id: 'lot-2', item_id: 'i-1', code: 'L2', status: 'recalled', expiry_date: null, supplier_lot: null } }]);
    const failed = async () => (await app.inject({ method: 'GET', url: '/central/v1/erp/deliveries?status=failed', headers: { 'x-test-admin': 'yes' } })).json().items;
    await until(deps, async () => (await failed()).length === 1);
    const [gone] = await failed();
    expect(gone).toMatchObject({ type: 'lot.recalled', attempts: 3, nextAttemptAt: null });
    expect(gone.tries.map((t: { httpStatus: number | null }) => t.httpStatus)).toEqual([null, null, null]);
    expect(gone.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect((await centre.db.query("SELECT count(*)::int AS n FROM erp_events WHERE kind = 'recall'")).rows[0]).toEqual({ n: 2 });
  }, 30_000);
});
