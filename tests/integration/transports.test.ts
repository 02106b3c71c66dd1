/**
 * One contract, two transports: the same calls through the HTTP transport and through the IPC
 * adapter (wired to a fake ipcMain) give the same envelopes, errors included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { createHttpServer } from '../../src/api/http';
import { HTTP_GUARD_HEADER, IPC_CHANNEL, type Envelope } from '../../src/contract/envelope';
import { registerIpc, type IpcMainLike, type InvokeEvent } from '../../main/ipc';
import { makeTrustedUrlCheck } from '../../main/security';

type Call = (name: string, input: unknown) => Promise<Envelope>;
const desks: TestDesk[] = [];
const servers: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of desks.splice(0)) d.close();
});

async function httpCall(): Promise<{ call: Call; desk: TestDesk; raw: (path: string, init: RequestInit) => Promise<Response> }> {
  const desk = await openTestDesk();
  desks.push(desk);
  const app = await createHttpServer(desk.dispatch);
  servers.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  let cookie = '';
  const raw = (path: string, init: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
  const call: Call = async (name, input) => {
    const res = await raw(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1', cookie },
      body: JSON.stringify(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return (await res.json()) as Envelope;
  };
  return { call, desk, raw };
}

const APP_URL = 'file:///opt/lotdesk/out/renderer/index.html';

function fakeIpcMain() {
  let listener: ((event: InvokeEvent, ...args: unknown[]) => Promise<Envelope>) | undefined;
  const ipcMain: IpcMainLike = {
    handle: (channel, l) => {
      expect(channel).toBe(IPC_CHANNEL);
      listener = l;
    },
    removeHandler: () => (listener = undefined),
  };
  const invoke = (event: InvokeEvent, name: unknown, input: unknown) => listener!(event, name, input);
  return { ipcMain, invoke };
}

async function ipcCall(): Promise<{ call: Call; desk: TestDesk; invoke: (event: InvokeEvent, name: unknown, input: unknown) => Promise<Envelope> }> {
  const desk = await openTestDesk();
  desks.push(desk);
  const { ipcMain, invoke } = fakeIpcMain();
  registerIpc(ipcMain, desk.dispatch, makeTrustedUrlCheck(undefined, '/opt/lotdesk/out/renderer/index.html'));
  const event: InvokeEvent = { sender: { id: 7 }, senderFrame: { url: APP_URL } };
  return { call: (name, input) => invoke(event, name, input), desk, invoke };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function scenario(call: Call): Promise<unknown[]> {
  const out: unknown[] = [];
  const record = async (name: string, input: unknown) => {
    const env = await call(name, input);
    out.push([name, JSON.parse(JSON.stringify(env).replace(UUID, '<id>'))]);
    return env;
  };
  await record('receiving.receive', {});
  await record('session.signIn', { username: 'clerk', secret: '0000' });
  await record('session.signIn', { username: 'clerk', secret: '1111' });
  const items = (await record('catalog.items', {})) as Envelope<{ id: string; sku: string }[]>;
  const suppliers = (await record('catalog.parties', { kind: 'supplier' })) as Envelope<{ id: string; code: string }[]>;
  if (!items.ok || !suppliers.ok) throw new Error('catalog failed');
  const itemId = items.result.find((i) => i.sku === 'TEA-250')!.id;
  const supplierId = suppliers.result.find((s) => s.code === 'SUP-HZT')!.id;
  await record('receiving.receive', { itemId, supplierId, quantity: 0, unit: 'pcs', expiryDate: '2027-01-01' });
  await record('receiving.receive', { itemId, supplierId, quantity: 'five', unit: 'pcs' });
  await record('receiving.receive', { itemId, supplierId, quantity: 5, unit: 'pcs', expiryDate: '2027-01-01', supplierLot: 'X1' });
  await record('stock.list', {});
  await record('no.such.call', {});
  await record('session.signOut', {});
  await record('stock.list', {});
  return out;
}

describe('one contract, two transports', () => {
  it('gives the same envelopes over HTTP and over IPC', async () => {
    const http = await scenario((await httpCall()).call);
    const ipc = await scenario((await ipcCall()).call);
    expect(http).toEqual(ipc);
    const byName = Object.fromEntries(http.map((e) => [(e as [string])[0], (e as [string, Envelope])[1]]));
    expect(byName['no.such.call']).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.api.unknownCall' } });
    expect(http[0]).toEqual(['receiving.receive', { ok: false, error: { code: 'unauthenticated', key: 'errors.session.required', params: {} } }]);
    expect(http.filter((e) => (e as [string, Envelope])[1].ok).length).toBeGreaterThan(4);
  });

  it('HTTP: refuses a call without the guard header, a malformed body, and answers in the contract shape', async () => {
    const { raw, desk } = await httpCall();
    const before = snapshot(desk.db);
    const noGuard = await raw('/api/session.signIn', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"clerk","secret":"1111"}' });
    expect(noGuard.status).toBe(403);
    expect(await noGuard.json()).toMatchObject({ ok: false, error: { key: 'errors.api.missingGuard' } });
    const bad = await raw('/api/session.signIn', { method: 'POST', headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1' }, body: '{"username":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.api.badRequest' } });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('HTTP: keeps the session in an HttpOnly SameSite=Strict cookie', async () => {
    const { raw } = await httpCall();
    const res = await raw('/api/session.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1' },
      body: JSON.stringify({ username: 'clerk', secret: '1111' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lotdesk_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('HTTP: says in Server-Timing what a call took on the desk and since the request arrived, never for a session call', async () => {
    const { raw } = await httpCall();
    const signIn = await raw('/api/session.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1' },
      body: JSON.stringify({ username: 'clerk', secret: '1111' }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('server-timing')).toBeNull();
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const res = await raw('/api/catalog.items', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1', cookie },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(200);
    const timing = /^call;dur=(\d+\.\d\d), edge;dur=(\d+\.\d\d)$/.exec(res.headers.get('server-timing') ?? '');
    expect(timing).not.toBeNull();
    const [call, edge] = [Number(timing![1]), Number(timing![2])];
    // Reading the items is never free, and it happens inside the request's own time.
    expect(call).toBeGreaterThan(0);
    expect(call).toBeLessThanOrEqual(edge);
  });

  it('HTTP: a wrong PIN answers 401, a locked one 429 with Retry-After (the end of the lock), whatever is typed, and an unlock 200', async () => {
    const { raw } = await httpCall();
    const post = (name: string, body: unknown, cookie = '') =>
      raw(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1', cookie }, body: JSON.stringify(body) });
    const signIn = (secret: string) => post('session.signIn', { username: 'lead', secret });
    for (let i = 1; i < 5; i++) {
      const wrong = await signIn('0000');
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('retry-after')).toBeNull();
    }
    for (const secret of ['0000', '3333']) {
      const locked = await signIn(secret);
      expect(locked.status).toBe(429);
      // The desk's clock (DEMO_NOW 09:30) plus the 15 minutes of the lock.
      expect(locked.headers.get('retry-after')).toBe('Wed, 25 Nov 2026 09:45:00 GMT');
      expect(await locked.json()).toMatchObject({ ok: false, error: { code: 'locked', key: 'errors.auth.locked', field: 'secret', params: { until: '2026-11-25T09:45:00.000Z' } } });
    }
    const manager = await post('session.signIn', { username: 'manager', secret: '4444' });
    const cookie = (manager.headers.get('set-cookie') ?? '').split(';')[0];
    const [lead] = (await (await post('secrets.locked', {}, cookie)).json()).result as { userId: string }[];
    expect((await post('secrets.unlock', { userId: lead.userId }, cookie)).status).toBe(200);
    expect((await post('secrets.unlock', { userId: lead.userId }, cookie)).status).toBe(409);
    expect((await signIn('3333')).status).toBe(200);
  });

  it('IPC: refuses a sender frame that is not the app, and keeps one session per window', async () => {
    const { invoke, desk } = await ipcCall();
    const foreign = await invoke({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, 'session.signIn', { username: 'clerk', secret: '1111' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.api.untrustedSender' } });
    const noFrame = await invoke({ sender: { id: 1 }, senderFrame: null }, 'station.status', {});
    expect(noFrame.ok).toBe(false);
    const badName = await invoke({ sender: { id: 1 }, senderFrame: { url: APP_URL } }, { evil: true }, {});
    expect(badName).toMatchObject({ ok: false, error: { code: 'validation' } });
    const win1 = { sender: { id: 1 }, senderFrame: { url: APP_URL } };
    const win2 = { sender: { id: 2 }, senderFrame: { url: APP_URL } };
    expect((await invoke(win1, 'session.signIn', { username: 'clerk', secret: '1111' })).ok).toBe(true);
    expect(await invoke(win1, 'session.current', {})).toMatchObject({ ok: true, result: { user: { username: 'clerk' } } });
    expect(await invoke(win2, 'session.current', {})).toEqual({ ok: true, result: null });
    expect(desk.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE command = 'session.signIn'").get()).toEqual({ n: 1 });
  });
});
