/**
 * Desk refusals of ERP orders reach the ERP, and orders waiting for an item or party are retried
 * (issue 20, item 8), end to end on real PostgreSQL and a real desk file: the desk refuses the ERP's
 * item (its SKU is the desk's own TEA-250) and so the PO naming it; the pushed audit record becomes
 * the order's refusal in GET /erp/v1/purchase-orders/{id}, an `order.refused` webhook and a central
 * exception — once per desk and version, however often the feed reads it or the desk re-reads the
 * order. A newer version of the parked order replaces it; renaming the desk's own item lets the
 * ERP's item and the order in, in the rename's transaction, and its audit record says so. An order
 * waiting for a party the desk refused is applied by the pull that brings the party.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/pg';
import { tick, type ErpDeps } from '../../src/server/erp/plugin';
import { setSetting, SYNC_KEYS } from '../../src/sync/sync-settings';
import type { TestDesk } from '../support/desk';
import { openErpDeskLoop, renameDeskItem, type ErpDeskLoop } from '../support/erp-desk';

let loop: ErpDeskLoop;
let db: Db;
let app: FastifyInstance;
let deps: ErpDeps;
let desk: TestDesk;
let cookie: string;
let delivered: ErpDeskLoop['delivered'];

const erp = (method: 'PUT' | 'GET' | 'POST', url: string, payload?: object) => loop.erp(method, url, payload);
const put = (url: string, payload: object) => loop.put(url, payload);
const syncDesk = () => loop.syncDesk();
/** Push, project, deliver: what the ERP sees after the desk's next sync. */
const round = async () => {
  await syncDesk();
  await tick(deps);
};
type Change = { object: string; objectId: string; label: string; field: string; before: unknown; after: unknown };
/** Every audit record of the desk with its changes, oldest first. */
const records = () =>
  (desk.db.prepare('SELECT command, changes FROM audit WHERE changes IS NOT NULL ORDER BY seq').all() as { command: string; changes: string }[]).map((r) => ({
    command: r.command,
    changes: JSON.parse(r.changes) as Change[],
  }));
const changesOf = (objectId: string, field: string) => records().flatMap((r) => r.changes.filter((c) => c.objectId === objectId && c.field === field).map((c) => ({ command: r.command, ...c })));
const orderRefusals = async () => (await db.query<{ n: string }>("SELECT count(*) AS n FROM erp_events WHERE kind = 'refusal'")).rows[0].n;
const exceptions = async () => (await app.inject({ method: 'GET', url: '/central/v1/exceptions?site=WH1', headers: { cookie } })).json() as { kind: string; stationId: string; detail: Record<string, unknown> }[];

beforeAll(async () => {
  loop = await openErpDeskLoop('wt_erp_refusals');
  ({ db, app, deps, desk, cookie, delivered } = loop);
  await put('/erp/v1/items/I-1', { sku: 'ERP-FLOUR', name: 'Flour 25 kg', unit: 'pcs' });
  await put('/erp/v1/parties/V-1', { kind: 'supplier', code: 'ERP-MILL', name: 'Mill Co' });
}, 60_000);

afterAll(async () => {
  await loop?.close();
});

describe('desk refusals of ERP orders', () => {
  it('reach the ERP once per desk and version; a newer version replaces the parked one; freeing the SKU at the desk applies the item and the order', { timeout: 60_000 }, async () => {
    // The desk has its own TEA-250 (the demo's): the ERP's item of that SKU is refused, and so the PO naming it.
    const item = await put('/erp/v1/items/I-TEA', { sku: 'TEA-250', name: 'Tea 250 g', unit: 'pcs' });
    const order = { number: 'EPO-TEA', partyExternalId: 'V-1', lines: [{ itemExternalId: 'I-TEA', quantity: 3 }, { itemExternalId: 'I-1', quantity: 1 }] };
    const p = await put('/erp/v1/purchase-orders/P-TEA', order);
    await round();
    const station = (await db.query<{ id: string }>('SELECT id FROM stations')).rows[0].id;
    expect(desk.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(p.id)).toBeUndefined();
    expect(changesOf(item.id, 'syncRefused')).toEqual([expect.objectContaining({ command: 'sync.apply', label: 'TEA-250', after: 'taken' })]);
    expect(changesOf(p.id, 'syncRefused')).toEqual([expect.objectContaining({ command: 'sync.apply', label: 'EPO-TEA', after: 'unknownItem' })]);
    expect(changesOf(p.id, 'erpVersion')).toEqual([expect.objectContaining({ after: '1' })]);

    // The ERP reads the refusal on the order, gets the webhook, and the centre lists an exception.
    const got = await erp('GET', '/erp/v1/purchase-orders/P-TEA');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ externalId: 'P-TEA', id: p.id, number: 'EPO-TEA', status: 'open', version: 1 });
    expect(got.body.refusals).toEqual([{ eventId: expect.any(String), orderId: p.id, orderExternalId: 'P-TEA', kind: 'purchase_order', number: 'EPO-TEA', version: 1, station, reason: 'unknownItem', refusedAt: expect.any(String) }]);
    const refusal = (got.body.refusals as { eventId: string }[])[0];
    expect(delivered.filter((d) => d.type === 'order.refused')).toEqual([{ type: 'order.refused', id: refusal.eventId, data: (got.body.refusals as object[])[0] }]);
    const listed = (await exceptions()).filter((x) => x.kind === 'order_refused');
    expect(listed).toEqual([expect.objectContaining({ stationId: station, detail: expect.objectContaining({ orderExternalId: 'P-TEA', number: 'EPO-TEA', version: 1, reason: 'unknownItem' }) })]);

    // Read again: the feed from the start, the desk pulling everything again and from a snapshot.
    await db.query("DELETE FROM erp_feed_marks WHERE source LIKE 'station:%'");
    await tick(deps);
    desk.db.prepare('DELETE FROM sync_applied').run();
    setSetting(desk.db, SYNC_KEYS.cursor, '');
    await round();
    setSetting(desk.db, SYNC_KEYS.cursor, 'not-a-cursor');
    await round();
    expect(changesOf(p.id, 'syncRefused')).toHaveLength(1);
    // Even a desk that records the same refusal again (its parked copy lost) is told to the ERP once.
    desk.db.prepare('DELETE FROM sync_parked_needs').run();
    desk.db.prepare('DELETE FROM sync_parked').run();
    desk.db.prepare('DELETE FROM sync_applied').run();
    setSetting(desk.db, SYNC_KEYS.cursor, '');
    await round();
    expect(changesOf(p.id, 'syncRefused')).toHaveLength(2);
    expect(await orderRefusals()).toBe('1');
    expect((await exceptions()).filter((x) => x.kind === 'order_refused')).toHaveLength(1);
    expect(delivered.filter((d) => d.type === 'order.refused')).toHaveLength(1);

    // A new version while the item is still missing: parked in place of the first, refused and told as version 2.
    expect((await put('/erp/v1/purchase-orders/P-TEA', { ...order, lines: [{ itemExternalId: 'I-TEA', quantity: 5 }, order.lines[1]] })).version).toBe(2);
    await round();
    expect(desk.db.prepare('SELECT kind, key, reason FROM sync_parked WHERE key = ?').all(p.id)).toEqual([{ kind: 'purchase_order', key: p.id, reason: 'unknownItem' }]);
    expect(JSON.parse((desk.db.prepare('SELECT change FROM sync_parked WHERE key = ?').get(p.id) as { change: string }).change).body.version).toBe(2);
    expect(((await erp('GET', '/erp/v1/purchase-orders/P-TEA')).body.refusals as { version: number }[]).map((r) => r.version)).toEqual([1, 2]);

    // The desk renames its own TEA-250: in that command's transaction the ERP's item and then version 2 of the order come in.
    const ownId = await renameDeskItem(desk, 'TEA-250', 'TEA-250-OWN', item.id);
    expect(desk.db.prepare('SELECT sku FROM items WHERE id = ?').get(item.id)).toEqual({ sku: 'TEA-250' });
    const lead = await desk.signedIn('lead', '3333');
    const po = await lead.call('purchaseOrders.get', { purchaseOrderId: p.id });
    expect(po.lineItems.map((l) => [l.itemId, l.ordered])).toEqual([
      [item.id, 5],
      [expect.any(String), 1],
    ]);
    const retry = records().at(-1)!;
    expect(retry.command).toBe('items.update');
    expect(retry.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ object: 'item', objectId: ownId, field: 'sku', before: 'TEA-250', after: 'TEA-250-OWN' }),
        expect.objectContaining({ object: 'item', objectId: item.id, field: 'syncRetried', before: 'taken', after: 'applied' }),
        expect.objectContaining({ object: 'purchaseOrder', objectId: p.id, label: 'EPO-TEA', field: 'syncRetried', before: 'unknownItem', after: '2' }),
        expect.objectContaining({ object: 'purchaseOrder', objectId: p.id, field: 'erpOrder', after: 'P-TEA' }),
      ]),
    );
    expect(desk.db.prepare('SELECT count(*) AS n FROM sync_parked').get()).toEqual({ n: 0 });
    // The desk's rows of the retry flow to the centre like any command's.
    await round();
    expect((await db.query('SELECT 1 FROM erp_documents WHERE id = $1', [p.id])).rows).toHaveLength(1);
  });

  it('an order waiting for a party the desk refused is applied by the pull that brings the party', { timeout: 60_000 }, async () => {
    // SUP-HZT is a desk supplier of its own: the ERP's party of that code is refused, and so its PO.
    const party = await put('/erp/v1/parties/V-HZT', { kind: 'supplier', code: 'SUP-HZT', name: 'Hangzhou (ERP)' });
    const p = await put('/erp/v1/purchase-orders/P-HZT', { number: 'EPO-HZT', partyExternalId: 'V-HZT', lines: [{ itemExternalId: 'I-1', quantity: 2 }] });
    await round();
    expect(changesOf(p.id, 'syncRefused')).toEqual([expect.objectContaining({ after: 'unknownParty' })]);
    expect(((await erp('GET', '/erp/v1/purchase-orders/P-HZT')).body.refusals as { reason: string }[]).map((r) => r.reason)).toEqual(['unknownParty']);
    const zh = await loop.erp('GET', '/erp/v1/purchase-orders/P-NONE', undefined, { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ key: 'errors.erp.noSuchOrder', message: '本站点没有 ERP 编号为 P-NONE 的订单。' });
    const en = await loop.erp('GET', '/erp/v1/sales-orders/P-HZT');
    expect(en.body.error).toMatchObject({ key: 'errors.erp.noSuchOrder', message: 'There is no order with the ERP id P-HZT at this site.' });
    // The OpenAPI document names the order reads and the order.refused payload.
    const doc = (await app.inject({ method: 'GET', url: '/erp/v1/openapi.json' })).json();
    expect(doc.paths['/erp/v1/purchase-orders/{externalId}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Order' });
    expect(doc.components.schemas.Order.properties.refusals.items).toEqual({ $ref: '#/components/schemas/OrderRefusal' });
    expect(doc.webhooks['order.refused'].post.requestBody.content['application/json'].schema.properties.data).toEqual({ $ref: '#/components/schemas/OrderRefusal' });
    expect(Object.keys(doc.webhooks).sort()).toEqual(['lot.recalled', 'order.applied', 'order.refused', 'receipt.created', 'shipment.created']);

    // The ERP sends the party with a code of its own: the pull that applies it applies the order too.
    await put('/erp/v1/parties/V-HZT', { kind: 'supplier', code: 'ERP-HZT', name: 'Hangzhou (ERP)' });
    await syncDesk();
    expect(desk.db.prepare('SELECT code FROM parties WHERE id = ?').get(party.id)).toEqual({ code: 'ERP-HZT' });
    expect(desk.db.prepare('SELECT number, party_id FROM documents WHERE id = ?').get(p.id)).toEqual({ number: 'EPO-HZT', party_id: party.id });
    const retried = changesOf(p.id, 'syncRetried');
    expect(retried).toEqual([expect.objectContaining({ command: 'sync.apply', before: 'unknownParty', after: '1' })]);
  });
});
