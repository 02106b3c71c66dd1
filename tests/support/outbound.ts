/** Stock for the outbound tests, made the way a warehouse makes it: received (on a chosen day) and put away into a bin. */
import type { Client } from '../../src/contract/client';
import type { TestDesk } from './desk';
import { DEMO_NOW } from './desk';

export interface StockLine {
  sku: string;
  supplier?: string;
  expiry: string;
  quantity: number;
  /** Bin to put the lot away to; omitted: it stays in the receiving bin (not pickable). */
  bin?: string;
  /** Day of receipt (defaults to the demo day). */
  receivedOn?: string;
}

export async function catalog(c: Client) {
  const [items, suppliers, customers, locations] = await Promise.all([
    c.call('catalog.items'),
    c.call('catalog.parties', { kind: 'supplier' }),
    c.call('catalog.parties', { kind: 'customer' }),
    c.call('catalog.locations'),
  ]);
  const find = <T extends { id: string }>(list: T[], key: keyof T, value: string) => {
    const found = list.find((x) => x[key] === value);
    if (!found) throw new Error(`no ${String(key)} ${value}`);
    return found;
  };
  return {
    item: (sku: string) => find(items, 'sku', sku),
    supplier: (code: string) => find(suppliers, 'code', code),
    customer: (code: string) => find(customers, 'code', code),
    location: (code: string) => find(locations, 'code', code),
  };
}

/**
 * Receives each line on its day and puts it away, as the demo clerk. The clock is moved to that
 * day and back, so the clerk signs in afresh each time (a session idles out across the jump).
 */
export async function stockUp(desk: TestDesk, lines: StockLine[]) {
  const lots = [];
  try {
    for (const [i, l] of lines.entries()) {
      desk.clock.set(`${l.receivedOn ?? DEMO_NOW.slice(0, 10)}T09:30:${String(i % 60).padStart(2, '0')}.000Z`);
      const clerk = await desk.signedIn('clerk', '1111');
      const cat = await catalog(clerk);
      const item = cat.item(l.sku);
      const r = await clerk.call('receiving.receive', {
        itemId: item.id,
        supplierId: cat.supplier(l.supplier ?? (l.sku === 'TEA-250' ? 'SUP-HZT' : 'SUP-GRN')).id,
        quantity: l.quantity,
        unit: item.unit,
        expiryDate: l.expiry,
      });
      if (l.bin) {
        await clerk.call('stock.move', { toLocationId: cat.location(l.bin).id, lines: [{ lotId: r.lot.id, fromLocationId: r.location.id, quantity: l.quantity }] });
      }
      lots.push(r.lot);
    }
  } finally {
    desk.clock.set(DEMO_NOW);
  }
  return lots;
}
