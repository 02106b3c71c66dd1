/** Results of the Purchase orders screen (issue 15). Quantities in the item's unit (decimal). */
import type { ImportRowError } from './outbound';

export type PurchaseOrderStatus = 'open' | 'closed' | 'cancelled';

export interface PurchaseOrderSummary {
  id: string;
  number: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  status: PurchaseOrderStatus;
  reference: string | null;
  expectedDate: string | null;
  closedReason: string | null;
  createdAt: string;
  /** The ERP's own id of an order an ERP sent through the centre: the ERP owns it (no edit or cancel at the desk). */
  erpId: string | null;
  lines: number;
  /** Something was received against it: it can no longer be edited or cancelled. */
  anyReceived: boolean;
}

export interface PurchaseOrderDetail extends PurchaseOrderSummary {
  lineItems: { id: string; lineNo: number; itemId: string; sku: string; itemName: string; unit: string; ordered: number; received: number; open: number }[];
}

export interface PurchaseOrderCreated {
  id: string;
  number: string;
}

export interface PurchaseOrderImportPreview {
  rows: number;
  orders: {
    supplierId: string;
    supplierName: string;
    reference?: string;
    expectedDate?: string;
    lines: { itemId: string; sku: string; quantity: number; unit: string }[];
  }[];
  errors: ImportRowError[];
}
