/**
 * Re-test before expiry (issue 17, item 8). A plan that names the trigger 'retest' with
 * `retest_days` re-tests a lot from `retest_days` before its expiry: the lot shows on the re-test
 * list, and an inspector opens a re-test inspection (trigger 'retest'), records and decides it
 * like any other. Released (or released on condition), the lot's expiry may be extended: the new
 * date is signed (e-signature, meaning 'retest', bound to lot, inspection, old and new date), the
 * old date is kept in lot_expiry_changes and the change is audited before/after.
 *
 * The window (docs/DESIGN.md, "Certificates of analysis, re-test, retained samples"): a re-test
 * opens from expiry − retest_days until the expiry date itself; an expired lot is not re-tested.
 * The extension may be signed after the old date passed while the lot was under test, up to
 * retest_days past it (the plan's allowance), never later; the new date is later than the old
 * and at most the item's shelf life from today.
 */
import { addDays, daysBetween } from '../../domain/dates';
import { fail } from '../../domain/errors';
import type { ExpiryChange, RetestDueRow } from '../../contract/results';
import type { Db } from '../../store/db';
import { newId } from '../../store/ids';
import { findLot } from '../../store/lots';
import { expiryChangesOfLot, hasExpiryChangeFor, insertExpiryChange, itemShelfLifeDays, retestDueLots } from '../../store/qc-retest';
import { inspectionById, lotOnHand, openInspectionOfLot } from '../../store/qc-inspections';
import { activePlanForLot } from '../../store/qc-plans';
import type { PlanVersion } from '../../domain/qc/plan';
import { noteChanges } from '../kernel/audit-changes';
import type { CallContext, Handlers } from '../kernel/context';
import { sign, signatureIntact } from '../kernel/e-signature';
import { openInspection } from './inspections';

/** Rows the re-test list shows at most. */
export const RETEST_LIST_LIMIT = 500;
/** Decisions after which a re-tested lot may be given a later expiry. */
const EXTENDING_DECISIONS = new Set(['released', 'conditional']);

/** What an expiry extension's signature is bound to. */
export const expiryBound = (c: { lotId: string; inspectionId: string | null; oldExpiry: string | null; newExpiry: string }) => ({
  lotId: c.lotId, inspectionId: c.inspectionId, oldExpiry: c.oldExpiry, newExpiry: c.newExpiry,
});

/** A lot's expiry dates before re-tests changed them, with who signed each change and whether it is intact. */
export function expiryChanges(db: Db, lotId: string): ExpiryChange[] {
  return expiryChangesOfLot(db, lotId).map((c) => ({
    oldExpiry: c.oldExpiry, newExpiry: c.newExpiry, changedAt: c.changedAt, inspectionNumber: c.inspectionNumber,
    printedName: c.printedName, meaning: c.meaning, reason: c.reason, intact: signatureIntact(db, c.signatureId, expiryBound(c)),
  }));
}

/** The lot's active plan and its re-test days, refused when the plan does not re-test. */
function retestPlanOf(ctx: CallContext, lot: { id: string; code: string }, field: string): { plan: PlanVersion; days: number } {
  const plan = activePlanForLot(ctx.station.db, lot.id);
  const days = plan && plan.triggers.includes('retest') ? plan.retestDays : null;
  if (!plan || days === null) throw fail.rule('errors.qcRetest.noPlan', { lot: lot.code }, field);
  return { plan, days };
}

export const retestHandlers = {
  'qc.retestDue': (ctx) =>
    retestDueLots(ctx.station.db, ctx.today, RETEST_LIST_LIMIT).map(
      (r): RetestDueRow => ({
        lotId: r.lotId, lotCode: r.lotCode, sku: r.sku, itemName: r.itemName, status: r.status, expiryDate: r.expiryDate,
        dueOn: addDays(r.expiryDate, -r.retestDays), daysLeft: daysBetween(ctx.today, r.expiryDate),
        inspection: r.inspectionId ? { id: r.inspectionId, number: r.inspectionNumber!, status: r.inspectionStatus!, decision: r.decision } : null,
      }),
    ),
  'qc.startRetest': (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    if (!lot.expiryDate) throw fail.rule('errors.qcRetest.noExpiry', { lot: lot.code }, 'lotId');
    const { plan, days } = retestPlanOf(ctx, lot, 'lotId');
    if (lot.expiryDate < ctx.today) throw fail.rule('errors.qcRetest.expired', { lot: lot.code, expiry: lot.expiryDate }, 'lotId');
    const opens = addDays(lot.expiryDate, -days);
    if (ctx.today < opens) throw fail.rule('errors.qcRetest.notDue', { lot: lot.code, date: opens }, 'lotId');
    if (lot.status === 'rejected' || lot.status === 'recalled') throw fail.rule('errors.qcRetest.badStatus', { lot: lot.code, status: lot.status }, 'lotId');
    const open = openInspectionOfLot(db, lot.id);
    if (open) throw fail.conflict('errors.qcRetest.alreadyOpen', { lot: lot.code, number: open.number }, 'lotId');
    const started = openInspection(ctx, lot, plan, 'retest', lotOnHand(db, lot.id));
    return { inspectionId: started.id, number: started.number };
  },
  'qc.extendExpiry': (ctx, input) => {
    const db = ctx.station.db;
    const insp = inspectionById(db, input.inspectionId);
    if (!insp) throw fail.notFound('errors.qcRetest.unknownInspection', {}, 'inspectionId');
    const lot = findLot(db, insp.lotId, ctx.today)!;
    if (insp.trigger !== 'retest') throw fail.rule('errors.qcRetest.notRetest', { number: insp.number }, 'inspectionId');
    if (insp.status !== 'decided' || !EXTENDING_DECISIONS.has(insp.decision ?? '')) throw fail.rule('errors.qcRetest.notReleased', { number: insp.number }, 'inspectionId');
    if (hasExpiryChangeFor(db, insp.id)) throw fail.conflict('errors.qcRetest.alreadyExtended', { number: insp.number }, 'inspectionId');
    const old = lot.expiryDate;
    if (!old) throw fail.rule('errors.qcRetest.noExpiry', { lot: lot.code }, 'inspectionId');
    const { days } = retestPlanOf(ctx, lot, 'inspectionId');
    if (ctx.today > addDays(old, days)) throw fail.rule('errors.qcRetest.expiredBeyondAllowance', { lot: lot.code, expiry: old, days }, 'inspectionId');
    if (input.newExpiry <= old) throw fail.validation('errors.qcRetest.notLater', 'newExpiry', { expiry: old });
    const shelfLife = itemShelfLifeDays(db, lot.itemId);
    if (shelfLife !== null && input.newExpiry > addDays(ctx.today, shelfLife)) {
      throw fail.validation('errors.qcRetest.beyondShelfLife', 'newExpiry', { latest: addDays(ctx.today, shelfLife), days: shelfLife });
    }
    const bound = expiryBound({ lotId: lot.id, inspectionId: insp.id, oldExpiry: old, newExpiry: input.newExpiry });
    const signature = sign(ctx, { object: 'lot_expiry', objectId: lot.id, meaning: 'retest', reason: input.reason, secret: input.secret, bound, command: 'qc.extendExpiry' });
    insertExpiryChange(db, { id: newId(), lotId: lot.id, oldExpiry: old, newExpiry: input.newExpiry, inspectionId: insp.id, signatureId: signature.id, at: ctx.now.toISOString() });
    noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, { expiryDate: old }, { expiryDate: input.newExpiry });
    ctx.auditDetail = { inspection: insp.number, signedBy: signature.printedName, meaning: 'retest' };
    return { done: true };
  },
  'qc.expiryHistory': (ctx, input) => {
    if (!findLot(ctx.station.db, input.lotId, ctx.today)) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    return expiryChanges(ctx.station.db, input.lotId);
  },
} satisfies Partial<Handlers>;
