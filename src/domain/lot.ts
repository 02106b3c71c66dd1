/** A lot with its item and supplier and its effective status: the shape every layer passes around. */
import type { LotStatus } from './lot-status';

export interface Lot {
  id: string;
  code: string;
  itemId: string;
  sku: string;
  itemName: string;
  unit: string;
  supplierId: string | null;
  supplierName: string | null;
  supplierLot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  bestBeforeDate: string | null;
  status: LotStatus;
  createdAt: string;
}
