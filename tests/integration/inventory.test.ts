import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, setLotStatus, type DemoRefs } from '../support/inventory';
import type { Client } from '../../src/contract/client';
import { compareBalances } from '../../src/store/ledger';
import { compareItemStock } from '../../src/store/item-stock';
import { formatSscc } from '../../src/domain/gs1/encode';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let lead: Client;
let clerk: Client;
let refs: DemoRefs;

beforeEach(async () => {
  desk = await openTestDesk();
  lead = await desk.signedIn('lead', '3333');
  clerk = await desk.signedIn('clerk', '1111');
  refs = await demoRefs(lead);
});
afterEach(() => {
  expect(compareBalances(desk.db)).toEqual([]);
  expect(compareItemStock(desk.db)).toEqual([]);
  desk.close();
});

/** Proves a refused call wrote nothing and returns its error. */
async function refused(call: Promise<unknown>) {
  const before = snapshot(desk.db);
  const err = await errorOf(call);
  expect(snapshot(desk.db)).toEqual(before);
  return err;
}

describe('putaway and moves', () => {
  it('resolves a lot label by internal code, supplier lot or plain internal code, and a pallet SSCC', async () => {
    const tea = refs.item('TEA-250');
    const sscc = formatSscc(0, '9506000', 42);
    const r = await receiveLot(clerk, refs, 'TEA-250', 48, '2027-12-31', { supplierLot: 'HZ-77', scan: `(00)${sscc}(02)${tea.gtin}(37)48(10)HZ-77` });
    // The last: the 18 digits printed under the pallet label, typed by hand without their (00).
    for (const scan of [`(01)${tea.gtin}(10)${r.lot.code}`, `(01)${tea.gtin}(10)HZ-77`, r.lot.code, `]C0${r.lot.code}`, `(00)${sscc}`, sscc]) {
      const found = await clerk.call('inventory.scanLot', { scan });
      expect(found.lots.map((l) => l.lot.code), scan).toEqual([r.lot.code]);
      expect(found.lots[0].stock).toEqual([{ locationId: refs.bin('RCV-01').id, locationCode: 'RCV-01', quantity: 48, reserved: 0 }]);
      expect(found.sscc, scan).toBe(scan.includes(sscc) ? sscc : null);
    }
    // A pallet this desk never received is an unknown pallet, typed bare or scanned with its (00), at a bin step too.
    const stranger = formatSscc(0, '9506000', 43);
    for (const scan of [stranger, `(00)${stranger}`, `]C100${stranger}`]) {
      expect(await errorOf(clerk.call('inventory.scanLot', { scan })), scan).toMatchObject({ key: 'errors.inventory.ssccUnknown', field: 'scan', params: { sscc: stranger } });
    }
    expect(await errorOf(clerk.call('inventory.scanLot', { scan: stranger, binStep: true }))).toMatchObject({ key: 'errors.inventory.ssccUnknown', params: { sscc: stranger } });
    expect(translate('en', 'errors.inventory.ssccUnknown', { sscc: stranger })).toBe(`No pallet or case with SSCC ${stranger} is known at this desk. Check the label, or scan the lot label of a case instead.`);
    // An SSCC with a wrong last digit says which digit it should be, however it came: typed bare, bracketed, scanned, as a Digital Link.
    const expected = Number(sscc.at(-1));
    const wrong = `${sscc.slice(0, -1)}${(expected + 1) % 10}`;
    for (const scan of [wrong, `(00)${wrong}`, `]C100${wrong}`, `(00)${wrong}(02)${tea.gtin}(37)48`, `https://id.gs1.org/00/${wrong}`]) {
      expect(await errorOf(clerk.call('inventory.scanLot', { scan })), scan).toMatchObject({ key: 'errors.inventory.ssccCheckDigit', field: 'scan', params: { sscc: wrong, expected } });
    }
    expect(translate('en', 'errors.inventory.ssccCheckDigit', { sscc: wrong, expected })).toBe(
      `SSCC ${wrong} has a wrong check digit: the last digit should be ${expected}. Scan the pallet label again, or check the digits typed.`,
    );
    expect(translate('zh-CN', 'errors.inventory.ssccCheckDigit', { sscc: wrong, expected })).toBe(`SSCC ${wrong} 的校验码错误：最后一位应为 ${expected}。请重新扫描托盘标签，或核对输入的数字。`);
    // Internal codes are numbered per item: a plain code shared by two items names both; the GS1 label names one.
    const soy = await receiveLot(clerk, refs, 'SOY-500', 5, '2027-12-31');
    expect(soy.lot.code).toBe(r.lot.code);
    expect((await clerk.call('inventory.scanLot', { scan: r.lot.code })).lots.map((l) => l.lot.sku).sort()).toEqual(['SOY-500', 'TEA-250']);
    expect((await clerk.call('inventory.scanLot', { scan: `(01)${tea.gtin}(10)${r.lot.code}` })).lots.map((l) => l.lot.sku)).toEqual(['TEA-250']);
    expect(await errorOf(clerk.call('inventory.scanLot', { scan: 'NO-SUCH-LOT' }))).toMatchObject({ key: 'errors.inventory.lotScanUnknown', field: 'scan', params: { scan: 'NO-SUCH-LOT' } });
    expect(await errorOf(clerk.call('inventory.scanLot', { scan: `(01)${tea.gtin}` }))).toMatchObject({ key: 'errors.inventory.scanNoLot', field: 'scan' });
    // Where the desk waits for a bin label (putaway's second step, counts, picking), a code that names
    // no lot is an unknown bin, not an unknown lot; a lot label is still found.
    expect(await errorOf(clerk.call('inventory.scanLot', { scan: 'ZZ-99', binStep: true }))).toMatchObject({ key: 'errors.putaway.unknownBin', field: 'scan', params: { bin: 'ZZ-99' } });
    expect((await clerk.call('inventory.scanLot', { scan: `]C0${r.lot.code}`, binStep: true })).lots.map((l) => l.lot.sku).sort()).toEqual(['SOY-500', 'TEA-250']);
    // A GS1 scan with a bad check digit says so rather than "unknown lot".
    expect(await errorOf(clerk.call('inventory.scanLot', { scan: '(01)09506000134353(10)X' }))).toMatchObject({ key: 'gs1.error.check_digit', field: 'scan' });
  });

  it('suggests a bin by the rules, refuses a wrong bin scan, and moves partial quantities', async () => {
    const a = await receiveLot(clerk, refs, 'TEA-250', 48, '2027-12-31');
    const rcv = refs.bin('RCV-01').id;
    // Nothing of the item is stored yet: the first empty pickable bin.
    expect(await clerk.call('putaway.suggest', { lotId: a.lot.id, fromLocationId: rcv })).toEqual({ location: { id: refs.bin('A-01').id, code: 'A-01' }, reason: 'emptyBin' });
    expect(await errorOf(clerk.call('putaway.checkBin', { lotId: a.lot.id, bin: 'QA-01' }))).toMatchObject({ key: 'errors.putaway.notPickable', field: 'bin', params: { bin: 'QA-01', lot: a.lot.code } });
    expect(await errorOf(clerk.call('putaway.checkBin', { lotId: a.lot.id, bin: 'Z-99' }))).toMatchObject({ key: 'errors.putaway.unknownBin', field: 'bin' });
    expect(await clerk.call('putaway.checkBin', { lotId: a.lot.id, bin: 'a-03' })).toEqual({ id: refs.bin('A-03').id, code: 'A-03' });
    expect(await clerk.call('putaway.checkBin', { lotId: a.lot.id, bin: 'QA-01', allowNonPickable: true })).toMatchObject({ code: 'QA-01' });

    const moved = await clerk.call('stock.move', { toLocationId: refs.bin('A-03').id, lines: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 30 }] });
    expect(moved.documentNumber).toBe('MOV-20261125-0001');
    expect(moved.moves).toEqual([expect.objectContaining({ lotCode: a.lot.code, from: 'RCV-01', to: 'A-03', quantity: 30, unit: 'pcs' })]);
    expect((await clerk.call('stock.list', { lotId: a.lot.id })).rows.map((s) => [s.locationCode, s.quantity])).toEqual([['A-03', 30], ['RCV-01', 18]]);
    // The rest of this lot goes where the lot already is; another lot of the item into the item's bin.
    expect((await clerk.call('putaway.suggest', { lotId: a.lot.id, fromLocationId: rcv })).location?.code).toBe('A-03');
    const b = await receiveLot(clerk, refs, 'TEA-250', 10, '2028-01-31');
    expect(await clerk.call('putaway.suggest', { lotId: b.lot.id, fromLocationId: rcv })).toMatchObject({ location: { code: 'A-03' }, reason: 'sameItem' });

    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('A-04').id, lines: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 19 }] }))).toMatchObject({
      key: 'errors.stock.notEnoughInBin',
      field: 'lines.0.quantity',
      params: { available: 18, bin: 'RCV-01' },
    });
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('A-04').id, lines: [{ lotId: a.lot.id, fromLocationId: refs.bin('B-01').id, quantity: 1 }] }))).toMatchObject({
      key: 'errors.stock.lotNotInBin',
      field: 'lines.0.quantity',
    });
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('A-03').id, lines: [{ lotId: a.lot.id, fromLocationId: refs.bin('A-03').id, quantity: 1 }] }))).toMatchObject({ key: 'errors.move.sameBin' });
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('QA-02').id, lines: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 1 }] }))).toMatchObject({ key: 'errors.putaway.notPickable', field: 'toLocationId' });
    // Two lines in one command: the second fails, so the first is not written either.
    expect(
      await refused(
        clerk.call('stock.move', { toLocationId: refs.bin('A-05').id, lines: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 10 }, { lotId: a.lot.id, fromLocationId: rcv, quantity: 10 }] }),
      ),
    ).toMatchObject({ key: 'errors.stock.notEnoughInBin', field: 'lines.1.quantity', params: { available: 8 } });
    await clerk.call('stock.move', { toLocationId: refs.bin('QA-02').id, allowNonPickable: true, lines: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 18 }] });
  });

  it('keeps quarantined and expired lots out of pickable bins', async () => {
    const milk = await receiveLot(clerk, refs, 'MILK-1L', 120, '2027-05-01');
    expect(await clerk.call('putaway.suggest', { lotId: milk.lot.id, fromLocationId: refs.bin('QA-01').id })).toMatchObject({ location: { code: 'QA-02' }, reason: 'quarantine' });
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('A-01').id, lines: [{ lotId: milk.lot.id, fromLocationId: refs.bin('QA-01').id, quantity: 5 }] }))).toMatchObject({
      key: 'errors.putaway.needsQuarantineBin',
      params: { lot: milk.lot.code, status: 'quarantine', bin: 'A-01' },
    });
    await clerk.call('stock.move', { toLocationId: refs.bin('QA-02').id, lines: [{ lotId: milk.lot.id, fromLocationId: refs.bin('QA-01').id, quantity: 5 }] });

    const tea = await receiveLot(clerk, refs, 'TEA-250', 10, '2026-11-30');
    await clerk.call('stock.move', { toLocationId: refs.bin('A-01').id, lines: [{ lotId: tea.lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 10 }] });
    // On the day after its expiry the lot is blocked with no job run: only the quarantine area takes it.
    desk.clock.set('2026-12-01T08:00:00Z');
    clerk = await desk.signedIn('clerk', '1111');
    expect((await clerk.call('putaway.suggest', { lotId: tea.lot.id, fromLocationId: refs.bin('A-01').id })).reason).toBe('quarantine');
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('A-02').id, lines: [{ lotId: tea.lot.id, fromLocationId: refs.bin('A-01').id, quantity: 10 }] }))).toMatchObject({
      key: 'errors.putaway.needsQuarantineBin',
      params: { status: 'expired' },
    });
    await clerk.call('stock.move', { toLocationId: refs.bin('QA-01').id, lines: [{ lotId: tea.lot.id, fromLocationId: refs.bin('A-01').id, quantity: 10 }] });
    // Rejected and recalled stock does not move at all.
    setLotStatus(desk, milk.lot.id, 'recalled');
    expect(await refused(clerk.call('stock.move', { toLocationId: refs.bin('QA-01').id, lines: [{ lotId: milk.lot.id, fromLocationId: refs.bin('QA-02').id, quantity: 5 }] }))).toMatchObject({
      key: 'errors.lot.statusForbids',
      params: { status: 'recalled', action: 'putaway' },
    });
  });
});

describe('counts and adjustments', () => {
  it('counts a whole bin, books each difference as a movement with reason count, and refuses a negative count', async () => {
    const a = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31');
    const b = await receiveLot(clerk, refs, 'SOY-500', 12, '2028-06-30');
    const c = await receiveLot(clerk, refs, 'OIL-5L', 4, '2028-03-31');
    const rcv = refs.bin('RCV-01').id;
    const sheet = await clerk.call('counts.sheet', { locationId: rcv });
    expect(sheet.lines.map((l) => [l.lot.code, l.expected])).toEqual([
      [c.lot.code, 4],
      [b.lot.code, 12],
      [a.lot.code, 20],
    ]);
    expect(await refused(clerk.call('counts.submit', { locationId: rcv, lines: [{ lotId: a.lot.id, quantity: -1 }] }))).toMatchObject({ key: 'errors.count.negative', field: 'lines.0.quantity' });
    expect(await refused(clerk.call('counts.submit', { locationId: rcv, lines: [{ lotId: a.lot.id, quantity: 1.5 }] }))).toMatchObject({ key: 'errors.quantity.wholeUnits', field: 'lines.0.quantity' });
    expect(
      await refused(clerk.call('counts.submit', { locationId: rcv, lines: [{ lotId: a.lot.id, quantity: 1 }, { lotId: a.lot.id, quantity: 2 }] })),
    ).toMatchObject({ key: 'errors.count.duplicateLot', field: 'lines.1.lotId' });

    // The oil was not found (not listed: counted zero), the tea is short by 2, the soy is right.
    const result = await clerk.call('counts.submit', { locationId: rcv, lines: [{ lotId: a.lot.id, quantity: 18 }, { lotId: b.lot.id, quantity: 12 }] });
    expect(result.documentNumber).toBe('CNT-20261125-0001');
    expect(result.lines.map((l) => [l.lotCode, l.expected, l.counted, l.difference])).toEqual([
      [a.lot.code, 20, 18, -2],
      [b.lot.code, 12, 12, 0],
      [c.lot.code, 4, 0, -4],
    ]);
    const teaPage = await clerk.call('lots.get', { lotId: a.lot.id });
    expect(teaPage.movements.at(-1)).toMatchObject({ kind: 'adjust', quantity: 2, from: 'RCV-01', reason: 'count', document: 'CNT-20261125-0001' });
    expect(await clerk.call('stock.list', { lotId: c.lot.id })).toEqual({ rows: [], total: 0, more: false, withoutStock: [] });
    // Found again later: a count above the book adds stock.
    const again = await clerk.call('counts.submit', { locationId: rcv, lines: [{ lotId: a.lot.id, quantity: 18 }, { lotId: b.lot.id, quantity: 12 }, { lotId: c.lot.id, quantity: 4 }] });
    expect(again.lines.find((l) => l.lotId === c.lot.id)).toMatchObject({ expected: 0, counted: 4, difference: 4 });
  });

  it('adjusts with a reason code that fits the direction; only leads and managers adjust', async () => {
    const a = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31');
    const rcv = refs.bin('RCV-01').id;
    expect(await refused(clerk.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'out', quantity: 1, reason: 'damaged' }))).toMatchObject({ code: 'forbidden' });
    expect(await refused(lead.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'in', quantity: 1, reason: 'damaged' }))).toMatchObject({ key: 'errors.adjust.reasonDirection', field: 'reason' });
    expect(await refused(lead.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'out', quantity: 21, reason: 'damaged' }))).toMatchObject({ key: 'errors.stock.notEnoughInBin', field: 'quantity' });
    expect(await refused(lead.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'out', quantity: 1, reason: 'stolen' as never }))).toMatchObject({ key: 'errors.adjust.reason', field: 'reason' });
    const r = await lead.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'out', quantity: 3, reason: 'damaged', note: 'forklift' });
    expect(r).toMatchObject({ documentNumber: 'ADJ-20261125-0001', balance: 17 });
    expect((await lead.call('stock.adjust', { lotId: a.lot.id, locationId: refs.bin('A-01').id, direction: 'in', quantity: 2, reason: 'found' })).balance).toBe(2);
    // Expired stock is written off with a reason like any other.
    desk.clock.set('2028-01-02T08:00:00Z');
    lead = await desk.signedIn('lead', '3333');
    expect((await lead.call('stock.adjust', { lotId: a.lot.id, locationId: rcv, direction: 'out', quantity: 17, reason: 'expired' })).balance).toBe(0);
  });
});

describe('split, merge and transformation', () => {
  it('splits part of a lot to a new lot with the same dates and a genealogy link', async () => {
    const a = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31', { supplierLot: 'HZ-1' });
    const split = await lead.call('lots.split', { lotId: a.lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 8, toLocationId: refs.bin('A-02').id });
    expect(split).toMatchObject({ documentNumber: 'TRF-20261125-0001', location: { code: 'A-02' }, quantity: 8, lot: { code: '261125-WH1-0002', expiryDate: '2027-12-31', status: 'released', sku: 'TEA-250' } });
    const parent = await lead.call('lots.get', { lotId: a.lot.id });
    expect(parent.children).toEqual([expect.objectContaining({ lotId: split.lot.id, lotCode: split.lot.code, quantity: 8, unit: 'pcs' })]);
    expect(parent.stock).toEqual([{ locationCode: 'RCV-01', quantity: 12, reserved: 0, free: 12 }]);
    const child = await lead.call('lots.get', { lotId: split.lot.id });
    expect(child.parents).toEqual([expect.objectContaining({ lotId: a.lot.id, quantity: 8 })]);
    expect(child.movements).toEqual([expect.objectContaining({ kind: 'split', to: 'A-02', quantity: 8 })]);
    // Splitting in place keeps the bin, even a non-pickable one.
    expect((await lead.call('lots.split', { lotId: a.lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 2 })).location.code).toBe('RCV-01');
    expect(await refused(lead.call('lots.split', { lotId: a.lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 11 }))).toMatchObject({ key: 'errors.stock.notEnoughInBin', field: 'split.quantity' });
  });

  it('merges lots of one item and status into a new lot that expires with the first parent', async () => {
    const a = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31');
    const b = await receiveLot(clerk, refs, 'TEA-250', 5, '2027-10-31');
    const soy = await receiveLot(clerk, refs, 'SOY-500', 5, '2027-10-31');
    const rcv = refs.bin('RCV-01').id;
    expect(await refused(lead.call('lots.merge', { toLocationId: refs.bin('A-01').id, parts: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 1 }] }))).toMatchObject({ key: 'errors.merge.twoLots', field: 'parts' });
    expect(
      await refused(lead.call('lots.merge', { toLocationId: refs.bin('A-01').id, parts: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 1 }, { lotId: soy.lot.id, fromLocationId: rcv, quantity: 1 }] })),
    ).toMatchObject({ key: 'errors.merge.otherItem', field: 'parts.1.lotId' });
    setLotStatus(desk, b.lot.id, 'on_hold');
    expect(
      await refused(lead.call('lots.merge', { toLocationId: refs.bin('A-01').id, parts: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 1 }, { lotId: b.lot.id, fromLocationId: rcv, quantity: 1 }] })),
    ).toMatchObject({ key: 'errors.merge.mixedStatus', params: { status: 'on_hold', expected: 'released' } });
    setLotStatus(desk, b.lot.id, 'released');
    const merged = await lead.call('lots.merge', { toLocationId: refs.bin('A-01').id, parts: [{ lotId: a.lot.id, fromLocationId: rcv, quantity: 20 }, { lotId: b.lot.id, fromLocationId: rcv, quantity: 5 }] });
    expect(merged).toMatchObject({ quantity: 25, lot: { expiryDate: '2027-10-31', status: 'released' }, location: { code: 'A-01' } });
    const page = await lead.call('lots.get', { lotId: merged.lot.id });
    expect(page.parents.map((p) => [p.lotCode, p.quantity]).sort()).toEqual([[a.lot.code, 20], [b.lot.code, 5]].sort());
  });

  it('makes a kit from the lots on its bill of materials, and refuses other items and quarantined components', async () => {
    const tea = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31');
    const soy = await receiveLot(clerk, refs, 'SOY-500', 20, '2027-06-30');
    const oil = await receiveLot(clerk, refs, 'OIL-5L', 20, '2027-06-30');
    const rcv = refs.bin('RCV-01').id;
    const gift = refs.item('GIFT-TEA');
    expect((await lead.call('boms.get', { itemId: gift.id })).components.map((c) => c.sku)).toEqual(['SOY-500', 'TEA-250']);
    const kit = { kind: 'kitting' as const, itemId: gift.id, quantity: 10, unit: 'pcs', toLocationId: refs.bin('A-07').id };
    expect(
      await refused(lead.call('lots.transform', { ...kit, components: [{ lotId: tea.lot.id, fromLocationId: rcv, quantity: 10 }, { lotId: oil.lot.id, fromLocationId: rcv, quantity: 10 }] })),
    ).toMatchObject({ key: 'errors.transform.notInBom', field: 'components.1.lotId', params: { lot: oil.lot.code, sku: 'OIL-5L', item: 'GIFT-TEA' } });
    expect(await refused(lead.call('lots.transform', { ...kit, itemId: refs.item('SOY-500').id, components: [{ lotId: tea.lot.id, fromLocationId: rcv, quantity: 1 }] }))).toMatchObject({
      key: 'errors.transform.noBom',
    });
    const made = await lead.call('lots.transform', { ...kit, components: [{ lotId: tea.lot.id, fromLocationId: rcv, quantity: 10 }, { lotId: soy.lot.id, fromLocationId: rcv, quantity: 10 }] });
    // Expires with its earliest component, not a year from today.
    expect(made).toMatchObject({ quantity: 10, lot: { sku: 'GIFT-TEA', status: 'released', productionDate: '2026-11-25', expiryDate: '2027-06-30' } });
    const page = await lead.call('lots.get', { lotId: made.lot.id });
    expect(page.parents.map((p) => p.sku).sort()).toEqual(['SOY-500', 'TEA-250']);
    expect((await lead.call('lots.get', { lotId: soy.lot.id })).movements.at(-1)).toMatchObject({ kind: 'consume', quantity: 10 });

    // Bulk rice needs QC: a lot in quarantine is not consumed.
    const rice = await receiveLot(clerk, refs, 'RICE-BULK', 500, '2027-11-01');
    expect(
      await refused(
        lead.call('lots.transform', { kind: 'repack', itemId: refs.item('RICE-5KG').id, quantity: 10, unit: 'pcs', toLocationId: refs.bin('A-08').id, components: [{ lotId: rice.lot.id, fromLocationId: refs.bin('QA-01').id, quantity: 50 }] }),
      ),
    ).toMatchObject({ key: 'errors.lot.statusForbids', params: { lot: rice.lot.code, status: 'quarantine', action: 'consume' } });
    setLotStatus(desk, rice.lot.id, 'released');
    // The packed rice is made under the demo's production plan: its record names the sealing temperature and line speed (production-records.test.ts).
    const form = await lead.call('production.form', { itemId: refs.item('RICE-5KG').id });
    const parameters = form.parameters.map((p) => ({ characteristicId: p.characteristicId, value: String(p.target ?? p.lowerLimit) }));
    const bag = await lead.call('lots.transform', {
      kind: 'repack', itemId: refs.item('RICE-5KG').id, quantity: 10, unit: 'pcs', toLocationId: refs.bin('A-08').id, components: [{ lotId: rice.lot.id, fromLocationId: refs.bin('QA-01').id, quantity: 50 }],
      production: { line: 'PACK-1', shift: 'early', parameters },
    });
    expect((await lead.call('lots.get', { lotId: bag.lot.id })).parents).toEqual([expect.objectContaining({ lotCode: rice.lot.code, quantity: 50, unit: 'kg' })]);
  });

  it('lets a manager set a bill of materials', async () => {
    const manager = await desk.signedIn('manager', '4444');
    const oil = refs.item('OIL-5L');
    expect((await manager.call('boms.set', { itemId: refs.item('GIFT-TEA').id, componentItemIds: [oil.id] })).components.map((c) => c.sku)).toEqual(['OIL-5L']);
    expect(await refused(manager.call('boms.set', { itemId: oil.id, componentItemIds: [oil.id] }))).toMatchObject({ key: 'errors.bom.self', field: 'componentItemIds.0' });
    expect(await refused(lead.call('boms.set', { itemId: oil.id, componentItemIds: [] }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('stock views', () => {
  it('shows stock by item split by status, by bin, and the near-expiry list with a horizon per item', async () => {
    const soon = await receiveLot(clerk, refs, 'TEA-250', 10, '2027-01-10'); // 46 days: inside TEA's 60-day horizon
    await receiveLot(clerk, refs, 'TEA-250', 5, '2027-12-31');
    const milk = await receiveLot(clerk, refs, 'MILK-1L', 6, '2026-12-20'); // 25 days: outside MILK's 14 days
    const soy = await receiveLot(clerk, refs, 'SOY-500', 3, '2026-12-20'); // 25 days: inside the 30-day default
    const [tea] = await clerk.call('stock.byItem', { itemId: refs.item('TEA-250').id });
    expect(tea).toMatchObject({ sku: 'TEA-250', total: 15, available: 15, quarantine: 0, blocked: 0, lots: 2, earliestExpiry: '2027-01-10' });
    const all = await clerk.call('stock.byItem', {});
    expect(all.find((i) => i.sku === 'MILK-1L')).toMatchObject({ total: 6, available: 0, quarantine: 6 });
    expect(all.find((i) => i.sku === 'GIFT-TEA')).toMatchObject({ total: 0, lots: 0 });
    expect((await clerk.call('stock.list', { locationId: refs.bin('QA-01').id })).rows.map((r) => r.lot.code)).toEqual([milk.lot.code]);

    let near = await clerk.call('stock.nearExpiry');
    expect(near).toMatchObject({ total: 2, expired: 0 });
    expect(near.rows.map((r) => [r.lot.code, r.lot.sku, r.daysLeft, r.horizonDays])).toEqual([
      [soy.lot.code, 'SOY-500', 25, 30],
      [soon.lot.code, 'TEA-250', 46, 60],
    ]);
    await lead.call('items.setNearExpiryDays', { itemId: refs.item('MILK-1L').id, days: 30 });
    expect(await refused(lead.call('items.setNearExpiryDays', { itemId: refs.item('MILK-1L').id, days: -1 }))).toMatchObject({ key: 'errors.nearExpiry.days', field: 'days' });
    near = await clerk.call('stock.nearExpiry');
    expect(near.rows.map((r) => r.lot.sku)).toEqual(['MILK-1L', 'SOY-500', 'TEA-250']);

    // Past its expiry the soy is blocked in the by-item view and still listed for the lead, with negative days left.
    desk.clock.set('2026-12-21T06:00:00Z');
    clerk = await desk.signedIn('clerk', '1111');
    expect((await clerk.call('stock.byItem', { itemId: refs.item('SOY-500').id }))[0]).toMatchObject({ available: 0, blocked: 3 });
    near = await clerk.call('stock.nearExpiry');
    expect(near).toMatchObject({ total: 3, expired: 2 }); // the milk expired the same day
    expect(near.rows.find((r) => r.lot.id === soy.lot.id)).toMatchObject({ daysLeft: -1, lot: { status: 'expired' }, bins: ['RCV-01'] });
  });

  it('lists stock newest lot first, a lot\'s bins by code, up to the limit, and finds lots by code, supplier lot, SKU or name', async () => {
    const lots: Awaited<ReturnType<typeof receiveLot>>[] = [];
    for (const sku of ['TEA-250', 'SOY-500', 'TEA-250']) {
      desk.clock.advance(60_000); // each lot received a minute after the last
      const n = lots.length + 1;
      lots.push(await receiveLot(clerk, refs, sku, 10, '2027-12-31', { supplierLot: `SUP-${n}` }));
    }
    // The newest lot in two bins: A-02 sorts before RCV-01.
    await clerk.call('stock.move', { toLocationId: refs.bin('A-02').id, lines: [{ lotId: lots[2].lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 4 }] });
    const listed = async (input: { search?: string; limit?: number }) => (await clerk.call('stock.list', input)).rows.map((r) => [r.lot.code, r.lot.sku, r.locationCode]);
    const [a, b, c] = lots.map((l) => l.lot.code);
    expect(await listed({})).toEqual([
      [c, 'TEA-250', 'A-02'],
      [c, 'TEA-250', 'RCV-01'],
      [b, 'SOY-500', 'RCV-01'],
      [a, 'TEA-250', 'RCV-01'],
    ]);
    expect(await listed({ limit: 2 })).toEqual([
      [c, 'TEA-250', 'A-02'],
      [c, 'TEA-250', 'RCV-01'],
    ]);
    expect(await listed({ search: 'soy' })).toEqual([[b, 'SOY-500', 'RCV-01']]);
    expect(await listed({ search: 'SUP-1' })).toEqual([[a, 'TEA-250', 'RCV-01']]);
    expect(await listed({ search: 'sup-1' })).toEqual([[a, 'TEA-250', 'RCV-01']]); // any case, through the trigram index
    // Part of a lot code (internal codes count per item: the second tea lot's is the only one with -0002).
    expect(await listed({ search: c.slice(7).toLowerCase() })).toEqual([
      [c, 'TEA-250', 'A-02'],
      [c, 'TEA-250', 'RCV-01'],
    ]);
    expect(await listed({ search: 'SUP"1' })).toEqual([]); // a quote is a character, not query syntax
    expect(await listed({ search: 'jasmine' })).toEqual([
      [c, 'TEA-250', 'A-02'],
      [c, 'TEA-250', 'RCV-01'],
      [a, 'TEA-250', 'RCV-01'],
    ]);
    expect(await listed({ search: '%' })).toHaveLength(4); // a wildcard is a character to look for, not a pattern
    expect(await listed({ search: 'NO-SUCH' })).toEqual([]);
  });

  it('pages the stock list with the whole list\'s total; a search by reading lots tells only whether more follow', async () => {
    for (let n = 0; n < 5; n++) {
      desk.clock.advance(60_000);
      await receiveLot(clerk, refs, n < 3 ? 'TEA-250' : 'SOY-500', 10, '2027-12-31');
    }
    const all = await clerk.call('stock.list', {});
    expect(all).toMatchObject({ total: 5, more: false });
    const code = (r: { lot: { code: string } }) => r.lot.code;
    const page = (input: { offset?: number; limit?: number; search?: string; itemId?: string }) => clerk.call('stock.list', input);
    const first = await page({ limit: 2 });
    expect(first).toMatchObject({ total: 5, more: true });
    expect(first.rows.map(code)).toEqual(all.rows.slice(0, 2).map(code));
    expect((await page({ offset: 2, limit: 2 })).rows.map(code)).toEqual(all.rows.slice(2, 4).map(code));
    expect(await page({ offset: 4, limit: 2 })).toMatchObject({ total: 5, more: false, rows: [expect.objectContaining({ locationCode: 'RCV-01' })] });
    expect(await page({ itemId: refs.item('TEA-250').id, limit: 2 })).toMatchObject({ total: 3, more: true });
    // A term of three characters or more is found through the indexes and counted at once.
    expect(await page({ search: 'TEA', limit: 2 })).toMatchObject({ total: 3, more: true });
    // A shorter one is searched by reading lots: not counted while more follow; its last page knows where it ends.
    expect(await page({ search: 'TE', limit: 2 })).toMatchObject({ total: null, more: true });
    expect(await page({ search: 'TE', offset: 2, limit: 2 })).toMatchObject({ total: 3, more: false });
    expect(await page({ search: 'TE', limit: 3 })).toMatchObject({ total: 3, more: false });
    expect(await page({ search: 'TE', offset: 10, limit: 2 })).toMatchObject({ total: null, more: false, rows: [] });
  });

  it('pages the near-expiry list in list order with the whole list\'s counts, for every item or one', async () => {
    // Seven tea lots and three soy lots inside their horizons, one soy lot past its expiry; two of the
    // tea lots share a date (then the lot code orders them) and one is split over two bins.
    const teaDates = ['2027-01-03', '2026-12-01', '2027-01-20', '2026-12-15', '2026-12-15', '2027-01-10', '2026-12-31'];
    const tea: Awaited<ReturnType<typeof receiveLot>>[] = [];
    for (const date of teaDates) tea.push(await receiveLot(clerk, refs, 'TEA-250', 10, date));
    await clerk.call('stock.move', { toLocationId: refs.bin('A-02').id, lines: [{ lotId: tea[0].lot.id, fromLocationId: refs.bin('RCV-01').id, quantity: 4 }] });
    const soy: Awaited<ReturnType<typeof receiveLot>>[] = [];
    for (const date of ['2026-12-10', '2026-12-20', '2026-12-05', '2026-11-30']) soy.push(await receiveLot(clerk, refs, 'SOY-500', 3, date));
    await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30'); // outside TEA's 60 days: never listed
    desk.clock.set('2026-12-02T06:00:00Z'); // the first tea lot and the last soy lot are expired now
    clerk = await desk.signedIn('clerk', '1111');

    const whole = await clerk.call('stock.nearExpiry', { limit: 500 });
    expect(whole).toMatchObject({ total: 11, expired: 2 });
    const key = (r: (typeof whole.rows)[number]) => `${r.lot.expiryDate}|${r.lot.sku}|${r.lot.code}`;
    const order = whole.rows.map(key);
    expect(order).toEqual([...order].sort());
    expect(whole.rows.slice(0, 2).map((r) => r.lot.status)).toEqual(['expired', 'expired']);
    expect(whole.rows.find((r) => r.lot.id === tea[0].lot.id)).toMatchObject({ quantity: 10, bins: ['A-02', 'RCV-01'] });

    // Pages of four: the same rows in the same order, none twice, the counts on every page.
    const paged: string[] = [];
    for (let offset = 0; offset < 12; offset += 4) {
      const page = await clerk.call('stock.nearExpiry', { offset, limit: 4 });
      expect(page).toMatchObject({ total: 11, expired: 2 });
      paged.push(...page.rows.map(key));
    }
    expect(paged).toEqual(order);
    // Past the end: no rows, still the counts. The default page holds the whole short list.
    expect(await clerk.call('stock.nearExpiry', { offset: 40 })).toEqual({ rows: [], total: 11, expired: 2 });
    expect((await clerk.call('stock.nearExpiry')).rows.map(key)).toEqual(order);

    // One item: the soy lots only, with their own counts.
    const soyOnly = await clerk.call('stock.nearExpiry', { itemId: refs.item('SOY-500').id });
    expect(soyOnly).toMatchObject({ total: 4, expired: 1 });
    expect(soyOnly.rows.map((r) => r.lot.id)).toEqual([soy[3], soy[2], soy[0], soy[1]].map((r) => r.lot.id));

    expect(await errorOf(clerk.call('stock.nearExpiry', { limit: 501 }))).toMatchObject({ key: 'errors.validation.too_big', field: 'limit' });
    expect(await errorOf(clerk.call('stock.nearExpiry', { offset: -1 }))).toMatchObject({ key: 'errors.validation.too_small', field: 'offset' });
    expect(await errorOf(clerk.call('stock.nearExpiry', { itemId: '0190b6a4-0000-7000-8000-000000000000' }))).toMatchObject({ key: 'errors.item.unknown', field: 'itemId' });
  });
});
