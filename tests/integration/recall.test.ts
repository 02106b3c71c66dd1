/**
 * Recall through the dispatcher on the demo data: a tea lot split, merged and made into gift kits,
 * part of the split lot shipped to a customer. A mock recall changes no status and is timed; a
 * real recall puts every affected lot with stock to 'recalled' in one command, so picking,
 * packing and shipping refuse it; notify, returns into a quarantine bin, the mass balance, the
 * close with a signature; each bad input is a translated error that writes nothing. The report
 * is read back with pdftotext (every customer and quantity, both languages) and drawn with pdftoppm.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView, NewLotResult } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate, unitName } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let manager: Client;
let clerk: Client;
let tea: LotView, tea2: LotView, soy: LotView, salt: LotView;
let split: NewLotResult, merged: NewLotResult, kit: NewLotResult;
let cat: Awaited<ReturnType<typeof catalog>>;
let label: (lot: { code: string; sku: string; expiryDate: string | null }) => string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, tea2, soy, salt] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' },
    { sku: 'TEA-250', expiry: '2028-06-01', quantity: 10, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-11-01', quantity: 20, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-12-01', quantity: 5, bin: 'A-03' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  clerk = await desk.signedIn('clerk', '1111');
  cat = await catalog(lead);
  const bin = (code: string) => cat.location(code).id;
  split = await lead.call('lots.split', { lotId: tea.id, fromLocationId: bin('A-01'), quantity: 8, toLocationId: bin('A-02') });
  merged = await lead.call('lots.merge', { toLocationId: bin('A-01'), parts: [{ lotId: tea.id, fromLocationId: bin('A-01'), quantity: 4 }, { lotId: tea2.id, fromLocationId: bin('A-01'), quantity: 5 }] });
  kit = await lead.call('lots.transform', {
    kind: 'kitting', itemId: cat.item('GIFT-TEA').id, quantity: 6, unit: 'pcs', toLocationId: bin('A-07'),
    components: [{ lotId: split.lot.id, fromLocationId: bin('A-02'), quantity: 6 }, { lotId: soy.id, fromLocationId: bin('A-01'), quantity: 6 }],
  });
  label = (lot) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
  const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 2, lotId: split.lot.id }] });
  await lead.call('allocation.allocate', { orderId: order.id });
  await clerk.call('picking.scan', { orderId: order.id, bin: 'A-02', scan: label(split.lot), quantity: 2 });
  await clerk.call('packing.scan', { orderId: order.id, scan: label(split.lot) });
  await clerk.call('shipping.ship', { orderId: order.id });
});
afterAll(() => desk.close());

const statusOf = async (id: string) => (await manager.call('lots.get', { lotId: id })).lot.status;

function pdfText(bytes: Buffer, name: string): string {
  const file = join(desk.dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('mock recall', () => {
  let mockId: string;
  it('starts from a scanned label, changes no status, lists the customer and is timed to the reconciled report', async () => {
    desk.db
      .prepare("INSERT INTO party_contacts (id, party_id, name, phone, email, role) SELECT 'contact-wu', id, 'Ms Wu', '+86 21 5555 0101', 'wu@example.cn', 'QA' FROM parties WHERE code = 'CUS-SHM'")
      .run();
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'recalls', 'recall_roots', 'recall_lots', 'counters']);
    const started = await manager.call('recall.start', { roots: [{ scan: label(tea) }], mock: true, reason: 'Drill: supplier alert', recallClass: 'II' });
    mockId = started.id;
    expect(started).toMatchObject({ held: 0, number: expect.stringMatching(/^MRC-\d{8}-001$/) });
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'recalls', 'recall_roots', 'recall_lots', 'counters'])).toEqual(before);
    expect(await statusOf(tea.id)).toBe('released');
    const d = await manager.call('recall.get', { recallId: mockId });
    expect(d.lots.map((l) => l.code).sort()).toEqual([tea.code, split.lot.code, merged.lot.code, kit.lot.code].sort());
    expect(d.customers.map((c) => [c.code, c.lots.map((l) => [l.lotCode, l.shipped])])).toEqual([['CUS-SHM', [[split.lot.code, 2]]]]);
    // Contacts through contactsOf: the party's GLN and region, then its people with phone and e-mail.
    expect(d.customers[0].contacts).toEqual([
      { kind: 'gln', value: '9506000200019' },
      { kind: 'region', value: 'CN-SH' },
      { kind: 'person', value: 'Ms Wu (QA)' },
      { kind: 'phone', value: '+86 21 5555 0101' },
      { kind: 'email', value: 'wu@example.cn' },
    ]);
    expect(d.customers[0]).toMatchObject({ shippedRegions: ['CN-SH'], shippedChannels: ['retail'], shipmentCount: 1 });
    expect(d.durationSeconds).toBeNull();
    desk.clock.advance(42_000);
    await manager.call('recall.reconcile', { recallId: mockId });
    const list = await manager.call('recall.list');
    expect(list.find((r) => r.id === mockId)).toMatchObject({ mock: true, durationSeconds: 42, accountedPercent: 100, rootCodes: [tea.code] });
    expect(await errorOf(manager.call('recall.reconcile', { recallId: mockId }))).toMatchObject({ key: 'errors.recall.alreadyReconciled' });
    expect(await errorOf(manager.call('recall.receiveReturn', { recallId: mockId, customerId: cat.customer('CUS-SHM').id, scan: label(split.lot), quantity: 1, toLocationId: cat.location('QA-01').id }))).toMatchObject({ key: 'errors.recall.mockNoReturns' });
  });

  it('has a mass balance per root that accounts for every unit', async () => {
    const d = await manager.call('recall.get', { recallId: mockId });
    // tea: 20 received = 8 on hand? no: 20 − 8 (split) − 4 (merge) = 8 on hand, 12 consumed into other lots.
    expect(d.massBalance).toEqual([expect.objectContaining({ lotCode: tea.code, input: 20, onHand: 8, shipped: 0, consumed: 12, adjusted: 0, unaccounted: 0, accountedPercent: 100 })]);
  });

  it('renders the report in English and Chinese with every customer and quantity, and pdftoppm draws it', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const pdf = await manager.call('recall.pdf', { recallId: mockId, locale });
      const bytes = Buffer.from(pdf.base64, 'base64');
      const text = pdfText(bytes, `mock-${locale}.pdf`).replace(/\s+/g, ' ');
      expect(text).toContain(translate(locale, 'documents.recall.titleMock'));
      expect(text).toContain('CUS-SHM');
      expect(text).toContain(`${split.lot.code}: 2 ${unitName(locale, 'pcs')}`);
      expect(text).toContain(kit.lot.code);
      expect(text).toContain(translate(locale, 'documents.recall.massBalance'));
      const png = join(desk.dir, `mock-${locale}`);
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', join(desk.dir, `mock-${locale}.pdf`), png]);
      const page = `${png}-1.png`;
      expect(existsSync(page) && statSync(page).size).toBeGreaterThan(1000);
    }
  });
});

describe('real recall', () => {
  let recallId: string;
  const orders: Record<'allocated' | 'picked' | 'packed', string> = { allocated: '', picked: '', packed: '' };
  it('refuses bad input and writes nothing', async () => {
    const before = snapshot(desk.db);
    expect(await errorOf(lead.call('recall.start', { roots: [{ lotId: soy.id }], reason: 'Mould', recallClass: 'I' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotCode: 'NO-SUCH-LOT' }], reason: 'Mould', recallClass: 'I' }))).toMatchObject({ key: 'errors.trace.lotCodeUnknown', field: 'roots.0.lotCode' });
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotId: 'nope' }], reason: 'Mould', recallClass: 'I' }))).toMatchObject({ key: 'errors.lot.unknown', field: 'roots.0.lotId' });
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotId: soy.id }], reason: 'x', recallClass: 'I' }))).toMatchObject({ key: 'errors.recall.reason' });
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotId: soy.id }], reason: 'Mould', recallClass: 'IV' as 'I' }))).toMatchObject({ key: 'errors.recall.badClass' });
    expect(await errorOf(manager.call('recall.start', { roots: [], reason: 'Mould', recallClass: 'I' }))).toMatchObject({ key: 'errors.recall.noRoots' });
    // The tea lot is under the open mock recall: another drill of it is refused.
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotId: tea.id }], mock: true, reason: 'Drill again', recallClass: 'II' }))).toMatchObject({ key: 'errors.recall.rootUnderRecall', field: 'roots.0' });
    expect(snapshot(desk.db)).toEqual(before);
    expect(translate('zh-CN', 'errors.recall.rootUnderRecall', { lot: 'X', recall: 'Y' })).toContain('已在进行中的召回');
  });

  it('puts every affected lot with stock to recalled in one command; roots of different items are allowed', async () => {
    // Three orders of the merged lot, caught by the recall at three stages: allocated, picked, packed.
    for (const stage of ['allocated', 'picked', 'packed'] as const) {
      const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 1, lotId: merged.lot.id }] });
      await lead.call('allocation.allocate', { orderId: order.id });
      if (stage !== 'allocated') await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: label(merged.lot), quantity: 1 });
      if (stage === 'packed') await clerk.call('packing.scan', { orderId: order.id, scan: label(merged.lot) });
      orders[stage] = order.id;
    }
    const started = await manager.call('recall.start', { roots: [{ lotId: tea.id }, { lotId: salt.id }], reason: 'Pesticide residue above limit', recallClass: 'I' });
    recallId = started.id;
    // tea (8 left), merged (9), kit (6), the other soy lot (5) have stock; the split lot was used up and shipped.
    expect(started.held).toBe(4);
    for (const lot of [tea, merged.lot, kit.lot, salt]) expect(await statusOf(lot.id)).toBe('recalled');
    expect(await statusOf(split.lot.id)).toBe('released');
    expect(await statusOf(soy.id)).toBe('released');
    expect(await errorOf(manager.call('recall.start', { roots: [{ lotId: split.lot.id }, { lotId: tea.id }], reason: 'Again', recallClass: 'I' }))).toMatchObject({ key: 'errors.recall.rootUnderRecall', field: 'roots.1' });
    const audit = desk.db.prepare("SELECT changes FROM audit WHERE command = 'recall.start' AND result = 'ok' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(JSON.parse(audit.changes)).toEqual(expect.arrayContaining([expect.objectContaining({ object: 'lot', label: tea.code, field: 'status', before: 'released', after: 'recalled' })]));
  });

  it('makes picking, packing and shipping refuse a recalled lot at the next scan', async () => {
    const forbids = { key: 'errors.lot.statusForbids', params: expect.objectContaining({ lot: merged.lot.code, status: 'recalled' }) };
    expect(await errorOf(clerk.call('picking.scan', { orderId: orders.allocated, bin: 'A-01', scan: label(merged.lot), quantity: 1 }))).toMatchObject(forbids);
    expect(await errorOf(clerk.call('packing.scan', { orderId: orders.picked, scan: label(merged.lot) }))).toMatchObject(forbids);
    expect(await errorOf(clerk.call('shipping.ship', { orderId: orders.packed }))).toMatchObject(forbids);
  });

  it('notifies, receives returns into a quarantine bin, refuses wrong returns and closes with a signature', async () => {
    const customerId = cat.customer('CUS-SHM').id;
    const otherCustomer = (await lead.call('catalog.parties', { kind: 'customer' })).find((p) => p.code !== 'CUS-SHM')!;
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures']);
    expect(await errorOf(manager.call('recall.markNotified', { recallId, customerId: otherCustomer.id, contact: 'Ms Wu', method: 'phone' }))).toMatchObject({ key: 'errors.recall.customerNotAffected' });
    expect(await errorOf(manager.call('recall.receiveReturn', { recallId, customerId, scan: label(split.lot), quantity: 1, toLocationId: cat.location('A-02').id }))).toMatchObject({ key: 'errors.recall.returnBin' });
    expect(await errorOf(manager.call('recall.receiveReturn', { recallId, customerId, scan: label(split.lot), quantity: 3, toLocationId: cat.location('QA-01').id }))).toMatchObject({ key: 'errors.recall.returnTooMany' });
    expect(await errorOf(manager.call('recall.receiveReturn', { recallId, customerId, scan: label(kit.lot), quantity: 1, toLocationId: cat.location('QA-01').id }))).toMatchObject({ key: 'errors.recall.returnNotShipped' });
    expect(await errorOf(manager.call('recall.close', { recallId, secret: '4444' }))).toMatchObject({ key: 'errors.recall.notAllNotified' });
    expect(await errorOf(manager.call('recall.markNotified', { recallId, customerId, contact: 'Ms Wu', method: 'phone', notifiedAt: '2099-01-01T00:00:00Z' }))).toMatchObject({ key: 'errors.recall.notifiedAt', field: 'notifiedAt' });
    expect(await errorOf(manager.call('recall.markNotified', { recallId, customerId, contact: 'Ms Wu', method: 'fax' as 'phone' }))).toMatchObject({ key: 'errors.recall.method' });
    expect(await errorOf(manager.call('recall.get', { recallId: 'nope' }))).toMatchObject({ key: 'errors.recall.unknown', code: 'not_found' });
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures'])).toEqual(before);

    await manager.call('recall.markNotified', { recallId, customerId, contact: 'Ms Wu (QA)', method: 'phone', note: 'Will send the cases back' });
    await manager.call('recall.receiveReturn', { recallId, customerId, scan: label(split.lot), quantity: 2, toLocationId: cat.location('QA-01').id });
    const d = await manager.call('recall.get', { recallId });
    expect(d.customers[0]).toMatchObject({ code: 'CUS-SHM', notifications: [expect.objectContaining({ contact: 'Ms Wu (QA)', method: 'phone' })], lots: [expect.objectContaining({ lotCode: split.lot.code, shipped: 2, returned: 2 })] });
    // The used-up split lot has stock again, so the return put it on hold too.
    expect(d.lots.find((l) => l.lotId === split.lot.id)).toMatchObject({ onHandAtStart: 0, onHand: 2, status: 'recalled', held: true });
    expect(d.massBalance.find((b) => b.lotId === tea.id)).toMatchObject({ unaccounted: 0, accountedPercent: 100 });

    // A wrong PIN is refused, counted like a failed PIN, and closes nothing.
    expect(await errorOf(manager.call('recall.close', { recallId, secret: '0000' }))).toMatchObject({ key: 'errors.recall.badSignature' });
    expect((desk.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE command = 'recall.close' AND result = 'denied'").get() as { n: number }).n).toBe(1);
    expect((await manager.call('recall.get', { recallId })).status).toBe('open');
    await manager.call('recall.close', { recallId, secret: 'sign-4444', note: 'All cases back' });
    const closed = await manager.call('recall.get', { recallId });
    expect(closed.signature).toMatchObject({ meaning: 'recallComplete', signerUsername: 'manager', note: 'All cases back' });
    // The same e-signature path as QC: one e_signatures row with the meaning, the printed name and the bound hash.
    expect(desk.db.prepare("SELECT object, meaning, reason, printed_name AS printedName, length(bound_hash) AS h FROM e_signatures WHERE object_id = ?").all(recallId)).toEqual([
      { object: 'recall', meaning: 'recallComplete', reason: 'All cases back', printedName: expect.any(String), h: 64 },
    ]);
    expect(closed.timeline.map((e) => e.kind)).toEqual(['started', 'held', 'notified', 'returned', 'reconciled', 'closed']);
    expect(await errorOf(manager.call('recall.markNotified', { recallId, customerId, contact: 'x', method: 'email' }))).toMatchObject({ key: 'errors.recall.closed' });
    // Every recall command noted what it changed, object by object.
    const noted = desk.db.prepare("SELECT DISTINCT a.command, o.object FROM audit a JOIN audit_objects o ON o.seq = a.seq WHERE a.command LIKE 'recall.%' AND a.result = 'ok' ORDER BY 1, 2").all();
    expect(noted).toEqual(expect.arrayContaining([
      { command: 'recall.close', object: 'recall' }, { command: 'recall.markNotified', object: 'recallNotification' },
      { command: 'recall.receiveReturn', object: 'lot' }, { command: 'recall.receiveReturn', object: 'recallReturn' },
      { command: 'recall.reconcile', object: 'recall' }, { command: 'recall.start', object: 'lot' }, { command: 'recall.start', object: 'recall' },
    ]));

    const pdf = await manager.call('recall.pdf', { recallId, locale: 'zh-CN' });
    const text = pdfText(Buffer.from(pdf.base64, 'base64'), 'real-zh.pdf').replace(/\s+/g, ' ');
    expect(text).toContain('召回报告');
    expect(text).toContain('CUS-SHM');
    expect(text).toContain('Ms Wu (QA)');
    expect(text).toContain('陈静');
  });
});
