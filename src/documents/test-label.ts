/** The lot label a printer test prints: a lot that does not exist, plainly named as a test. */
import type { LotLabelData } from './lot-label';

export const TEST_LABEL: LotLabelData = {
  locale: 'en',
  itemName: 'LotDesk printer test',
  sku: 'TEST',
  gtin: '09506000134352',
  lotCode: 'TEST-0001',
  expiry: '2099-12-31',
  quantity: 1,
  unit: 'pcs',
  status: 'released',
  receivedAt: '2026-01-01T00:00:00Z',
};
