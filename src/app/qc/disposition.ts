/**
 * Disposition of an inspected lot (issue 17, item 3): released, rejected, on hold (with a reason)
 * or released on condition (with a deviation note), each signed electronically and bound to the
 * exact current results (kernel/e-signature.ts); the lot's status changes in the same
 * transaction, so a released lot is pickable the moment the decision commits. A decided
 * inspection takes no second decision until it is reopened, with a reason and a signature; the
 * signatures of both stay in its history. Separation of duties: with the setting on (default),
 * whoever recorded a current result may not sign the release.
 */
import { fail } from '../../domain/errors';
import type { StoredLotStatus } from '../../domain/lot-status';
import type { Db } from '../../store/db';
import { planVersionById } from '../../store/qc-plans';
import { currentResults, markDecided, markReopened, recordedBy, type Decision } from '../../store/qc-inspections';
import { setLotStatus } from '../../store/recalls';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type Handlers } from '../kernel/context';
import { sign } from '../kernel/e-signature';
import { getSetting, setSetting } from '../kernel/settings';
import { checkedSignatures, INSPECTION_OBJECT, inspectionDetail, signedContent, verdictOf } from './inspection-view';
import { loadInspection } from './inspections';

export const SEPARATE_DUTIES_SETTING = 'qc.separateDuties';

/** The lot status each decision leaves the lot in. */
const LOT_STATUS: Record<Decision, StoredLotStatus> = { released: 'released', conditional: 'released', rejected: 'rejected', on_hold: 'on_hold' };

export function separateDuties(db: Db): boolean {
  return getSetting(db, SEPARATE_DUTIES_SETTING) !== '0';
}

export const dispositionHandlers = {
  'qc.decide': (ctx, input) => {
    const db = ctx.station.db;
    const q = loadInspection(ctx, input.inspectionId);
    if (q.status !== 'open') throw fail.rule('errors.qc.alreadyDecided', { number: q.number, decision: q.decision ?? '' }, 'decision');
    if (q.lotStatus === 'recalled') throw fail.rule('errors.qc.lotRecalled', { lot: q.lotCode }, 'decision');
    const reason = (input.decision === 'conditional' ? input.deviation : input.reason)?.trim() || null;
    if (input.decision === 'on_hold' && !reason) throw fail.validation('errors.qc.holdReason', 'reason');
    if (input.decision === 'conditional' && !reason) throw fail.validation('errors.qc.deviationNote', 'deviation');
    const plan = planVersionById(db, q.planId)!;
    const results = currentResults(db, q.id);
    const v = verdictOf(plan, q.lotSize, results);
    const releases = input.decision === 'released' || input.decision === 'conditional';
    if (releases && v.missingMandatory.length > 0) {
      throw fail.rule('errors.qc.mandatoryMissing', { number: q.number, codes: v.missingMandatory.map((m) => `${m.code} (${m.missing})`).join(', ') }, 'decision');
    }
    // A lot the sampling rejects is released only on condition, with the deviation written down and signed.
    if (input.decision === 'released' && v.decision === 'reject') throw fail.rule('errors.qc.verdictRejects', { number: q.number }, 'decision');
    if (input.decision === 'released' && v.decision === 'incomplete') throw fail.rule('errors.qc.verdictIncomplete', { number: q.number }, 'decision');
    if (releases && separateDuties(db) && recordedBy(db, q.id, requireUser(ctx).id)) throw fail.rule('errors.qc.sameRecorder', { number: q.number }, 'secret');
    const signature = sign(ctx, { object: INSPECTION_OBJECT, objectId: q.id, meaning: input.decision, reason, secret: input.secret, bound: signedContent(q, input.decision, reason, results), command: 'qc.decide' });
    markDecided(db, q.id, input.decision, ctx.now.toISOString(), signature.id);
    const lotStatus = LOT_STATUS[input.decision];
    setLotStatus(db, q.lotId, lotStatus);
    noteChanges(ctx, { object: 'qc_inspection', id: q.id, label: q.number }, { status: 'open', decision: null, signature: null }, {
      status: 'decided', decision: input.decision, signature: `${signature.printedName} ${signature.signedAt} ${signature.boundHash}`, reason,
    });
    noteChanges(ctx, { object: 'lot', id: q.lotId, label: q.lotCode }, { status: q.lotStatus }, { status: lotStatus });
    ctx.auditDetail = { inspection: q.number, decision: input.decision, signer: signature.printedName };
    const after = loadInspection(ctx, q.id);
    const detail = inspectionDetail(db, after, ctx.now);
    return { signature: detail.signatures.find((s) => s.id === signature.id)!, lotStatus, inspection: detail };
  },
  'qc.reopen': (ctx, input) => {
    const db = ctx.station.db;
    const q = loadInspection(ctx, input.inspectionId);
    if (q.status !== 'decided') throw fail.rule('errors.qc.notDecided', { number: q.number }, 'inspectionId');
    if (q.lotStatus === 'recalled') throw fail.rule('errors.qc.lotRecalled', { lot: q.lotCode }, 'inspectionId');
    const reason = input.reason.trim();
    const signature = sign(ctx, { object: INSPECTION_OBJECT, objectId: q.id, meaning: 'reopened', reason, secret: input.secret, bound: signedContent(q, 'reopened', reason, currentResults(db, q.id)), command: 'qc.reopen' });
    markReopened(db, q.id);
    // Back under inspection: the lot may not be picked until it is decided again.
    setLotStatus(db, q.lotId, 'quarantine');
    noteChanges(ctx, { object: 'qc_inspection', id: q.id, label: q.number }, { status: 'decided', decision: q.decision }, { status: 'open', decision: null, reopened: `${signature.printedName} ${signature.signedAt}: ${reason}` });
    noteChanges(ctx, { object: 'lot', id: q.lotId, label: q.lotCode }, { status: q.lotStatus }, { status: 'quarantine' });
    ctx.auditDetail = { inspection: q.number, reason };
    return { done: true };
  },
  /** Every signature of the inspection, each with whether what it signed is unchanged (a result edited behind the application's back breaks it). */
  'qc.signatureCheck': (ctx, input) => checkedSignatures(ctx.station.db, loadInspection(ctx, input.inspectionId)),
  'qc.settings': (ctx) => ({ separateDuties: separateDuties(ctx.station.db) }),
  'qc.setSeparateDuties': (ctx, input) => {
    const before = separateDuties(ctx.station.db);
    setSetting(ctx.station.db, SEPARATE_DUTIES_SETTING, input.on ? '1' : '0');
    noteChanges(ctx, { object: 'setting', id: SEPARATE_DUTIES_SETTING, label: SEPARATE_DUTIES_SETTING }, { value: before }, { value: input.on });
    return { done: true };
  },
} satisfies Partial<Handlers>;
