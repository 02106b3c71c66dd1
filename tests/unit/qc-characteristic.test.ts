/** checkValue (a result parsed and judged, impossible values refused) and validatePlan (a plan that could never be inspected refused). */
import { describe, expect, it } from 'vitest';
import { fieldOf, keyOf } from '../support/app-error';
import { checkValue, type Characteristic } from '../../src/domain/qc/characteristic';
import { characteristicPlan, inspectionSampleSize, validatePlan, type PlanRules } from '../../src/domain/qc/plan';


const base: Characteristic = {
  code: 'LEN', name: 'Length', nameZh: '长度', stage: 'inspection', kind: 'numeric', unit: 'mm', target: 11, lowerLimit: 10, upperLimit: 12.5,
  decimals: 2, choices: null, accepted: null, method: 'Caliper', mandatory: true, aql: 1,
};
const weight: Characteristic = { ...base, code: 'NET', name: 'Net weight', kind: 'weight', unit: 'kg', target: 25, lowerLimit: 24.8, upperLimit: 25.5, decimals: 3 };
const look: Characteristic = { ...base, code: 'LOOK', name: 'Appearance', kind: 'choice', unit: null, target: null, lowerLimit: null, upperLimit: null, decimals: null, choices: ['good', 'minor marks', 'damaged'], accepted: ['good', 'minor marks'] };
const seal: Characteristic = { ...look, code: 'SEAL', kind: 'pass_fail', choices: null, accepted: null };
const note: Characteristic = { ...look, code: 'NOTE', kind: 'text', choices: null, accepted: null, mandatory: false };

describe('checkValue', () => {
  it('parses numbers and judges them against the limits, inclusive', () => {
    expect(checkValue(base, '10')).toEqual({ valueNum: 10, valueText: null, inSpec: true });
    expect(checkValue(base, '12.50')).toEqual({ valueNum: 12.5, valueText: null, inSpec: true });
    expect(checkValue(base, '12.51')).toEqual({ valueNum: 12.51, valueText: null, inSpec: false });
    expect(checkValue(base, ' 9,99 ')).toEqual({ valueNum: 9.99, valueText: null, inSpec: false });
    expect(checkValue(base, 11.2).inSpec).toBe(true);
    expect(checkValue({ ...base, lowerLimit: null }, '-4').inSpec).toBe(true);
  });
  it('refuses text in a numeric field, too many decimals, and impossible numbers', () => {
    expect(keyOf(() => checkValue(base, 'abc'))).toBe('errors.qcValue.notNumber');
    expect(keyOf(() => checkValue(base, '1e3'))).toBe('errors.qcValue.notNumber');
    expect(keyOf(() => checkValue(base, '11.2.3'))).toBe('errors.qcValue.notNumber');
    expect(keyOf(() => checkValue(base, '11.123'))).toBe('errors.qcValue.tooManyDecimals');
    expect(keyOf(() => checkValue({ ...base, decimals: null }, '1.123456789012'))).toBe('errors.qcValue.tooManyDecimals');
    expect(keyOf(() => checkValue(base, 11.123456789012))).toBe('errors.qcValue.tooManyDecimals');
    expect(keyOf(() => checkValue(base, Number.NaN))).toBe('errors.qcValue.notNumber');
    expect(keyOf(() => checkValue(base, '99999999999999'))).toBe('errors.qcValue.outOfRange');
    expect(keyOf(() => checkValue(base, ''))).toBe('errors.qcValue.empty');
    expect(keyOf(() => checkValue(base, null))).toBe('errors.qcValue.empty');
    expect(fieldOf(() => checkValue(base, 'x', 'results.3.value'))).toBe('results.3.value');
  });
  it('refuses a negative weight, whether typed or from the scale', () => {
    expect(keyOf(() => checkValue(weight, '-0.2'))).toBe('errors.qcValue.negativeWeight');
    expect(keyOf(() => checkValue(weight, -1))).toBe('errors.qcValue.negativeWeight');
    expect(checkValue(weight, 25.012)).toEqual({ valueNum: 25.012, valueText: null, inSpec: true });
    expect(checkValue(weight, '24.5').inSpec).toBe(false);
  });
  it('takes a choice only from its list, in spec when accepted', () => {
    expect(checkValue(look, 'minor marks')).toEqual({ valueNum: null, valueText: 'minor marks', inSpec: true });
    expect(checkValue(look, 'damaged').inSpec).toBe(false);
    expect(keyOf(() => checkValue(look, 'excellent'))).toBe('errors.qcValue.notAChoice');
  });
  it('takes pass/fail and text', () => {
    expect(checkValue(seal, true)).toEqual({ valueNum: null, valueText: 'pass', inSpec: true });
    expect(checkValue(seal, 'fail')).toEqual({ valueNum: null, valueText: 'fail', inSpec: false });
    expect(keyOf(() => checkValue(seal, 'maybe'))).toBe('errors.qcValue.passFail');
    expect(checkValue(note, ' slight smell ')).toEqual({ valueNum: null, valueText: 'slight smell', inSpec: true });
    expect(keyOf(() => checkValue(note, 'x'.repeat(501)))).toBe('errors.qcValue.textTooLong');
    expect(keyOf(() => checkValue(note, 5))).toBe('errors.qcValue.notText');
  });
});

const plan = (over: Partial<PlanRules> = {}): PlanRules => ({
  sampling: { kind: 'iso2859', level: 'II', severity: 'normal' },
  triggers: ['receipt'],
  retestDays: null,
  dueHours: 24,
  note: null,
  characteristics: [base, weight, look, seal, note],
  ...over,
});

describe('validatePlan', () => {
  it('returns the plan normalized', () => {
    const checked = validatePlan(plan({ sampling: { kind: 'fixed', n: 5 }, triggers: ['retest', 'receipt', 'receipt'], retestDays: 30, note: '  ' }));
    expect(checked.triggers).toEqual(['receipt', 'retest']);
    expect(checked.note).toBeNull();
    // A fixed sample has no AQL; a choice keeps its accepted values in list order; pass/fail has no limits.
    expect(checked.characteristics.map((c) => c.aql)).toEqual([null, null, null, null, null]);
    expect(validatePlan(plan({ characteristics: [{ ...look, accepted: ['minor marks', 'good'] }] })).characteristics[0].accepted).toEqual(['good', 'minor marks']);
    expect(validatePlan(plan({ characteristics: [{ ...seal, lowerLimit: 3 }] })).characteristics[0].lowerLimit).toBeNull();
    expect(validatePlan(plan({ triggers: ['receipt'], retestDays: 30 })).retestDays).toBeNull();
  });
  it('refuses crossed limits and a target outside them, naming the field', () => {
    const crossed = () => validatePlan(plan({ characteristics: [base, { ...weight, lowerLimit: 26, upperLimit: 25 }] }));
    expect(keyOf(crossed)).toBe('errors.qcPlans.crossedLimits');
    expect(fieldOf(crossed)).toBe('characteristics.1.lowerLimit');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, target: 13 }] })))).toBe('errors.qcPlans.targetOutside');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...weight, lowerLimit: -1 }] })))).toBe('errors.qcPlans.negativeWeight');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, lowerLimit: 10.125 }] })))).toBe('errors.qcPlans.limitDecimals');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, decimals: 7 }] })))).toBe('errors.qcPlans.decimals');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...weight, unit: 'mm' }] })))).toBe('errors.qcPlans.weightUnit');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, upperLimit: Number.POSITIVE_INFINITY }] })))).toBe('errors.qcPlans.number');
  });
  it('refuses duplicate codes, bad codes and names, and no characteristics', () => {
    const dup = () => validatePlan(plan({ characteristics: [base, { ...weight, code: 'len' }] }));
    expect(keyOf(dup)).toBe('errors.qcPlans.duplicateCode');
    expect(fieldOf(dup)).toBe('characteristics.1.code');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, code: 'has space' }] })))).toBe('errors.qcPlans.code');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, name: ' ' }] })))).toBe('errors.qcPlans.name');
    expect(keyOf(() => validatePlan(plan({ characteristics: [] })))).toBe('errors.qcPlans.noCharacteristics');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, stage: 'process' }] })))).toBe('errors.qcPlans.noInspectionCharacteristic');
    expect(validatePlan(plan({ triggers: ['production'], characteristics: [{ ...base, stage: 'process' }] })).characteristics[0].aql).toBeNull();
  });
  it('refuses an empty or inconsistent choice list', () => {
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...look, choices: [] }] })))).toBe('errors.qcPlans.noChoices');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...look, choices: ['good', ' '] }] })))).toBe('errors.qcPlans.noChoices');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...look, choices: ['good', 'good'] }] })))).toBe('errors.qcPlans.duplicateChoice');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...look, accepted: [] }] })))).toBe('errors.qcPlans.noAccepted');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...look, accepted: ['shiny'] }] })))).toBe('errors.qcPlans.acceptedNotChoice');
  });
  it('refuses an AQL the table does not have, or none with sampling by lot size', () => {
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, aql: 3 }] })))).toBe('errors.qcPlans.aql');
    expect(keyOf(() => validatePlan(plan({ characteristics: [{ ...base, aql: null }] })))).toBe('errors.qcPlans.noAql');
    expect(keyOf(() => validatePlan(plan({ sampling: { kind: 'iso2859', level: 'II', severity: 'reduced' }, characteristics: [{ ...base, aql: 25 }] })))).toBe('errors.qcPlans.aql');
    expect(validatePlan(plan({ sampling: { kind: 'iso2859', level: 'II', severity: 'normal' }, characteristics: [{ ...base, aql: 25 }] })).characteristics[0].aql).toBe(25);
  });
  it('refuses bad sampling, triggers, re-test days and due hours', () => {
    expect(keyOf(() => validatePlan(plan({ sampling: { kind: 'fixed', n: 0 } })))).toBe('errors.qcPlans.fixedN');
    expect(keyOf(() => validatePlan(plan({ sampling: { kind: 'iso2859', level: 'IV' as 'I', severity: 'normal' } })))).toBe('errors.qcPlans.level');
    expect(keyOf(() => validatePlan(plan({ sampling: { kind: 'iso2859', level: 'II', severity: 'lenient' as 'normal' } })))).toBe('errors.qcPlans.severity');
    expect(keyOf(() => validatePlan(plan({ triggers: [] })))).toBe('errors.qcPlans.noTriggers');
    expect(keyOf(() => validatePlan(plan({ triggers: ['retest'], retestDays: null })))).toBe('errors.qcPlans.retestDays');
    expect(keyOf(() => validatePlan(plan({ dueHours: 0 })))).toBe('errors.qcPlans.dueHours');
    expect(keyOf(() => validatePlan(plan({ dueHours: 1.5 })))).toBe('errors.qcPlans.dueHours');
  });
});

describe('sample plans of a plan', () => {
  it('gives each characteristic its own n, Ac, Re and the inspection the largest n', () => {
    const sampling = { kind: 'iso2859', level: 'II', severity: 'normal' } as const;
    expect(characteristicPlan(sampling, { aql: 1 }, 1000)).toMatchObject({ letter: 'J', n: 80, ac: 2, re: 3 });
    expect(characteristicPlan(sampling, { aql: 0.065 }, 1000)).toMatchObject({ letter: 'L', n: 200, ac: 0, re: 1 });
    expect(inspectionSampleSize(sampling, [{ aql: 1, stage: 'inspection' }, { aql: 0.065, stage: 'inspection' }, { aql: null, stage: 'process' }], 1000)).toBe(200);
    expect(inspectionSampleSize({ kind: 'fixed', n: 5 }, [{ aql: null, stage: 'inspection' }], 3)).toBe(3);
  });
});
