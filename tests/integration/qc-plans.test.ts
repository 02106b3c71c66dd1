/**
 * QC plans (issue 17) through the dispatcher on a real desk: a first version, a new version that
 * supersedes it (the old one kept with its characteristics), a supplier's own plan chosen before
 * the item's for that supplier's lots, retiring, the history, the audit with the values before
 * and after; and the bad input — crossed limits, a duplicate code, an AQL not in the table, a stale
 * edit, an inspector saving, an unknown item — each a translated error that writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { Input } from '../../src/contract/contract';
import type { LotView } from '../../src/contract/results';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let manager: Client;
let inspector: Client;
let cat: Awaited<ReturnType<typeof catalog>>;
let teaFromHzt: LotView;
let teaFromGrn: LotView;

beforeAll(async () => {
  desk = await openTestDesk();
  [teaFromHzt, teaFromGrn] = await stockUp(desk, [
    { sku: 'TEA-250', supplier: 'SUP-HZT', expiry: '2028-05-01', quantity: 20 },
    { sku: 'TEA-250', supplier: 'SUP-GRN', expiry: '2028-06-01', quantity: 30 },
  ]);
  manager = await desk.signedIn('manager', '4444');
  inspector = await desk.signedIn('inspector', '2222');
  cat = await catalog(manager);
});
afterAll(() => desk.close());

type Save = Input<'qc.plans.save'>;
const teaPlan = (over: Partial<Save> = {}): Save => ({
  itemId: cat.item('TEA-250').id,
  sampling: { kind: 'iso2859', level: 'II', severity: 'normal' },
  triggers: ['receipt'],
  dueHours: 24,
  characteristics: [
    { code: 'NET', name: 'Net weight', nameZh: '净含量', kind: 'weight', unit: 'kg', lowerLimit: 0.245, upperLimit: 0.26, target: 0.25, decimals: 3, aql: 1, method: 'Scale' },
    { code: 'MOIST', name: 'Moisture', kind: 'numeric', unit: '%', lowerLimit: 0, upperLimit: 7, decimals: 1, aql: 2.5 },
    { code: 'LOOK', name: 'Appearance', kind: 'choice', choices: ['good', 'minor marks', 'damaged'], accepted: ['good', 'minor marks'], aql: 4, mandatory: false },
    { code: 'SEAL', name: 'Seal intact', kind: 'pass_fail', aql: 0.65 },
  ],
  ...over,
});
const audits = (command: string) =>
  (desk.db.prepare('SELECT changes FROM audit WHERE command = ? AND result = ? ORDER BY seq').all(command, 'ok') as { changes: string }[]).map((r) => JSON.parse(r.changes) as { object: string; field: string; before: unknown; after: unknown }[]);

describe('qc plans', () => {
  let v1: string;
  let v2: string;

  it('saves a first version and reads it back with its characteristics in order', async () => {
    const saved = await manager.call('qc.plans.save', teaPlan());
    expect(saved.version).toBe(1);
    v1 = saved.planId;
    const { plan, history } = await inspector.call('qc.plans.get', { planId: v1 });
    expect(plan).toMatchObject({ sku: 'TEA-250', supplierId: null, version: 1, status: 'active', triggers: ['receipt'], dueHours: 24, retestDays: null });
    expect(plan.characteristics.map((c) => [c.position, c.code, c.aql])).toEqual([[1, 'NET', 1], [2, 'MOIST', 2.5], [3, 'LOOK', 4], [4, 'SEAL', 0.65]]);
    expect(plan.characteristics[0]).toMatchObject({ kind: 'weight', unit: 'kg', lowerLimit: 0.245, upperLimit: 0.26, target: 0.25, decimals: 3, mandatory: true, nameZh: '净含量', method: 'Scale', stage: 'inspection' });
    expect(plan.characteristics[2]).toMatchObject({ choices: ['good', 'minor marks', 'damaged'], accepted: ['good', 'minor marks'], mandatory: false, lowerLimit: null });
    expect(history).toEqual([expect.objectContaining({ id: v1, version: 1, status: 'active' })]);
    const [changes] = audits('qc.plans.save').slice(-1);
    expect(changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ object: 'qcPlan', field: 'planSampling', before: null, after: 'ISO 2859-1 II normal' }),
      expect.objectContaining({ field: 'qcCharacteristic@NET', before: null, after: expect.stringContaining('[0.245 … 0.26] kg') }),
    ]));
  });

  it('saves a new version that supersedes the active one; the old version keeps its characteristics', async () => {
    const edit = teaPlan({ basedOnPlanId: v1, dueHours: 48 });
    edit.characteristics[1] = { ...edit.characteristics[1], upperLimit: 6.5 };
    edit.characteristics.splice(3, 1);
    const saved = await manager.call('qc.plans.save', edit);
    expect(saved.version).toBe(2);
    v2 = saved.planId;
    const old = await inspector.call('qc.plans.get', { planId: v1 });
    expect(old.plan.status).toBe('superseded');
    expect(old.plan.characteristics.map((c) => c.code)).toEqual(['NET', 'MOIST', 'LOOK', 'SEAL']);
    expect(old.plan.characteristics[1].upperLimit).toBe(7);
    const { plan, history } = await inspector.call('qc.plans.get', { planId: v2 });
    expect(plan.characteristics.map((c) => c.code)).toEqual(['NET', 'MOIST', 'LOOK']);
    expect(history.map((h) => [h.version, h.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    // The audit shows what changed between the versions, before and after.
    const [changes] = audits('qc.plans.save').slice(-1);
    expect(changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ objectId: v1, field: 'status', before: 'active', after: 'superseded' }),
      expect.objectContaining({ objectId: v2, field: 'dueHours', before: 24, after: 48 }),
      expect.objectContaining({ objectId: v2, field: 'qcCharacteristic@MOIST', before: expect.stringContaining('[0 … 7]'), after: expect.stringContaining('[0 … 6.5]') }),
      expect.objectContaining({ objectId: v2, field: 'qcCharacteristic@SEAL', after: null }),
    ]));
    expect(changes.find((c) => c.field === 'qcCharacteristic@NET')).toBeUndefined();
    // The list shows the latest version only; with history, both.
    const list = await inspector.call('qc.plans.list', { itemId: cat.item('TEA-250').id });
    expect(list.map((r) => [r.version, r.status, r.characteristics])).toEqual([[2, 'active', 3]]);
    expect((await inspector.call('qc.plans.list', { itemId: cat.item('TEA-250').id, history: true })).map((r) => r.version)).toEqual([2, 1]);
  });

  it('applies a supplier’s own plan to its lots before the item’s plan', async () => {
    expect((await inspector.call('qc.plans.forLot', { lotId: teaFromGrn.id }))?.id).toBe(v2);
    const own = await manager.call('qc.plans.save', teaPlan({ supplierId: cat.supplier('SUP-HZT').id, sampling: { kind: 'fixed', n: 3 } }));
    expect(own.version).toBe(1);
    const forHzt = await inspector.call('qc.plans.forLot', { lotId: teaFromHzt.id });
    expect(forHzt).toMatchObject({ id: own.planId, supplierCode: 'SUP-HZT', sampling: { kind: 'fixed', n: 3 } });
    // A fixed sample has no AQL.
    expect(forHzt?.characteristics.every((c) => c.aql === null)).toBe(true);
    expect((await inspector.call('qc.plans.forLot', { lotId: teaFromGrn.id }))?.id).toBe(v2);
    const bySupplier = await inspector.call('qc.plans.list', { supplierId: cat.supplier('SUP-HZT').id });
    expect(bySupplier.map((r) => r.id)).toEqual([own.planId]);
    // Retired, the supplier's lots fall back to the item's plan; retiring twice is refused.
    await manager.call('qc.plans.retire', { planId: own.planId });
    expect((await inspector.call('qc.plans.forLot', { lotId: teaFromHzt.id }))?.id).toBe(v2);
    expect(await errorOf(manager.call('qc.plans.retire', { planId: own.planId }))).toMatchObject({ key: 'errors.qcPlans.retired' });
    expect(await errorOf(manager.call('qc.plans.retire', { planId: v1 }))).toMatchObject({ key: 'errors.qcPlans.notActive' });
    // A new version after retiring starts from the retired one.
    const again = await manager.call('qc.plans.save', teaPlan({ supplierId: cat.supplier('SUP-HZT').id, basedOnPlanId: own.planId }));
    expect(again.version).toBe(2);
  });

  it('refuses bad plans with a translated error, writing nothing', async () => {
    const before = snapshot(desk.db, ['audit', 'sessions']);
    const crossed = teaPlan({ basedOnPlanId: v2 });
    crossed.characteristics[0] = { ...crossed.characteristics[0], lowerLimit: 0.3, upperLimit: 0.26 };
    const err = await errorOf(manager.call('qc.plans.save', crossed));
    expect(err).toMatchObject({ code: 'validation', key: 'errors.qcPlans.crossedLimits', field: 'characteristics.0.lowerLimit', params: { code: 'NET', lower: 0.3, upper: 0.26 } });
    expect(translate('en', err.key, err.params)).toBe('Characteristic NET: the lower limit 0.3 is above the upper limit 0.26.');
    expect(translate('zh-CN', err.key, err.params)).toBe('检验项目 NET：下限 0.3 高于上限 0.26。');
    const dup = teaPlan({ basedOnPlanId: v2 });
    dup.characteristics[1] = { ...dup.characteristics[1], code: 'net' };
    expect(await errorOf(manager.call('qc.plans.save', dup))).toMatchObject({ key: 'errors.qcPlans.duplicateCode', field: 'characteristics.1.code' });
    const badAql = teaPlan({ basedOnPlanId: v2 });
    badAql.characteristics[0] = { ...badAql.characteristics[0], aql: 2 };
    expect(await errorOf(manager.call('qc.plans.save', badAql))).toMatchObject({ key: 'errors.qcPlans.aql' });
    expect(await errorOf(manager.call('qc.plans.save', teaPlan({ basedOnPlanId: v2, characteristics: [] })))).toMatchObject({ key: 'errors.qcPlans.noCharacteristics' });
    expect(await errorOf(manager.call('qc.plans.save', teaPlan({ basedOnPlanId: v2, characteristics: [{ code: 'X', name: 'Text', kind: 'numeric', lowerLimit: 'five' as unknown as number }] })))).toMatchObject({ code: 'validation', key: 'errors.qcPlans.badNumber' });
    // Saved from version 1 while version 2 is active: someone's change would be undone.
    expect(await errorOf(manager.call('qc.plans.save', teaPlan({ basedOnPlanId: v1 })))).toMatchObject({ code: 'conflict', key: 'errors.qcPlans.stale', params: { version: 2 } });
    expect(await errorOf(manager.call('qc.plans.save', teaPlan()))).toMatchObject({ key: 'errors.qcPlans.stale' });
    expect(await errorOf(manager.call('qc.plans.save', teaPlan({ itemId: 'nope' })))).toMatchObject({ key: 'errors.qcPlans.unknownItem' });
    expect(await errorOf(manager.call('qc.plans.save', teaPlan({ supplierId: cat.customer('CUS-SHM').id })))).toMatchObject({ key: 'errors.qcPlans.unknownSupplier' });
    // An inspector reads plans but does not author them.
    expect(await errorOf(inspector.call('qc.plans.save', teaPlan({ basedOnPlanId: v2 })))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(inspector.call('qc.plans.retire', { planId: v2 }))).toMatchObject({ code: 'forbidden' });
    expect(snapshot(desk.db, ['audit', 'sessions'])).toEqual(before);
    expect(await errorOf(inspector.call('qc.plans.get', { planId: 'nope' }))).toMatchObject({ key: 'errors.qcPlans.unknown' });
    expect(await errorOf(inspector.call('qc.plans.forLot', { lotId: 'nope' }))).toMatchObject({ key: 'errors.qcPlans.unknownLot' });
  });

  it('gives the demo’s QC items a plan for the Inspector screen’s first day', async () => {
    for (const sku of ['MILK-1L', 'RICE-BULK', 'VITC-100']) {
      const [row] = await inspector.call('qc.plans.list', { itemId: cat.item(sku).id });
      expect(row, sku).toMatchObject({ status: 'active', version: 1 });
      const { plan } = await inspector.call('qc.plans.get', { planId: row.id });
      expect(plan.triggers).toContain('receipt');
      expect(plan.characteristics.some((c) => c.mandatory && c.stage === 'inspection')).toBe(true);
    }
  });
});
