/**
 * Input schemas of the QC plan entries (issue 17). They hold the shape only; the rules (crossed
 * limits, duplicate codes, AQLs of the table…) are validatePlan's in src/domain/qc/plan.ts, so the
 * same translated error names the same field whichever way a plan arrives.
 */
import { z } from 'zod';
import { id, text } from './schemas';

/** Who reads plans: the inspector at the desk, the warehouse lead and the manager. */
export const QC_PLAN_READERS = ['inspector', 'lead', 'manager'] as const;
/** Who authors and retires plans: the manager (the quality unit's approver); admin may do everything. */
export const QC_PLAN_AUTHORS = ['manager'] as const;

const number = z.number({ error: 'errors.qcPlans.badNumber' });
const optionalNumber = number.nullable().optional();
const word = (max: number) => text(max).nullable().optional();

export const qcCharacteristicInput = z
  .object({
    code: text(24),
    name: text(120),
    nameZh: word(120),
    stage: z.string().default('inspection'),
    kind: z.string({ error: 'errors.validation.required' }),
    unit: word(16),
    target: optionalNumber,
    lowerLimit: optionalNumber,
    upperLimit: optionalNumber,
    decimals: optionalNumber,
    choices: z.array(text(60)).max(50).nullable().optional(),
    accepted: z.array(text(60)).max(50).nullable().optional(),
    method: word(200),
    mandatory: z.boolean().default(true),
    aql: optionalNumber,
  })
  .strict();

export const qcSamplingInput = z.union(
  [
    z.object({ kind: z.literal('fixed'), n: number }).strict(),
    z.object({ kind: z.literal('iso2859'), level: z.string(), severity: z.string() }).strict(),
  ],
  { error: 'errors.qcPlans.sampling' },
);

export const qcPlanSave = z
  .object({
    itemId: id('itemId'),
    /** null or absent: the item's plan for every supplier. */
    supplierId: id('supplierId').nullable().optional(),
    /** The version this edit started from (null for a first version): a newer active version refuses the save. */
    basedOnPlanId: id('basedOnPlanId').nullable().optional(),
    sampling: qcSamplingInput,
    triggers: z.array(z.string()).max(3),
    retestDays: optionalNumber,
    dueHours: number,
    note: word(1000),
    characteristics: z.array(qcCharacteristicInput).max(200, { error: 'errors.qcPlans.tooManyCharacteristics' }),
  })
  .strict();

export const qcPlanRef = z.object({ planId: id('planId') }).strict();
export const qcPlanList = z
  .object({ itemId: id('itemId').optional(), supplierId: id('supplierId').optional(), history: z.boolean().optional() })
  .strict();
