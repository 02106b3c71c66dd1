/**
 * The ERP loop on the centre (issue 20, item 8), on real PostgreSQL and on PGlite: API keys,
 * idempotent upserts that become central changes, receipts/shipments/lots/trace out of desk
 * events, the error envelope in both languages, and the OpenAPI document covering every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tick, type ErpDeps } from '../../src/server/erp/plugin';
import { hashKey } from '../../src/server/erp/keys';
import { erpApp, newKey, openTestCentre, TestDesk, type Engine, type TestCentre } from '../support/erp-central';

const AT = '2026-12-07T08:00:00.000Z';

describe.each<Engine>(['postgres', 'pglite'])('ERP API on %s', (engine) => {
  let centre: TestCentre;
  let app: FastifyInstance;
  let routes: { method: string; url: string }[];
  let deps: ErpDeps;
  let key: string;
  const as = (k: string) => ({ authorization: `Bearer ${k}` });

  beforeAll(async () => {
    centre = await openTestCentre(engine);
    ({ app, routes, deps } = await erpApp(centre));
    key = await newKey(app, 'sap-wh1', 'WH1');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await centre?.close();
  });

  it('keeps only the hash of a key, refuses a missing, unknown or revoked key, and lets only an admin make keys', async () => {
    const stored = await centre.db.query<{ key_hash: string; key_prefix: string }>('SELECT key_hash, key_prefix FROM erp_integrations');
    expect(stored.rows).toEqual([{ key_hash: hashKey(key), key_prefix: key.slice(0, 10) }]);
    expect(JSON.stringify(stored.rows)).not.toContain(key);
    expect(key).toMatch(/^ldk_[A-Za-z0-9_-]{43}$/);

    expect((await app.inject({ method: 'GET', url: '/erp/v1/lots', headers: as(key) })).statusCode).toBe(200);
    const none = await app.inject({ method: 'GET', url: '/erp/v1/lots' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toMatchObject({ code: 'unauthenticated', key: 'errors.erp.noKey' });
    const unknown = await app.inject({ method: 'GET', url: '/erp/v1/lots', headers: as(`ldk_${'x'.repeat(43)}`) });
    expect(unknown.json().error.key).toBe('errors.erp.badKey');
    expect((await app.inject({ method: 'POST', url: '/central/v1/erp/api-keys', payload: { name: 'x', siteCode: 'WH1' } })).statusCode).toBe(401);

    const other = await newKey(app, 'old-erp', 'WH1');
    expect((await app.inject({ method: 'DELETE', url: '/central/v1/erp/api-keys/old-erp', headers: { 'x-test-admin': 'yes' } })).statusCode).toBe(204);
    const revoked = await app.inject({ method: 'GET', url: '/erp/v1/lots', headers: { ...as(other), 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error).toMatchObject({ key: 'errors.erp.revokedKey', params: { name: 'old-erp' } });
    expect(revoked.json().error.message).toContain('已被吊销');
    const listed = await app.inject({ method: 'GET', url: '/central/v1/erp/api-keys', headers: { 'x-test-admin': 'yes' } });
    expect(listed.json().items.map((k: { name: string; revokedAt: string | null }) => [k.name, k.revokedAt !== null])).toEqual([
      ['old-erp', true],
      ['sap-wh1', false],
    ]);
  });

  it('upserts master data and orders by the ERP id: created, unchanged, updated — each change published once', async () => {
    const put = (path: string, payload: unknown) => app.inject({ method: 'PUT', url: `/erp/v1/${path}`, headers: as(key), payload: payload as object });
    const item = { sku: 'FLOUR-25', name: 'Flour 25 kg', nameZh: '面粉 25 公斤', unit: 'kg', shelfLifeDays: 180 };
    const first = await put('items/MAT-100', item);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ externalId: 'MAT-100', version: 1, outcome: 'created' });
    expect((await put('items/MAT-100', item)).json()).toMatchObject({ id: first.json().id, version: 1, outcome: 'unchanged' });
    expect((await put('items/MAT-100', { ...item, shelfLifeDays: 200 })).json()).toMatchObject({ id: first.json().id, version: 2, outcome: 'updated' });
    expect((await put('parties/V-9', { kind: 'supplier', code: 'MILL', name: 'Mill Co.' })).json().outcome).toBe('created');
    expect((await put('parties/C-1', { kind: 'customer', code: 'SHOP', name: 'Shop Ltd', region: 'East' })).json().outcome).toBe('created');

    const po = { number: 'PO-7001', partyExternalId: 'V-9', expectedDate: '2026-12-10', lines: [{ itemExternalId: 'MAT-100', quantity: 12.5 }] };
    const madePo = await put('purchase-orders/4500001', po);
    expect(madePo.json().outcome).toBe('created');
    expect((await put('purchase-orders/4500001', po)).json().outcome).toBe('unchanged');
    expect((await put('sales-orders/SO-1', { number: 'SO-8001', partyExternalId: 'C-1', lines: [{ itemExternalId: 'MAT-100', quantity: 3 }] })).json().outcome).toBe('created');

    const changes = await centre.db.query<{ kind: string; key: string; body: Record<string, unknown> }>('SELECT kind, key, body FROM t_changes ORDER BY n');
    expect(changes.rows.map((c) => c.kind)).toEqual(['item', 'item', 'party', 'party', 'purchase_order', 'sales_order']);
    const poBody = changes.rows[4].body as { id: string; partyId: string; number: string; lines: { itemId: string; quantity: number; unit: string }[] };
    expect(poBody).toMatchObject({ id: madePo.json().id, number: 'PO-7001', siteCode: 'WH1', status: 'open', expectedDate: '2026-12-10' });
    expect(poBody.lines).toEqual([expect.objectContaining({ itemId: first.json().id, quantity: 12_500, unit: 'kg', lineNo: 1 })]);
  });

  it('refuses bad input with a field-named, translated error and writes nothing', async () => {
    const before = await centre.db.query('SELECT count(*)::int AS n FROM t_changes');
    const noItem = await app.inject({
      method: 'PUT',
      url: '/erp/v1/purchase-orders/4500002',
      headers: as(key),
      payload: { number: 'PO-7002', partyExternalId: 'V-9', lines: [{ itemExternalId: 'MAT-100', quantity: 1 }, { itemExternalId: 'NOPE', quantity: 1 }] },
    });
    expect(noItem.statusCode).toBe(400);
    expect(noItem.json().error).toMatchObject({ code: 'validation', key: 'errors.erp.unknownItem', params: { externalId: 'NOPE', line: 2 }, field: 'lines.1.itemExternalId' });
    expect(noItem.json().error.message).toBe('Line 2: no item with the ERP id NOPE was sent yet. Send it (PUT /erp/v1/items/…) first.');
    const wrongParty = await app.inject({ method: 'PUT', url: '/erp/v1/sales-orders/SO-2', headers: as(key), payload: { number: 'SO-8002', partyExternalId: 'V-9', lines: [{ itemExternalId: 'MAT-100', quantity: 1 }] } });
    expect(wrongParty.json().error.key).toBe('errors.erp.notCustomer');
    const decimals = await app.inject({ method: 'PUT', url: '/erp/v1/sales-orders/SO-3', headers: as(key), payload: { number: 'SO-8003', partyExternalId: 'C-1', lines: [{ itemExternalId: 'MAT-100', quantity: 1.23456 }] } });
    expect(decimals.json().error).toMatchObject({ key: 'errors.quantity.tooManyDecimals', field: 'lines.0.quantity' });
    const taken = await app.inject({ method: 'PUT', url: '/erp/v1/sales-orders/SO-4', headers: as(key), payload: { number: 'PO-7001', partyExternalId: 'C-1', lines: [{ itemExternalId: 'MAT-100', quantity: 1 }] } });
    expect(taken.statusCode).toBe(409);
    const badGtin = await app.inject({ method: 'PUT', url: '/erp/v1/items/MAT-2', headers: { ...as(key), 'accept-language': 'zh-CN' }, payload: { sku: 'X', name: 'X', unit: 'pcs', gtin: '12345678' } });
    expect(badGtin.json().error).toMatchObject({ key: 'errors.items.gtinCheckDigit', field: 'gtin' });
    expect(badGtin.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const extra = await app.inject({ method: 'PUT', url: '/erp/v1/items/MAT-2', headers: as(key), payload: { sku: 'X', name: 'X', unit: 'pcs', colour: 'red' } });
    expect(extra.json().error.key).toBe('errors.validation.unrecognized_keys');
    const badJson = await app.inject({ method: 'PUT', url: '/erp/v1/items/MAT-2', headers: { ...as(key), 'content-type': 'application/json' }, payload: '{"sku":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.key).toBe('errors.erp.badJson');
    expect((await centre.db.query('SELECT count(*)::int AS n FROM t_changes')).rows).toEqual(before.rows);
    expect((await centre.db.query("SELECT count(*)::int AS n FROM erp_records WHERE external_id IN ('4500002', 'SO-2', 'SO-3', 'SO-4', 'MAT-2')")).rows[0]).toEqual({ n: 0 });
  });

  it('gives receipts, shipments, lots and trace out of the desk events, only to keys of that site', async () => {
    const rec = (await centre.db.query<{ external_id: string; id: string; body: { lines: { id: string }[] } }>("SELECT external_id, id, body FROM erp_records WHERE kind IN ('item', 'party', 'purchase_order', 'sales_order')")).rows;
    const id = (ext: string) => rec.find((r) => r.external_id === ext)!.id;
    const poLine = rec.find((r) => r.external_id === '4500001')!.body.lines[0].id;
    await centre.db.query("INSERT INTO t_stations VALUES ('desk-1', 'WH1'), ('desk-2', 'WH1'), ('desk-9', 'WH9')");
    const desk1 = new TestDesk('desk-1', centre.db);
    const desk2 = new TestDesk('desk-2', centre.db);
    const lot = { id: 'lot-A', item_id: id('MAT-100'), code: 'L-A', status: 'released', expiry_date: '2027-06-01', supplier_lot: 'S1' };
    await desk1.transaction(AT, [
      { table: 'documents', row: { id: 'rcpt-1', kind: 'receipt', number: 'GR-20261207-0001', party_id: id('V-9'), source_id: null } },
      { table: 'lots', row: lot },
      { table: 'document_lines', row: { id: 'rl-1', document_id: 'rcpt-1', line_no: 1, item_id: id('MAT-100'), lot_id: 'lot-A', quantity: 12_500, source_line_id: poLine } },
      { table: 'movements', row: { id: 'm-1', kind: 'receive', lot_id: 'lot-A', item_id: id('MAT-100'), quantity: 12_500, from_location_id: null, to_location_id: 'RCV' } },
    ]);
    // Desk 2 blends lot A into lot B and ships 2 kg of B against the ERP's sales order.
    await desk2.transaction(AT, [
      { table: 'lots', row: { ...lot, id: 'lot-B', code: 'L-B', supplier_lot: null } },
      { table: 'lot_links', key: 'link-1', row: { parent_lot_id: 'lot-A', child_lot_id: 'lot-B', quantity: 5_000 } },
      { table: 'movements', row: { id: 'm-2', kind: 'produce', lot_id: 'lot-B', quantity: 5_000, from_location_id: null, to_location_id: 'PROD' } },
    ]);
    await desk2.transaction(AT, [
      { table: 'documents', row: { id: 'ship-1', kind: 'shipment', number: 'SH-1', party_id: id('C-1'), source_id: id('SO-1') } },
      { table: 'shipments', key: 'ship-1', row: { document_id: 'ship-1', order_id: id('SO-1'), shipped_at: '2026-12-07T09:00:00.000Z' } },
      { table: 'document_lines', row: { id: 'sl-1', document_id: 'ship-1', line_no: 1, item_id: id('MAT-100'), lot_id: 'lot-B', quantity: 2_000 } },
      { table: 'movements', row: { id: 'm-3', kind: 'ship', lot_id: 'lot-B', quantity: 2_000, from_location_id: 'STG', to_location_id: null } },
    ]);
    // An unfinished transaction (no audit event yet) is not read.
    await centre.db.query("INSERT INTO t_events VALUES ('desk-1', 99, '{\"id\":\"x\",\"kind\":\"row\",\"table\":\"lots\",\"op\":\"put\",\"row\":{}}')");
    await tick(deps);

    const receipts = (await app.inject({ method: 'GET', url: '/erp/v1/receipts', headers: as(key) })).json();
    expect(receipts.hasMore).toBe(false);
    expect(receipts.items).toEqual([
      expect.objectContaining({
        id: 'rcpt-1',
        number: 'GR-20261207-0001',
        station: 'desk-1',
        partyExternalId: 'V-9',
        purchaseOrderId: id('4500001'),
        purchaseOrderExternalId: '4500001',
        lines: [{ lotId: 'lot-A', lotCode: 'L-A', itemId: id('MAT-100'), itemExternalId: 'MAT-100', quantity: 12.5, expiryDate: '2027-06-01' }],
      }),
    ]);
    const after = (await app.inject({ method: 'GET', url: `/erp/v1/receipts?after=${receipts.next}`, headers: as(key) })).json();
    expect(after).toEqual({ items: [], next: receipts.next, hasMore: false });
    const shipments = (await app.inject({ method: 'GET', url: '/erp/v1/shipments?limit=1', headers: as(key) })).json();
    expect(shipments.items[0]).toMatchObject({ id: 'ship-1', salesOrderExternalId: 'SO-1', partyExternalId: 'C-1', shippedAt: '2026-12-07T09:00:00.000Z', lines: [expect.objectContaining({ lotCode: 'L-B', quantity: 2 })] });

    const lots = (await app.inject({ method: 'GET', url: '/erp/v1/lots?itemExternalId=MAT-100', headers: as(key) })).json();
    expect(lots.items.map((l: { code: string; quantity: number }) => [l.code, l.quantity])).toEqual([
      ['L-A', 12.5],
      ['L-B', 3],
    ]);
    const trace = (await app.inject({ method: 'GET', url: '/erp/v1/lots/lot-A/trace?direction=forward', headers: as(key) })).json();
    expect(trace.lots.map((l: { code: string; depth: number }) => [l.code, l.depth]).sort()).toEqual([
      ['L-A', 0],
      ['L-B', 1],
    ]);
    expect(trace.links).toEqual([{ parentLotId: 'lot-A', childLotId: 'lot-B', quantity: 5 }]);
    expect(trace.receipts).toEqual([{ receiptId: 'rcpt-1', lotId: 'lot-A', partyId: id('V-9'), partyExternalId: 'V-9', quantity: 12.5 }]);
    expect(trace.shipments).toEqual([{ shipmentId: 'ship-1', lotId: 'lot-B', partyId: id('C-1'), partyExternalId: 'C-1', quantity: 2 }]);

    // Another site's key sees none of it.
    const wh9 = await newKey(app, 'wh9-erp', 'WH9');
    expect((await app.inject({ method: 'GET', url: '/erp/v1/receipts', headers: as(wh9) })).json().items).toEqual([]);
    const hidden = await app.inject({ method: 'GET', url: '/erp/v1/lots/lot-A', headers: as(wh9) });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.key).toBe('errors.erp.noSuchLot');
    // A second pass projects nothing twice.
    await tick(deps);
    expect((await centre.db.query('SELECT kind, count(*)::int AS n FROM erp_events GROUP BY kind ORDER BY kind')).rows).toEqual([
      { kind: 'receipt', n: 1 },
      { kind: 'shipment', n: 1 },
    ]);
  });

  it('documents every route it serves in the OpenAPI 3.1 document, with resolvable schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/erp/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const served = routes.filter((r) => r.url.startsWith('/erp/') || r.url.startsWith('/central/v1/erp'));
    expect(served.length).toBeGreaterThan(15);
    for (const r of served) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(served.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`).sort());
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([A-Za-z]+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, group, name] of refs) expect(doc.components[group][name], `${group}/${name}`).toBeDefined();
    const put = doc.paths['/erp/v1/purchase-orders/{externalId}'].put;
    expect(put.parameters[0]).toMatchObject({ name: 'externalId', in: 'path', required: true });
    expect(doc.components.schemas.PurchaseOrderIn.required).toEqual(['number', 'partyExternalId', 'lines']);
  });
});
