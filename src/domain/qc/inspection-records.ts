/** The shapes of an inspection's records shared by the store and the contract (issue 17): a sample's result, an attached file. */
import type { ComplaintFile } from '../complaints';

/** One sample's current result of one characteristic. */
export interface SampleResultRecord {
  id: string;
  characteristicId: string;
  sampleNo: number;
  valueNum: number | null;
  valueText: string | null;
  inSpec: boolean;
  /** Typed at the desk, or a stable scale weight (one interface: the scale fills the weight field). */
  source: 'typed' | 'scale';
  recordedAt: string;
  /** Display name. */
  recordedBy: string;
  correctionReason: string | null;
}

/** A photo or file of an inspection or a lot, kept in the station's data folder under its SHA-256 (the complaint files' shape). */
export interface QcFile extends ComplaintFile {
  kind: 'photo' | 'file' | 'supplier_coa';
}

