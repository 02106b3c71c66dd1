/** What QC keeps beside a lot (issue 17, items 5 and 8): its files and its retained samples. */
import type { ComplaintFile } from '../complaints';
import type { LotStatus } from '../lot-status';

export type QcFileKind = 'photo' | 'file' | 'supplier_coa';

/** A supplier's CoA or an inspection's photo or file; the bytes live in the station's data folder under their SHA-256. */
export interface QcFile extends ComplaintFile {
  kind: QcFileKind;
}

/** A part of a lot kept back for later analysis, until its destruction date. */
export interface RetainedSample {
  id: string;
  lotId: string;
  lotCode: string;
  sku: string;
  itemName: string;
  unit: string;
  /** In the lot's unit. */
  quantity: number;
  location: string;
  destructionDate: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
  destroyedAt: string | null;
  destroyedBy: string | null;
}

/** A lot on the re-test list: what it is and when it expires. */
export interface RetestLot {
  lotId: string;
  lotCode: string;
  sku: string;
  itemName: string;
  status: LotStatus;
  expiryDate: string;
}
