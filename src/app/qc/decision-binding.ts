/**
 * STAND-IN until wt-qc-inspect's inspection-view.ts merges (its signedContent is the one
 * definition): what a decision's signature is bound to, and whether it still matches.
 */
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { boundHash, type SignatureRecord } from '../kernel/e-signature';

export function decisionBound(db: Db, inspectionId: string, meaning: string, reason: string | null) {
  const q = statement(db, 'SELECT id, lot_id AS lotId, plan_id AS planId FROM qc_inspections WHERE id = ?').get(inspectionId) as { id: string; lotId: string; planId: string };
  const results = statement(
    db,
    `SELECT id, characteristic_id AS characteristic, sample_no AS sample, value_num AS num, value_text AS text, in_spec = 1 AS inSpec, source, recorded_by AS by, recorded_at AS at
     FROM qc_results WHERE inspection_id = ? AND superseded_by IS NULL ORDER BY characteristic_id, sample_no`,
  ).all(inspectionId);
  return { inspection: q.id, lot: q.lotId, plan: q.planId, meaning, reason, results };
}

export function decisionIntact(db: Db, inspectionId: string, signature: SignatureRecord): boolean {
  return boundHash(decisionBound(db, inspectionId, signature.meaning, signature.reason)) === signature.boundHash;
}
