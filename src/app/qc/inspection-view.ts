/**
 * An inspection as the Inspector screen shows it: the plan's characteristics with each one's n,
 * Ac, Re for this lot, the current results, the verdict so far (domain/qc/verdict.ts), the
 * signatures with whether each still matches what it signed, and the files. Also the content a
 * signature is bound to, so signing and checking hash the very same thing.
 */
import { verdict as judge, type Verdict } from '../../domain/qc/verdict';
import { characteristicPlan } from '../../domain/qc/plan';
import type { Db } from '../../store/db';
import { signaturesOf, type SignatureRecord } from '../../store/e-signatures';
import { currentResults, filesOfInspection, resultsAsOf, type InspectionRecord, type ResultRecord } from '../../store/qc-inspections';
import { planVersionById } from '../../store/qc-plans';
import type { PlanVersion } from '../../domain/qc/plan';
import type { QcCharacteristicView, QcInspectionDetail, QcSignatureView } from '../../contract/results';
import { boundHash } from '../kernel/e-signature';

export const INSPECTION_OBJECT = 'qc_inspection';

type PlanCharacteristic = PlanVersion['characteristics'][number];

/** The characteristics an inspection checks on samples (a production record's process parameters are not inspected). */
export const inspected = (plan: PlanVersion): PlanCharacteristic[] => plan.characteristics.filter((c) => c.stage === 'inspection');

export function verdictOf(plan: PlanVersion, lotSize: number, results: readonly ResultRecord[]): Verdict {
  const codes = new Map(plan.characteristics.map((c) => [c.id, c.code]));
  return judge({
    sampling: plan.sampling,
    characteristics: inspected(plan),
    lotSize,
    results: results.map((r) => ({ characteristicCode: codes.get(r.characteristicId) ?? '', sampleNo: r.sampleNo, inSpec: r.inSpec })),
  });
}

/**
 * What a signature of the inspection is bound to (§11.70): the inspection, the lot and the plan
 * version, the meaning and reason signed, and every current result with its value, spec verdict
 * and source. Any change to a result's row changes the hash.
 */
export function signedContent(inspection: Pick<InspectionRecord, 'id' | 'lotId' | 'planId'>, meaning: string, reason: string | null, results: readonly ResultRecord[]) {
  return {
    inspection: inspection.id,
    lot: inspection.lotId,
    plan: inspection.planId,
    meaning,
    reason,
    results: results
      .map((r) => ({ id: r.id, characteristic: r.characteristicId, sample: r.sampleNo, num: r.valueNum, text: r.valueText, inSpec: r.inSpec, source: r.source, by: r.recordedById, at: r.recordedAt }))
      .sort((a, b) => (a.characteristic < b.characteristic ? -1 : a.characteristic > b.characteristic ? 1 : a.sample - b.sample)),
  };
}

/**
 * Each signature of the inspection with whether it is intact: the current decision's against the
 * current results, an earlier one (a decision since reopened, a reopening) against the results as
 * they stood when it was signed.
 */
export function checkedSignatures(db: Db, inspection: InspectionRecord): QcSignatureView[] {
  const current = currentResults(db, inspection.id);
  return signaturesOf(db, INSPECTION_OBJECT, inspection.id).map((s: SignatureRecord) => {
    const isCurrent = s.id === inspection.signatureId;
    const results = isCurrent ? current : resultsAsOf(db, inspection.id, s.signedAt);
    const intact = boundHash(signedContent(inspection, s.meaning, s.reason, results)) === s.boundHash;
    return { id: s.id, meaning: s.meaning, reason: s.reason, printedName: s.printedName, signedAt: s.signedAt, current: isCurrent, intact };
  });
}

export function inspectionDetail(db: Db, inspection: InspectionRecord, now: Date): QcInspectionDetail {
  const plan = planVersionById(db, inspection.planId)!;
  const results = currentResults(db, inspection.id);
  const v = verdictOf(plan, inspection.lotSize, results);
  const byCode = new Map(v.characteristics.map((c) => [c.code, c]));
  const characteristics: QcCharacteristicView[] = inspected(plan).map((c) => {
    const cv = byCode.get(c.code);
    const sp = cv?.plan ?? characteristicPlan(plan.sampling, c, inspection.lotSize);
    return {
      id: c.id, code: c.code, name: c.name, nameZh: c.nameZh, kind: c.kind, unit: c.unit, target: c.target, lowerLimit: c.lowerLimit, upperLimit: c.upperLimit,
      decimals: c.decimals, choices: c.choices, accepted: c.accepted, method: c.method, mandatory: c.mandatory, aql: c.aql,
      letter: sp.letter, n: sp.n, ac: sp.ac, re: sp.re, recorded: cv?.recorded ?? 0, nonconforming: cv?.nonconforming ?? 0, status: cv?.status ?? 'incomplete',
    };
  });
  return {
    id: inspection.id,
    number: inspection.number,
    status: inspection.status,
    decision: inspection.decision,
    trigger: inspection.trigger,
    lotId: inspection.lotId,
    lotCode: inspection.lotCode,
    sku: inspection.sku,
    itemName: inspection.itemName,
    planId: inspection.planId,
    planVersion: inspection.planVersion,
    lotSize: inspection.lotSize,
    sampleSize: inspection.sampleSize,
    dueAt: inspection.dueAt,
    overdue: inspection.status === 'open' && inspection.dueAt < now.toISOString(),
    createdAt: inspection.createdAt,
    createdBy: inspection.createdBy,
    decidedAt: inspection.decidedAt,
    characteristics,
    results: results.map(({ recordedById: _by, ...r }) => r),
    verdict: { decision: v.decision, missingMandatory: v.missingMandatory },
    signatures: checkedSignatures(db, inspection),
    files: filesOfInspection(db, inspection.id).map((f) => ({ id: f.id, kind: f.kind, fileName: f.fileName, mimeType: f.mimeType, size: f.size, sha256: f.sha256, addedAt: f.addedAt, addedBy: f.addedBy })),
  };
}
