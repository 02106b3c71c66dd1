/** The lot label the device tests print (the documents tests' oats sack, with supplier and dates). */
import type { LotLabelData } from '../../src/documents/lot-label';

export const SAMPLE_LOT_LABEL: LotLabelData = {
  locale: 'en',
  itemName: 'Organic rolled oats, 25 kg sack',
  sku: 'OAT-25',
  gtin: '09506000134352',
  lotCode: '251125-MAIN-0001',
  supplierLot: 'SUP-7781A',
  supplierName: 'Harvest Mills Ltd',
  expiry: '2027-12-31',
  productionDate: '2025-11-20',
  quantity: 1250.5,
  unit: 'kg',
  status: 'quarantine',
  receivedAt: '2025-11-25T09:19:00Z',
};

/** What both barcodes of that label carry. */
export const SAMPLE_LOT_LABEL_HRI = '(01)09506000134352(17)271231(11)251120(10)251125-MAIN-0001';
