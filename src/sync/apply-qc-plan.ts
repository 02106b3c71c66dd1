/**
 * A QC plan authored at the centre (issue 20, item 4) becomes a plan version at the desk, by the
 * desk's own rules (validatePlan, as `qc.plans.save` checks a plan typed here): a new version of
 * the item's (or item and supplier's) plan that supersedes the active one, so inspections already
 * made keep the version they were judged by. The body is `qc.plans.save`'s input without
 * `basedOnPlanId` (the centre's version is the newest by definition). A body whose rules equal
 * the active version's writes nothing (a re-pull, a snapshot). A plan naming an item or supplier
 * the desk lacks, or breaking a plan rule, is not written; the reason goes in the pull's audit.
 *
 * A plan version names its author (qc_plans.created_by, a desk user): central versions are
 * authored by the desk's `centre` user, made on first use, inactive and with no secret, so nobody
 * signs in as it and no desk person is named as the author of what the centre decided.
 *
 * A plan retired centrally comes as its document marked `retired: true` (a change or a snapshot
 * row): the desk retires the active version that plan made here (authored by the centre user,
 * with the same rules), so no new inspection is made from it; inspections already made keep it.
 */
import { AppError } from '../domain/errors';
import { validatePlan } from '../domain/qc/plan';
import { qcPlanSave } from '../contract/qc-plan-schemas';
import type { Db } from '../store/db';
import { newId } from '../store/ids';
import { statement } from '../store/statements';
import { activePlanId, insertPlanVersion, itemForPlan, lastVersion, planAuthorId, planVersionById, setPlanStatus, supplierForPlan } from '../store/qc-plans';
import { labelOf, planAuditFields } from '../app/qc/plans';
import { draftOf } from '../contract/qc-plan-check';
import type { Change } from '../sync-protocol/messages';
import type { AuditChange } from '../app/kernel/audit-log';

export const CENTRE_AUTHOR_ID = 'centre';

function centreAuthor(db: Db, at: string): string {
  statement(
    db,
    `INSERT OR IGNORE INTO users (id, username, display_name, role, secret_kind, secret_hash, active, created_at)
     VALUES (?, '~centre', 'Centre', 'manager', 'password', '!', 0, ?)`,
  ).run(CENTRE_AUTHOR_ID, at);
  return CENTRE_AUTHOR_ID;
}

export function applyQcPlan(db: Db, change: Change, at: string, out: AuditChange[]): boolean {
  const refuse = (label: string, reason: string): false => {
    out.push({ object: 'qcPlan', objectId: change.key, label, field: 'syncRefused', before: null, after: reason });
    return false;
  };
  // A plan deleted centrally: the desk keeps its versions (inspections name them); a manager retires one here.
  if (change.body === null) return refuse(change.key, 'deletedCentrally');
  // The centre adds its key as `id`; a version's basis is the desk's own concern; `retired` is the centre's mark of a plan retired there.
  const { id: _id, basedOnPlanId: _basis, retired, ...body } = change.body;
  const parsed = qcPlanSave.safeParse(body);
  if (!parsed.success) return refuse(change.key, 'malformed');
  const input = parsed.data;
  const item = itemForPlan(db, input.itemId);
  if (!item) return refuse(change.key, 'unknownItem');
  const supplier = input.supplierId ? supplierForPlan(db, input.supplierId) : null;
  if (input.supplierId && !supplier) return refuse(item.sku, 'unknownSupplier');
  let plan;
  try {
    plan = validatePlan(draftOf(input));
  } catch (err) {
    if (err instanceof AppError) return refuse(item.sku, err.data.key);
    throw err;
  }
  const supplierKey = supplier?.id ?? '';
  const activeId = activePlanId(db, item.id, supplierKey);
  const before = activeId ? planVersionById(db, activeId) : null;
  const rules = JSON.stringify(planAuditFields(plan));
  const sameRules = before !== null && JSON.stringify(planAuditFields({ ...before, status: undefined })) === rules;
  if (retired === true) {
    // Retired centrally: the version the centre's plan made here, while it is still the active one
    // (not one a desk manager made since, nor another central plan's). Replays find nothing to do.
    if (!before || !sameRules || planAuthorId(db, before.id) !== CENTRE_AUTHOR_ID) return false;
    setPlanStatus(db, before.id, 'retired');
    out.push({ object: 'qcPlan', objectId: before.id, label: labelOf(before), field: 'status', before: 'active', after: 'retired' });
    out.push({ object: 'qcPlan', objectId: before.id, label: labelOf(before), field: 'centralRetired', before: null, after: change.key });
    return true;
  }
  if (sameRules) return false;

  const version = lastVersion(db, item.id, supplierKey) + 1;
  const id = newId();
  if (before) {
    setPlanStatus(db, before.id, 'superseded');
    out.push({ object: 'qcPlan', objectId: before.id, label: labelOf(before), field: 'status', before: 'active', after: 'superseded' });
  }
  insertPlanVersion(db, { ...plan, id, itemId: item.id, supplierId: supplier?.id ?? null, version, at, userId: centreAuthor(db, at) }, plan.characteristics.map(() => newId()));
  const label = labelOf({ sku: item.sku, supplierCode: supplier?.code ?? null, version });
  out.push({ object: 'qcPlan', objectId: id, label, field: 'centralPlan', before: null, after: change.key });
  for (const [field, value] of Object.entries(planAuditFields(plan))) out.push({ object: 'qcPlan', objectId: id, label, field, before: null, after: value ?? null });
  return true;
}
