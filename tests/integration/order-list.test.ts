import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, errorOf, type TestDesk } from '../support/desk';
import { catalog } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { Input } from '../../src/contract/contract';

// 260 open orders, one a minute, cycling through the three demo customers: more than one answer
// used to hold (200), so the oldest were never listed.
const ORDERS = 260;
const CUSTOMERS = ['CUS-SHM', 'CUS-BER', 'CUS-SFO'];
let desk: TestDesk;
let lead: Client;
let numbers: string[];

beforeAll(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  numbers = [];
  for (let i = 0; i < ORDERS; i++) {
    desk.clock.advance(60_000);
    const o = await lead.call('orders.create', {
      customerId: cat.customer(CUSTOMERS[i % 3]).id,
      reference: `PO_${i}%`,
      lines: [{ itemId: cat.item('TEA-250').id, quantity: 1 }],
    });
    numbers.push(o.number);
  }
});
afterAll(() => desk.close());

const listed = async (input: Input<'orders.list'>) => lead.call('orders.list', input);

describe('the order list', () => {
  it('lists open orders oldest first, a page at a time, with the whole list’s total', async () => {
    const first = await listed({ status: 'open' });
    expect(first.total).toBe(ORDERS);
    expect(first.rows.map((o) => o.number)).toEqual(numbers.slice(0, 50));
    const last = await listed({ status: 'open', offset: 250, limit: 50 });
    expect([last.total, last.rows.map((o) => o.number)]).toEqual([ORDERS, numbers.slice(250)]);
    // Every page together is every order, once.
    const pages = await Promise.all([0, 200].map((offset) => listed({ status: 'open', offset, limit: 200 })));
    expect(pages.flatMap((p) => p.rows.map((o) => o.number))).toEqual(numbers);
    expect(pages[0].rows[0]).toMatchObject({ status: 'open', lineCount: 1, shortLines: 1, customer: { code: 'CUS-SHM' } });
    // Past the end: no rows, still the total.
    expect(await listed({ status: 'open', offset: 1000 })).toEqual({ rows: [], total: ORDERS });
    expect((await listed({ status: 'shipped' })).total).toBe(0);
  });

  it('finds orders by part of the number, customer code or name, or reference, in any case', async () => {
    const oldest = await listed({ status: 'open', search: numbers[0].slice(-7).toLowerCase() });
    expect([oldest.total, oldest.rows.map((o) => o.number)]).toEqual([1, [numbers[0]]]);
    const berlin = await listed({ status: 'open', search: 'berlin asia', limit: 200 });
    expect(berlin.total).toBe(87);
    expect(new Set(berlin.rows.map((o) => o.customer.code))).toEqual(new Set(['CUS-BER']));
    expect((await listed({ status: 'open', search: 'cus-sfo' })).total).toBe(86);
    expect((await listed({ status: 'open', search: '上海' })).total).toBe(87);
    // % and _ are matched as typed, not as wildcards.
    expect((await listed({ search: 'po_17%' })).rows.map((o) => o.reference)).toEqual(['PO_17%']);
    expect((await listed({ search: '1%' })).total).toBe(26);
    expect((await listed({ search: 'P%_1' })).total).toBe(0);
    expect((await listed({ search: '   ' })).total).toBe(ORDERS);
  });

  it('refuses a page larger than 200', async () => {
    expect((await errorOf(listed({ limit: 201 }))).code).toBe('validation');
  });
});
