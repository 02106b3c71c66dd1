/**
 * The ERP plugin inside the real central server (buildCentral), on PostgreSQL and PGlite: its
 * migration applied beside the central one, ERP master data and orders written as central
 * changes (and master_docs) the desks pull, the feed reading the centre's own events and
 * lot-status changes, and the admin routes behind the central session cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import { openPg, openPglite, type Db } from '../../src/server/pg';
import { sha256 } from '../../src/server/secrets';
import { CENTRAL_SESSION_COOKIE, centralFeed, centralPublish, erpDb, erpRoutes, requireCentralAdmin } from '../../src/server/erp/central';
import { tick } from '../../src/server/erp/plugin';
import { PG_URL, type Engine } from '../support/erp-central';

describe.each<Engine>(['postgres', 'pglite'])('ERP in the central server on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const cookie = `${CENTRAL_SESSION_COOKIE}=tok-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'lotdesk-erp-central-'));
      db = await openPglite(dir);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `lotdesk_erp_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      db = openPg(url.toString(), { max: 4 });
      cleanup = async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    }
    app = buildCentral({ db, routes: [erpRoutes({ pollMs: 0 })], admin: { username: 'root', password: 'root-pass-1234' } });
    await app.ready();
    await db.query("INSERT INTO central_sessions (token_hash, username, expires_at) VALUES ($1, 'root', now() + interval '1 hour')", [sha256(cookie.split('=')[1])]);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await cleanup?.();
  });

  it('lets a signed-in central admin make a key, writes what the ERP sends as central changes, and reads the centre’s events', async () => {
    expect((await db.query('SELECT version FROM erp_schema_version ORDER BY version')).rows).toEqual([{ version: 20 }, { version: 37 }, { version: 40 }]);
    expect((await app.inject({ method: 'POST', url: '/central/v1/erp/api-keys', payload: { name: 'erp', siteCode: 'WH1' } })).json().error.key).toBe('errors.erp.adminOnly');
    const made = await app.inject({ method: 'POST', url: '/central/v1/erp/api-keys', headers: { cookie }, payload: { name: 'erp', siteCode: 'WH1' } });
    expect(made.statusCode).toBe(201);
    const auth = { authorization: `Bearer ${made.json().key}` };

    const item = await app.inject({ method: 'PUT', url: '/erp/v1/items/M-1', headers: auth, payload: { sku: 'SUGAR', name: 'Sugar', unit: 'kg' } });
    await app.inject({ method: 'PUT', url: '/erp/v1/parties/V-1', headers: auth, payload: { kind: 'supplier', code: 'V1', name: 'Vendor' } });
    const po = await app.inject({ method: 'PUT', url: '/erp/v1/purchase-orders/PO-1', headers: auth, payload: { number: 'PO-9001', partyExternalId: 'V-1', lines: [{ itemExternalId: 'M-1', quantity: 2 }] } });
    expect(po.json().outcome).toBe('created');
    const changes = await db.query<{ kind: string; key: string; site_code: string }>('SELECT kind, key, site_code FROM changes ORDER BY xact, id');
    expect(changes.rows.map((c) => c.kind)).toEqual(['item', 'party', 'purchase_order']);
    expect(changes.rows.every((c) => c.site_code === 'WH1')).toBe(true);
    expect((await db.query<{ body: { sku: string } }>("SELECT body FROM master_docs WHERE kind = 'item' AND key = $1", [item.json().id])).rows[0].body.sku).toBe('SUGAR');

    // A desk of WH1 pushed a receipt (the centre's own events table) and the centre recalled the lot.
    await db.query("INSERT INTO sites (code, name) VALUES ('WH1', 'Warehouse 1')");
    await db.query("INSERT INTO stations (id, site_code, name, credential) VALUES ('desk-1', 'WH1', 'Desk 1', 'x')");
    const poLine = (await db.query<{ body: { lines: { id: string }[] } }>("SELECT body FROM erp_records WHERE external_id = 'PO-1'")).rows[0].body.lines[0].id;
    const rows = [
      { table: 'documents', row: { id: 'r-1', kind: 'receipt', number: 'GR-1', party_id: null, source_id: null } },
      { table: 'lots', row: { id: 'lot-1', item_id: item.json().id, code: 'L1', status: 'released', expiry_date: null, supplier_lot: null } },
      { table: 'document_lines', row: { id: 'rl-1', document_id: 'r-1', line_no: 1, item_id: item.json().id, lot_id: 'lot-1', quantity: 2_000, source_line_id: poLine } },
    ];
    const events = [
      ...rows.map((r, i) => ({ id: randomUUID(), station: 'desk-1', seq: i + 1, schema: 1, at: '2026-12-07T08:00:00.000Z', kind: 'row', table: r.table, key: r.row.id, op: 'put', row: r.row })),
      { id: randomUUID(), station: 'desk-1', seq: 4, schema: 1, at: '2026-12-07T08:00:00.000Z', kind: 'audit', record: {} },
    ];
    for (const e of events) {
      await db.query('INSERT INTO events (id, station_id, seq, kind, tbl, key, at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        e.id,
        'desk-1',
        e.seq,
        e.kind,
        (e as { table?: string }).table ?? null,
        (e as { key?: string }).key ?? null,
        e.at,
        JSON.stringify(e),
      ]);
    }
    await db.query("INSERT INTO changes (kind, key, site_code, body) VALUES ('lot_status', 'lot-1', 'WH1', $1)", [JSON.stringify({ lotId: 'lot-1', status: 'recalled', reason: 'Glass' })]);
    const deps = { db: erpDb(db), publish: centralPublish, feed: centralFeed, requireAdmin: (req: Parameters<typeof requireCentralAdmin>[1]) => requireCentralAdmin(db, req) };
    await tick(deps); // the feed reads events first, the recall after: both in one pass or two
    await tick(deps);
    const receipts = (await app.inject({ method: 'GET', url: '/erp/v1/receipts', headers: auth })).json().items;
    expect(receipts).toEqual([expect.objectContaining({ id: 'r-1', purchaseOrderExternalId: 'PO-1', lines: [expect.objectContaining({ itemExternalId: 'M-1', quantity: 2 })] })]);
    const lot = (await app.inject({ method: 'GET', url: '/erp/v1/lots/lot-1', headers: auth })).json();
    expect(lot).toMatchObject({ code: 'L1', status: 'recalled', itemExternalId: 'M-1' });
    expect((await db.query("SELECT body->>'reason' AS reason FROM erp_events WHERE kind = 'recall'")).rows).toEqual([{ reason: 'Glass' }]);
  }, 60_000);
});
