/** Demo ids and lots received through the contract, for the inventory tests. */
import type { Client } from '../../src/contract/client';
import type { TestDesk } from './desk';

export interface DemoRefs {
  item: (sku: string) => { id: string; sku: string; unit: string; gtin: string | null };
  supplier: (code: string) => { id: string };
  bin: (code: string) => { id: string; code: string };
}

export async function demoRefs(c: Client): Promise<DemoRefs> {
  const [items, suppliers, bins] = await Promise.all([c.call('catalog.items'), c.call('catalog.parties', { kind: 'supplier' }), c.call('catalog.locations')]);
  const find = <T>(list: T[], pick: (t: T) => boolean, what: string): T => {
    const hit = list.find(pick);
    if (!hit) throw new Error(`demo data has no ${what}`);
    return hit;
  };
  return {
    item: (sku) => find(items, (i) => i.sku === sku, sku),
    supplier: (code) => find(suppliers, (s) => s.code === code, code),
    bin: (code) => find(bins, (b) => b.code === code, code),
  };
}

const SUPPLIER_OF: Record<string, string> = { 'TEA-250': 'SUP-HZT', 'SOY-500': 'SUP-HZT', 'MILK-1L': 'SUP-NDA', 'RICE-BULK': 'SUP-GRN', 'OIL-5L': 'SUP-GRN', 'VITC-100': 'SUP-NDA' };

/** Receives a lot of a demo item (released into RCV-01, or quarantine into QA-01 for QC items). */
export async function receiveLot(c: Client, refs: DemoRefs, sku: string, quantity: number, expiryDate: string, extra: { supplierLot?: string; scan?: string; scanSource?: 'hid' | 'wedge' | 'typed'; weightReadingId?: string; netWeightKg?: number } = {}) {
  const item = refs.item(sku);
  return c.call('receiving.receive', { itemId: item.id, supplierId: refs.supplier(SUPPLIER_OF[sku]).id, quantity, unit: item.unit, expiryDate, ...extra });
}

/** Sets a lot's stored status as QC would (QC commands belong to another issue). */
export function setLotStatus(desk: TestDesk, lotId: string, status: string): void {
  desk.db.prepare('UPDATE lots SET status = ? WHERE id = ?').run(status, lotId);
}
