/**
 * One check of a QC plan for every place a plan is authored: the contract's shape (qcPlanSave)
 * then the domain's rules (validatePlan). The desk's `qc.plans.save` and its apply of a pulled
 * central plan, the centre's PUT of a plan and the central QC plans screen all judge a plan by it,
 * so the same translated error names the same field wherever a plan is typed.
 */
import type { z } from 'zod';
import { AppError, type ErrorData } from '../domain/errors';
import type { Characteristic } from '../domain/qc/characteristic';
import { validatePlan, type PlanRules, type PlanTrigger, type Sampling } from '../domain/qc/plan';
import { qcPlanSave } from './qc-plan-schemas';

/** A plan as the centre publishes it: `qc.plans.save`'s input without the desk's version basis. */
export const centralQcPlanBody = qcPlanSave.omit({ basedOnPlanId: true });
export type CentralQcPlanBody = z.output<typeof centralQcPlanBody>;

/** The contract's loose input as the domain's plan (absent fields are null), for validatePlan to judge. */
export function draftOf(input: CentralQcPlanBody): PlanRules {
  return {
    sampling: input.sampling as Sampling,
    triggers: input.triggers as PlanTrigger[],
    retestDays: input.retestDays ?? null,
    dueHours: input.dueHours,
    note: input.note ?? null,
    characteristics: input.characteristics.map((c) => ({
      code: c.code, name: c.name, nameZh: c.nameZh ?? null, stage: c.stage as Characteristic['stage'], kind: c.kind as Characteristic['kind'], unit: c.unit ?? null,
      target: c.target ?? null, lowerLimit: c.lowerLimit ?? null, upperLimit: c.upperLimit ?? null, decimals: c.decimals ?? null, choices: c.choices ?? null,
      accepted: c.accepted ?? null, method: c.method ?? null, mandatory: c.mandatory, aql: c.aql ?? null,
    })),
  };
}

/** Why a central plan body is refused (the first problem, naming its field), or null when it is a plan. */
export function centralQcPlanProblem(body: unknown): ErrorData | null {
  const parsed = centralQcPlanBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.');
    const key = issue.message.startsWith('errors.') ? issue.message : `errors.validation.${issue.code}`;
    return field ? { code: 'validation', key, params: {}, field } : { code: 'validation', key, params: {} };
  }
  try {
    validatePlan(draftOf(parsed.data));
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.data;
    throw err;
  }
}
