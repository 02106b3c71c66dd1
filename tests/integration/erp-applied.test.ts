/**
 * The ERP is told when a refused order later applies at the desk (issue 20, ERP loop), end to end
 * on real PostgreSQL and a real desk file: the desk refuses versions 1 and 2 of a PO naming the
 * ERP's TEA-250 (the desk has its own), then applies version 2 when it renames its own item. The
 * retry's `syncRetried` becomes one `applied` event and one `order.applied` webhook per desk and
 * version, however often the feed or the desk read it again; version 2's `order_refused`
 * exception is closed by `~desk-retry` (version 1's, superseded, stays for a lead); GET of the order
 * shows the application and the desk's state. An order applied by the pull that brings its party
 * is told the same way, and a sales order; a lead's own resolution of the refusal stands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../src/server/erp/plugin';
import { setSetting, SYNC_KEYS } from '../../src/sync/sync-settings';
import { openErpDeskLoop, renameDeskItem, updateDeskItem, type ErpDeskLoop } from '../support/erp-desk';

let loop: ErpDeskLoop;
let station: string;

const put = (url: string, payload: object) => loop.put(url, payload);
const round = async () => {
  await loop.syncDesk();
  await tick(loop.deps);
};
type Exception = { id: string; kind: string; stationId: string; detail: Record<string, unknown>; resolvedAt: string | null; resolvedBy: string | null; resolution: string | null };
const refusedOf = async (orderExternalId: string) =>
  ((await loop.app.inject({ method: 'GET', url: '/central/v1/exceptions?site=WH1', headers: { cookie: loop.cookie } })).json() as Exception[]).filter(
    (x) => x.kind === 'order_refused' && x.detail.orderExternalId === orderExternalId,
  );
const appliedEvents = async (orderId: string) => (await loop.db.query<{ body: Record<string, unknown> }>("SELECT body FROM erp_events WHERE kind = 'applied' AND subject_id = $1 ORDER BY seq", [orderId])).rows.map((r) => r.body);
const appliedHooks = (orderId: string) => loop.delivered.filter((d) => d.type === 'order.applied' && d.data.orderId === orderId);
/** The feed from the start, the desk pulling everything again and from a snapshot: nothing new may reach the ERP. */
const replayAll = async () => {
  await loop.db.query("DELETE FROM erp_feed_marks WHERE source LIKE 'station:%'");
  await tick(loop.deps);
  loop.desk.db.prepare('DELETE FROM sync_applied').run();
  setSetting(loop.desk.db, SYNC_KEYS.cursor, '');
  await round();
  setSetting(loop.desk.db, SYNC_KEYS.cursor, 'not-a-cursor');
  await round();
  await round();
};

beforeAll(async () => {
  loop = await openErpDeskLoop('wt_erp_applied');
  // The desk's own TEA-250 has a default zone: renaming it later must keep it.
  const manager = await loop.desk.signedIn('manager', '4444');
  const own = (await manager.call('items.search', { search: 'TEA-250' })).items.find((i) => i.sku === 'TEA-250')!;
  await updateDeskItem(loop.desk, own.id, { defaultZone: 'A' });
  await put('/erp/v1/items/I-1', { sku: 'ERP-FLOUR', name: 'Flour 25 kg', unit: 'pcs' });
  await put('/erp/v1/parties/V-1', { kind: 'supplier', code: 'ERP-MILL', name: 'Mill Co' });
}, 60_000);

afterAll(async () => {
  await loop?.close();
});

describe('a refused ERP order applied later at the desk', () => {
  it('is told to the ERP once per desk and version (order.applied, GET of the order) and closes that version’s exception', { timeout: 90_000 }, async () => {
    const item = await put('/erp/v1/items/I-TEA', { sku: 'TEA-250', name: 'Tea 250 g', unit: 'pcs' });
    const order = { number: 'EPO-TEA', partyExternalId: 'V-1', lines: [{ itemExternalId: 'I-TEA', quantity: 3 }, { itemExternalId: 'I-1', quantity: 1 }] };
    const p = await put('/erp/v1/purchase-orders/P-TEA', order);
    await round();
    station = (await loop.db.query<{ id: string }>('SELECT id FROM stations')).rows[0].id;
    // Version 2 while the item is still refused: a second refusal, a second exception.
    expect((await put('/erp/v1/purchase-orders/P-TEA', { ...order, lines: [{ itemExternalId: 'I-TEA', quantity: 5 }, order.lines[1]] })).version).toBe(2);
    await round();
    expect((await refusedOf('P-TEA')).map((x) => [x.detail.version, x.resolvedAt])).toEqual([
      [1, null],
      [2, null],
    ]);
    const refused = await loop.erp('GET', '/erp/v1/purchase-orders/P-TEA');
    expect(refused.body.applications).toEqual([]);
    expect(refused.body.desks).toEqual([{ station, state: 'refused', version: 2, reason: 'unknownItem', at: expect.any(String) }]);
    expect(appliedHooks(p.id)).toEqual([]);

    // The desk renames its own TEA-250: the ERP's item and version 2 of the order come in (syncRetried in the rename's record).
    const ownId = await renameDeskItem(loop.desk, 'TEA-250', 'TEA-250-OWN', item.id);
    expect(await (await loop.desk.signedIn('manager', '4444')).call('items.get', { itemId: ownId })).toMatchObject({ sku: 'TEA-250-OWN', defaultZone: 'A' });
    expect(loop.desk.db.prepare('SELECT number FROM documents WHERE id = ?').get(p.id)).toEqual({ number: 'EPO-TEA' });
    await round();

    // One applied event, one webhook delivery, the same body in both and in GET of the order.
    const applied = { eventId: expect.any(String), orderId: p.id, orderExternalId: 'P-TEA', kind: 'purchase_order', number: 'EPO-TEA', version: 2, station, reason: 'unknownItem', appliedAt: expect.any(String) };
    expect(await appliedEvents(p.id)).toEqual([applied]);
    const [event] = await appliedEvents(p.id);
    expect(appliedHooks(p.id)).toEqual([{ type: 'order.applied', id: event.eventId, data: event }]);
    const got = await loop.erp('GET', '/erp/v1/purchase-orders/P-TEA');
    expect(got.status).toBe(200);
    expect(got.body.applications).toEqual([event]);
    expect((got.body.refusals as { version: number }[]).map((r) => r.version)).toEqual([1, 2]);
    expect(got.body.desks).toEqual([{ station, state: 'applied', version: 2, reason: 'unknownItem', at: event.appliedAt }]);
    const deliveries = (await loop.erp('GET', '/erp/v1/webhooks/deliveries')).body.items as { type: string; eventId: string; status: string }[];
    expect(deliveries.filter((d) => d.type === 'order.applied')).toEqual([expect.objectContaining({ eventId: event.eventId, status: 'delivered' })]);

    // Version 2's exception closed by the feed, in the same projection; version 1's (superseded) stays for a lead.
    const [v1, v2] = await refusedOf('P-TEA');
    expect(v1).toMatchObject({ detail: expect.objectContaining({ version: 1 }), resolvedAt: null, resolvedBy: null });
    expect(v2).toMatchObject({ stationId: station, detail: expect.objectContaining({ version: 2 }), resolvedAt: expect.any(String), resolvedBy: '~desk-retry' });
    expect(v2.resolution).toContain('Applied later at the desk: version 2');
    const audited = async () => (await loop.db.query("SELECT object_id, after FROM central_audit WHERE action = 'exception_resolved' AND username = '~desk-retry' ORDER BY id")).rows;
    expect(await audited()).toEqual([{ object_id: v2.id, after: { resolved: true, resolution: v2.resolution } }]);

    // Read again, every way: still one of each, and the exception's resolution untouched.
    await replayAll();
    expect(await appliedEvents(p.id)).toHaveLength(1);
    expect(appliedHooks(p.id)).toHaveLength(1);
    expect((await loop.db.query("SELECT count(*)::int AS n FROM erp_events WHERE kind = 'refusal' AND subject_id = $1", [p.id])).rows).toEqual([{ n: 2 }]);
    expect(await refusedOf('P-TEA')).toEqual([v1, v2]);
    expect(await audited()).toHaveLength(1);
  });

  it('an order applied by the pull that brings its party is told too; the OpenAPI document names order.applied', { timeout: 60_000 }, async () => {
    await put('/erp/v1/parties/V-HZT', { kind: 'supplier', code: 'SUP-HZT', name: 'Hangzhou (ERP)' });
    const p = await put('/erp/v1/purchase-orders/P-HZT', { number: 'EPO-HZT', partyExternalId: 'V-HZT', lines: [{ itemExternalId: 'I-1', quantity: 2 }] });
    await round();
    expect((await refusedOf('P-HZT')).map((x) => x.resolvedAt)).toEqual([null]);
    // The ERP sends the party with a code of its own: the pull that applies it applies the order too.
    await put('/erp/v1/parties/V-HZT', { kind: 'supplier', code: 'ERP-HZT', name: 'Hangzhou (ERP)' });
    await round();
    expect(loop.desk.db.prepare('SELECT number FROM documents WHERE id = ?').get(p.id)).toEqual({ number: 'EPO-HZT' });
    expect((await appliedEvents(p.id)).map((e) => [e.version, e.reason])).toEqual([[1, 'unknownParty']]);
    expect(appliedHooks(p.id)).toHaveLength(1);
    expect((await refusedOf('P-HZT')).map((x) => x.resolvedBy)).toEqual(['~desk-retry']);
    expect((await loop.erp('GET', '/erp/v1/purchase-orders/P-HZT')).body.desks).toEqual([expect.objectContaining({ station, state: 'applied', version: 1 })]);
    await replayAll();
    expect(appliedHooks(p.id)).toHaveLength(1);

    const doc = (await loop.app.inject({ method: 'GET', url: '/erp/v1/openapi.json' })).json();
    expect(doc.webhooks['order.applied'].post.requestBody.content['application/json'].schema.properties.data).toEqual({ $ref: '#/components/schemas/OrderApplication' });
    expect(doc.components.schemas.OrderApplication.required).toEqual(expect.arrayContaining(['orderId', 'orderExternalId', 'kind', 'number', 'version', 'station', 'reason', 'appliedAt']));
    expect(doc.components.schemas.Order.properties.applications.items).toEqual({ $ref: '#/components/schemas/OrderApplication' });
    expect(doc.components.schemas.Order.properties.desks.items).toEqual({ $ref: '#/components/schemas/OrderDeskState' });
    expect(doc.components.schemas.WebhookIn.properties.events.items.enum).toContain('order.applied');
    // A webhook asking for an unknown event is told the names, order.applied among them, in the reader's language.
    const bad = await loop.erp('POST', '/erp/v1/webhooks', { url: 'http://127.0.0.1:9/x', secret: 'a-secret-of-16-chars', events: ['order.done'] }, { 'accept-language': 'zh-CN' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('order.applied');
  });

  it('a sales order too; a refusal a lead resolved first keeps the lead’s resolution', { timeout: 60_000 }, async () => {
    // CUS-SHM is a desk customer of its own: the ERP's party of that code is refused, and so its SO.
    await put('/erp/v1/parties/C-SHM', { kind: 'customer', code: 'CUS-SHM', name: 'Fresh Mart (ERP)' });
    const so = await put('/erp/v1/sales-orders/S-SHM', { number: 'ESO-SHM', partyExternalId: 'C-SHM', lines: [{ itemExternalId: 'I-1', quantity: 1 }] });
    await round();
    const [open] = await refusedOf('S-SHM');
    expect(open).toMatchObject({ detail: expect.objectContaining({ kind: 'sales_order', reason: 'unknownParty' }), resolvedAt: null });
    const resolved = await loop.app.inject({ method: 'POST', url: `/central/v1/exceptions/${open.id}/resolve`, headers: { cookie: loop.cookie }, payload: { resolution: 'Asked the ERP team to rename the customer' } });
    expect(resolved.statusCode).toBe(200);

    await put('/erp/v1/parties/C-SHM', { kind: 'customer', code: 'ERP-SHM', name: 'Fresh Mart (ERP)' });
    await round();
    expect((await appliedEvents(so.id)).map((e) => [e.kind, e.number, e.version, e.reason])).toEqual([['sales_order', 'ESO-SHM', 1, 'unknownParty']]);
    expect(appliedHooks(so.id)).toHaveLength(1);
    expect(await refusedOf('S-SHM')).toEqual([expect.objectContaining({ resolvedBy: 'boss', resolution: 'Asked the ERP team to rename the customer' })]);
    const got = await loop.erp('GET', '/erp/v1/sales-orders/S-SHM');
    expect(got.body.applications).toEqual(await appliedEvents(so.id));
    expect(got.body.desks).toEqual([expect.objectContaining({ station, state: 'applied', version: 1 })]);
  });
});
