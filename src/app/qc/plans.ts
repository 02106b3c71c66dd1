/**
 * QC inspection plans (issue 17): versions per item, optionally per supplier. A save checks the
 * plan (validatePlan), then writes a first version or a new one that supersedes the active
 * version of the same item and supplier key; inspections keep the version they were made by, so
 * a plan is never edited in place. The audit notes the new version against the one it replaces,
 * field by field (each characteristic as one line), and the old version's status change.
 */
import { fail } from '../../domain/errors';
import type { Characteristic } from '../../domain/qc/characteristic';
import { validatePlan, type PlanRules, type PlanVersion } from '../../domain/qc/plan';
import { draftOf } from '../../contract/qc-plan-check';
import { newId } from '../../store/ids';
import {
  activePlanForLot, activePlanId, insertPlanVersion, itemForPlan, lastVersion, listPlanVersions, planHistory, planVersionById, setPlanStatus, supplierForPlan,
} from '../../store/qc-plans';
import { findLot } from '../../store/lots';
import { noteChanges, type AuditFields } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';

/** The plan as the audit shows it: one field per rule and one per characteristic ("qcCharacteristic@LEN"). */
export function planAuditFields(plan: PlanRules & { status?: string }): AuditFields {
  const fields: AuditFields = {
    planSampling: plan.sampling.kind === 'fixed' ? `n = ${plan.sampling.n}` : `ISO 2859-1 ${plan.sampling.level} ${plan.sampling.severity}`,
    planTriggers: plan.triggers.join(', '),
    retestDays: plan.retestDays,
    dueHours: plan.dueHours,
    planNote: plan.note,
    ...(plan.status ? { status: plan.status } : {}),
  };
  plan.characteristics.forEach((c, i) => {
    fields[`qcCharacteristic@${c.code}`] = characteristicLine(c, i + 1);
  });
  return fields;
}

function characteristicLine(c: Characteristic, position: number): string {
  const parts = [`#${position}`, c.name, c.nameZh ?? '', c.stage, c.kind];
  if (c.kind === 'numeric' || c.kind === 'weight') {
    parts.push(`[${c.lowerLimit ?? ''} … ${c.upperLimit ?? ''}]${c.unit ? ` ${c.unit}` : ''}`);
    if (c.target !== null) parts.push(`target ${c.target}`);
    if (c.decimals !== null) parts.push(`${c.decimals} dp`);
  }
  if (c.kind === 'choice') parts.push(`{${(c.choices ?? []).join(' | ')}} ok {${(c.accepted ?? []).join(' | ')}}`);
  if (c.aql !== null) parts.push(`AQL ${c.aql}`);
  if (c.method) parts.push(c.method);
  parts.push(c.mandatory ? 'mandatory' : 'optional');
  return parts.filter((p) => p !== '').join(' · ');
}

export function labelOf(plan: { sku: string; supplierCode: string | null; version: number }): string {
  return `${plan.sku}${plan.supplierCode ? ` / ${plan.supplierCode}` : ''} v${plan.version}`;
}

function loadPlan(ctx: CallContext, planId: string): PlanVersion {
  const plan = planVersionById(ctx.station.db, planId);
  if (!plan) throw fail.notFound('errors.qcPlans.unknown', {}, 'planId');
  return plan;
}

export const qcPlanHandlers = {
  'qc.plans.list': (ctx, input) => listPlanVersions(ctx.station.db, { itemId: input.itemId, supplierId: input.supplierId, history: input.history === true, limit: 1000 }),
  'qc.plans.get': (ctx, input) => {
    const plan = loadPlan(ctx, input.planId);
    return { plan, history: planHistory(ctx.station.db, plan.itemId, plan.supplierId ?? '') };
  },
  'qc.plans.forLot': (ctx, input) => {
    if (!findLot(ctx.station.db, input.lotId, ctx.today)) throw fail.notFound('errors.qcPlans.unknownLot', {}, 'lotId');
    return activePlanForLot(ctx.station.db, input.lotId);
  },
  'qc.plans.save': (ctx, input) => {
    const db = ctx.station.db;
    const item = itemForPlan(db, input.itemId);
    if (!item) throw fail.notFound('errors.qcPlans.unknownItem', {}, 'itemId');
    const supplier = input.supplierId ? supplierForPlan(db, input.supplierId) : null;
    if (input.supplierId && !supplier) throw fail.notFound('errors.qcPlans.unknownSupplier', {}, 'supplierId');
    const plan = validatePlan(draftOf(input));
    const supplierKey = supplier?.id ?? '';
    // An edit made from an older version (or a "new" plan while one is active) would silently undo someone's change.
    const activeId = activePlanId(db, item.id, supplierKey);
    const before = activeId ? planVersionById(db, activeId) : null;
    if (before && input.basedOnPlanId !== before.id) throw fail.conflict('errors.qcPlans.stale', { version: before.version }, 'basedOnPlanId');
    const version = lastVersion(db, item.id, supplierKey) + 1;
    const id = newId();
    if (before) {
      setPlanStatus(db, before.id, 'superseded');
      noteChanges(ctx, { object: 'qcPlan', id: before.id, label: labelOf(before) }, { status: 'active' }, { status: 'superseded' });
    }
    insertPlanVersion(db, { ...plan, id, itemId: item.id, supplierId: supplier?.id ?? null, version, at: ctx.now.toISOString(), userId: requireUser(ctx).id }, plan.characteristics.map(() => newId()));
    // The new version against the one it replaces: what changed between versions, field by field.
    const basis = before ?? (input.basedOnPlanId ? planVersionById(db, input.basedOnPlanId) : null);
    const label = labelOf({ sku: item.sku, supplierCode: supplier?.code ?? null, version });
    noteChanges(ctx, { object: 'qcPlan', id, label }, basis && planAuditFields(basis), { ...planAuditFields(plan), planVersion: version, status: 'active' });
    return { planId: id, version };
  },
  'qc.plans.retire': (ctx, input) => {
    const plan = loadPlan(ctx, input.planId);
    if (plan.status === 'retired') throw fail.rule('errors.qcPlans.retired', {}, 'planId');
    if (plan.status !== 'active') throw fail.rule('errors.qcPlans.notActive', {}, 'planId');
    setPlanStatus(ctx.station.db, plan.id, 'retired');
    noteChanges(ctx, { object: 'qcPlan', id: plan.id, label: labelOf(plan) }, { status: 'active' }, { status: 'retired' });
    return { done: true };
  },
} satisfies Partial<Handlers>;
