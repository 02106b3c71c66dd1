/**
 * Allocation properties on a real station, for random stock and orders: FEFO never passes over an
 * earlier-expiring eligible lot that still has free stock, never promises more than is free, never
 * an ineligible lot; and after picking and shipping, the balances still equal the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { openTestDesk, DEMO_NOW, type TestDesk } from '../support/desk';
import { catalog } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import { compareBalances, recordMovement } from '../../src/store/ledger';
import { allocationRefProblems } from '../../src/store/allocation-refs';
import { insertItem } from '../../src/app/master-data/inserts';
import { addDays } from '../../src/domain/dates';

const TODAY = DEMO_NOW.slice(0, 10);
const BINS = ['A-01', 'A-02', 'B-01', 'RCV-01'] as const; // RCV-01 is not pickable
const STATUSES = ['released', 'released', 'released', 'on_hold', 'quarantine', 'recalled'] as const;

const lotArb = fc.record({
  expiresIn: fc.integer({ min: -3, max: 60 }),
  receivedAgo: fc.integer({ min: 0, max: 30 }),
  status: fc.constantFrom(...STATUSES),
  bin: fc.constantFrom(...BINS),
  quantity: fc.integer({ min: 1, max: 9 }),
});
// Lines of one item with their own ship dates: each line's walk must see what the lines before it promised.
const lineArb = fc.record({ quantity: fc.integer({ min: 1, max: 40 }), shipIn: fc.integer({ min: 0, max: 20 }) });
const orderArb = fc.array(lineArb, { minLength: 1, maxLength: 3 });

let desk: TestDesk;
let lead: Client;
let clerk: Client;
let cat: Awaited<ReturnType<typeof catalog>>;
let run = 0;

beforeAll(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  clerk = await desk.signedIn('clerk', '1111');
  cat = await catalog(lead);
});
afterAll(() => desk.close());

interface Row {
  lot_id: string;
  code: string;
  location_id: string;
  bin: string;
  status: string;
  expiry_date: string;
  pickable: number;
  balance: number;
  reserved: number;
}

function stockOf(itemId: string): Row[] {
  return desk.db
    .prepare(
      `SELECT b.lot_id, l.code, b.location_id, loc.code AS bin, l.status, l.expiry_date, loc.pickable, b.quantity AS balance,
              COALESCE((SELECT SUM(a.quantity - a.picked) FROM allocations a WHERE a.lot_id = b.lot_id AND a.location_id = b.location_id AND a.status = 'open'), 0) AS reserved
       FROM balances b JOIN lots l ON l.id = b.lot_id JOIN locations loc ON loc.id = b.location_id WHERE b.item_id = ?`,
    )
    .all(itemId) as Row[];
}

describe('allocation properties', () => {
  it('FEFO, never more than free, never ineligible; balances equal the ledger after pick and ship', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lotArb, { minLength: 1, maxLength: 8 }), fc.array(orderArb, { minLength: 1, maxLength: 3 }), async (lots, orders) => {
        run++;
        const db = desk.db;
        const clerkId = (db.prepare("SELECT id FROM users WHERE username = 'clerk'").get() as { id: string }).id;
        const itemId = insertItem(db, { sku: `P-${run}`, name: `Property item ${run}`, unit: 'pcs', shelfLifeDays: 365 }, DEMO_NOW);
        lots.forEach((l, i) => {
          const lotId = uuidv7();
          db.prepare("INSERT INTO lots (id, item_id, code, expiry_date, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
            lotId, itemId, `P${run}-${i}`, addDays(TODAY, l.expiresIn), l.status, `${addDays(TODAY, -l.receivedAgo)}T08:00:00.000Z`, clerkId,
          );
          recordMovement(db, { kind: 'receive', stationId: 'prop', userId: clerkId, at: DEMO_NOW, itemId, lotId, quantity: l.quantity * 1000, toLocationId: cat.location(l.bin).id });
        });
        for (const order of orders) {
          const created = await lead.call('orders.create', {
            customerId: cat.customer('CUS-SFO').id,
            lines: order.map((o) => ({ itemId, quantity: o.quantity, ...(o.shipIn > 0 ? { requestedDate: addDays(TODAY, o.shipIn) } : {}) })),
          });
          try {
            await lead.call('allocation.allocate', { orderId: created.id });
          } catch (err) {
            expect((err as { data: { key: string } }).data.key).toBe('errors.allocation.noFreeStock');
          }
          const stock = stockOf(itemId);
          for (const s of stock) expect(s.reserved).toBeLessThanOrEqual(s.balance); // never more than is free
          const lineIds = (desk.db.prepare('SELECT id FROM document_lines WHERE document_id = ? ORDER BY line_no').all(created.id) as { id: string }[]).map((l) => l.id);
          const mine = desk.db.prepare('SELECT order_line_id, lot_id, location_id, quantity FROM allocations WHERE document_id = ?').all(created.id) as {
            order_line_id: string;
            lot_id: string;
            location_id: string;
            quantity: number;
          }[];
          order.forEach((o, i) => {
            const shipDate = addDays(TODAY, o.shipIn);
            const eligible = (s: Row) => s.status === 'released' && s.pickable === 1 && s.expiry_date >= shipDate;
            const ofLine = mine.filter((a) => a.order_line_id === lineIds[i]);
            for (const a of ofLine) {
              const s = stock.find((x) => x.lot_id === a.lot_id && x.location_id === a.location_id)!;
              expect(eligible(s), `${s.code} in ${s.bin}`).toBe(true); // never an ineligible lot
              // FEFO: every eligible lot expiring earlier is used up.
              for (const earlier of stock.filter((x) => eligible(x) && x.expiry_date < s.expiry_date)) {
                expect(earlier.balance - earlier.reserved, `${earlier.code} expires before ${s.code}`).toBe(0);
              }
            }
            const covered = ofLine.reduce((sum, a) => sum + a.quantity, 0);
            const freeLeft = stock.filter(eligible).reduce((sum, s) => sum + s.balance - s.reserved, 0);
            expect(covered === o.quantity * 1000 || freeLeft === 0).toBe(true); // short only when nothing eligible is free
          });
          // Pick, check and ship what was allocated: the ledger and the balances must still agree.
          if (mine.length > 0) {
            for (const r of (await clerk.call('picking.list', { orderId: created.id })).rows) {
              await clerk.call('picking.scan', { orderId: created.id, bin: r.locationCode, scan: r.lotCode });
              await clerk.call('packing.scan', { orderId: created.id, scan: r.lotCode, quantity: r.quantity });
            }
            await clerk.call('shipping.ship', { orderId: created.id });
          }
        }
        expect(compareBalances(db)).toEqual([]);
        expect(allocationRefProblems(db)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
