/**
 * QC inspections at the desk (issue 17, item 2) on a real desk: an inspection opened in the
 * receive transaction for a QC item, due by its plan; the queue oldest first with overdue marked;
 * a lot opened by our label and by the supplier's GS1 barcode; sample sizes from ISO 2859-1;
 * results judged by the plan's value check, corrected only with a reason (the old row kept);
 * files kept beside the database and hashed; a sampling draw as a movement out of stock. And the
 * bad input — a negative weight, text in a numeric field, 12 decimals, a lot of another item —
 * each refused with a translated error and nothing written.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import { insertPlan, milkPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';
import type { LotView, QcInspectionDetail } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';
import { keepReading } from '../../src/app/devices/weighings';

let desk: TestDesk;
let clerk: Client;
let inspector: Client;
let refs: DemoRefs;
let milk: LotView;
let plan: ReturnType<typeof milkPlan>;
let inspection: QcInspectionDetail;
const later = (seconds: number) => desk.clock.set(new Date(Date.parse(DEMO_NOW) + seconds * 1000).toISOString());

const label = (lot: LotView, batch = lot.code) => `]C1${buildElementString({ gtin: refs.item(lot.sku).gtin!, expiry: lot.expiryDate ?? undefined, batch }).gs}`;
const char = (code: string) => inspection.characteristics.find((c) => c.code === code)!;
const record = (code: string, sampleNo: number, value: string | number | boolean, extra: { source?: 'typed' | 'scale'; readingId?: string; correctionReason?: string } = {}) =>
  inspector.call('qc.recordResult', { inspectionId: inspection.id, characteristicId: char(code).id, sampleNo, value, ...extra });
const unchanged = () => snapshot(desk.db, ['audit', 'audit_objects']);

beforeAll(async () => {
  desk = await openTestDesk();
  plan = milkPlan(desk.db);
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  refs = await demoRefs(clerk);
  milk = (await receiveLot(clerk, refs, 'MILK-1L', 600, '2027-05-01', { supplierLot: 'NDA-7781' })).lot;
});
afterAll(() => desk.close());

describe('an inspection opened at receipt', () => {
  it('is opened in the receive transaction, due by the plan, with the sample size of its sampling', async () => {
    const opened = await inspector.call('qc.open', { lotId: milk.id });
    expect(opened.lot.status).toBe('quarantine');
    inspection = opened.inspection!;
    expect(inspection).toMatchObject({ status: 'open', trigger: 'receipt', lotId: milk.id, lotSize: 600, sampleSize: 3, planId: plan.planId, planVersion: 2, overdue: false });
    // The demo's own milk plan (version 1) was superseded by the test's.
    expect(desk.db.prepare("SELECT version, status FROM qc_plans p JOIN items i ON i.id = p.item_id WHERE i.sku = 'MILK-1L' ORDER BY version").all()).toEqual([{ version: 1, status: 'superseded' }, { version: 2, status: 'active' }]);
    expect(inspection.number).toMatch(/^QC-\d{6}$/);
    expect(inspection.dueAt).toBe(new Date(Date.parse(DEMO_NOW) + 24 * 3_600_000).toISOString());
    expect(inspection.characteristics.map((c) => [c.code, c.n, c.ac, c.re])).toEqual([['WEIGHT', 3, 0, 1], ['FAT', 3, 0, 1], ['SEAL', 3, 0, 1], ['NOTE', 3, 0, 1]]);
    expect(inspection.verdict.missingMandatory).toEqual([{ code: 'WEIGHT', missing: 3 }, { code: 'FAT', missing: 3 }, { code: 'SEAL', missing: 3 }]);
    // The receipt's own audit record carries the inspection it opened.
    const rec = desk.db.prepare("SELECT changes FROM audit WHERE command = 'receiving.receive' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(rec.changes).toContain(inspection.number);
  });

  it('opens no inspection for an item without QC, and none for a QC item whose plan was retired', async () => {
    const tea = (await receiveLot(clerk, refs, 'TEA-250', 10, '2027-05-01')).lot;
    expect((await inspector.call('qc.open', { lotId: tea.id })).inspection).toBeNull();
    desk.db.prepare("UPDATE qc_plans SET status = 'retired' WHERE item_id = (SELECT id FROM items WHERE sku = 'VITC-100')").run();
    const vitc = (await receiveLot(clerk, refs, 'VITC-100', 10, '2027-05-01')).lot;
    const opened = await inspector.call('qc.open', { lotId: vitc.id });
    expect(opened).toMatchObject({ inspection: null, mayStart: false, planId: null });
    expect(opened.lot.status).toBe('quarantine');
  });

  it('is opened by scanning our lot label or the supplier’s GS1 barcode', async () => {
    const byLabel = await inspector.call('qc.open', { scan: label(milk) });
    const bySupplier = await inspector.call('qc.open', { scan: label(milk, 'NDA-7781') });
    for (const o of [byLabel, bySupplier]) expect(o.inspection?.id).toBe(inspection.id);
    // Lot codes are numbered per item: a typed code shared by the tea, vitamin and milk lots names none of them.
    expect(await errorOf(inspector.call('qc.open', { lotCode: milk.code }))).toMatchObject({ key: 'errors.qc.ambiguousLot', field: 'lotCode' });
    expect(await errorOf(inspector.call('qc.open', { scan: 'NO-SUCH-LOT' }))).toMatchObject({ key: 'errors.qc.unknownLot', field: 'scan' });
  });

  it('lists open inspections oldest first with their due dates, and marks the overdue', async () => {
    later(60);
    const milk2 = (await receiveLot(clerk, refs, 'MILK-1L', 40, '2027-05-01')).lot;
    let queue = await inspector.call('qc.queue', {});
    expect(queue.rows.map((r) => r.lotCode)).toEqual([milk.code, milk2.code]);
    expect(queue).toMatchObject({ total: 2, overdue: 0 });
    expect(queue.rows[1].sampleSize).toBe(3);
    later(25 * 3600);
    const fresh = await desk.signedIn('inspector', '2222');
    queue = await fresh.call('qc.queue', { limit: 1 });
    expect(queue.rows).toHaveLength(1);
    expect(queue).toMatchObject({ total: 2, overdue: 2 });
    expect(queue.rows[0]).toMatchObject({ lotCode: milk.code, overdue: true });
    expect((await fresh.call('qc.queue', { offset: 1, limit: 1 })).rows[0].lotCode).toBe(milk2.code);
    desk.clock.set(DEMO_NOW);
    inspector = await desk.signedIn('inspector', '2222');
  });
});

describe('results', () => {
  it('judges each value by the characteristic: in or out of spec at once, with the count against Ac/Re', async () => {
    later(120);
    let r = await record('WEIGHT', 1, '1031.5');
    expect(r.inSpec).toBe(true);
    // A scale weight is recorded by its reading (devices.readScale keeps it; here the scale read 1010 g).
    const readingId = keepReading(desk.station, { grams: 1010, value: 1010, unit: 'g', stable: true, overload: false, underZero: false, source: 'hid', deviceId: 'hid:test-scale' }, new Date(Date.parse(DEMO_NOW) + 120_000));
    r = await record('WEIGHT', 2, 1010, { source: 'scale', readingId });
    expect(r.inSpec).toBe(false);
    const weight = r.inspection.characteristics.find((c) => c.code === 'WEIGHT')!;
    expect(weight).toMatchObject({ recorded: 2, nonconforming: 1, status: 'reject' });
    expect(r.inspection.verdict.decision).toBe('reject');
    const row = r.inspection.results.find((x) => x.sampleNo === 2)!;
    expect(row).toMatchObject({ valueNum: 1010, inSpec: false, source: 'scale', recordedBy: 'Wang Wei 王伟' });
    const rec = desk.db.prepare("SELECT changes FROM audit WHERE command = 'qc.recordResult' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(JSON.parse(rec.changes)).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'value', before: null, after: 1010 }), expect.objectContaining({ field: 'inSpec', after: false })]));
  });

  it('corrects a result only with a reason: the old row stays, superseded, and the audit shows before and after', async () => {
    later(180);
    const before = unchanged();
    expect(await errorOf(record('WEIGHT', 2, '1032'))).toMatchObject({ key: 'errors.qc.correctionReason', field: 'correctionReason' });
    expect(unchanged()).toEqual(before);
    const r = await record('WEIGHT', 2, '1032', { correctionReason: 'scale not settled' });
    expect(r.inSpec).toBe(true);
    const rows = desk.db.prepare('SELECT value_num, superseded_by, correction_reason FROM qc_results WHERE inspection_id = ? AND sample_no = 2 ORDER BY recorded_at').all(inspection.id) as { value_num: number; superseded_by: string | null; correction_reason: string | null }[];
    expect(rows).toEqual([
      { value_num: 1010, superseded_by: r.resultId, correction_reason: null },
      { value_num: 1032, superseded_by: null, correction_reason: 'scale not settled' },
    ]);
    expect(r.inspection.characteristics.find((c) => c.code === 'WEIGHT')).toMatchObject({ recorded: 2, nonconforming: 0, status: 'incomplete' });
    const rec = desk.db.prepare("SELECT changes FROM audit WHERE command = 'qc.recordResult' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(JSON.parse(rec.changes)).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'value', before: 1010, after: 1032 }), expect.objectContaining({ field: 'correctionReason', after: 'scale not settled' })]));
    expect(await errorOf(record('FAT', 1, '3.5', { correctionReason: 'typo' }))).toMatchObject({ key: 'errors.qc.nothingToCorrect' });
  });

  it('refuses impossible values — a negative weight, text in a numeric field, 12 decimals — and samples beyond n, writing nothing', async () => {
    const before = unchanged();
    const cases: [string, string | number, string][] = [
      ['WEIGHT', '-5', 'errors.qcValue.negativeWeight'],
      ['WEIGHT', -5, 'errors.qcValue.negativeWeight'],
      ['FAT', 'three point five', 'errors.qcValue.notNumber'],
      ['FAT', '3.512345678901', 'errors.qcValue.tooManyDecimals'],
      ['FAT', 3.512345678901, 'errors.qcValue.tooManyDecimals'],
      ['SEAL', 'maybe', 'errors.qcValue.passFail'],
    ];
    for (const [code, value, key] of cases) {
      const err = await errorOf(record(code, 3, value));
      expect(err, `${code} ${value}`).toMatchObject({ key, field: 'value' });
      for (const locale of ['en', 'zh-CN'] as const) expect(translate(locale, err.key, err.params)).not.toBe(err.key);
    }
    expect(await errorOf(record('FAT', 4, '3.5'))).toMatchObject({ key: 'errors.qc.sampleOutOfPlan', field: 'sampleNo', params: { n: 3 } });
    expect(await errorOf(inspector.call('qc.recordResult', { inspectionId: inspection.id, characteristicId: 'nope', sampleNo: 1, value: '1' }))).toMatchObject({ key: 'errors.qc.unknownCharacteristic' });
    expect(await errorOf(clerk.call('qc.recordResult', { inspectionId: inspection.id, characteristicId: char('FAT').id, sampleNo: 1, value: '3.5' }))).toMatchObject({ code: 'forbidden' });
    expect(unchanged()).toEqual(before);
  });

  it('refuses an inspection for a lot of another item: a tea lot scanned at the milk inspection, a milk plan for a tea lot', async () => {
    const tea = (await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-01')).lot;
    const before = unchanged();
    expect(await errorOf(inspector.call('qc.open', { inspectionId: inspection.id, scan: label(tea) }))).toMatchObject({
      key: 'errors.qc.lotOfOtherItem', field: 'scan', params: { lot: tea.code, sku: 'TEA-250', inspectionSku: 'MILK-1L' },
    });
    expect(await errorOf(inspector.call('qc.start', { lotId: tea.id, planId: plan.planId }))).toMatchObject({ key: 'errors.qc.planOfOtherItem', field: 'planId' });
    expect(await errorOf(inspector.call('qc.start', { lotId: milk.id }))).toMatchObject({ key: 'errors.qc.alreadyOpen' });
    expect(unchanged()).toEqual(before);
    // The inspection's own lot scanned at it is fine.
    expect((await inspector.call('qc.open', { inspectionId: inspection.id, scan: label(milk) })).inspection?.id).toBe(inspection.id);
  });
});

describe('an inspection started by hand', () => {
  it('samples by ISO 2859-1 from the lot on hand: 600 units, level II normal, AQL 1.0 → code letter J, n 80, Ac 2, Re 3', async () => {
    const tea = (await receiveLot(clerk, refs, 'TEA-250', 600, '2027-07-01')).lot;
    insertPlan(desk.db, { sku: 'TEA-250', sampling: { kind: 'iso2859', level: 'II', severity: 'normal' }, characteristics: [{ code: 'AROMA', kind: 'pass_fail', aql: 1 }, { code: 'LEAF', kind: 'pass_fail', aql: 4 }] });
    const opened = await inspector.call('qc.open', { lotId: tea.id });
    expect(opened).toMatchObject({ inspection: null, mayStart: true });
    const started = await inspector.call('qc.start', { lotId: tea.id });
    const q = (await inspector.call('qc.open', { inspectionId: started.id })).inspection!;
    expect(q).toMatchObject({ trigger: 'manual', lotSize: 600, sampleSize: 80 });
    expect(q.characteristics.map((c) => [c.code, c.letter, c.n, c.ac, c.re])).toEqual([['AROMA', 'J', 80, 2, 3], ['LEAF', 'J', 80, 7, 8]]);
  });
});

describe('files and samples', () => {
  const photo = Buffer.from('\x89PNG\r\n\x1a\n a photo of a dented carton');

  it('keeps an attached photo in the station’s data folder, referenced and hashed in qc_files, and names a file changed on disk', async () => {
    const added = await inspector.call('qc.attachFile', { inspectionId: inspection.id, kind: 'photo', name: 'carton.png', mimeType: 'image/png', base64: photo.toString('base64') });
    const sha = createHash('sha256').update(photo).digest('hex');
    expect(added.sha256).toBe(sha);
    const path = join(desk.dir, 'qc-files', sha);
    expect(readFileSync(path)).toEqual(photo);
    expect((await inspector.call('qc.open', { lotId: milk.id })).inspection!.files).toEqual([expect.objectContaining({ fileName: 'carton.png', kind: 'photo', size: photo.length, sha256: sha })]);
    expect(Buffer.from((await inspector.call('qc.file', { fileId: added.id })).base64, 'base64')).toEqual(photo);
    writeFileSync(path, 'something else');
    expect(await errorOf(inspector.call('qc.file', { fileId: added.id }))).toMatchObject({ key: 'errors.qc.fileDamaged' });
    writeFileSync(path, photo);
  });

  it('draws samples out of the quarantine bin as a movement (reason qc_sample) referring to the inspection', async () => {
    const qa = refs.bin('QA-01');
    const drawn = await inspector.call('qc.drawSample', { inspectionId: inspection.id, locationId: qa.id, quantity: 3 });
    expect(drawn.balance).toBe(597);
    const m = desk.db.prepare('SELECT kind, reason, quantity, from_location_id AS fromId, to_location_id AS toId FROM movements WHERE id = ?').get(drawn.movementId);
    expect(m).toEqual({ kind: 'adjust', reason: 'qc_sample', quantity: 3000, fromId: qa.id, toId: null });
    const doc = desk.db.prepare("SELECT reference FROM documents WHERE number = ?").get(drawn.documentNumber) as { reference: string };
    expect(doc.reference).toBe(`qc_sample: ${inspection.number}`);
    const before = unchanged();
    expect(await errorOf(inspector.call('qc.drawSample', { inspectionId: inspection.id, locationId: qa.id, quantity: 5000 }))).toMatchObject({ field: 'quantity' });
    expect(unchanged()).toEqual(before);
  });
});
