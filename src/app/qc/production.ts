/**
 * Production records (issue 17, item 6): a lot made here (lots.transform: repack, blend, kitting)
 * records its line or equipment, shift, operator and the process parameters of the item's active
 * plan, in the transformation's own transaction (the `production` block of its input), so a made
 * lot never exists without its record nor a record without its lot. Each parameter is checked as
 * an inspection result is (checkValue) and marked in or out of spec; one out of spec makes the lot
 * start on hold instead of quarantine or released, through the same bin rule as any blocked lot.
 * A refused value (text in a numeric field, too many decimals, a missing mandatory parameter)
 * refuses the whole transformation: nothing is written.
 */
import type { ParsedInput } from '../../contract/contract';
import type { ProductionForm, ProductionRecordView } from '../../contract/results';
import { fail } from '../../domain/errors';
import { initialStatus, type StoredLotStatus } from '../../domain/lot-status';
import { checkValue, type CheckedValue } from '../../domain/qc/characteristic';
import type { PlanVersion } from '../../domain/qc/plan';
import type { Db } from '../../store/db';
import { findProductionRecord, insertProductionRecord, productionParameters } from '../../store/production';
import { activePlanId, planVersionById } from '../../store/qc-plans';
import { openInspection } from './inspections';
import { inspected } from './inspection-view';
import { activeUserById, activeUserByName } from '../../store/users';
import { noteChanges, type AuditFields } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';

type ProductionInput = NonNullable<ParsedInput<'lots.transform'>['production']>;

type ProcessParameter = PlanVersion['characteristics'][number];

/** The active plan for lots of the item made here (the item's plan for every supplier: a made lot has none), or null. */
function housePlan(db: Db, itemId: string): PlanVersion | null {
  const id = activePlanId(db, itemId, '');
  return id ? planVersionById(db, id) : null;
}

const processParameters = (plan: PlanVersion | null): ProcessParameter[] => (plan ? plan.characteristics.filter((c) => c.stage === 'process') : []);

/** A production record checked before anything is written: the plan, the operator and each parameter's value and spec. */
export interface CheckedProduction {
  plan: PlanVersion | null;
  line: string;
  shift: string;
  operatorId: string;
  parameters: { characteristic: ProcessParameter; checked: CheckedValue }[];
  allInSpec: boolean;
}

export function productionForm(db: Db, itemId: string): ProductionForm {
  const plan = housePlan(db, itemId);
  return {
    itemId,
    planId: plan?.id ?? null,
    planVersion: plan?.version ?? null,
    parameters: processParameters(plan).map(({ id, code, name, nameZh, kind, unit, target, lowerLimit, upperLimit, decimals, choices, accepted, mandatory }) => ({
      characteristicId: id, code, name, nameZh, kind, unit, target, lowerLimit, upperLimit, decimals, choices, accepted, mandatory,
    })),
  };
}

/**
 * Checks a transformation's production block against the item's active plan. Without a block the
 * item's plan must name no process parameter; with one, every parameter given must be the plan's,
 * once, and every mandatory one given.
 */
export function checkProduction(ctx: CallContext, itemId: string, sku: string, input: ProductionInput | undefined): CheckedProduction | null {
  const db = ctx.station.db;
  const plan = housePlan(db, itemId);
  const characteristics = processParameters(plan);
  if (!input) {
    if (characteristics.length > 0) throw fail.validation('errors.production.required', 'production', { sku });
    return null;
  }
  const operator = input.operator ? activeUserByName(db, input.operator) : activeUserById(db, requireUser(ctx).id);
  if (!operator) throw fail.notFound('errors.production.unknownOperator', { operator: input.operator ?? '' }, 'production.operator');
  const operatorId = operator.id;
  const byId = new Map(characteristics.map((c) => [c.id, c]));
  const given = new Map<string, string>();
  input.parameters.forEach((p, i) => {
    const field = `production.parameters.${i}.value`;
    if (!byId.has(p.characteristicId)) throw fail.validation('errors.production.unknownParameter', `production.parameters.${i}.characteristicId`, { sku });
    if (given.has(p.characteristicId)) throw fail.validation('errors.production.duplicateParameter', field, { code: byId.get(p.characteristicId)!.code });
    if (p.value.trim() !== '') given.set(p.characteristicId, p.value);
  });
  const parameters: CheckedProduction['parameters'] = [];
  characteristics.forEach((c) => {
    const raw = given.get(c.id);
    const i = input.parameters.findIndex((p) => p.characteristicId === c.id);
    const field = i < 0 ? 'production.parameters' : `production.parameters.${i}.value`;
    if (raw === undefined) {
      if (c.mandatory) throw fail.validation('errors.production.missingParameter', field, { code: c.code, name: c.name });
      return;
    }
    parameters.push({ characteristic: c, checked: checkValue(c, raw, field) });
  });
  return { plan, line: input.line, shift: input.shift, operatorId, parameters, allInSpec: parameters.every((p) => p.checked.inSpec) };
}

/** The status a made lot starts in: on hold when an in-process check failed, else as a received lot. */
export function madeLotStatus(qcRequired: boolean, production: CheckedProduction | null): StoredLotStatus {
  return production && !production.allInSpec ? 'on_hold' : initialStatus(qcRequired);
}

/**
 * Writes the checked record of the lot just made and notes it (and a hold) in the audit; a plan
 * triggered by production opens the made lot's inspection (qc-inspect's openInspection) in the same transaction.
 */
export function writeProduction(ctx: CallContext, lot: { id: string; code: string }, documentId: string | null, p: CheckedProduction, storedQuantity: number): void {
  insertProductionRecord(ctx.station.db, {
    lotId: lot.id, documentId, line: p.line, operatorId: p.operatorId, shift: p.shift, planId: p.plan?.id ?? null, allInSpec: p.allInSpec,
    at: ctx.now.toISOString(), userId: requireUser(ctx).id,
    parameters: p.parameters.map(({ characteristic, checked }) => ({ characteristicId: characteristic.id, valueNum: checked.valueNum, valueText: checked.valueText, inSpec: checked.inSpec })),
  });
  const after: AuditFields = { productionLine: p.line, shift: p.shift, operatorId: p.operatorId, planVersion: p.plan?.version ?? null, allInSpec: p.allInSpec };
  for (const { characteristic, checked } of p.parameters) {
    after[`parameter@${characteristic.code}`] = `${checked.valueNum ?? checked.valueText}${characteristic.unit ? ` ${characteristic.unit}` : ''}${checked.inSpec ? '' : ' ✗'}`;
  }
  noteChanges(ctx, { object: 'productionRecord', id: lot.id, label: lot.code }, null, after);
  if (!p.allInSpec) {
    const failed = p.parameters.filter((x) => !x.checked.inSpec).map((x) => x.characteristic.code).join(', ');
    noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, null, { status: 'on_hold', holdReason: `in-process check failed: ${failed}` });
  }
  if (p.plan && p.plan.triggers.includes('production') && inspected(p.plan).length > 0) openInspection(ctx, lot, p.plan, 'production', storedQuantity);
}

export function readProductionRecord(db: Db, lotId: string): ProductionRecordView | null {
  const r = findProductionRecord(db, lotId);
  if (!r) return null;
  return {
    ...r,
    allInSpec: r.allInSpec === 1,
    parameters: productionParameters(db, lotId).map((p) => ({
      characteristicId: p.id, code: p.code, name: p.name, nameZh: p.nameZh, unit: p.unit, target: p.target, lowerLimit: p.lowerLimit, upperLimit: p.upperLimit,
      value: p.valueNum ?? p.valueText, inSpec: p.inSpec === 1,
    })),
  };
}

export const productionHandlers = {
  'production.form': (ctx, input) => productionForm(ctx.station.db, input.itemId),
  'production.get': (ctx, input) => readProductionRecord(ctx.station.db, input.lotId),
} satisfies Partial<Handlers>;
