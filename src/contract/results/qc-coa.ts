/** Certificates of analysis, supplier CoAs at receipt, re-tests and retained samples (issue 17, items 5 and 8). */
import type { Characteristic } from '../../domain/qc/characteristic';
import type { RetainedSample, RetestLot } from '../../domain/qc/lot-records';

/** A characteristic as the CoA prints it: the spec, the method and the current results. */
export interface CoaCharacteristic extends Omit<Characteristic, 'stage'> {
  /** Current results, one per sample. */
  results: { sampleNo: number; value: number | string | null; inSpec: boolean }[];
  /** For numeric and weight results: count, mean, smallest and largest. */
  summary: { n: number; mean: number; min: number; max: number } | null;
  /** Out of spec when any sample is; null when nothing was recorded. */
  inSpec: boolean | null;
}

export interface CoaSignature {
  printedName: string;
  signedAt: string;
  meaning: string;
  reason: string | null;
  /** Whether the results are still those signed (the signature's hash over them). */
  intact: boolean;
}

/** Everything a certificate of analysis shows (qc.coa renders it). */
export interface CoaView {
  lot: { id: string; code: string; status: string; supplierLot: string | null; productionDate: string | null; expiryDate: string | null; bestBeforeDate: string | null };
  item: { sku: string; name: string; nameZh: string | null; gtin: string | null; unit: string };
  supplier: { code: string; name: string; nameZh: string | null } | null;
  receipt: { number: string; receivedAt: string; quantity: number } | null;
  inspection: { number: string; trigger: string; lotSize: number; sampleSize: number; decision: string; decidedAt: string; planVersion: number };
  characteristics: CoaCharacteristic[];
  signature: CoaSignature | null;
  /** The lot's GS1 element string in bracketed form, (01)(17)(10); null for an item without GTIN. */
  gs1: string | null;
  /** Expiry dates the lot had before a re-test extended them, oldest first. */
  expiryChanges: ExpiryChange[];
}

export interface ExpiryChange {
  oldExpiry: string | null;
  newExpiry: string;
  changedAt: string;
  inspectionNumber: string | null;
  printedName: string;
  meaning: string;
  reason: string | null;
  intact: boolean;
}

/** A lot whose re-test is due (its plan re-tests `retestDays` before expiry) or under way. */
export interface RetestDueRow extends RetestLot {
  /** The day the re-test falls due: expiry − retestDays. */
  dueOn: string;
  daysLeft: number;
  /** The open re-test inspection, when one was started. */
  inspection: { id: string; number: string; status: 'open' | 'decided'; decision: string | null } | null;
}

export interface RetestStarted {
  inspectionId: string;
  number: string;
}

export interface RetainedSampleView extends RetainedSample {
  /** Not destroyed and the destruction date is today or past. */
  due: boolean;
}
