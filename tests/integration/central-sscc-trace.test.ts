/**
 * The cross-site trace by SSCC (issue 20) on real PostgreSQL (own database `wt_sscc_*`, dropped after):
 * - two desks at two sites push through the real sync: site A packs and ships lots under SSCCs,
 *   site B receives lots under those SSCCs; the central trace from A's lot reaches B's lot by SSCC
 *   (`match: 'sscc'`, the SSCC named) even where B's batch text names no lot of A, and the SSCC wins
 *   over a batch text that names another of A's lots; a lot received without an SSCC is still
 *   matched by batch (`match: 'batch'`);
 * - the package, package line and received-unit rows are pushed as row events that the protocol
 *   reads (schema 1), projected at the centre, and a desk's delete of a package line removes it;
 * - a malformed event of those tables is refused whole with `sync.malformed` naming the field, and
 *   nothing of the batch is written;
 * - a mixed pallet: the received lot's batch picks the lot of the pallet it names, a lot with no batch
 *   is linked to each lot of its product on the pallet, another product's lot only to its own, and a
 *   package not shipped links nothing;
 * - an older centre (packages pushed before migration 039, kept in `desk_rows`) projects them when upgraded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildCentral } from '../../src/server/app';
import type { Db } from '../../src/server/pg';
import { newId } from '../../src/store/ids';
import { parseEvent } from '../../src/sync-protocol/events';
import m001 from '../../src/server/migrations/001-central';
import { migrateCentral } from '../../src/server/migrations';
import { createCentralDb, type TestCentralDb } from '../support/central';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';

const ADMIN = { username: 'boss', password: 'central-pass-1' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read by shape in the assertions
type Json = any;

let tdb: TestCentralDb;
let db: Db;
let app: FastifyInstance;
let url: string;
let cookie: string;

const call = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown, headers: Record<string, string> = { cookie }) => {
  const r = await app.inject({ method, url: path, payload: payload as object, headers });
  return { status: r.statusCode, body: r.json() as Json };
};
const count = async (sql: string, params: unknown[] = []) => Number(Object.values((await db.query(sql, params)).rows[0])[0]);

beforeAll(async () => {
  tdb = await createCentralDb('pg', 'wt_sscc');
  db = await tdb.open();
  app = buildCentral({ db, admin: ADMIN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const r = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: ADMIN });
  cookie = String(r.headers['set-cookie']).split(';')[0];
  await call('PUT', '/central/v1/sites/WH-A', { name: 'East' });
  await call('PUT', '/central/v1/sites/WH-B', { name: 'West' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await tdb?.drop();
});

describe('central trace by SSCC', () => {
  let deskA: TestDesk;
  let deskB: TestDesk;
  afterAll(() => {
    deskA?.close();
    deskB?.close();
  });

  it('follows a shipped package to the lot another site received under its SSCC, preferring it over the batch text', { timeout: 120_000 }, async () => {
    [deskA, deskB] = await Promise.all([openTestDesk(), openTestDesk()]);
    const connect = async (desk: TestDesk, site: string) => {
      const admin = await desk.signedIn('admin', 'admin1234');
      await admin.call('sync.connect', { centreUrl: url, code: (await call('POST', '/central/v1/enrolment-codes', { siteCode: site })).body.code });
      return admin;
    };
    const [adminA, adminB] = [await connect(deskA, 'WH-A'), await connect(deskB, 'WH-B')];

    // Site A ships two tea lots, each in its own package (SSCC).
    const [x1, x2] = await stockUp(deskA, [
      { sku: 'TEA-250', expiry: '2028-05-01', quantity: 10, bin: 'A-01' },
      { sku: 'TEA-250', expiry: '2028-06-01', quantity: 10, bin: 'A-01' },
    ]);
    const leadA = await deskA.signedIn('lead', '3333');
    const clerkA = await deskA.signedIn('clerk', '1111');
    const catA = await catalog(leadA);
    const ship = async (lot: { id: string; code: string }) => {
      const order = await leadA.call('orders.create', { customerId: catA.customer('CUS-SHM').id, lines: [{ itemId: catA.item('TEA-250').id, quantity: 4, lotId: lot.id }] });
      await leadA.call('allocation.allocate', { orderId: order.id });
      await clerkA.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: lot.code, quantity: 4 });
      const packed = await clerkA.call('packing.scan', { orderId: order.id, scan: lot.code });
      await clerkA.call('shipping.ship', { orderId: order.id });
      return packed.sscc;
    };
    const sscc1 = await ship(x1);
    const sscc2 = await ship(x2);
    expect(sscc1).not.toBe(sscc2);

    // Site B: y1 under A's first SSCC with the supplier's own batch text (names no lot of A);
    // y2 under the second SSCC though its batch text is x1's code; y3 with no SSCC, batch x1's code.
    const clerkB = await deskB.signedIn('clerk', '1111');
    const catB = await catalog(clerkB);
    const tea = catB.item('TEA-250');
    const receive = async (supplier: string, supplierLot: string, scan?: string) =>
      (await clerkB.call('receiving.receive', { itemId: tea.id, supplierId: catB.supplier(supplier).id, quantity: 4, unit: tea.unit, expiryDate: '2028-05-01', supplierLot, ...(scan ? { scan } : {}) })).lot;
    const y1 = await receive('SUP-HZT', 'HZ-OWN-1', `(00)${sscc1}`);
    const y2 = await receive('SUP-HZT', x1.code, `(00)${sscc2}`);
    const y3 = await receive('SUP-GRN', x1.code);
    for (const admin of [adminA, adminB]) expect(await admin.call('sync.now')).toMatchObject({ eventsWaiting: 0, lastError: null });

    // The rows went out as protocol events the centre reads, and were projected.
    const tables = (desk: TestDesk) => (desk.db.prepare('SELECT body FROM sync_outbox').pluck().all() as string[]).map((b) => JSON.parse(b) as Json).filter((e) => e.kind === 'row');
    for (const e of [...tables(deskA), ...tables(deskB)].filter((r) => ['packages', 'package_lines', 'received_units'].includes(r.table))) expect(parseEvent(e)).toMatchObject({ ok: true });
    expect(tables(deskA).filter((e) => e.table === 'package_lines').map((e) => e.row.lot_id)).toEqual(expect.arrayContaining([x1.id, x2.id]));
    expect(tables(deskB).filter((e) => e.table === 'received_units').map((e) => e.key)).toEqual([`${sscc1}/${y1.id}`, `${sscc2}/${y2.id}`]);
    expect((await db.query("SELECT sscc, site_code, shipment_id IS NOT NULL AS shipped FROM central_packages ORDER BY sscc")).rows).toEqual([
      { sscc: sscc1, site_code: 'WH-A', shipped: true },
      { sscc: sscc2, site_code: 'WH-A', shipped: true },
    ]);
    expect((await db.query('SELECT sscc, lot_id, site_code FROM central_received_units ORDER BY sscc')).rows).toEqual([
      { sscc: sscc1, lot_id: y1.id, site_code: 'WH-B' },
      { sscc: sscc2, lot_id: y2.id, site_code: 'WH-B' },
    ]);

    const trace = async (lotId: string) => (await call('GET', `/central/v1/trace/${encodeURIComponent(lotId)}`)).body;
    const crossing = (x: { id: string; code: string }, y: { id: string; code: string }, match: 'sscc' | 'batch', sscc: string | null) => ({
      fromLotId: x.id, fromCode: x.code, fromSite: 'WH-A', toLotId: y.id, toCode: y.code, toSite: 'WH-B', match, sscc,
    });
    const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

    // Forward from x1: y1 by SSCC, y3 by batch; not y2, whose SSCC says it came from x2.
    const fromX1 = await trace(x1.id);
    expect(fromX1.descendants.map((l: Json) => l.lotId).sort()).toEqual([y1.id, y3.id].sort());
    expect(fromX1.crossings).toEqual([crossing(x1, y1, 'sscc', sscc1), crossing(x1, y3, 'batch', null)].sort((a, b) => byCode({ code: a.toCode }, { code: b.toCode })));
    const fromX2 = await trace(x2.id);
    expect(fromX2.descendants.map((l: Json) => [l.lotId, l.siteCode])).toEqual([[y2.id, 'WH-B']]);
    expect(fromX2.crossings).toEqual([crossing(x2, y2, 'sscc', sscc2)]);

    // Backward: each received lot to its one origin.
    expect((await trace(y1.id)).ancestors.map((l: Json) => l.lotId)).toEqual([x1.id]);
    const toY2 = await trace(y2.id);
    expect(toY2.ancestors.map((l: Json) => l.lotId)).toEqual([x2.id]);
    expect(toY2.crossings).toEqual([crossing(x2, y2, 'sscc', sscc2)]);
    expect((await trace(y3.id)).crossings).toEqual([crossing(x1, y3, 'batch', null)]);
  });
});

describe('SSCC rows pushed by a station', () => {
  it('are projected, a delete removes them, and a malformed one is refused whole', async () => {
    const code = (await call('POST', '/central/v1/enrolment-codes', { siteCode: 'WH-A' })).body.code as string;
    const enrolled = await call('POST', '/sync/v1/enrol', { code, stationId: 'raw-a', name: 'raw-a' }, {});
    const auth = { authorization: `Bearer raw-a.${enrolled.body.secret as string}` };
    const centreId = app.central.centreId;
    const at = new Date().toISOString();
    const row = (seq: number, table: string, key: string, r: Record<string, unknown> | null) => ({ id: newId(), station: 'raw-a', seq, schema: 1, at, kind: 'row', table, key, op: r ? 'put' : 'delete', row: r });
    const sscc = '003012345000000109';
    const pkg = { id: 'pk-raw', document_id: 'so-raw', sscc, shipment_id: 'sh-raw', created_at: at };
    const line = { package_id: 'pk-raw', lot_id: 'lot-raw', quantity: 3 };
    const unit = { sscc, lot_id: 'lot-raw-in' };
    const push = (from: number, events: unknown[]) => call('POST', '/sync/v1/push', { centreId, from, events }, auth);

    const ok = await push(1, [row(1, 'packages', 'pk-raw', pkg), row(2, 'package_lines', 'pk-raw/lot-raw', line), row(3, 'received_units', `${sscc}/lot-raw-in`, unit)]);
    expect(ok.body).toEqual({ acked: 3, exceptions: 0 });
    expect((await db.query("SELECT package_id, sscc, shipment_id FROM central_packages WHERE station_id = 'raw-a'")).rows).toEqual([{ package_id: 'pk-raw', sscc, shipment_id: 'sh-raw' }]);
    expect((await db.query("SELECT package_id, lot_id, quantity::int AS quantity FROM central_package_lines WHERE station_id = 'raw-a'")).rows).toEqual([line]);
    expect((await db.query("SELECT sscc, lot_id FROM central_received_units WHERE station_id = 'raw-a'")).rows).toEqual([unit]);

    const before = await count('SELECT count(*) FROM events');
    const refusals: [unknown, RegExp][] = [
      [row(4, 'packages', 'pk-raw', { ...pkg, sscc: '12345' }), /row\.sscc: an SSCC is 18 digits/],
      [row(4, 'packages', 'pk-other', pkg), /key: packages row names pk-raw/],
      [row(4, 'package_lines', 'pk-raw/lot-raw', { ...line, quantity: 0 }), /row\.quantity/],
      [row(4, 'package_lines', 'pk-raw/lot-raw', { package_id: 'pk-raw', quantity: 3 }), /row\.lot_id/],
      [row(4, 'package_lines', 'pk-raw/lot-x', line), /key: package_lines row names pk-raw\/lot-raw/],
      [row(4, 'package_lines', 'no-slash', null), /key: not a package_lines key/],
      [row(4, 'received_units', `${sscc}/lot-raw-in`, { ...unit, sscc: 'ABC' }), /row\.sscc/],
      [row(4, 'received_units', 'short/lot-raw-in', null), /key: not a received_units key/],
    ];
    for (const [bad, detail] of refusals) {
      const r = await push(4, [row(4, 'lots', 'lot-raw', { id: 'lot-raw', item_id: 'I1', code: 'L-raw', status: 'released' }), { ...(bad as object), seq: 5 }]);
      expect(r.status, String(detail)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'malformed', key: 'errors.sync.malformed', params: { seq: 5 } });
      expect(r.body.error.params.detail).toMatch(detail);
    }
    expect(await count('SELECT count(*) FROM events')).toBe(before);
    expect(await count("SELECT count(*) FROM central_lots WHERE lot_id = 'lot-raw'")).toBe(0);
    expect(await count("SELECT seq FROM station_watermarks WHERE station_id = 'raw-a'")).toBe(3);

    // A desk's deletes (a package repacked before shipping) remove the projected rows.
    const gone = await push(4, [row(4, 'package_lines', 'pk-raw/lot-raw', null), row(5, 'received_units', `${sscc}/lot-raw-in`, null), row(6, 'packages', 'pk-raw', null)]);
    expect(gone.body).toEqual({ acked: 6, exceptions: 0 });
    for (const t of ['central_packages', 'central_package_lines', 'central_received_units']) expect(await count(`SELECT count(*) FROM ${t} WHERE station_id = 'raw-a'`), t).toBe(0);
  });
});

describe('a mixed pallet', () => {
  it('links each received lot to the pallet lots of its product, the one its batch names when it names one', async () => {
    const centreId = app.central.centreId;
    const station = async (id: string, site: string) => {
      const code = (await call('POST', '/central/v1/enrolment-codes', { siteCode: site })).body.code as string;
      const secret = (await call('POST', '/sync/v1/enrol', { code, stationId: id, name: id }, {})).body.secret as string;
      let seq = 0;
      return async (rows: [table: string, key: string, row: Record<string, unknown>][]) => {
        const from = seq + 1;
        const events = rows.map(([table, key, row]) => ({ id: newId(), station: id, seq: ++seq, schema: 1, at: new Date().toISOString(), kind: 'row', table, key, op: 'put', row }));
        const r = await call('POST', '/sync/v1/push', { centreId, from, events }, { authorization: `Bearer ${id}.${secret}` });
        expect(r.body).toEqual({ acked: seq, exceptions: 0 });
      };
    };
    const lot = (id: string, item: string, supplierLot: string | null = null): [string, string, Record<string, unknown>] => [
      'lots', id, { id, item_id: item, code: `C-${id}`, supplier_lot: supplierLot, status: 'released', created_at: '2026-11-25T10:00:00.000Z' },
    ];
    const sscc = '003012345000000208';
    const unshipped = '003012345000000215';
    const pushA = await station('mix-a', 'WH-A');
    const pushB = await station('mix-b', 'WH-B');
    await pushA([
      lot('mx1', 'tea'), lot('mx2', 'tea'), lot('mx3', 'soy'), lot('mx4', 'tea'),
      ['packages', 'mp1', { id: 'mp1', document_id: 'mso1', sscc, shipment_id: 'msh1', created_at: '2026-11-25T09:00:00.000Z' }],
      ['package_lines', 'mp1/mx1', { package_id: 'mp1', lot_id: 'mx1', quantity: 2 }],
      ['package_lines', 'mp1/mx2', { package_id: 'mp1', lot_id: 'mx2', quantity: 2 }],
      ['package_lines', 'mp1/mx3', { package_id: 'mp1', lot_id: 'mx3', quantity: 2 }],
      ['packages', 'mp2', { id: 'mp2', document_id: 'mso2', sscc: unshipped, shipment_id: null, created_at: '2026-11-25T09:00:00.000Z' }],
      ['package_lines', 'mp2/mx4', { package_id: 'mp2', lot_id: 'mx4', quantity: 2 }],
    ]);
    await pushB([
      lot('my1', 'tea', 'C-mx2'), lot('my2', 'tea'), lot('my3', 'soy'), lot('my4', 'tea'),
      ['received_units', `${sscc}/my1`, { sscc, lot_id: 'my1' }],
      ['received_units', `${sscc}/my2`, { sscc, lot_id: 'my2' }],
      ['received_units', `${sscc}/my3`, { sscc, lot_id: 'my3' }],
      ['received_units', `${unshipped}/my4`, { sscc: unshipped, lot_id: 'my4' }],
    ]);
    const ancestors = async (lotId: string) => {
      const t = (await call('GET', `/central/v1/trace/${lotId}`)).body;
      expect(t.crossings.every((c: Json) => c.match === 'sscc' && c.sscc === sscc)).toBe(true);
      return t.ancestors.map((l: Json) => l.lotId).sort();
    };
    expect(await ancestors('my1')).toEqual(['mx2']);
    expect(await ancestors('my2')).toEqual(['mx1', 'mx2']);
    expect(await ancestors('my3')).toEqual(['mx3']);
    expect(await ancestors('my4')).toEqual([]);
    expect((await call('GET', '/central/v1/trace/mx1')).body.descendants.map((l: Json) => l.lotId)).toEqual(['my2']);
  });
});

describe('an older centre upgraded', () => {
  it('projects the packages and SSCC rows it kept in desk_rows', async () => {
    const old = await createCentralDb('pg', 'wt_sscc');
    const odb = await old.open();
    try {
      await odb.exec('CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await odb.exec(m001);
      await odb.query('INSERT INTO schema_version (version) VALUES (1)');
      await odb.exec("INSERT INTO sites (code, name) VALUES ('WH-A', 'East'); INSERT INTO stations (id, site_code, name, credential) VALUES ('old-a', 'WH-A', 'old-a', 'x')");
      const sscc = '003012345000000222';
      const rows: [string, string, object | null][] = [
        ['packages', 'op1', { id: 'op1', document_id: 'od1', sscc, shipment_id: 'os1', created_at: '2026-11-25T09:00:00.000Z' }],
        ['packages', 'op2', null],
        ['package_lines', 'op1/ol1', { package_id: 'op1', lot_id: 'ol1', quantity: 3 }],
        ['received_units', `${sscc}/ol2`, { sscc, lot_id: 'ol2' }],
      ];
      for (const [tbl, key, row] of rows) {
        await odb.query('INSERT INTO desk_rows (station_id, tbl, key, row, event_id) VALUES ($1, $2, $3, $4, $5)', ['old-a', tbl, key, row === null ? null : JSON.stringify(row), newId()]);
      }
      expect(await migrateCentral(odb)).toContain(39);
      expect((await odb.query('SELECT station_id, package_id, site_code, sscc, document_id, shipment_id FROM central_packages')).rows).toEqual([
        { station_id: 'old-a', package_id: 'op1', site_code: 'WH-A', sscc, document_id: 'od1', shipment_id: 'os1' },
      ]);
      expect((await odb.query('SELECT key, package_id, lot_id, quantity::int AS quantity FROM central_package_lines')).rows).toEqual([{ key: 'op1/ol1', package_id: 'op1', lot_id: 'ol1', quantity: 3 }]);
      expect((await odb.query('SELECT key, site_code, sscc, lot_id FROM central_received_units')).rows).toEqual([{ key: `${sscc}/ol2`, site_code: 'WH-A', sscc, lot_id: 'ol2' }]);
    } finally {
      await odb.close();
      await old.drop();
    }
  });
});
