/**
 * The ERP loop with a real desk, for the end-to-end ERP tests: a central server on real PostgreSQL
 * (database `<prefix>_…`) with the ERP plugin (no worker loop: tests call `tick`), a central admin
 * signed in, an integration key of site WH1, a webhook receiver recording every delivery, and a
 * demo desk enrolled at the site.
 */
import { expect } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ItemFieldsInput } from '../../src/contract/master-data-schemas';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { centralFeed, centralPublish, erpDb, erpRoutes, requireCentralAdmin } from '../../src/server/erp/central';
import type { ErpDeps } from '../../src/server/erp/plugin';
import { createCentralDb } from './central';
import { openTestDesk, type TestDesk } from './desk';

export const CENTRAL_ADMIN = { username: 'boss', password: 'central-pass-1' };

export interface ErpReply {
  status: number;
  body: Record<string, unknown> & { error?: { key: string; params: Record<string, unknown>; message: string } };
}

export interface ErpDeskLoop {
  db: Db;
  app: FastifyInstance;
  deps: ErpDeps;
  desk: TestDesk;
  key: string;
  /** The central admin's session cookie. */
  cookie: string;
  /** Every webhook delivery received: its type, event id and data. */
  delivered: { type: string; id: string; data: Record<string, unknown> }[];
  erp(method: 'PUT' | 'GET' | 'POST', url: string, payload?: object, headers?: Record<string, string>): Promise<ErpReply>;
  /** A PUT that must succeed. */
  put(url: string, payload: object): Promise<{ id: string; version: number; outcome: string }>;
  /** The desk's `sync.now` (push, then pull), which must reach the centre. */
  syncDesk(): Promise<void>;
  close(): Promise<void>;
}

export async function openErpDeskLoop(prefix: string): Promise<ErpDeskLoop> {
  const tdb = await createCentralDb('pg', prefix);
  const db = await tdb.open();
  const app = buildCentral({ db, admin: CENTRAL_ADMIN, routes: [erpRoutes({ pollMs: 0 })] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signIn = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: CENTRAL_ADMIN });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const made = await app.inject({ method: 'POST', url: '/central/v1/erp/api-keys', headers: { cookie }, payload: { name: 'erp', siteCode: 'WH1' } });
  const key = made.json().key as string;
  const deps: ErpDeps = { db: erpDb(db), publish: centralPublish, feed: centralFeed, requireAdmin: (req) => requireCentralAdmin(db, req) };

  const delivered: ErpDeskLoop['delivered'] = [];
  const hooks: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text) as { id: string; type: string; data: Record<string, unknown> };
      delivered.push({ type: body.type, id: body.id, data: body.data });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  const erp: ErpDeskLoop['erp'] = async (method, path, payload, headers = {}) => {
    const res = await app.inject({ method, url: path, payload, headers: { authorization: `Bearer ${key}`, ...headers } });
    return { status: res.statusCode, body: res.json() };
  };
  const hookPort = (hooks.address() as { port: number }).port;
  // The default events: every type, order.refused among them.
  expect((await erp('POST', '/erp/v1/webhooks', { url: `http://127.0.0.1:${hookPort}/hook`, secret: 'a-secret-of-16-chars' })).body.events).toContain('order.refused');

  const desk = await openTestDesk();
  const admin = await desk.signedIn('admin', 'admin1234');
  const code = await app.inject({ method: 'POST', url: '/central/v1/enrolment-codes', payload: { siteCode: 'WH1' }, headers: { cookie } });
  expect((await admin.call('sync.connect', { centreUrl: url, code: code.json().code })).mode).toBe('connected');

  return {
    db,
    app,
    deps,
    desk,
    key,
    cookie,
    delivered,
    erp,
    async put(path, payload) {
      const res = await erp('PUT', path, payload);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body as { id: string; version: number; outcome: string };
    },
    async syncDesk() {
      expect(await (await desk.signedIn('admin', 'admin1234')).call('sync.now')).toMatchObject({ online: true, lastError: null });
    },
    async close() {
      desk.close();
      await app.close();
      await db.close();
      await tdb.drop();
      await new Promise((r) => hooks.close(r));
    },
  };
}

/**
 * A manager's items.update of a desk item that keeps every field `change` does not name as the desk
 * has it (its default zone too), and checks the item reads back so.
 */
export async function updateDeskItem(desk: TestDesk, itemId: string, change: Partial<ItemFieldsInput>): Promise<void> {
  const manager = await desk.signedIn('manager', '4444');
  const { id, unitDecimals, active, ...fields } = await manager.call('items.get', { itemId });
  // The unit is kept as it is (the item may have stock); unitDecimals and active are not fields of an update.
  const kept = { ...fields, unit: fields.unit as ItemFieldsInput['unit'] };
  await manager.call('items.update', { ...kept, ...change, itemId });
  expect(await manager.call('items.get', { itemId })).toEqual({ id, unitDecimals, active, ...kept, ...change });
}

/**
 * A manager renames the desk's own item of `sku` (the demo's, not the ERP's `erpItemId`), keeping
 * every other field: what frees a SKU the desk refused the ERP's item for. Returns the renamed item's id.
 */
export async function renameDeskItem(desk: TestDesk, sku: string, newSku: string, erpItemId: string): Promise<string> {
  const manager = await desk.signedIn('manager', '4444');
  const own = (await manager.call('items.search', { search: sku })).items.find((i) => i.sku === sku && i.id !== erpItemId)!;
  await updateDeskItem(desk, own.id, { sku: newSku });
  return own.id;
}
