/** QC inspection plans (issue 17): the versions of an item's (and supplier's) plan and the plan that applies to a lot. */
import type { PlanStatus, PlanVersion } from '../../domain/qc/plan';

export type { PlanVersion as QcPlanVersion, PlanStatus as QcPlanStatus, Sampling as QcSampling, PlanTrigger as QcPlanTrigger, PlanListRow as QcPlanListRow } from '../../domain/qc/plan';

export interface QcPlanHistoryRow {
  id: string;
  version: number;
  status: PlanStatus;
  createdAt: string;
  createdBy: string;
}

export interface QcPlanDetail {
  plan: PlanVersion;
  /** Every version of the same item and supplier key, newest first. */
  history: QcPlanHistoryRow[];
}

export interface QcPlanSaved {
  planId: string;
  version: number;
}
