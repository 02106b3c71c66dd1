/**
 * Property: whatever sequence of inventory commands runs — moves, splits, merges, kits, counts,
 * adjustments, days passing so lots expire — the balances table equals the ledger, no balance is
 * negative, and every refusal is a typed error (never an internal one). Real SQLite, real dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestDesk, errorOf, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, setLotStatus, type DemoRefs } from '../support/inventory';
import type { Client } from '../../src/contract/client';
import { compareBalances } from '../../src/store/ledger';
import { compareItemStock } from '../../src/store/item-stock';
import { ADJUSTMENT_REASONS } from '../../src/domain/adjustments';

let desk: TestDesk;
let refs: DemoRefs;
let lead: Client;

beforeAll(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  refs = await demoRefs(lead);
});
afterAll(() => desk.close());

const BINS = ['RCV-01', 'QA-01', 'A-01', 'A-02', 'B-01'];
const pick = fc.nat({ max: 1000 });
const qty = fc.integer({ min: 0, max: 40 });

const op = fc.oneof(
  fc.record({ op: fc.constant('move' as const), lot: pick, from: pick, to: pick, q: qty, nonPickable: fc.boolean() }),
  fc.record({ op: fc.constant('split' as const), lot: pick, from: pick, to: fc.option(pick), q: qty }),
  fc.record({ op: fc.constant('merge' as const), a: pick, b: pick, fromA: pick, fromB: pick, qa: fc.integer({ min: 1, max: 8 }), qb: fc.integer({ min: 1, max: 8 }), to: pick }),
  fc.record({ op: fc.constant('kit' as const), tea: pick, soy: pick, fromTea: pick, fromSoy: pick, q: qty, to: pick }),
  fc.record({ op: fc.constant('count' as const), bin: pick, lines: fc.array(fc.record({ lot: pick, q: fc.integer({ min: -2, max: 40 }) }), { maxLength: 4 }) }),
  fc.record({ op: fc.constant('adjust' as const), lot: pick, bin: pick, out: fc.boolean(), q: qty, reason: fc.constantFrom(...ADJUSTMENT_REASONS) }),
  fc.record({ op: fc.constant('days' as const), days: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('status' as const), lot: pick, status: fc.constantFrom('released', 'quarantine', 'on_hold', 'recalled') }),
);

describe('inventory ledger property', () => {
  it('keeps the balance table equal to the ledger after any sequence of commands', async () => {
    // Kinds of command that succeeded at least once: the property is not vacuous.
    const succeeded = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const expiry = new Date(desk.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
        const lots: { id: string; sku: string }[] = [];
        for (const [sku, n] of [['TEA-250', 30], ['TEA-250', 20], ['SOY-500', 25], ['MILK-1L', 10]] as const) {
          lots.push({ id: (await receiveLot(lead, refs, sku, n, expiry)).lot.id, sku });
        }
        const lot = (i: number, sku?: string) => {
          const pool = sku ? lots.filter((l) => l.sku === sku) : lots;
          return pool[i % pool.length].id;
        };
        const bin = (i: number) => refs.bin(BINS[i % BINS.length]).id;
        // Mostly a bin that holds the lot, so that most commands get past the stock checks.
        const binOf = (lotId: string, i: number) => {
          const held = desk.db.prepare('SELECT location_id FROM balances WHERE lot_id = ? ORDER BY location_id').pluck().all(lotId) as string[];
          return held.length > 0 && i % 5 !== 0 ? held[i % held.length] : bin(i);
        };
        const skuOf = (i: number) => lots[i % lots.length].sku;
        for (const o of ops) {
          let call: Promise<unknown> | undefined;
          switch (o.op) {
            case 'move':
              call = lead.call('stock.move', { toLocationId: bin(o.to), allowNonPickable: o.nonPickable, lines: [{ lotId: lot(o.lot), fromLocationId: binOf(lot(o.lot), o.from), quantity: o.q }] });
              break;
            case 'split':
              call = lead.call('lots.split', { lotId: lot(o.lot), fromLocationId: binOf(lot(o.lot), o.from), quantity: o.q, ...(o.to === null ? {} : { toLocationId: bin(o.to) }) });
              break;
            case 'merge':
              call = lead.call('lots.merge', {
                toLocationId: bin(o.to),
                parts: [
                  { lotId: lot(o.a), fromLocationId: binOf(lot(o.a), o.fromA), quantity: o.qa },
                  { lotId: lot(o.b, skuOf(o.a)), fromLocationId: binOf(lot(o.b, skuOf(o.a)), o.fromB), quantity: o.qb },
                ],
              });
              break;
            case 'kit':
              call = lead.call('lots.transform', {
                kind: 'kitting',
                itemId: refs.item('GIFT-TEA').id,
                quantity: Math.max(1, o.q),
                unit: 'pcs',
                toLocationId: bin(o.to),
                components: [
                  { lotId: lot(o.tea, 'TEA-250'), fromLocationId: binOf(lot(o.tea, 'TEA-250'), o.fromTea), quantity: o.q },
                  { lotId: lot(o.soy, 'SOY-500'), fromLocationId: binOf(lot(o.soy, 'SOY-500'), o.fromSoy), quantity: o.q },
                ],
              });
              break;
            case 'count':
              call = lead.call('counts.submit', { locationId: bin(o.bin), lines: o.lines.map((l) => ({ lotId: lot(l.lot), quantity: l.q })) });
              break;
            case 'adjust':
              call = lead.call('stock.adjust', { lotId: lot(o.lot), locationId: binOf(lot(o.lot), o.bin), direction: o.out ? 'out' : 'in', quantity: o.q, reason: o.reason });
              break;
            case 'days':
              desk.clock.set(new Date(desk.clock.now().getTime() + o.days * 86_400_000));
              lead = await desk.signedIn('lead', '3333');
              break;
            case 'status':
              setLotStatus(desk, lot(o.lot), o.status);
              break;
          }
          if (!call) continue;
          try {
            const made = (await call) as { lot?: { id: string; sku: string } };
            succeeded.add(o.op);
            if (made.lot) lots.push({ id: made.lot.id, sku: made.lot.sku });
          } catch {
            const err = await errorOf(call);
            expect(err.code, err.key).not.toBe('internal');
          }
          expect(compareBalances(desk.db)).toEqual([]);
          expect(compareItemStock(desk.db)).toEqual([]);
        }
        const negative = desk.db.prepare('SELECT COUNT(*) AS n FROM balances WHERE quantity <= 0').get() as { n: number };
        expect(negative.n).toBe(0);
      }),
      { numRuns: 40 },
    );
    expect([...succeeded].sort()).toEqual(['adjust', 'count', 'kit', 'merge', 'move', 'split']);
  }, 120_000);
});
