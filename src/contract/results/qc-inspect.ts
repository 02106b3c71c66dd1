/** QC inspections and their e-signatures (issue 17): the queue, one inspection as the Inspector screen shows it, a decision. */
import type { Lot } from '../../domain/lot';
import type { Characteristic } from '../../domain/qc/characteristic';
import type { QcFile, SampleResultRecord } from '../../domain/qc/inspection-records';

export type QcDecision = 'released' | 'rejected' | 'on_hold' | 'conditional';
export type QcTrigger = 'receipt' | 'production' | 'retest' | 'manual';
export type QcCharacteristicStatus = 'accept' | 'reject' | 'incomplete';

export interface QcQueueRow {
  id: string;
  number: string;
  lotId: string;
  lotCode: string;
  sku: string;
  itemName: string;
  supplierName: string | null;
  trigger: QcTrigger;
  sampleSize: number;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
}

export interface QcQueuePage {
  rows: QcQueueRow[];
  total: number;
  overdue: number;
}

/** A characteristic of the inspection's plan with its sample plan for this lot and its count so far. */
export interface QcCharacteristicView extends Omit<Characteristic, 'stage'> {
  id: string;
  /** ISO 2859-1 code letter (null with a fixed sample), samples to check, acceptance and rejection numbers. */
  letter: string | null;
  n: number;
  ac: number;
  re: number;
  recorded: number;
  nonconforming: number;
  status: QcCharacteristicStatus;
}

export type QcResultView = SampleResultRecord;

/** A signature of the inspection: the record §11.50 asks for, and whether what it signed is unchanged (§11.70). */
export interface QcSignatureView {
  id: string;
  /** 'released' | 'rejected' | 'on_hold' | 'conditional' | 'reopened' (shown as "Released by …"). */
  meaning: string;
  reason: string | null;
  printedName: string;
  /** UTC instant; the screen shows it in UTC and local time. */
  signedAt: string;
  /** The signature of the decision in force (false: an earlier decision since reopened, or a reopening). */
  current: boolean;
  intact: boolean;
}

export type QcFileView = QcFile;

export interface QcInspectionDetail {
  id: string;
  number: string;
  status: 'open' | 'decided';
  decision: QcDecision | null;
  trigger: QcTrigger;
  lotId: string;
  lotCode: string;
  sku: string;
  itemName: string;
  planId: string;
  planVersion: number;
  lotSize: number;
  sampleSize: number;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  characteristics: QcCharacteristicView[];
  results: QcResultView[];
  verdict: { decision: QcCharacteristicStatus; missingMandatory: { code: string; missing: number }[] };
  signatures: QcSignatureView[];
  files: QcFileView[];
}

/** One of the lot's inspections in its history, newest first, with the signatures of its decisions and reopenings. */
export interface QcHistoryEntry {
  id: string;
  number: string;
  trigger: QcTrigger;
  status: 'open' | 'decided';
  decision: QcDecision | null;
  createdAt: string;
  decidedAt: string | null;
  signatures: QcSignatureView[];
}

/** What qc.open answers for a lot: the inspection to work on (open, else the latest), whether one can be started, and the lot's history. */
export interface QcOpened {
  lot: Lot;
  inspection: QcInspectionDetail | null;
  /** The active plan an inspection would be started with (null: the item has none). */
  planId: string | null;
  mayStart: boolean;
  history: QcHistoryEntry[];
}

export interface QcStarted {
  id: string;
  number: string;
}

export interface QcRecorded {
  resultId: string;
  inSpec: boolean;
  inspection: QcInspectionDetail;
}

export interface QcDecided {
  signature: QcSignatureView;
  lotStatus: string;
  inspection: QcInspectionDetail;
}

export interface QcSettings {
  /** The person who recorded results may not sign the lot's release (default on). */
  separateDuties: boolean;
}

export interface QcFileContent {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface QcSampleDrawn {
  documentNumber: string;
  movementId: string;
  balance: number;
}
