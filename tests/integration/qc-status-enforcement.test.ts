/**
 * Lot status is one model (src/domain/lot-status.ts) enforced by every stock command (issue 17,
 * item 4): for each status — quarantine, on hold, rejected, released, recalled, expired — each
 * command is run on a real desk against a lot of that status and allowed or refused as the model
 * says: receive, putaway/move (into quarantine, reject and storage bins), pick, ship,
 * consume/transform, adjust, count, split and merge, and the QC sampling draw. A refusal writes
 * nothing. And a release makes the lot pickable at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, setLotStatus, type DemoRefs } from '../support/inventory';
import { insertPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import { assertStatusAllows, type LotStatus, type StockAction } from '../../src/domain/lot-status';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
let manager: Client;
let inspector: Client;
let refs: DemoRefs;
let binNo = 0;

const STATUSES: LotStatus[] = ['quarantine', 'on_hold', 'rejected', 'released', 'recalled', 'expired'];
const label = (lot: LotView) => `]C101${refs.item(lot.sku).gtin}10${lot.code}`;
const keep = ['audit', 'audit_objects'];

beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  lead = await desk.signedIn('lead', '3333');
  manager = await desk.signedIn('manager', '4444');
  inspector = await desk.signedIn('inspector', '2222');
  refs = await demoRefs(clerk);
  insertPlan(desk.db, { sku: 'TEA-250', sampling: { kind: 'fixed', n: 2 }, characteristics: [{ code: 'AROMA', kind: 'pass_fail' }] });
});
afterAll(() => desk.close());

/** A bin of its own (a count covers a whole bin). */
async function newBin(kind: 'storage' | 'quarantine' | 'reject'): Promise<string> {
  const zoneId = (await manager.call('zones.list'))[0].id;
  return (await manager.call('locations.create', { zoneId, code: `T-${kind.slice(0, 1).toUpperCase()}${++binNo}`, kind })).id;
}

/** 20 tea in a bin that fits the status, then the status set as QC, a recall or the calendar would leave it. */
async function teaLot(status: LotStatus, bin?: string): Promise<{ lot: LotView; binId: string }> {
  const r = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-09-01');
  const binId = bin ?? (status === 'released' ? refs.bin('A-01').id : status === 'rejected' ? refs.bin('QA-REJ').id : refs.bin('QA-01').id);
  await clerk.call('stock.move', { toLocationId: binId, allowNonPickable: true, lines: [{ lotId: r.lot.id, fromLocationId: r.location.id, quantity: 20 }] });
  if (status === 'expired') desk.db.prepare("UPDATE lots SET expiry_date = '2026-01-01' WHERE id = ?").run(r.lot.id);
  else setLotStatus(desk, r.lot.id, status);
  return { lot: r.lot, binId };
}

/** Runs the command; 'ok' or the refusal's key, and a refusal must leave the database as it was. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  const before = snapshot(desk.db, keep);
  try {
    await run();
    return 'ok';
  } catch (err) {
    const key = (err as { data?: { key: string } }).data?.key ?? String(err);
    expect(snapshot(desk.db, keep), key).toEqual(before);
    return key;
  }
}

const FORBIDS = 'errors.lot.statusForbids';
const allowed = (status: LotStatus, action: StockAction) => {
  try {
    assertStatusAllows(status, action, '');
    return true;
  } catch {
    return false;
  }
};

/** What each command should answer per status: the model's verdict for its action, and the bin rules for moves. */
const EXPECTED: Record<string, Record<LotStatus, string>> = {
  'move to a quarantine bin': { quarantine: 'ok', on_hold: 'ok', rejected: 'errors.putaway.needsRejectBin', released: 'errors.putaway.notPickable', recalled: FORBIDS, expired: 'ok' },
  'move to a reject bin': { quarantine: 'ok', on_hold: 'ok', rejected: 'ok', released: 'errors.putaway.notPickable', recalled: FORBIDS, expired: 'ok' },
  'move to a storage bin': { quarantine: 'errors.putaway.needsQuarantineBin', on_hold: 'errors.putaway.needsQuarantineBin', rejected: 'errors.putaway.needsRejectBin', released: 'ok', recalled: FORBIDS, expired: 'errors.putaway.needsQuarantineBin' },
};

describe('status enforcement across every stock command', () => {
  it('holds the model: what each status allows', () => {
    expect(STATUSES.filter((s) => allowed(s, 'pick'))).toEqual(['released']);
    expect(STATUSES.filter((s) => allowed(s, 'receive'))).toEqual(['quarantine', 'released']);
    expect(STATUSES.filter((s) => allowed(s, 'adjust'))).toEqual(STATUSES);
    expect(STATUSES.filter((s) => allowed(s, 'putaway'))).toEqual(['quarantine', 'on_hold', 'rejected', 'released', 'expired']);
    expect(STATUSES.filter((s) => allowed(s, 'relabel'))).toEqual(['quarantine', 'on_hold', 'released']);
  });

  it('receives a QC item into quarantine and anything else released', async () => {
    expect((await receiveLot(clerk, refs, 'MILK-1L', 5, '2027-05-01')).lot.status).toBe('quarantine');
    expect((await receiveLot(clerk, refs, 'TEA-250', 5, '2027-05-01')).lot.status).toBe('released');
  });

  it.each(STATUSES)('moves a %s lot only where the bin rules let it go', async (status) => {
    for (const [what, target] of [['move to a quarantine bin', 'QA-02'], ['move to a reject bin', 'QA-REJ'], ['move to a storage bin', 'A-03']] as const) {
      const { lot, binId } = await teaLot(status, status === 'rejected' ? refs.bin('QA-REJ').id : undefined);
      const to = refs.bin(target).id === binId ? refs.bin('QA-02').id : refs.bin(target).id;
      const got = await outcome(() => clerk.call('stock.move', { toLocationId: to, lines: [{ lotId: lot.id, fromLocationId: binId, quantity: 5 }] }));
      if (status === 'rejected' && target === 'QA-REJ') {
        // Already in the reject bin: a move to another reject bin is what is allowed.
        const other = await newBin('reject');
        expect(await outcome(() => clerk.call('stock.move', { toLocationId: other, lines: [{ lotId: lot.id, fromLocationId: binId, quantity: 5 }] })), `${status} ${what}`).toBe('ok');
        continue;
      }
      expect(got, `${status} ${what}`).toBe(EXPECTED[what][status]);
    }
  });

  it.each(STATUSES)('adjusts, counts and draws QC samples of a %s lot (what is there is recorded, whatever the status)', async (status) => {
    const { lot, binId } = await teaLot(status);
    expect(await outcome(() => lead.call('stock.adjust', { lotId: lot.id, locationId: binId, direction: 'out', quantity: 1, reason: 'damaged' }))).toBe('ok');
    const countBin = await newBin(status === 'released' ? 'storage' : status === 'rejected' ? 'reject' : 'quarantine');
    await clerk.call('stock.move', { toLocationId: countBin, allowNonPickable: true, lines: [{ lotId: lot.id, fromLocationId: binId, quantity: 10 }] }).catch(() => undefined);
    const inCount = (desk.db.prepare('SELECT quantity FROM balances WHERE lot_id = ? AND location_id = ?').get(lot.id, countBin) as { quantity: number } | undefined)?.quantity;
    const countAt = inCount ? countBin : binId;
    expect(await outcome(() => clerk.call('counts.submit', { locationId: countAt, lines: [{ lotId: lot.id, quantity: inCount ? 9 : 18 }] }))).toBe('ok');
    const started = await inspector.call('qc.start', { lotId: lot.id });
    expect(await outcome(() => inspector.call('qc.drawSample', { inspectionId: started.id, locationId: binId, quantity: 1 }))).toBe('ok');
  });

  it.each(STATUSES)('splits, merges and consumes a %s lot only as the model allows', async (status) => {
    const a = await teaLot(status);
    const b = await teaLot(status, a.binId);
    const relabel = allowed(status, 'relabel') ? 'ok' : FORBIDS;
    const to = status === 'released' ? refs.bin('A-04').id : status === 'rejected' ? refs.bin('QA-REJ').id : refs.bin('QA-02').id;
    expect(await outcome(() => lead.call('lots.split', { lotId: a.lot.id, fromLocationId: a.binId, quantity: 2, toLocationId: to, allowNonPickable: true })), `${status} split`).toBe(relabel);
    expect(await outcome(() => lead.call('lots.merge', { parts: [{ lotId: a.lot.id, fromLocationId: a.binId, quantity: 1 }, { lotId: b.lot.id, fromLocationId: b.binId, quantity: 1 }], toLocationId: to, allowNonPickable: true })), `${status} merge`).toBe(relabel);
    const consume = allowed(status, 'consume') ? 'ok' : FORBIDS;
    expect(await outcome(() => lead.call('lots.transform', { kind: 'kitting', itemId: refs.item('GIFT-TEA').id, quantity: 1, unit: 'pcs', components: [{ lotId: a.lot.id, fromLocationId: a.binId, quantity: 1 }], toLocationId: refs.bin('A-05').id })), `${status} transform`).toBe(consume);
  });

  it.each(STATUSES)('picks and ships a lot that became %s after its allocation only when released', async (status) => {
    const { lot, binId } = await teaLot('released');
    const binCode = (desk.db.prepare('SELECT code FROM locations WHERE id = ?').get(binId) as { code: string }).code;
    const order = async () => {
      const o = await lead.call('orders.create', { customerId: (await lead.call('catalog.parties', { kind: 'customer' }))[0].id, lines: [{ itemId: refs.item('TEA-250').id, quantity: 2, lotId: lot.id }] });
      await lead.call('allocation.allocate', { orderId: o.id });
      return o;
    };
    const pickOrder = await order();
    const shipOrder = await order();
    await clerk.call('picking.scan', { orderId: shipOrder.id, bin: binCode, scan: label(lot), quantity: 2 });
    await clerk.call('packing.scan', { orderId: shipOrder.id, scan: label(lot) });
    if (status === 'expired') desk.db.prepare("UPDATE lots SET expiry_date = '2026-01-01' WHERE id = ?").run(lot.id);
    else setLotStatus(desk, lot.id, status);
    const expected = status === 'released' ? 'ok' : FORBIDS;
    const pick = await outcome(() => clerk.call('picking.scan', { orderId: pickOrder.id, bin: binCode, scan: label(lot), quantity: 2 }));
    expect(pick, `${status} pick`).toBe(expected);
    expect(await outcome(() => clerk.call('shipping.ship', { orderId: shipOrder.id })), `${status} ship`).toBe(expected);
  });

  it('makes a lot pickable the moment its release commits', async () => {
    insertPlan(desk.db, { sku: 'MILK-1L', sampling: { kind: 'fixed', n: 1 }, characteristics: [{ code: 'SEAL', kind: 'pass_fail' }] });
    const r = await receiveLot(clerk, refs, 'MILK-1L', 10, '2027-05-01');
    const q = (await inspector.call('qc.open', { lotId: r.lot.id })).inspection!;
    await inspector.call('qc.recordResult', { inspectionId: q.id, characteristicId: q.characteristics[0].id, sampleNo: 1, value: true });
    await clerk.call('stock.move', { toLocationId: refs.bin('QA-02').id, lines: [{ lotId: r.lot.id, fromLocationId: r.location.id, quantity: 10 }] });
    const customerId = (await lead.call('catalog.parties', { kind: 'customer' }))[0].id;
    expect(await errorOf(clerk.call('stock.move', { toLocationId: refs.bin('A-06').id, lines: [{ lotId: r.lot.id, fromLocationId: refs.bin('QA-02').id, quantity: 10 }] }))).toMatchObject({ key: 'errors.putaway.needsQuarantineBin' });
    await manager.call('qc.decide', { inspectionId: q.id, decision: 'released', secret: 'sign-4444' });
    await clerk.call('stock.move', { toLocationId: refs.bin('A-06').id, lines: [{ lotId: r.lot.id, fromLocationId: refs.bin('QA-02').id, quantity: 10 }] });
    const o = await lead.call('orders.create', { customerId, lines: [{ itemId: refs.item('MILK-1L').id, quantity: 4, lotId: r.lot.id }] });
    await lead.call('allocation.allocate', { orderId: o.id });
    const picked = await clerk.call('picking.scan', { orderId: o.id, bin: 'A-06', scan: label(r.lot), quantity: 4 });
    expect(picked).toBeTruthy();
  });
});
