/**
 * An inspection plan (issue 17): its characteristics, its sampling rule, what triggers an
 * inspection and when it falls due. validatePlan is the one check of a plan before it is saved:
 * it refuses what could never be inspected (crossed limits, a target outside them, duplicate
 * codes, an empty choice list, an AQL the table does not have…) and returns the plan normalized
 * (fields that do not apply to a kind set to null), so the store writes exactly what was judged.
 */
import { fail } from '../errors';
import {
  CHARACTERISTIC_KINDS,
  MAX_DECIMALS,
  WEIGHT_UNITS,
  type Characteristic,
} from './characteristic';
import { aqlTabulated, fixedPlan, INSPECTION_LEVELS, planFor, SEVERITIES, type InspectionLevel, type SamplePlan, type Severity } from './sampling';

export type PlanTrigger = 'receipt' | 'production' | 'retest';
export const PLAN_TRIGGERS: readonly PlanTrigger[] = ['receipt', 'production', 'retest'];

/** As stored in qc_plans.sampling (JSON). */
export type Sampling = { kind: 'fixed'; n: number } | { kind: 'iso2859'; level: InspectionLevel; severity: Severity };

export interface PlanRules {
  sampling: Sampling;
  triggers: PlanTrigger[];
  /** A re-test falls due this many days before expiry (only with the 'retest' trigger). */
  retestDays: number | null;
  /** An inspection is due this many hours after its trigger. */
  dueHours: number;
  note: string | null;
  characteristics: Characteristic[];
}

export const MAX_CHARACTERISTICS = 200;
export const MAX_FIXED_N = 10000;
export const MAX_DUE_HOURS = 24 * 90;
export const MAX_RETEST_DAYS = 3650;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,23}$/;

/** Checks a plan and returns it normalized; the first fault found is thrown with the field it is in. */
export function validatePlan(plan: PlanRules): PlanRules {
  const sampling = validateSampling(plan.sampling);
  const triggers = [...new Set(plan.triggers)];
  if (triggers.length === 0) throw fail.validation('errors.qcPlans.noTriggers', 'triggers');
  for (const trigger of triggers) {
    if (!PLAN_TRIGGERS.includes(trigger)) throw fail.validation('errors.qcPlans.trigger', 'triggers', { trigger: String(trigger) });
  }
  let retestDays: number | null = null;
  if (triggers.includes('retest')) {
    if (plan.retestDays === null || !Number.isInteger(plan.retestDays) || plan.retestDays < 1 || plan.retestDays > MAX_RETEST_DAYS) {
      throw fail.validation('errors.qcPlans.retestDays', 'retestDays', { max: MAX_RETEST_DAYS });
    }
    retestDays = plan.retestDays;
  }
  if (!Number.isInteger(plan.dueHours) || plan.dueHours < 1 || plan.dueHours > MAX_DUE_HOURS) {
    throw fail.validation('errors.qcPlans.dueHours', 'dueHours', { max: MAX_DUE_HOURS });
  }
  if (plan.characteristics.length === 0) throw fail.validation('errors.qcPlans.noCharacteristics', 'characteristics');
  if (plan.characteristics.length > MAX_CHARACTERISTICS) {
    throw fail.validation('errors.qcPlans.tooManyCharacteristics', 'characteristics', { max: MAX_CHARACTERISTICS });
  }
  const seen = new Map<string, number>();
  const characteristics = plan.characteristics.map((c, index) => {
    const checked = validateCharacteristic(c, index, sampling);
    const key = checked.code.toUpperCase();
    if (seen.has(key)) {
      throw fail.validation('errors.qcPlans.duplicateCode', `characteristics.${index}.code`, { code: checked.code, row: (seen.get(key) as number) + 1 });
    }
    seen.set(key, index);
    return checked;
  });
  // A receipt or a re-test inspects samples; a plan of process parameters alone could not be judged.
  if ((triggers.includes('receipt') || triggers.includes('retest')) && !characteristics.some((c) => c.stage === 'inspection')) {
    throw fail.validation('errors.qcPlans.noInspectionCharacteristic', 'characteristics');
  }
  const note = plan.note?.trim() ? plan.note.trim() : null;
  if (note && note.length > 1000) throw fail.validation('errors.qcPlans.note', 'note', { max: 1000 });
  return { sampling, triggers: PLAN_TRIGGERS.filter((t) => triggers.includes(t)), retestDays, dueHours: plan.dueHours, note, characteristics };
}

function validateSampling(sampling: Sampling): Sampling {
  if (sampling?.kind === 'fixed') {
    if (!Number.isInteger(sampling.n) || sampling.n < 1 || sampling.n > MAX_FIXED_N) {
      throw fail.validation('errors.qcPlans.fixedN', 'sampling.n', { max: MAX_FIXED_N });
    }
    return { kind: 'fixed', n: sampling.n };
  }
  if (sampling?.kind === 'iso2859') {
    if (!INSPECTION_LEVELS.includes(sampling.level)) throw fail.validation('errors.qcPlans.level', 'sampling.level', { level: String(sampling.level) });
    if (!SEVERITIES.includes(sampling.severity)) throw fail.validation('errors.qcPlans.severity', 'sampling.severity');
    return { kind: 'iso2859', level: sampling.level, severity: sampling.severity };
  }
  throw fail.validation('errors.qcPlans.sampling', 'sampling');
}

function finite(value: number | null, field: string, code: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || Math.abs(value) >= 1e12) throw fail.validation('errors.qcPlans.number', field, { code });
  return value;
}

function validateCharacteristic(c: Characteristic, index: number, sampling: Sampling): Characteristic {
  const at = (field: string) => `characteristics.${index}.${field}`;
  const code = (c.code ?? '').trim();
  if (!CODE.test(code)) throw fail.validation('errors.qcPlans.code', at('code'), { row: index + 1 });
  const params = { code };
  const name = (c.name ?? '').trim();
  if (name.length < 1 || name.length > 120) throw fail.validation('errors.qcPlans.name', at('name'), params);
  const nameZh = c.nameZh?.trim() ? c.nameZh.trim() : null;
  if (nameZh && nameZh.length > 120) throw fail.validation('errors.qcPlans.name', at('nameZh'), params);
  if (c.stage !== 'inspection' && c.stage !== 'process') throw fail.validation('errors.qcPlans.stage', at('stage'), params);
  if (!CHARACTERISTIC_KINDS.includes(c.kind)) throw fail.validation('errors.qcPlans.kind', at('kind'), params);
  const method = c.method?.trim() ? c.method.trim() : null;
  if (method && method.length > 200) throw fail.validation('errors.qcPlans.method', at('method'), { ...params, max: 200 });

  let unit: string | null = null;
  let target: number | null = null;
  let lowerLimit: number | null = null;
  let upperLimit: number | null = null;
  let decimals: number | null = null;
  let choices: string[] | null = null;
  let accepted: string[] | null = null;

  if (c.kind === 'numeric' || c.kind === 'weight') {
    unit = c.unit?.trim() ? c.unit.trim() : null;
    if (unit && unit.length > 16) throw fail.validation('errors.qcPlans.unit', at('unit'), params);
    if (c.kind === 'weight' && (!unit || !WEIGHT_UNITS.includes(unit))) {
      throw fail.validation('errors.qcPlans.weightUnit', at('unit'), { ...params, units: WEIGHT_UNITS.join(', ') });
    }
    decimals = c.decimals ?? null;
    if (decimals !== null && (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS)) {
      throw fail.validation('errors.qcPlans.decimals', at('decimals'), { ...params, max: MAX_DECIMALS });
    }
    lowerLimit = finite(c.lowerLimit, at('lowerLimit'), code);
    upperLimit = finite(c.upperLimit, at('upperLimit'), code);
    target = finite(c.target, at('target'), code);
    if (lowerLimit !== null && upperLimit !== null && lowerLimit > upperLimit) {
      throw fail.validation('errors.qcPlans.crossedLimits', at('lowerLimit'), { ...params, lower: lowerLimit, upper: upperLimit });
    }
    if (target !== null && ((lowerLimit !== null && target < lowerLimit) || (upperLimit !== null && target > upperLimit))) {
      throw fail.validation('errors.qcPlans.targetOutside', at('target'), { ...params, target });
    }
    if (c.kind === 'weight' && [lowerLimit, upperLimit, target].some((v) => v !== null && v < 0)) {
      throw fail.validation('errors.qcPlans.negativeWeight', at('lowerLimit'), params);
    }
    // A limit finer than the results may be written could never be met exactly as specified.
    const max = decimals ?? MAX_DECIMALS;
    for (const [field, value] of [['lowerLimit', lowerLimit], ['upperLimit', upperLimit], ['target', target]] as const) {
      if (value !== null && decimalsIn(value) > max) throw fail.validation('errors.qcPlans.limitDecimals', at(field), { ...params, max });
    }
  } else if (c.kind === 'choice') {
    choices = (c.choices ?? []).map((choice) => String(choice).trim()).filter((choice) => choice !== '');
    if (choices.length < 2) throw fail.validation('errors.qcPlans.noChoices', at('choices'), params);
    if (new Set(choices).size !== choices.length) throw fail.validation('errors.qcPlans.duplicateChoice', at('choices'), params);
    if (choices.some((choice) => choice.length > 60)) throw fail.validation('errors.qcPlans.choiceTooLong', at('choices'), { ...params, max: 60 });
    accepted = [...new Set((c.accepted ?? []).map((choice) => String(choice).trim()).filter((choice) => choice !== ''))];
    if (accepted.length === 0) throw fail.validation('errors.qcPlans.noAccepted', at('accepted'), params);
    const stranger = accepted.find((choice) => !(choices as string[]).includes(choice));
    if (stranger !== undefined) throw fail.validation('errors.qcPlans.acceptedNotChoice', at('accepted'), { ...params, value: stranger });
    accepted = choices.filter((choice) => (accepted as string[]).includes(choice));
  }

  // The AQL picks the column of the ISO 2859-1 table; a fixed sample and a process parameter have none.
  let aql: number | null = null;
  if (c.stage === 'inspection' && sampling.kind === 'iso2859') {
    if (c.aql === null || c.aql === undefined) throw fail.validation('errors.qcPlans.noAql', at('aql'), params);
    if (!aqlTabulated(c.aql, sampling.severity)) {
      throw fail.validation('errors.qcPlans.aql', at('aql'), { ...params, aql: c.aql, severity: sampling.severity });
    }
    aql = c.aql;
  }
  return { code, name, nameZh, stage: c.stage, kind: c.kind, unit, target, lowerLimit, upperLimit, decimals, choices, accepted, method, mandatory: c.mandatory === true, aql };
}

function decimalsIn(value: number): number {
  const text = String(value);
  return text.includes('e-') ? MAX_DECIMALS + 1 : (text.split('.')[1]?.length ?? 0);
}

/** The sample plan (n, Ac, Re) one inspection characteristic gets for a lot of this size. */
export function characteristicPlan(sampling: Sampling, characteristic: Pick<Characteristic, 'aql'>, lotSize: number): SamplePlan {
  if (sampling.kind === 'fixed') return fixedPlan(sampling.n, lotSize);
  if (characteristic.aql === null) throw fail.validation('errors.qcPlans.noAql', 'aql', {});
  return planFor({ lotSize, level: sampling.level, severity: sampling.severity, aql: characteristic.aql });
}

/** The number of samples an inspection draws: the largest n of its inspection characteristics. */
export function inspectionSampleSize(sampling: Sampling, characteristics: readonly Pick<Characteristic, 'aql' | 'stage'>[], lotSize: number): number {
  return characteristics
    .filter((c) => c.stage === 'inspection')
    .reduce((most, c) => Math.max(most, characteristicPlan(sampling, c, lotSize).n), 0);
}

export type PlanStatus = 'active' | 'superseded' | 'retired';

/** Which plan version this is: its item, its supplier (null: every supplier), its number and status. */
export interface PlanHeader {
  id: string;
  itemId: string;
  sku: string;
  itemName: string;
  itemNameZh: string | null;
  supplierId: string | null;
  supplierCode: string | null;
  supplierName: string | null;
  version: number;
  status: PlanStatus;
  createdAt: string;
  /** Display name of the author. */
  createdBy: string;
}

/** One stored version of a plan, with its characteristics in order (their ids are what results reference). */
export interface PlanVersion extends PlanHeader, PlanRules {
  characteristics: (Characteristic & { id: string; position: number })[];
}

/** A plan version as the Plans screen lists it. */
export interface PlanListRow extends PlanHeader, Pick<PlanRules, 'sampling' | 'triggers' | 'dueHours'> {
  /** How many characteristics it has. */
  characteristics: number;
}
