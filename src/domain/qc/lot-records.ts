/** What QC keeps beside a lot (issue 17, item 8): its retained samples, its place on the re-test list. */
import type { LotStatus } from '../lot-status';

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
