/**
 * Supplier CoAs at receipt, re-test before expiry and retained samples (issue 17, items 5 and 8)
 * on a real desk. A supplier's CoA is kept in the data folder under its SHA-256, listed and read
 * back byte for byte; a file changed on disk is refused. Milk lots near expiry, not yet near it
 * and expired: only the first is due, re-tested, and once released its expiry extended with the
 * inspector's signing password — the old date kept, the change signed, audited before/after and
 * shown on the lot's history. Retained samples are recorded, listed when due and marked destroyed.
 * Every bad input is a translated refusal that writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import { lastChanges } from '../support/audit-changes';
import { insertPlan } from '../support/qc-fixtures';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import { addDays } from '../../src/domain/dates';
import { translate } from '../../src/i18n/translate';
import { messages } from '../../src/i18n/catalog';

const TODAY = DEMO_NOW.slice(0, 10);
let desk: TestDesk;
let clerk: Client;
let inspector: Client;
let manager: Client;
let refs: DemoRefs;
let near: LotView;
let later: LotView;
let expired: LotView;
let tea: LotView;

const unchanged = async (call: Promise<unknown>, except: string[] = ['audit', 'audit_objects']) => {
  const before = snapshot(desk.db, except);
  const err = await errorOf(call);
  expect(snapshot(desk.db, except)).toEqual(before);
  // Every refusal reads as a sentence in both languages, never as its key.
  for (const locale of ['en', 'zh-CN'] as const) expect(translate(locale, err.key, err.params), err.key).not.toBe(err.key);
  return err;
};

/** Records every sample of the plan's one characteristic in spec (the inspector) and releases it (the manager signs: separation of duties). */
async function releaseByCommands(recorder: Client, signer: Client, inspectionId: string): Promise<void> {
  const { inspection } = await recorder.call('qc.open', { inspectionId });
  for (const c of inspection!.characteristics) {
    for (let n = 1; n <= c.n; n++) await recorder.call('qc.recordResult', { inspectionId, characteristicId: c.id, sampleNo: n, value: '3.5' });
  }
  await signer.call('qc.decide', { inspectionId, decision: 'released', secret: 'sign-4444' });
}

beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  manager = await desk.signedIn('manager', '4444');
  refs = await demoRefs(clerk);
  // The milk plan re-tests 30 days before expiry (and, for these tests, does not inspect receipts).
  insertPlan(desk, refs.item('MILK-1L').id, [{ code: 'FAT', name: 'Fat', kind: 'numeric', lower: 3, upper: 4, decimals: 1 }], { retestDays: 30, triggers: ['retest'] });
  near = (await receiveLot(clerk, refs, 'MILK-1L', 40, addDays(TODAY, 20), { supplierLot: 'NDA-1' })).lot;
  later = (await receiveLot(clerk, refs, 'MILK-1L', 40, addDays(TODAY, 60), { supplierLot: 'NDA-2' })).lot;
  expired = (await receiveLot(clerk, refs, 'MILK-1L', 40, addDays(TODAY, 1), { supplierLot: 'NDA-3' })).lot;
  tea = (await receiveLot(clerk, refs, 'TEA-250', 10, addDays(TODAY, 10))).lot;
  // The third lot's date passes (received the day before it expires); the desk's clock stays on the demo day.
  desk.db.prepare('UPDATE lots SET expiry_date = ? WHERE id = ?').run(addDays(TODAY, -1), expired.id);
});
afterAll(() => desk?.close());

describe('supplier CoA at receipt', () => {
  const pdf = Buffer.from('%PDF-1.4\n% supplier certificate NDA-1\n%%EOF\n');
  let fileId: string;

  it('keeps the file in the data folder under its SHA-256, lists it on the lot and reads it back', async () => {
    const r = await clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: { name: 'NDA-1 CoA.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64') } });
    fileId = r.id;
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(readFileSync(join(desk.dir, 'qc-files', sha))).toEqual(pdf);
    expect(await inspector.call('qc.lotFiles', { lotId: near.id })).toEqual([
      { id: fileId, kind: 'supplier_coa', fileName: 'NDA-1 CoA.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: sha, addedAt: DEMO_NOW, addedBy: 'Li Na 李娜' },
    ]);
    expect(await inspector.call('qc.file', { fileId })).toEqual({ fileName: 'NDA-1 CoA.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64') });
    expect(lastChanges(desk.db, 'qc.attachSupplierCoa')).toEqual([{ object: 'lot', objectId: near.id, label: near.code, field: 'supplierCoa', before: null, after: `NDA-1 CoA.pdf ${sha}` }]);
    expect(await inspector.call('qc.lotFiles', { lotId: later.id })).toEqual([]);
  });

  it('refuses a file that is not a PDF or image, not what it says, unreadable, too large, or for no lot — writing nothing', async () => {
    const file = (over: Record<string, string>) => ({ name: 'x.pdf', mimeType: 'application/pdf', base64: pdf.toString('base64'), ...over });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ mimeType: 'text/plain' }) }))).toMatchObject({ key: 'errors.qcFiles.badType', field: 'file.mimeType' });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ base64: Buffer.from('just text').toString('base64') }) }))).toMatchObject({ key: 'errors.qcFiles.notThatType' });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ mimeType: 'image/png' }) }))).toMatchObject({ key: 'errors.qcFiles.notThatType' });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ base64: 'JVBERi0xLjQK***' }) }))).toMatchObject({ key: 'errors.qc.fileNotBase64' });
    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ base64: big }) }))).toMatchObject({ key: 'errors.qc.fileTooLarge' });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: 'nope', file: file({}) }))).toMatchObject({ code: 'not_found', key: 'errors.lot.unknown' });
    expect(await unchanged(clerk.call('qc.attachSupplierCoa', { lotId: near.id, file: file({ name: '' }) }))).toMatchObject({ code: 'validation' });
  });

  it('names a file changed on disk, or unknown, instead of serving it', async () => {
    expect(await errorOf(inspector.call('qc.file', { fileId: 'nope' }))).toMatchObject({ code: 'not_found', key: 'errors.qc.unknownFile' });
    const path = join(desk.dir, 'qc-files', createHash('sha256').update(pdf).digest('hex'));
    writeFileSync(path, '%PDF-1.4 forged');
    expect(await errorOf(inspector.call('qc.file', { fileId }))).toMatchObject({ code: 'rule', key: 'errors.qc.fileDamaged', params: { name: 'NDA-1 CoA.pdf' } });
    writeFileSync(path, pdf);
    expect(existsSync(path)).toBe(true);
  });
});

describe('re-test before expiry', () => {
  let retestId: string;

  it('lists only the lot whose re-test window has begun, and refuses to start the others', async () => {
    expect(await inspector.call('qc.retestDue', {})).toEqual([
      { lotId: near.id, lotCode: near.code, sku: 'MILK-1L', itemName: 'UHT whole milk 1 L', status: 'quarantine', expiryDate: addDays(TODAY, 20), dueOn: addDays(TODAY, -10), daysLeft: 20, inspection: null },
    ]);
    const none = ['audit', 'audit_objects'];
    expect(await unchanged(inspector.call('qc.startRetest', { lotId: later.id }), none)).toMatchObject({ code: 'rule', key: 'errors.qcRetest.notDue', params: { lot: later.code, date: addDays(TODAY, 30) } });
    expect(await unchanged(inspector.call('qc.startRetest', { lotId: expired.id }), none)).toMatchObject({ key: 'errors.qcRetest.expired' });
    expect(await unchanged(inspector.call('qc.startRetest', { lotId: tea.id }), none)).toMatchObject({ key: 'errors.qcRetest.noPlan' });
    expect(await unchanged(inspector.call('qc.startRetest', { lotId: 'nope' }), none)).toMatchObject({ key: 'errors.lot.unknown' });
    expect(await errorOf(clerk.call('qc.startRetest', { lotId: near.id }))).toMatchObject({ code: 'forbidden' });
  });

  it('opens a re-test inspection once, shown on the list', async () => {
    const started = await inspector.call('qc.startRetest', { lotId: near.id });
    retestId = started.inspectionId;
    expect(desk.db.prepare('SELECT trigger, status, lot_id AS lotId FROM qc_inspections WHERE id = ?').get(retestId)).toEqual({ trigger: 'retest', status: 'open', lotId: near.id });
    expect((await inspector.call('qc.retestDue', {}))[0].inspection).toEqual({ id: retestId, number: started.number, status: 'open', decision: null });
    expect(await unchanged(inspector.call('qc.startRetest', { lotId: near.id }))).toMatchObject({ code: 'conflict', key: 'errors.qcRetest.alreadyOpen' });
  });

  it('refuses to extend before release, a date not later, past the shelf life, a receipt inspection and a wrong password — writing nothing', async () => {
    const old = addDays(TODAY, 20);
    const extend = (over: Record<string, unknown> = {}) => inspector.call('qc.extendExpiry', { inspectionId: retestId, newExpiry: addDays(old, 60), secret: 'sign-2222', ...over } as never);
    expect(await unchanged(extend())).toMatchObject({ key: 'errors.qcRetest.notReleased' });
    await releaseByCommands(inspector, manager, retestId);
    expect(await unchanged(extend({ newExpiry: old }))).toMatchObject({ code: 'validation', key: 'errors.qcRetest.notLater', field: 'newExpiry', params: { expiry: old } });
    expect(await unchanged(extend({ newExpiry: addDays(TODAY, -3) }))).toMatchObject({ key: 'errors.qcRetest.notLater' });
    expect(await unchanged(extend({ newExpiry: addDays(TODAY, 181) }))).toMatchObject({ key: 'errors.qcRetest.beyondShelfLife', params: { latest: addDays(TODAY, 180), days: 180 } });
    expect(await unchanged(extend({ newExpiry: '2027-02-30' }))).toMatchObject({ code: 'validation', key: 'errors.date.invalid' });
    expect(await unchanged(extend({ inspectionId: 'nope' }))).toMatchObject({ code: 'not_found' });
    const manual = await inspector.call('qc.start', { lotId: later.id });
    await releaseByCommands(inspector, manager, manual.id);
    expect(await unchanged(extend({ inspectionId: manual.id }))).toMatchObject({ key: 'errors.qcRetest.notRetest' });
    // A wrong password counts toward the lock (secret_failures and its audit record) and signs nothing.
    const wrong = await unchanged(extend({ secret: '2222' }), ['audit', 'audit_objects', 'secret_failures']);
    expect(wrong).toMatchObject({ key: 'errors.esign.wrongPassword', field: 'secret' });
    expect(desk.db.prepare("SELECT result FROM audit WHERE command = 'qc.extendExpiry' ORDER BY seq DESC LIMIT 1").get()).toEqual({ result: 'denied' });
    expect(await errorOf(clerk.call('qc.extendExpiry', { inspectionId: retestId, newExpiry: addDays(old, 60), secret: 'x' }))).toMatchObject({ code: 'forbidden' });
  });

  it('extends the expiry with a signature, keeps the old date and shows both on the lot', async () => {
    const old = addDays(TODAY, 20);
    const next = addDays(old, 60);
    await inspector.call('qc.extendExpiry', { inspectionId: retestId, newExpiry: next, reason: 'Re-test within spec', secret: 'sign-2222' });
    expect((await inspector.call('lots.get', { lotId: near.id })).lot.expiryDate).toBe(next);
    expect(desk.db.prepare('SELECT old_expiry AS oldExpiry, new_expiry AS newExpiry, inspection_id AS inspectionId FROM lot_expiry_changes').all()).toEqual([{ oldExpiry: old, newExpiry: next, inspectionId: retestId }]);
    expect(desk.db.prepare("SELECT object, object_id AS objectId, meaning, reason, printed_name AS printedName FROM e_signatures WHERE object = 'lot_expiry'").all()).toEqual([
      { object: 'lot_expiry', objectId: near.id, meaning: 'retest', reason: 'Re-test within spec', printedName: 'Wang Wei 王伟' },
    ]);
    expect(lastChanges(desk.db, 'qc.extendExpiry')).toEqual([{ object: 'lot', objectId: near.id, label: near.code, field: 'expiryDate', before: old, after: next }]);
    const history = await inspector.call('qc.expiryHistory', { lotId: near.id });
    expect(history).toEqual([{ oldExpiry: old, newExpiry: next, changedAt: DEMO_NOW, inspectionNumber: expect.any(String), printedName: 'Wang Wei 王伟', meaning: 'retest', reason: 'Re-test within spec', intact: true }]);
    expect(await unchanged(inspector.call('qc.extendExpiry', { inspectionId: retestId, newExpiry: addDays(next, 10), secret: 'sign-2222' }))).toMatchObject({ code: 'conflict', key: 'errors.qcRetest.alreadyExtended' });
    // The certificate now prints the re-test, the new date (in its GS1 data too) and the old one it replaced.
    const coa = join(desk.dir, 'retest-coa.pdf');
    writeFileSync(coa, Buffer.from((await inspector.call('qc.coa', { lotId: near.id, locale: 'en' })).base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', coa, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const day = (d: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    for (const s of ['re-test before expiry', 'Expiry dates changed by re-test', `${day(old)} ${day(next)} Wang Wei 王伟`, 'Re-test within spec', `(17)${next.slice(2).replaceAll('-', '')}`]) expect(text, s).toContain(s);
    // The lot is out of its window now; a date changed behind the application's back breaks the signature.
    expect((await inspector.call('qc.retestDue', {})).map((r) => r.lotCode)).toEqual([]);
    desk.db.prepare('UPDATE lot_expiry_changes SET new_expiry = ? WHERE lot_id = ?').run(addDays(next, 90), near.id);
    expect((await inspector.call('qc.expiryHistory', { lotId: near.id }))[0].intact).toBe(false);
  });

  it('extends a lot that expired during its re-test within the plan’s allowance, and refuses it past that', async () => {
    const edge = (await receiveLot(clerk, refs, 'MILK-1L', 12, addDays(TODAY, 5), { supplierLot: 'NDA-4' })).lot;
    const started = await inspector.call('qc.startRetest', { lotId: edge.id });
    await releaseByCommands(inspector, manager, started.inspectionId);
    const newExpiry = addDays(TODAY, 100);
    try {
      // 31 days past the old date: beyond the plan's 30 days.
      desk.clock.set(`${addDays(TODAY, 36)}T10:00:00.000Z`);
      let signer = await desk.signedIn('inspector', '2222');
      expect(await unchanged(signer.call('qc.extendExpiry', { inspectionId: started.inspectionId, newExpiry, secret: 'sign-2222' }))).toMatchObject({
        key: 'errors.qcRetest.expiredBeyondAllowance', params: { lot: edge.code, expiry: addDays(TODAY, 5), days: 30 },
      });
      // 30 days past it: still within.
      desk.clock.set(`${addDays(TODAY, 35)}T10:00:00.000Z`);
      signer = await desk.signedIn('inspector', '2222');
      await signer.call('qc.extendExpiry', { inspectionId: started.inspectionId, newExpiry, secret: 'sign-2222' });
      expect((await signer.call('lots.get', { lotId: edge.id })).lot.expiryDate).toBe(newExpiry);
    } finally {
      desk.clock.set(DEMO_NOW);
    }
  });
});

describe('retained samples', () => {
  let sampleId: string;
  const destroyOn = addDays(TODAY, 400);

  it('records a sample with its location and destruction date, audited', async () => {
    sampleId = (await inspector.call('retainedSamples.record', { lotId: later.id, quantity: 2, location: 'RS-CAB-3', destructionDate: destroyOn, note: 'two cartons' })).id;
    expect(await manager.call('retainedSamples.list', { lotId: later.id })).toEqual([
      {
        id: sampleId, lotId: later.id, lotCode: later.code, sku: 'MILK-1L', itemName: 'UHT whole milk 1 L', unit: 'pcs', quantity: 2, location: 'RS-CAB-3', destructionDate: destroyOn,
        note: 'two cartons', createdAt: DEMO_NOW, createdBy: 'Wang Wei 王伟', destroyedAt: null, destroyedBy: null, due: false,
      },
    ]);
    expect(lastChanges(desk.db, 'retainedSamples.record').map((c) => [c.field, c.after])).toEqual([
      ['sampleQuantity', '2 pcs'], ['sampleLocation', 'RS-CAB-3'], ['destructionDate', destroyOn], ['sampleNote', 'two cartons'],
    ]);
    expect(await manager.call('retainedSamples.list', {})).toEqual([]);
  });

  it('refuses bad quantities, no location, a date past, before expiry or not a date, and an unknown lot — writing nothing', async () => {
    const rec = (over: Record<string, unknown>) => inspector.call('retainedSamples.record', { lotId: later.id, quantity: 1, location: 'RS-1', destructionDate: destroyOn, ...over } as never);
    expect(await unchanged(rec({ quantity: -1 }))).toMatchObject({ key: 'errors.quantity.notPositive' });
    expect(await unchanged(rec({ quantity: 0 }))).toMatchObject({ key: 'errors.quantity.notPositive' });
    expect(await unchanged(rec({ quantity: 1.5 }))).toMatchObject({ key: 'errors.quantity.wholeUnits' });
    expect(await unchanged(rec({ quantity: 'two' }))).toMatchObject({ key: 'errors.quantity.notANumber' });
    expect(await unchanged(rec({ location: '  ' }))).toMatchObject({ key: 'errors.retained.location', field: 'location' });
    expect(await unchanged(rec({ destructionDate: TODAY }))).toMatchObject({ key: 'errors.retained.destructionPast' });
    expect(await unchanged(rec({ destructionDate: addDays(TODAY, 59) }))).toMatchObject({ key: 'errors.retained.beforeExpiry', params: { expiry: addDays(TODAY, 60) } });
    expect(await unchanged(rec({ destructionDate: '31.12.2027' }))).toMatchObject({ key: 'errors.date.invalid' });
    expect(await unchanged(rec({ lotId: 'nope' }))).toMatchObject({ key: 'errors.lot.unknown' });
    expect(await errorOf(clerk.call('retainedSamples.record', { lotId: later.id, quantity: 1, location: 'RS-1', destructionDate: destroyOn }))).toMatchObject({ code: 'forbidden' });
  });

  it('lists the sample when due and marks it destroyed once, naming who and when', async () => {
    expect(await unchanged(inspector.call('retainedSamples.destroy', { sampleId }))).toMatchObject({ key: 'errors.retained.notDue', params: { lot: later.code, date: destroyOn } });
    const at = `${destroyOn}T08:00:00.000Z`;
    desk.clock.set(at);
    try {
      const qc = await desk.signedIn('inspector', '2222');
      expect((await qc.call('retainedSamples.list', {})).map((s) => [s.id, s.due])).toEqual([[sampleId, true]]);
      await qc.call('retainedSamples.destroy', { sampleId });
      expect((await qc.call('retainedSamples.list', { lotId: later.id }))[0]).toMatchObject({ destroyedAt: at, destroyedBy: 'Wang Wei 王伟', due: false });
      expect(await qc.call('retainedSamples.list', {})).toEqual([]);
      expect(lastChanges(desk.db, 'retainedSamples.destroy').map((c) => [c.field, c.before, c.after])).toEqual([['destroyedAt', null, at], ['destroyedBy', null, 'inspector']]);
      expect(await unchanged(qc.call('retainedSamples.destroy', { sampleId }))).toMatchObject({ key: 'errors.retained.destroyed' });
      expect(await unchanged(qc.call('retainedSamples.destroy', { sampleId: 'nope' }))).toMatchObject({ code: 'not_found', key: 'errors.retained.unknown' });
    } finally {
      desk.clock.set(DEMO_NOW);
    }
  });

  it('has every message in both languages', () => {
    for (const area of ['qcRetest', 'retained', 'qcFiles', 'qcCoa'] as const) {
      const en = Object.keys((messages.en.errors as Record<string, object>)[area]);
      expect(Object.keys((messages['zh-CN'].errors as Record<string, object>)[area])).toEqual(en);
    }
  });
});
