/**
 * What a case on the receiving desk is made of: its fields, the order Enter walks them in for each
 * mode (against a purchase order, or blind), and the field of the desk each core error names.
 */

export type Mode = 'po' | 'blind';
export type Field = 'scan' | 'poLineId' | 'supplierId' | 'itemId' | 'supplierLot' | 'quantity' | 'productionDate' | 'expiryDate' | 'bestBeforeDate' | 'locationId';
export type DateField = 'productionDate' | 'expiryDate' | 'bestBeforeDate';

export const DATE_FIELDS: readonly DateField[] = ['productionDate', 'expiryDate', 'bestBeforeDate'];

/** The id of the scan field's input, which takes the cursor whenever the desk is idle. */
export const SCAN_INPUT_ID = 'scan-input';

/** The fields a new case (a scan, Esc, a receipt line booked) starts empty; line, supplier, item and bin stay. */
export const emptyCase = () => ({
  supplierLot: '',
  internalLot: false,
  quantity: '',
  productionDate: '',
  expiryDate: '',
  bestBeforeDate: '',
});

/** The fields Enter walks through, in order. */
export function fieldOrder(mode: Mode): Field[] {
  return mode === 'po'
    ? ['poLineId', 'supplierLot', 'quantity', 'productionDate', 'expiryDate', 'bestBeforeDate']
    : ['supplierId', 'itemId', 'supplierLot', 'quantity', 'productionDate', 'expiryDate', 'bestBeforeDate'];
}

/** The desk's field for the `field` of a core error (the unit is shown with the quantity). */
export const FIELD_OF: Record<string, Field> = {
  poLineId: 'poLineId',
  supplierId: 'supplierId',
  itemId: 'itemId',
  supplierLot: 'supplierLot',
  quantity: 'quantity',
  unit: 'quantity',
  productionDate: 'productionDate',
  expiryDate: 'expiryDate',
  bestBeforeDate: 'bestBeforeDate',
  locationId: 'locationId',
  scan: 'scan',
};

/** Accepts YYYYMMDD as typed on a keypad; the core checks the date itself. */
export function normalizeDate(text: string): string {
  const v = text.trim();
  return /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : v;
}
