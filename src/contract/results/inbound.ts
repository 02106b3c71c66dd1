/** Contract results: scans and receipts. */
import type { Gs1Scan } from '../../domain/gs1/types';
import type { Lot as LotView } from '../../domain/lot';
import type { ItemView } from './master-data';

export interface ScanResolution {
  scan: Gs1Scan;
  /** The item whose GTIN the scan carries, when the catalog has it. */
  item: ItemView | null;
}

export interface ReceiveResult {
  receiptId: string;
  receiptNumber: string;
  lot: LotView;
  movementId: string;
  quantity: number;
  location: { id: string; code: string };
}
