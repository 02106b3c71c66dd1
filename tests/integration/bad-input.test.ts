import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import type { Client } from '../../src/contract/client';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let clerk: Client;
let base: Record<string, unknown>;

beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  const items = await clerk.call('catalog.items');
  const suppliers = await clerk.call('catalog.parties', { kind: 'supplier' });
  base = {
    itemId: items.find((i) => i.sku === 'TEA-250')!.id,
    supplierId: suppliers.find((s) => s.code === 'SUP-HZT')!.id,
    supplierLot: 'HZ-1',
    quantity: 10,
    unit: 'pcs',
    productionDate: '2026-11-01',
    expiryDate: '2027-11-01',
  };
  await clerk.call('receiving.receive', base as never);
});
afterAll(() => desk.close());

const cases: [string, Record<string, unknown>, { key: string; field?: string; code?: string }][] = [
  ['zero quantity', { quantity: 0 }, { key: 'errors.quantity.notPositive', field: 'quantity' }],
  ['negative quantity', { quantity: -5 }, { key: 'errors.quantity.notPositive', field: 'quantity' }],
  ['quantity that is not a number', { quantity: '12a' }, { key: 'errors.quantity.notANumber', field: 'quantity' }],
  ['quantity that is NaN-like null', { quantity: null }, { key: 'errors.quantity.notANumber', field: 'quantity' }],
  ['decimals on a unit counted in pieces', { quantity: 1.5 }, { key: 'errors.quantity.wholeUnits', field: 'quantity' }],
  ['a unit other than the item unit', { unit: 'kg' }, { key: 'errors.quantity.wrongUnit', field: 'unit' }],
  ['unknown item', { itemId: '0190a0a0-0000-7000-8000-000000000000' }, { key: 'errors.item.unknown', field: 'itemId', code: 'not_found' }],
  ['missing item', { itemId: undefined }, { key: 'errors.validation.requiredField', field: 'itemId' }],
  ['expiry before production', { supplierLot: 'HZ-2', productionDate: '2026-11-10', expiryDate: '2026-11-09' }, { key: 'errors.receiving.expiryBeforeProduction', field: 'expiryDate' }],
  ['impossible date', { supplierLot: 'HZ-3', expiryDate: '2027-02-29' }, { key: 'errors.date.invalid', field: 'expiryDate' }],
  ['already expired goods', { supplierLot: 'HZ-4', productionDate: '2025-01-01', expiryDate: '2026-11-24' }, { key: 'errors.receiving.alreadyExpired', field: 'expiryDate' }],
  ['duplicate supplier lot for the same supplier and item', {}, { key: 'errors.receiving.duplicateSupplierLot', field: 'supplierLot', code: 'conflict' }],
  ['supplier lot with characters GS1 does not allow', { supplierLot: 'LOT 7' }, { key: 'errors.receiving.supplierLotInvalid', field: 'supplierLot' }],
  ['unknown field in the request', { colour: 'red' }, { key: 'errors.validation.unrecognized_keys', field: 'colour' }],
];

describe('bad input on receiving writes nothing and names the field', () => {
  it.each(cases)('%s', async (_name, change, expected) => {
    const before = snapshot(desk.db);
    const err = await errorOf(clerk.call('receiving.receive', { ...base, ...change } as never));
    expect(err).toMatchObject({ ...expected, code: expected.code ?? expect.any(String) });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('names the existing lot when a supplier lot is received twice', async () => {
    const err = await errorOf(clerk.call('receiving.receive', base as never));
    expect(err.params).toMatchObject({ supplierLot: 'HZ-1', lot: '261125-WH1-0001' });
  });

  it('refuses a user whose role may not receive, and writes nothing', async () => {
    const inspector = await desk.signedIn('inspector', '2222');
    const before = snapshot(desk.db);
    const err = await errorOf(inspector.call('receiving.receive', { ...base, supplierLot: 'HZ-9' } as never));
    expect(err).toMatchObject({ code: 'forbidden', key: 'errors.auth.forbidden', params: { role: 'inspector', call: 'receiving.receive' } });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('refuses a call without a session', async () => {
    const err = await errorOf(desk.client({}).call('receiving.receive', base as never));
    expect(err).toMatchObject({ code: 'unauthenticated', key: 'errors.session.required' });
  });
});

describe('whole-number fields refuse what is not a whole number in range, with their own message', () => {
  const refusals: [string, string, Record<string, unknown>, string, string][] = [
    ['a pick line id that is text', 'picking.exception', { allocationId: 'abc', kind: 'short', quantity: 1 }, 'allocationId', 'errors.picking.unknownAllocation'],
    ['a pick line id of 0', 'picking.exception', { allocationId: 0, kind: 'short', quantity: 1 }, 'allocationId', 'errors.picking.unknownAllocation'],
    ['a fractional pick line id', 'picking.exception', { allocationId: 1.5, kind: 'short', quantity: 1 }, 'allocationId', 'errors.picking.unknownAllocation'],
    ['a negative item horizon', 'items.setNearExpiryDays', { days: -1 }, 'days', 'errors.nearExpiry.days'],
    ['an item horizon over ten years', 'items.setNearExpiryDays', { days: 3651 }, 'days', 'errors.nearExpiry.days'],
    ['a fractional minimum shelf life', 'customers.setShelfLifeRule', { minDays: 2.5, minPercent: null }, 'minDays', 'errors.orders.shelfLifeDays'],
    ['a minimum shelf life over ten years', 'customers.setShelfLifeRule', { minDays: 3651, minPercent: null }, 'minDays', 'errors.orders.shelfLifeDays'],
  ];
  it.each(refusals)('%s', async (_name, call, input, field, key) => {
    const manager = await desk.signedIn('manager', '4444');
    // What each call is about, so that only the field under test is wrong.
    const subject: Record<string, Record<string, unknown>> = {
      'picking.exception': {},
      'items.setNearExpiryDays': { itemId: base.itemId },
      'customers.setShelfLifeRule': { customerId: (await manager.call('catalog.parties', { kind: 'customer' }))[0].id },
    };
    const before = snapshot(desk.db);
    const err = await errorOf(manager.call(call as never, { ...subject[call], ...input } as never));
    expect(err).toMatchObject({ code: 'validation', key, field });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('names an unknown pick line that is a whole number', async () => {
    const manager = await desk.signedIn('manager', '4444');
    const err = await errorOf(manager.call('picking.exception', { allocationId: 999_999, kind: 'short', quantity: 1 }));
    expect(err).toMatchObject({ code: 'not_found', key: 'errors.picking.unknownAllocation', field: 'allocationId' });
  });
});

describe('a required field that is empty is named in the message', () => {
  const empties: [string, string, Record<string, unknown>, string, string][] = [
    ['an order line without its item', 'orders.create', { customerId: 'x', lines: [{ itemId: 'x', quantity: 1 }, { itemId: '', quantity: 1 }] }, 'lines.1.itemId', 'Line 2: enter or choose the item.'],
    ['a lead approval without a user name', 'picking.scan', { orderId: 'x', bin: 'A-01', scan: 'L', override: { username: '', pin: '', reason: 'old lot first' } }, 'override.username', 'Enter or choose the user name.'],
    ['a split without its lot', 'lots.split', { lotId: '', fromLocationId: 'x', quantity: 1 }, 'lotId', 'Enter or choose the lot.'],
    ['a split without the bin it comes from', 'lots.split', { lotId: 'x', fromLocationId: '', quantity: 1 }, 'fromLocationId', 'Enter or choose the bin it comes from.'],
    ['a merge without the bin it goes to', 'lots.merge', { parts: [{ lotId: 'a', fromLocationId: 'b', quantity: 1 }, { lotId: 'c', fromLocationId: 'd', quantity: 1 }], toLocationId: '' }, 'toLocationId', 'Enter or choose the bin it goes to.'],
    ['a make without its item', 'lots.transform', { kind: 'kitting', itemId: '', quantity: 1, unit: 'pcs', components: [{ lotId: 'a', fromLocationId: 'b', quantity: 1 }], toLocationId: 'x' }, 'itemId', 'Enter or choose the item.'],
    ['an item horizon without its item', 'items.setNearExpiryDays', { itemId: '', days: 10 }, 'itemId', 'Enter or choose the item.'],
  ];
  it.each(empties)('%s', async (_name, call, input, field, text) => {
    const manager = await desk.signedIn('manager', '4444');
    const before = snapshot(desk.db);
    const err = await errorOf(manager.call(call as never, input as never));
    expect(err).toMatchObject({ code: 'validation', field });
    expect(translate('en', err.key, err.params)).toBe(text);
    expect(translate('zh-CN', err.key, err.params)).not.toBe('此项为必填项。');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('says which field in Chinese too', async () => {
    const manager = await desk.signedIn('manager', '4444');
    const err = await errorOf(manager.call('orders.create', { customerId: '', lines: [] } as never));
    expect(translate('zh-CN', err.key, err.params)).toBe('请填写或选择客户。');
  });
});
