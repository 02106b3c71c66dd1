import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import type { Client } from '../../src/contract/client';
import { compareBalances } from '../../src/store/ledger';
import { verifyAudit } from '../../src/app/kernel/audit-log';

let desk: TestDesk;
let clerk: Client;

async function ids(c: Client) {
  const items = await c.call('catalog.items');
  const suppliers = await c.call('catalog.parties', { kind: 'supplier' });
  const item = (sku: string) => items.find((i) => i.sku === sku)!;
  const supplier = (code: string) => suppliers.find((s) => s.code === code)!;
  return { item, supplier };
}

beforeEach(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
});
afterEach(() => desk.close());

describe('receiving', () => {
  it('receives a blind lot of an item without QC as released into the receiving bin, with ledger, balance and audit', async () => {
    const { item, supplier } = await ids(clerk);
    const auditBefore = verifyAudit(desk.db).records;
    const r = await clerk.call('receiving.receive', {
      itemId: item('TEA-250').id,
      supplierId: supplier('SUP-HZT').id,
      supplierLot: 'HZ-2611-07',
      quantity: 48,
      unit: 'pcs',
      productionDate: '2026-11-01',
    });
    expect(r.lot.status).toBe('released');
    expect(r.location.code).toBe('RCV-01');
    expect(r.lot.code).toBe('261125-WH1-0001');
    // Expiry derived from the production date and the item's 540-day shelf life.
    expect(r.lot.expiryDate).toBe('2028-04-24');
    expect(r.receiptNumber).toBe('RCV-20261125-0001');
    const stock = (await clerk.call('stock.list', { lotId: r.lot.id })).rows;
    expect(stock).toEqual([expect.objectContaining({ locationCode: 'RCV-01', quantity: 48 })]);
    expect(compareBalances(desk.db)).toEqual([]);
    const audit = verifyAudit(desk.db);
    expect(audit.problems).toEqual([]);
    expect(audit.records).toBe(auditBefore + 1);
    const last = desk.db.prepare('SELECT command, user_id FROM audit ORDER BY seq DESC LIMIT 1').get() as { command: string; user_id: string };
    expect(last.command).toBe('receiving.receive');
  });

  it('puts a lot of a QC-required item in quarantine into a quarantine bin', async () => {
    const { item, supplier } = await ids(clerk);
    const r = await clerk.call('receiving.receive', {
      itemId: item('MILK-1L').id,
      supplierId: supplier('SUP-NDA').id,
      quantity: 120,
      unit: 'pcs',
      expiryDate: '2027-05-01',
    });
    expect(r.lot.status).toBe('quarantine');
    expect(r.location.code).toBe('QA-01');
    const receiving = (await clerk.call('catalog.locations')).find((l) => l.code === 'RCV-01')!;
    const err = await errorOf(
      clerk.call('receiving.receive', { itemId: item('MILK-1L').id, supplierId: supplier('SUP-NDA').id, quantity: 1, unit: 'pcs', expiryDate: '2027-05-01', locationId: receiving.id }),
    );
    expect(err).toMatchObject({ key: 'errors.receiving.needsQuarantineBin', field: 'locationId' });
  });

  it('books an unplaced lot into the first active receiving (quarantine) bin by code, never an inactive one', async () => {
    const { item, supplier } = await ids(clerk);
    const manager = await desk.signedIn('manager', '4444');
    const bins = await manager.call('locations.list', {});
    const byCode = (code: string) => bins.find((b) => b.code === code)!;
    const zoneId = byCode('RCV-01').zoneId;
    // RCV-00 sorts first but is inactive; QA-00 likewise among the quarantine bins.
    const rcv00 = await manager.call('locations.create', { zoneId, code: 'RCV-00', kind: 'receiving' });
    const qa00 = await manager.call('locations.create', { zoneId: byCode('QA-01').zoneId, code: 'QA-00', kind: 'quarantine' });
    await manager.call('locations.setActive', { locationId: rcv00.id, active: false });
    await manager.call('locations.setActive', { locationId: qa00.id, active: false });
    const receive = (sku: string, supplierCode: string) =>
      clerk.call('receiving.receive', { itemId: item(sku).id, supplierId: supplier(supplierCode).id, quantity: 1, unit: 'pcs', expiryDate: '2027-05-01' });
    expect((await receive('TEA-250', 'SUP-HZT')).location.code).toBe('RCV-01');
    expect((await receive('MILK-1L', 'SUP-NDA')).location.code).toBe('QA-01');
    await manager.call('locations.setActive', { locationId: rcv00.id, active: true });
    expect((await receive('TEA-250', 'SUP-HZT')).location.code).toBe('RCV-00');
  });

  it('numbers lots per item and day, and the sequence restarts the next day', async () => {
    const { item, supplier } = await ids(clerk);
    const base = { supplierId: supplier('SUP-HZT').id, quantity: 1, unit: 'pcs', expiryDate: '2027-12-31' };
    const a = await clerk.call('receiving.receive', { ...base, itemId: item('TEA-250').id });
    const b = await clerk.call('receiving.receive', { ...base, itemId: item('TEA-250').id });
    const other = await clerk.call('receiving.receive', { ...base, itemId: item('SOY-500').id });
    desk.clock.set('2026-11-26T07:00:00Z');
    // Overnight the idle limit signed the clerk out; the morning shift signs in again.
    clerk = await desk.signedIn('clerk', '1111');
    const c = await clerk.call('receiving.receive', { ...base, itemId: item('TEA-250').id });
    expect([a.lot.code, b.lot.code, other.lot.code, c.lot.code]).toEqual(['261125-WH1-0001', '261125-WH1-0002', '261125-WH1-0001', '261126-WH1-0001']);
  });

  it('receives against a purchase order line, appends lines to the open receipt and refuses over-receipt', async () => {
    const [po] = (await clerk.call('purchaseOrders.open')).filter((p) => p.number === 'PO-1001');
    const line = po.lines[0];
    const first = await clerk.call('receiving.receive', { poLineId: line.id, itemId: line.itemId, quantity: 200, unit: 'pcs', supplierLot: 'A1', expiryDate: '2027-10-01' });
    const second = await clerk.call('receiving.receive', { poLineId: line.id, receiptId: first.receiptId, itemId: line.itemId, quantity: 30, unit: 'pcs', supplierLot: 'A2', expiryDate: '2027-10-01' });
    expect(second.receiptId).toBe(first.receiptId);
    const after = (await clerk.call('purchaseOrders.open')).find((p) => p.number === 'PO-1001')!;
    expect(after.lines[0].received).toBe(230);
    const before = snapshot(desk.db);
    const err = await errorOf(clerk.call('receiving.receive', { poLineId: line.id, itemId: line.itemId, quantity: 11, unit: 'pcs', supplierLot: 'A3', expiryDate: '2027-10-01' }));
    expect(err).toMatchObject({ code: 'rule', key: 'errors.receiving.overReceipt', field: 'quantity', params: { open: 10, po: 'PO-1001' } });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('keeps decimal quantities exact for weighed items', async () => {
    const { item, supplier } = await ids(clerk);
    const r = await clerk.call('receiving.receive', { itemId: item('RICE-BULK').id, supplierId: supplier('SUP-GRN').id, quantity: 1250.125, unit: 'kg', expiryDate: '2027-11-01' });
    expect(r.quantity).toBe(1250.125);
    const row = desk.db.prepare('SELECT quantity FROM movements WHERE id = ?').get(r.movementId) as { quantity: number };
    expect(row.quantity).toBe(1_250_125);
  });
});

describe('scanning at the receiving desk', () => {
  it('resolves a GS1-128 pallet label (SSCC, content GTIN, count) with AIM id and GS to the catalog item and the lot fields', async () => {
    const { item } = await ids(clerk);
    const tea = item('TEA-250');
    const scan = `]C10039506000000000001602${tea.gtin}112611011728042410HZ-2611-07\u001D3748`;
    const r = await clerk.call('scan.resolve', { scan });
    expect(r.item?.id).toBe(tea.id);
    expect(r.scan).toMatchObject({ symbology: 'GS1-128', sscc: '395060000000000016', gtin: tea.gtin, batch: 'HZ-2611-07', productionDate: '2026-11-01', expiry: '2028-04-24', count: 48 });
  });

  it('resolves a GS1 Digital Link and a keyboard-wedge GS substitute the same way', async () => {
    const { item } = await ids(clerk);
    const tea = item('TEA-250');
    const link = await clerk.call('scan.resolve', { scan: `https://id.example.com/01/${tea.gtin}/10/HZ-1?17=280424` });
    const wedge = await clerk.call('scan.resolve', { scan: `01${tea.gtin}10HZ-1~17280424`, gsSubstitute: '~' });
    expect(link.item?.sku).toBe('TEA-250');
    expect(wedge.item?.sku).toBe('TEA-250');
    expect(link.scan).toMatchObject({ batch: 'HZ-1', expiry: '2028-04-24' });
    expect(wedge.scan).toMatchObject({ batch: 'HZ-1', expiry: '2028-04-24' });
  });

  it('returns a scan with a bad check digit as a translated error on the scan field', async () => {
    const err = await errorOf(clerk.call('scan.resolve', { scan: ']C10109506000134353' }));
    expect(err).toMatchObject({ code: 'validation', field: 'scan', params: { ai: '01' } });
    expect(err.key).toMatch(/^gs1\.error\./);
  });

  it("refuses to book a scanned case as another item than its label's GTIN, and writes nothing", async () => {
    const { item, supplier } = await ids(clerk);
    const [tea, soy] = [item('TEA-250'), item('SOY-500')];
    const asTea = (scan: string, gsSubstitute?: string) =>
      clerk.call('receiving.receive', {
        itemId: tea.id,
        supplierId: supplier('SUP-HZT').id,
        quantity: 12,
        unit: 'pcs',
        expiryDate: '2028-04-24',
        scan,
        ...(gsSubstitute ? { gsSubstitute } : {}),
      });
    const before = snapshot(desk.db);
    // The soy label, and a label of a GTIN no item has, while the desk has tea chosen.
    for (const gtin of [soy.gtin, '04012345000016']) {
      const e = await errorOf(asTea(`]C101${gtin}10SOY-1\u001D3012`));
      expect(e).toMatchObject({ code: 'rule', key: 'errors.receiving.scanOtherItem', field: 'itemId', params: { gtin, sku: 'TEA-250' } });
    }
    expect(snapshot(desk.db)).toEqual(before);
    // The tea's own label is received, also when a wedge scanner sent '~' for GS.
    expect((await asTea(`01${tea.gtin}10HZ-1~3012`, '~')).lot.sku).toBe('TEA-250');
    expect((await asTea(`]C101${tea.gtin}10HZ-2\u001D3012`)).lot.sku).toBe('TEA-250');
  });

  it('returns no item for a GTIN the catalog does not know', async () => {
    const r = await clerk.call('scan.resolve', { scan: '0104012345000016' });
    expect(r.item).toBeNull();
    expect(r.scan.gtin).toBe('04012345000016');
  });
});
