/**
 * Order numbers as the station numbers them (SO-…, src/app/kernel/document-numbers.ts). A scan that is one names
 * an order at the picking and packing desks, whether or not an order is chosen: no bin or lot label
 * reads SO-, so the picker scanning the next pick list's barcode switches to that order.
 */
const ORDER_NUMBER = /^SO-/i;

export function isOrderNumber(scan: string): boolean {
  const term = scan.trim();
  return ORDER_NUMBER.test(term) && term.length <= 64;
}
