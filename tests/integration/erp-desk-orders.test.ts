/**
 * The ERP loop end to end on real PostgreSQL (issue 20, item 8): an ERP posts master data, a
 * purchase order and a sales order with its API key; a real desk pulls them as its own documents,
 * receives against the PO, allocates (FEFO), picks and ships the SO through its commands; the ERP
 * reads the receipt and the shipment back naming its orders, and gets the webhooks. A re-pull (and
 * a snapshot) writes nothing twice; a new version of a started order is refused (by the centre
 * when it knows, by the desk when it does not), of an unstarted one applied; an order naming an
 * item the desk refused is not written, with the reason in the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/pg';
import { tick, type ErpDeps } from '../../src/server/erp/plugin';
import { setSetting, SYNC_KEYS } from '../../src/sync/sync-settings';
import { errorOf, type TestDesk } from '../support/desk';
import { openErpDeskLoop, type ErpDeskLoop } from '../support/erp-desk';

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
/** What the pull wrote: the desk's documents, lines, items and parties. */
const heldRows = () => ['documents', 'document_lines', 'items', 'parties'].map((t) => desk.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
/** The orders the pull did not write, from its audit records. */
const refusals = () =>
  (desk.db.prepare("SELECT changes FROM audit WHERE command IN ('sync.apply', 'sync.snapshot') AND changes IS NOT NULL").all() as { changes: string }[])
    .flatMap((r) => JSON.parse(r.changes) as { object: string; objectId: string; label: string; field: string; after: unknown }[])
    .filter((c) => c.field === 'syncRefused');
const po = (qty: number, number = 'EPO-1') => ({ number, partyExternalId: 'V-1', expectedDate: '2026-12-01', lines: [{ itemExternalId: 'I-1', quantity: qty }] });
const so = (qty: number, number = 'ESO-1') => ({ number, partyExternalId: 'C-1', lines: [{ itemExternalId: 'I-1', quantity: qty, requestedDate: '2026-11-30' }] });

beforeAll(async () => {
  loop = await openErpDeskLoop('lotdesk_wt_erp');
  ({ db, app, deps, desk, cookie, delivered } = loop);
  await put('/erp/v1/items/I-1', { sku: 'ERP-FLOUR', name: 'Flour 25 kg', nameZh: '面粉 25 公斤', unit: 'pcs', removalStrategy: 'FEFO' });
  await put('/erp/v1/parties/V-1', { kind: 'supplier', code: 'ERP-MILL', name: 'Mill Co' });
  await put('/erp/v1/parties/C-1', { kind: 'customer', code: 'ERP-SHOP', name: 'Shop Co' });
}, 60_000);

afterAll(async () => {
  await loop?.close();
});

describe('ERP orders at a desk', () => {
  it('a PO and an SO from the ERP are received and shipped at the desk and read back by the ERP', { timeout: 60_000 }, async () => {
    const p = await put('/erp/v1/purchase-orders/P-1', po(10));
    const s = await put('/erp/v1/sales-orders/S-1', so(4));
    await syncDesk();

    // The ERP's item and parties are the desk's own rows (desk-row bodies), the orders its documents.
    const clerk = await desk.signedIn('clerk', '1111');
    const lead = await desk.signedIn('lead', '3333');
    const item = (await clerk.call('catalog.items')).find((i) => i.sku === 'ERP-FLOUR')!;
    expect(item).toMatchObject({ name: 'Flour 25 kg', unit: 'pcs' });
    expect(desk.db.prepare('SELECT name_zh, removal_strategy FROM items WHERE id = ?').get(item.id)).toEqual({ name_zh: '面粉 25 公斤', removal_strategy: 'FEFO' });
    const [listed] = await lead.call('purchaseOrders.list', { search: 'EPO-1' });
    expect(listed).toMatchObject({ id: p.id, number: 'EPO-1', supplierCode: 'ERP-MILL', status: 'open', expectedDate: '2026-12-01', erpId: 'P-1' });
    const detail = await lead.call('purchaseOrders.get', { purchaseOrderId: p.id });
    const erpLine = (await db.query<{ body: { lines: { id: string }[] } }>("SELECT body FROM erp_records WHERE external_id = 'P-1'")).rows[0].body.lines[0].id;
    expect(detail.lineItems).toEqual([expect.objectContaining({ id: erpLine, itemId: item.id, ordered: 10, received: 0 })]);
    const order = await lead.call('orders.get', { orderId: s.id });
    expect(order).toMatchObject({ number: 'ESO-1', erpId: 'S-1', status: 'open', customer: expect.objectContaining({ code: 'ERP-SHOP' }) });
    expect(order.lines).toEqual([expect.objectContaining({ ordered: 4, sku: 'ERP-FLOUR' })]);

    // The ERP owns the PO: the desk neither edits nor cancels it.
    expect(await errorOf(lead.call('purchaseOrders.cancel', { purchaseOrderId: p.id }))).toMatchObject({ key: 'errors.purchaseOrders.erpOwned', params: { po: 'EPO-1', erp: 'P-1' } });

    // Pulled again from the start (every change re-read) and through a snapshot: nothing written twice.
    const before = heldRows();
    desk.db.prepare('DELETE FROM sync_applied').run();
    setSetting(desk.db, SYNC_KEYS.cursor, '');
    await syncDesk();
    setSetting(desk.db, SYNC_KEYS.cursor, 'not-a-cursor'); // → resync: the snapshot, orders included
    await syncDesk();
    expect(heldRows()).toEqual(before);
    expect(refusals()).toEqual([]);

    // Receive 6 of 10 against the ERP's line, put away, allocate (FEFO), pick, pack and ship the SO.
    const got = await clerk.call('receiving.receive', { itemId: item.id, poLineId: erpLine, quantity: 6, unit: 'pcs', expiryDate: '2027-06-01' });
    const bin = (await clerk.call('catalog.locations')).find((l) => l.code === 'A-01')!;
    await clerk.call('stock.move', { toLocationId: bin.id, lines: [{ lotId: got.lot.id, fromLocationId: got.location.id, quantity: 6 }] });
    await lead.call('allocation.allocate', { orderId: s.id });
    await clerk.call('picking.scan', { orderId: s.id, bin: 'A-01', scan: got.lot.code, quantity: 4 });
    await clerk.call('packing.scan', { orderId: s.id, scan: got.lot.code, quantity: 4 });
    const shipped = await clerk.call('shipping.ship', { orderId: s.id });
    await syncDesk();
    await tick(deps);

    const receipts = (await erp('GET', '/erp/v1/receipts')).body.items as Record<string, unknown>[];
    expect(receipts).toEqual([
      expect.objectContaining({ id: got.receiptId, purchaseOrderId: p.id, purchaseOrderExternalId: 'P-1', partyExternalId: 'V-1', lines: [expect.objectContaining({ lotId: got.lot.id, itemExternalId: 'I-1', quantity: 6 })] }),
    ]);
    const shipments = (await erp('GET', '/erp/v1/shipments')).body.items as Record<string, unknown>[];
    expect(shipments).toEqual([
      expect.objectContaining({ id: shipped.shipmentId, salesOrderId: s.id, salesOrderExternalId: 'S-1', partyExternalId: 'C-1', lines: [expect.objectContaining({ lotId: got.lot.id, quantity: 4 })] }),
    ]);
    expect(delivered.map((d) => d.type).sort()).toEqual(['receipt.created', 'shipment.created']);

    // Started and known to the centre: a new version of either order is refused at the PUT.
    const amend = await erp('PUT', '/erp/v1/purchase-orders/P-1', po(12));
    expect(amend).toMatchObject({ status: 409, body: { error: { key: 'errors.erp.orderStarted', params: { number: 'EPO-1', document: got.receiptNumber } } } });
    expect((await erp('PUT', '/erp/v1/sales-orders/S-1', { ...so(4), status: 'cancelled' })).body.error?.key).toBe('errors.erp.orderStarted');
  });

  it('the desk refuses a new version of an order it started before the centre heard of it, and applies one of an unstarted order', { timeout: 60_000 }, async () => {
    const p2 = await put('/erp/v1/purchase-orders/P-2', po(5, 'EPO-2'));
    const p3 = await put('/erp/v1/purchase-orders/P-3', po(5, 'EPO-3'));
    const s2 = await put('/erp/v1/sales-orders/S-2', so(2, 'ESO-2'));
    await syncDesk();
    const clerk = await desk.signedIn('clerk', '1111');
    const lead = await desk.signedIn('lead', '3333');
    const line2 = (await lead.call('purchaseOrders.get', { purchaseOrderId: p2.id })).lineItems[0];
    const line3 = (await lead.call('purchaseOrders.get', { purchaseOrderId: p3.id })).lineItems[0];
    // Received at the desk; the centre has not projected it (no feed pass yet), so it takes the amendment.
    await clerk.call('receiving.receive', { itemId: line2.itemId, poLineId: line2.id, quantity: 2, unit: 'pcs', expiryDate: '2027-06-01' });
    expect((await put('/erp/v1/purchase-orders/P-2', po(9, 'EPO-2'))).version).toBe(2);
    expect((await put('/erp/v1/purchase-orders/P-3', { ...po(7, 'EPO-3'), reference: 'amended' })).version).toBe(2);
    expect((await put('/erp/v1/sales-orders/S-2', { ...so(2, 'ESO-2'), status: 'cancelled' })).version).toBe(2);
    await syncDesk();

    // P-2 stays as received against (5 ordered, 2 in); the refusal is in the pull's audit record.
    expect((await lead.call('purchaseOrders.get', { purchaseOrderId: p2.id })).lineItems).toEqual([expect.objectContaining({ id: line2.id, ordered: 5, received: 2 })]);
    expect(refusals()).toEqual([expect.objectContaining({ object: 'purchaseOrder', objectId: p2.id, label: 'EPO-2', after: 'orderStarted' })]);
    // P-3 (nothing received) takes the new version in place: same line id, new quantity and reference.
    const p3now = await lead.call('purchaseOrders.get', { purchaseOrderId: p3.id });
    expect(p3now).toMatchObject({ reference: 'amended', status: 'open' });
    expect(p3now.lineItems).toEqual([expect.objectContaining({ id: line3.id, ordered: 7 })]);
    // S-2, cancelled before anything was allocated: no longer open work.
    expect((await lead.call('orders.get', { orderId: s2.id })).status).toBe('cancelled');
    expect((await errorOf(lead.call('allocation.allocate', { orderId: s2.id }))).key).toBe('errors.orders.notOpen');
  });

  it('an order naming an item the desk refused is not written, with the reason in the audit', { timeout: 60_000 }, async () => {
    // The desk has its own TEA-250 (the demo's): the ERP's item of that SKU cannot be the desk's row.
    await put('/erp/v1/items/I-TEA', { sku: 'TEA-250', name: 'Tea 250 g', unit: 'pcs' });
    const p = await put('/erp/v1/purchase-orders/P-TEA', { number: 'EPO-TEA', partyExternalId: 'V-1', lines: [{ itemExternalId: 'I-TEA', quantity: 3 }] });
    await syncDesk();
    expect(desk.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(p.id)).toBeUndefined();
    expect(refusals().filter((c) => c.objectId === p.id)).toEqual([expect.objectContaining({ label: 'EPO-TEA', after: 'unknownItem' })]);
  });
});

describe('QC plans authored at the centre', () => {
  const plan = (upper: number) => ({
    sampling: { kind: 'fixed', n: 3 },
    triggers: ['receipt'],
    dueHours: 24,
    note: null,
    characteristics: [{ code: 'MOIST', name: 'Moisture', nameZh: '水分', kind: 'numeric', unit: '%', lowerLimit: 0, upperLimit: upper, decimals: 1, mandatory: true }],
  });
  const putPlan = async (id: string, body: object) => {
    const res = await app.inject({ method: 'PUT', url: `/central/v1/qc-plans/${id}`, headers: { cookie }, payload: { body, siteCode: 'WH1' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };

  it('become versions of the desk plan, superseding the active one; a re-pull or a snapshot adds none; a bad one is refused', { timeout: 60_000 }, async () => {
    const itemId = (desk.db.prepare("SELECT id FROM items WHERE sku = 'ERP-FLOUR'").get() as { id: string }).id;
    await putPlan('QP-1', { itemId, ...plan(14) });
    await syncDesk();
    expect(refusals().filter((c) => c.object === 'qcPlan')).toEqual([]);
    const manager = await desk.signedIn('manager', '4444');
    const versions = async () => (await manager.call('qc.plans.list', { itemId, history: true })).map((p) => ({ version: p.version, status: p.status }));
    expect(await versions()).toEqual([{ version: 1, status: 'active' }]);
    const [v1] = await manager.call('qc.plans.list', { itemId });
    const detail = await manager.call('qc.plans.get', { planId: v1.id });
    expect(detail.plan).toMatchObject({ sampling: { kind: 'fixed', n: 3 }, characteristics: [expect.objectContaining({ code: 'MOIST', nameZh: '水分', upperLimit: 14 })] });

    await putPlan('QP-1', { itemId, ...plan(13) });
    await syncDesk();
    expect(await versions()).toEqual([{ version: 2, status: 'active' }, { version: 1, status: 'superseded' }]);

    setSetting(desk.db, SYNC_KEYS.cursor, 'not-a-cursor'); // → resync: the snapshot holds QP-1 as it is now
    await syncDesk();
    setSetting(desk.db, SYNC_KEYS.cursor, ''); // from the start: every change id was applied already
    await syncDesk();
    expect(await versions()).toEqual([{ version: 2, status: 'active' }, { version: 1, status: 'superseded' }]);

    // Limits the wrong way round break the plan rule: the centre refuses it by the desks' own check, naming the rule; nothing reaches a desk.
    const bad = await app.inject({ method: 'PUT', url: '/central/v1/qc-plans/QP-BAD', headers: { cookie }, payload: { body: { itemId, ...plan(14), characteristics: [{ ...plan(14).characteristics[0], lowerLimit: 20 }] }, siteCode: 'WH1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'qcPlanInvalid', key: 'errors.qcPlans.crossedLimits', params: { code: 'MOIST', lower: 20, upper: 14, field: 'characteristics.0.lowerLimit' } });
    await syncDesk();
    expect((await versions()).length).toBe(2);
    expect(refusals().filter((c) => c.objectId === 'QP-BAD')).toEqual([]);
  });
});
