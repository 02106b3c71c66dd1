/** The ends of a trace: a lot's shipments to customers and receipts from suppliers (the store reads them, the contract returns them). */

export interface TraceShipment {
  lotId: string;
  lotCode: string;
  shipmentNumber: string;
  customerCode: string | null;
  customerName: string | null;
  region: string | null;
  channel: string | null;
  shippedAt: string;
  quantity: number;
  unit: string;
}

export interface TraceReceipt {
  lotId: string;
  lotCode: string;
  receiptNumber: string;
  supplierCode: string | null;
  supplierName: string | null;
  supplierLot: string | null;
  purchaseOrderNumber: string | null;
  receivedAt: string;
  quantity: number;
  unit: string;
}
