/**
 * Production records (issue 17, item 6) through the dispatcher on a real desk: the gift box is
 * made under a plan whose process parameters are the sealing temperature (60–80 °C), the dwell
 * time (10–20 min) and an optional seal check. A kit made in spec records its line, shift,
 * operator and parameters, is released and its inspection opened (the plan is triggered by
 * production); one made too hot starts on hold (so only a quarantine
 * bin takes it) with the hold in the audit. Bad input — no record where the plan asks for one,
 * text in a numeric parameter, a missing mandatory one, too many decimals, an unknown operator —
 * is refused with a translated error, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { insertPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import type { Input } from '../../src/contract/contract';

type Production = NonNullable<Input<'lots.transform'>['production']>;
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let cat: Awaited<ReturnType<typeof catalog>>;
let tea: LotView;
let soy: LotView;
let chars: Record<string, string>;
let planId: string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea, soy] = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2028-05-01', quantity: 50, bin: 'A-01' },
    { sku: 'SOY-500', expiry: '2028-03-01', quantity: 50, bin: 'A-02' },
  ]);
  lead = await desk.signedIn('lead', '3333');
  cat = await catalog(lead);
  ({ planId, ids: chars } = insertPlan(desk.db, {
    sku: 'GIFT-TEA', sampling: { kind: 'fixed', n: 2 }, triggers: ['production'],
    characteristics: [
      { code: 'TEMP', kind: 'numeric', stage: 'process', unit: '°C', target: 70, lower: 60, upper: 80, decimals: 1 },
      { code: 'TIME', kind: 'numeric', stage: 'process', unit: 'min', lower: 10, upper: 20, decimals: 0 },
      { code: 'SEAL', stage: 'process', kind: 'pass_fail', mandatory: false },
      // An inspection characteristic of the same plan is not a process parameter.
      { code: 'WEIGHT', kind: 'weight', unit: 'g', lower: 700, upper: 800 },
    ],
  }));
});
afterAll(() => desk.close());

const kit = (bin: string, production?: Production) => ({
  kind: 'kitting' as const, itemId: cat.item('GIFT-TEA').id, quantity: 2, unit: 'pcs', toLocationId: cat.location(bin).id,
  components: [{ lotId: tea.id, fromLocationId: cat.location('A-01').id, quantity: 2 }, { lotId: soy.id, fromLocationId: cat.location('A-02').id, quantity: 2 }],
  ...(production ? { production } : {}),
});
const params = (temp: string, time: string, seal?: string) => [
  { characteristicId: chars.TEMP, value: temp }, { characteristicId: chars.TIME, value: time }, ...(seal ? [{ characteristicId: chars.SEAL, value: seal }] : []),
];
const auditChanges = (lotId: string) =>
  (desk.db.prepare('SELECT changes FROM audit WHERE seq IN (SELECT seq FROM audit_objects WHERE object_id = ?) ORDER BY seq').all(lotId) as { changes: string }[]).flatMap((r) => JSON.parse(r.changes) as { object: string; field: string; after: unknown }[]);

describe('production records', () => {
  it('offers the process parameters of the item’s active plan', async () => {
    const form = await lead.call('production.form', { itemId: cat.item('GIFT-TEA').id });
    expect(form.planVersion).toBe(1);
    expect(form.parameters.map((p) => [p.code, p.kind, p.lowerLimit, p.upperLimit, p.mandatory])).toEqual([
      ['TEMP', 'numeric', 60, 80, true], ['TIME', 'numeric', 10, 20, true], ['SEAL', 'pass_fail', null, null, false],
    ]);
    expect((await lead.call('production.form', { itemId: cat.item('TEA-250').id })).parameters).toEqual([]);
  });

  it('refuses bad input with a translated error and writes nothing', async () => {
    const before = snapshot(desk.db, ['audit', 'audit_objects']);
    const refused = async (production: Production | undefined) => errorOf(lead.call('lots.transform', kit('A-07', production)));
    expect(await refused(undefined)).toMatchObject({ key: 'errors.production.required', field: 'production', params: { sku: 'GIFT-TEA' } });
    const text = await refused({ line: 'PACK-1', shift: 'early', parameters: params('hot', '15') });
    expect(text).toMatchObject({ key: 'errors.qcValue.notNumber', field: 'production.parameters.0.value', params: { code: 'TEMP', value: 'hot' } });
    expect(translate('zh-CN', text.key, text.params)).toBe('TEMP：“hot”不是数字。');
    expect(await refused({ line: 'PACK-1', shift: 'early', parameters: [{ characteristicId: chars.TEMP, value: '70' }] })).toMatchObject({ key: 'errors.production.missingParameter', params: { code: 'TIME' } });
    expect(await refused({ line: 'PACK-1', shift: 'early', parameters: params('70', '') })).toMatchObject({ key: 'errors.production.missingParameter', field: 'production.parameters.1.value' });
    expect(await refused({ line: 'PACK-1', shift: 'early', parameters: params('70.123456789012', '15') })).toMatchObject({ key: 'errors.qcValue.tooManyDecimals', params: { code: 'TEMP', max: 1 } });
    expect(await refused({ line: 'PACK-1', shift: 'early', parameters: params('70', '15', 'maybe') })).toMatchObject({ key: 'errors.qcValue.passFail' });
    expect(await refused({ line: 'PACK-1', shift: 'early', parameters: [...params('70', '15'), { characteristicId: chars.WEIGHT, value: '750' }] })).toMatchObject({ key: 'errors.production.unknownParameter' });
    expect(await refused({ line: 'PACK-1', shift: 'early', operator: 'nobody', parameters: params('70', '15') })).toMatchObject({ key: 'errors.production.unknownOperator', field: 'production.operator' });
    expect(await refused({ line: '', shift: 'early', parameters: params('70', '15') })).toMatchObject({ key: 'errors.validation.required', field: 'production.line' });
    expect(snapshot(desk.db, ['audit', 'audit_objects'])).toEqual(before);
  });

  it('records a kit made in spec: line, shift, the signed-in operator and each parameter, on the lot page', async () => {
    const made = await lead.call('lots.transform', kit('A-07', { line: 'PACK-1', shift: 'early', parameters: params('71.5', '15', 'pass') }));
    expect(made.lot.status).toBe('released');
    const record = await lead.call('production.get', { lotId: made.lot.id });
    expect(record).toMatchObject({ lotCode: made.lot.code, line: 'PACK-1', shift: 'early', operatorName: 'Sam Carter', planVersion: 1, allInSpec: true, recordedByName: 'Sam Carter' });
    expect(record!.parameters.map((p) => [p.code, p.value, p.inSpec])).toEqual([['TEMP', 71.5, true], ['TIME', 15, true], ['SEAL', 'pass', true]]);
    const audited = auditChanges(made.lot.id).filter((c) => c.object === 'productionRecord');
    expect(Object.fromEntries(audited.map((c) => [c.field, c.after]))).toMatchObject({ productionLine: 'PACK-1', shift: 'early', allInSpec: true, 'parameter@TEMP': '71.5 °C' });
    // The plan is triggered by production and samples the box weight: the made lot's inspection is opened with it.
    expect(desk.db.prepare('SELECT trigger, status, plan_id AS planId FROM qc_inspections WHERE lot_id = ?').all(made.lot.id)).toEqual([{ trigger: 'production', status: 'open', planId }]);
    // A lot not made here has no record.
    expect(await lead.call('production.get', { lotId: tea.id })).toBeNull();
  });

  it('puts a lot made out of spec on hold: only a quarantine bin takes it, and the hold is audited', async () => {
    const hot: Production = { line: 'PACK-2', shift: 'night', operator: 'clerk', parameters: params('86.0', '15', 'fail') };
    const before = snapshot(desk.db, ['audit', 'audit_objects']);
    expect(await errorOf(lead.call('lots.transform', kit('A-07', hot)))).toMatchObject({ key: 'errors.putaway.needsQuarantineBin', params: { status: 'on_hold' } });
    expect(snapshot(desk.db, ['audit', 'audit_objects'])).toEqual(before);
    const made = await lead.call('lots.transform', kit('QA-01', hot));
    expect(made.lot.status).toBe('on_hold');
    const record = await lead.call('production.get', { lotId: made.lot.id });
    expect(record).toMatchObject({ operatorName: 'Li Na 李娜', allInSpec: false });
    expect(record!.parameters.filter((p) => !p.inSpec).map((p) => p.code)).toEqual(['TEMP', 'SEAL']);
    expect(auditChanges(made.lot.id).filter((c) => c.object === 'lot')).toEqual([
      expect.objectContaining({ field: 'status', after: 'on_hold' }),
      expect.objectContaining({ field: 'holdReason', after: 'in-process check failed: TEMP, SEAL' }),
    ]);
    // On hold is the lot-status model's: the lot cannot be consumed into another kit.
    expect((await lead.call('lots.get', { lotId: made.lot.id })).lot.status).toBe('on_hold');
  });
});
