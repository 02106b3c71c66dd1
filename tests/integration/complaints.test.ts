/**
 * Complaints and CAPA (issue 16) through the dispatcher on a real desk: a complaint about a lot
 * read from its scanned label with a photo attached (stored beside the database, SHA-256 in it),
 * listed for the lot with its trace and recall routes, a CAPA saved and closed with the signer's
 * PIN, every change in the audit; and the bad input: an unknown lot, a lot of another item, a
 * clerk, a wrong signature, a CAPA closed without verification or twice, a file too large — each
 * a translated error that writes nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let inspector: Client;
let manager: Client;
let lead: Client;
let tea: LotView;
let cat: Awaited<ReturnType<typeof catalog>>;
const photo = Buffer.from('\x89PNG\r\n\x1a\n a photo of a torn tea pack');

beforeAll(async () => {
  desk = await openTestDesk();
  [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
  inspector = await desk.signedIn('inspector', '2222');
  manager = await desk.signedIn('manager', '4444');
  lead = await desk.signedIn('lead', '3333');
  cat = await catalog(lead);
});
afterAll(() => desk.close());

const userId = (username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const label = (lot: LotView) => `]C1${buildElementString({ gtin: cat.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;

async function newComplaint(client: Client = lead) {
  return client.call('complaints.create', {
    customerId: cat.customer('CUS-SHM').id, lot: label(tea), description: 'Pack torn, tea leaves loose in the carton', receivedOn: '2026-11-24', severity: 'major',
    files: [{ name: 'torn-pack.png', mimeType: 'image/png', base64: photo.toString('base64') }],
  });
}

describe('complaints', () => {
  it('records a complaint about a scanned lot with its photo stored beside the database', async () => {
    const created = await newComplaint();
    expect(created.number).toMatch(/^CMP-\d{6}$/);
    const detail = await inspector.call('complaints.get', { complaintId: created.id });
    expect(detail.complaint).toMatchObject({
      lotId: tea.id, lotCode: tea.code, itemId: cat.item('TEA-250').id, sku: 'TEA-250', customerCode: 'CUS-SHM', severity: 'major', receivedOn: '2026-11-24', files: 1, capaStatus: null,
      traceRoute: `/trace?lot=${encodeURIComponent(tea.code)}`, recallRoute: `/recall?lot=${encodeURIComponent(tea.code)}`,
    });
    const sha = createHash('sha256').update(photo).digest('hex');
    expect(detail.files).toEqual([expect.objectContaining({ fileName: 'torn-pack.png', mimeType: 'image/png', size: photo.length, sha256: sha })]);
    const stored = join(desk.dir, 'complaint-files', sha);
    expect(readFileSync(stored)).toEqual(photo);
    const back = await manager.call('complaints.file', { complaintId: created.id, fileId: detail.files[0].id });
    expect(Buffer.from(back.base64, 'base64')).toEqual(photo);
    // A file changed in the data folder is refused, never served as the one recorded.
    writeFileSync(stored, 'something else');
    expect(await errorOf(manager.call('complaints.file', { complaintId: created.id, fileId: detail.files[0].id }))).toMatchObject({ key: 'errors.complaints.fileDamaged' });
    writeFileSync(stored, photo);
  });

  it('takes a typed lot code and lists the lot’s complaints, newest first', async () => {
    const typed = await inspector.call('complaints.create', { lot: tea.code, description: 'Off smell', receivedOn: '2026-11-25', severity: 'minor' });
    const list = await manager.call('complaints.list', { lotId: tea.id });
    expect(list[0]).toMatchObject({ id: typed.id, lotInput: tea.code, severity: 'minor' });
    expect(list.every((c) => c.lotId === tea.id)).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(2);
  });

  it('edits a complaint and notes each changed field in the audit', async () => {
    const c = await newComplaint();
    await lead.call('complaints.update', { complaintId: c.id, customerId: cat.customer('CUS-SHM').id, description: 'Pack torn, two cartons', receivedOn: '2026-11-24', severity: 'critical' });
    const row = desk.db.prepare("SELECT changes FROM audit WHERE command = 'complaints.update' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    const changes = JSON.parse(row.changes) as { field: string; before: unknown; after: unknown }[];
    expect(changes.map((x) => [x.field, x.before, x.after])).toEqual([['description', 'Pack torn, tea leaves loose in the carton', 'Pack torn, two cartons'], ['severity', 'major', 'critical']]);
  });
});

describe('CAPA', () => {
  it('is saved, then closed with the signer’s e-signature (signing password): who, when and the meaning are kept', async () => {
    const c = await newComplaint();
    await inspector.call('capa.save', { complaintId: c.id, rootCause: 'Carton crushed by a pallet stacked too high', action: 'Max 4 layers; corner boards', ownerId: userId('lead'), dueDate: '2026-12-15' });
    expect((await manager.call('complaints.list', {})).find((x) => x.id === c.id)!.capaStatus).toBe('open');
    // Without verification it does not close.
    expect(await errorOf(inspector.call('capa.close', { complaintId: c.id, secret: '2222' }))).toMatchObject({ key: 'errors.capa.noVerification' });
    await inspector.call('capa.save', { complaintId: c.id, rootCause: 'Carton crushed by a pallet stacked too high', action: 'Max 4 layers; corner boards', ownerId: userId('lead'), dueDate: '2026-12-15', verification: 'No damage in 3 weeks of shipments' });
    // A PIN does not sign: the signing password does, through the one e-signature path.
    expect(await errorOf(inspector.call('capa.close', { complaintId: c.id, secret: '2222' }))).toMatchObject({ key: 'errors.capa.badSignature', field: 'secret' });
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures', 'secret_failures_by_client']);
    const wrong = await errorOf(inspector.call('capa.close', { complaintId: c.id, secret: '9999' }));
    expect(wrong).toMatchObject({ key: 'errors.capa.badSignature', field: 'secret' });
    expect(translate('zh-CN', wrong.key, wrong.params)).toContain('CAPA 未关闭');
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures', 'secret_failures_by_client'])).toEqual(before);
    expect(desk.db.prepare("SELECT COUNT(*) FROM audit WHERE command = 'capa.close' AND result = 'denied'").pluck().get()).toBe(2);
    desk.clock.set('2026-11-25T09:36:00.000Z');
    await inspector.call('capa.close', { complaintId: c.id, secret: 'sign-2222' });
    expect(desk.db.prepare('SELECT object, meaning, signer_id AS signer, signed_at AS at FROM e_signatures WHERE object_id = ?').all(c.id)).toEqual([
      { object: 'capa', meaning: 'CAPA verified effective and closed', signer: userId('inspector'), at: '2026-11-25T09:36:00.000Z' },
    ]);
    const { capa, complaint } = await manager.call('complaints.get', { complaintId: c.id });
    expect(capa).toMatchObject({ status: 'closed', closedByName: expect.any(String), closedAt: '2026-11-25T09:36:00.000Z', signatureMeaning: 'CAPA verified effective and closed', verification: 'No damage in 3 weeks of shipments' });
    expect(complaint.capaStatus).toBe('closed');
    const audit = desk.db.prepare("SELECT user_id AS userId, changes FROM audit WHERE command = 'capa.close' AND result = 'ok'").get() as { userId: string; changes: string };
    expect(audit.userId).toBe(userId('inspector'));
    expect(JSON.parse(audit.changes)).toContainEqual(expect.objectContaining({ field: 'status', before: 'open', after: 'closed' }));
    // Closed is final: no second close, no edit.
    expect(await errorOf(manager.call('capa.close', { complaintId: c.id, secret: '4444' }))).toMatchObject({ key: 'errors.capa.closed' });
    expect(await errorOf(inspector.call('capa.save', { complaintId: c.id, rootCause: 'x x x', action: 'y y y', ownerId: userId('lead'), dueDate: '2026-12-15' }))).toMatchObject({ key: 'errors.capa.closed' });
  });

  it('refuses closing a complaint without a CAPA, and a lead signing', async () => {
    const c = await newComplaint();
    expect(await errorOf(manager.call('capa.close', { complaintId: c.id, secret: '4444' }))).toMatchObject({ key: 'errors.capa.none' });
    expect(await errorOf(lead.call('capa.close', { complaintId: c.id, secret: '3333' }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('bad input', () => {
  it('refuses an unknown lot, a lot of another item, no product, a future date, a clerk and a file too large, writing nothing', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures']);
    const base = { description: 'Something wrong', receivedOn: '2026-11-24', severity: 'minor' } as const;
    expect(await errorOf(lead.call('complaints.create', { ...base, lot: 'NO-SUCH-LOT' }))).toMatchObject({ key: 'errors.complaints.unknownLot', field: 'lot', params: { lot: 'NO-SUCH-LOT' } });
    expect(await errorOf(lead.call('complaints.create', { ...base, lotId: tea.id, itemId: cat.item('SOY-500').id }))).toMatchObject({ key: 'errors.complaints.lotOfOtherItem', params: { lot: tea.code, sku: 'TEA-250' } });
    expect(await errorOf(lead.call('complaints.create', { ...base }))).toMatchObject({ key: 'errors.complaints.noProduct' });
    expect(await errorOf(lead.call('complaints.create', { ...base, lotId: tea.id, receivedOn: '2026-12-01' }))).toMatchObject({ key: 'errors.complaints.receivedInFuture' });
    expect(await errorOf(lead.call('complaints.create', { ...base, lotId: tea.id, severity: 'awful' as 'minor' }))).toMatchObject({ key: 'errors.complaints.severity' });
    expect(await errorOf(lead.call('complaints.create', { ...base, lotId: tea.id, customerId: cat.supplier('SUP-HZT').id }))).toMatchObject({ key: 'errors.complaints.unknownCustomer' });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64');
    expect(await errorOf(lead.call('complaints.create', { ...base, lotId: tea.id, files: [{ name: 'huge.jpg', mimeType: 'image/jpeg', base64: big }] }))).toMatchObject({ key: 'errors.complaints.fileTooLarge' });
    expect(await errorOf(clerk.call('complaints.create', { ...base, lotId: tea.id }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(clerk.call('complaints.list', {}))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(lead.call('complaints.get', { complaintId: 'nope' }))).toMatchObject({ key: 'errors.complaints.unknown' });
    expect(await errorOf(lead.call('capa.save', { complaintId: 'nope', rootCause: 'abc', action: 'abc', ownerId: userId('lead'), dueDate: '2026-12-01' }))).toMatchObject({ key: 'errors.complaints.unknown' });
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures'])).toEqual(before);
  });
});
