/**
 * Locations (issue 15): zones, bins with a kind whose flags drive putaway and receiving, ranges
 * created whole or not at all, the walking route, and the refusals that keep stock findable (a
 * bin holding stock keeps its code, stays active and changes kind only when the stock still
 * fits). Every change is in the audit as field/before/after; a refusal writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client';
import { lastChanges as changesOf, type Change } from '../support/audit-changes';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, setLotStatus, type DemoRefs } from '../support/inventory';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { translate } from '../../src/i18n/translate';
import { expandBinRange } from '../../src/domain/bin-kinds';

let desk: TestDesk;
let manager: Client;
let refs: DemoRefs;
beforeEach(async () => {
  desk = await openTestDesk();
  manager = await desk.signedIn('manager', '4444');
  refs = await demoRefs(manager);
});
afterEach(() => desk.close());

const lastChanges = (command: string) => changesOf(desk.db, command);
const pairs = (changes: Change[]) => changes.map((c) => [c.label, c.field, c.before, c.after]);
const flags = (code: string) => desk.db.prepare('SELECT kind, pickable, quarantine, receiving, staging, active FROM locations WHERE code = ?').get(code);

async function zone(code = 'C', name = 'Zone C'): Promise<string> {
  return (await manager.call('zones.create', { code, name })).id;
}

describe('ranges', () => {
  it('expands aisles, racks and levels with zero padding', () => {
    const r = expandBinRange([{ from: 'A', to: 'A' }, { from: '1', to: '10', width: 2 }, { from: '1', to: '5', width: 2 }]);
    expect(r.ok && r.codes.length).toBe(50);
    expect(r.ok && [r.codes[0], r.codes[1], r.codes[5], r.codes[49]]).toEqual(['A-01-01', 'A-01-02', 'A-02-01', 'A-10-05']);
    expect(expandBinRange([{ from: '1', to: '2' }, { from: 'a', to: 'b' }], '.', 'x')).toEqual({ ok: true, codes: ['X.1.A', 'X.1.B', 'X.2.A', 'X.2.B'] });
    expect(expandBinRange([{ from: 'C', to: 'A' }])).toMatchObject({ ok: false, key: 'errors.locations.rangeBackwards', part: 0 });
    expect(expandBinRange([{ from: 'A', to: '9' }])).toMatchObject({ ok: false, key: 'errors.locations.rangePart' });
    expect(expandBinRange([{ from: '1', to: '100' }, { from: '1', to: '100' }])).toMatchObject({ ok: false, key: 'errors.locations.rangeTooLarge' });
  });

  it('previews a range and creates it whole, audited bin by bin', async () => {
    const zoneId = await zone();
    const range = { zoneId, kind: 'storage' as const, prefix: 'C', parts: [{ from: '1', to: '10', width: 2 }, { from: '1', to: '5', width: 2 }] };
    const before = snapshot(desk.db);
    const preview = await manager.call('locations.previewRange', range);
    expect(preview).toMatchObject({ count: 50, existing: [] });
    expect([preview.codes[0], preview.codes[49]]).toEqual(['C-01-01', 'C-10-05']);
    expect(snapshot(desk.db)).toEqual(before);
    expect(await manager.call('locations.createRange', range)).toEqual({ count: 50, first: 'C-01-01', last: 'C-10-05' });
    expect(flags('C-07-03')).toEqual({ kind: 'storage', pickable: 1, quarantine: 0, receiving: 0, staging: 0, active: 1 });
    const changes = lastChanges('locations.createRange');
    expect(changes).toHaveLength(50 * 4);
    expect(pairs(changes.filter((c) => c.label === 'C-01-01'))).toEqual([
      ['C-01-01', 'code', null, 'C-01-01'],
      ['C-01-01', 'zone', null, 'C'],
      ['C-01-01', 'kind', null, 'storage'],
      ['C-01-01', 'active', null, true],
    ]);
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('refuses a range with any existing code as a whole, and says which', async () => {
    const zoneId = await zone();
    await manager.call('locations.create', { zoneId, code: 'C-02-01', kind: 'storage' });
    const range = { zoneId, kind: 'storage' as const, prefix: 'C', parts: [{ from: '1', to: '3', width: 2 }, { from: '1', to: '2', width: 2 }] };
    expect((await manager.call('locations.previewRange', range)).existing).toEqual(['C-02-01']);
    const before = snapshot(desk.db);
    const err = await errorOf(manager.call('locations.createRange', range));
    expect(err).toMatchObject({ code: 'conflict', key: 'errors.locations.rangeDuplicates', params: { count: 1, codes: 'C-02-01' } });
    expect(translate('zh-CN', err.key, err.params)).toBe('范围中有 1 个编码已存在（例如 C-02-01），未创建任何库位。');
    expect(snapshot(desk.db)).toEqual(before);
    // A part that is not a range is named by its index.
    expect(await errorOf(manager.call('locations.previewRange', { ...range, parts: [{ from: 'A', to: '3' }] }))).toMatchObject({ key: 'errors.locations.rangePart', field: 'parts.0' });
  });
});

describe('bins', () => {
  it('creates bins whose kind sets the flags receiving and putaway read', async () => {
    const zoneId = await zone('Q', 'Quality');
    const ids: Record<string, string> = {};
    for (const [code, kind] of [['Q-REJ', 'reject'], ['Q-RET', 'returns'], ['Q-STG', 'staging'], ['Q-DOCK', 'receiving']] as const) {
      ids[code] = (await manager.call('locations.create', { zoneId, code, kind })).id;
    }
    expect(flags('Q-REJ')).toMatchObject({ kind: 'reject', pickable: 0, quarantine: 1 });
    expect(flags('Q-RET')).toMatchObject({ kind: 'returns', pickable: 0, quarantine: 1 });
    expect(flags('Q-STG')).toMatchObject({ kind: 'staging', pickable: 0, staging: 1 });
    expect(flags('Q-DOCK')).toMatchObject({ kind: 'receiving', pickable: 0, receiving: 1 });
    expect(pairs(lastChanges('locations.create'))).toEqual([
      ['Q-DOCK', 'code', null, 'Q-DOCK'],
      ['Q-DOCK', 'zone', null, 'Q'],
      ['Q-DOCK', 'kind', null, 'receiving'],
      ['Q-DOCK', 'active', null, true],
    ]);
    // Putaway: a lot on hold may go to the reject bin (a quarantine bin), released stock may not without F9.
    const clerk = await desk.signedIn('clerk', '1111');
    const released = await receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30');
    const rejected = await receiveLot(clerk, refs, 'SOY-500', 5, '2027-06-30');
    setLotStatus(desk, rejected.lot.id, 'on_hold');
    await clerk.call('stock.move', { lines: [{ lotId: rejected.lot.id, fromLocationId: rejected.location.id, quantity: 5 }], toLocationId: ids['Q-REJ'] });
    expect(await errorOf(clerk.call('stock.move', { lines: [{ lotId: released.lot.id, fromLocationId: released.location.id, quantity: 10 }], toLocationId: ids['Q-RET'] }))).toMatchObject({
      key: 'errors.putaway.notPickable',
    });
    // Receiving's default quarantine bin is one of kind quarantine, not the reject bin.
    const qc = await receiveLot(clerk, refs, 'VITC-100', 3, '2027-06-30');
    expect(qc.location.code).toBe('QA-01');
  });

  it('suggests blocked stock its own kind of quarantine bin: on hold to quarantine, recalled to returns, rejected to reject', async () => {
    const zoneId = await zone('Q', 'Quality');
    // Codes sort before QA-01, so the old "lowest code" choice would pick them for any blocked lot.
    await manager.call('locations.create', { zoneId, code: 'AA-REJ', kind: 'reject' });
    await manager.call('locations.create', { zoneId, code: 'AA-RET', kind: 'returns' });
    const clerk = await desk.signedIn('clerk', '1111');
    const lot = await receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30');
    const suggested = async (status: string) => {
      setLotStatus(desk, lot.lot.id, status);
      return (await clerk.call('putaway.suggest', { lotId: lot.lot.id, fromLocationId: lot.location.id })).location?.code;
    };
    expect(await suggested('on_hold')).toBe('QA-01');
    expect(await suggested('recalled')).toBe('AA-RET');
    expect(await suggested('rejected')).toBe('AA-REJ');
  });

  it('refuses a duplicate code (whatever its case), an unknown zone and a bad code, writing nothing', async () => {
    const zoneId = await zone();
    const before = snapshot(desk.db);
    expect(await errorOf(manager.call('locations.create', { zoneId, code: 'a-01', kind: 'storage' }))).toMatchObject({ code: 'conflict', key: 'errors.locations.duplicateCode', params: { code: 'A-01' }, field: 'code' });
    expect(await errorOf(manager.call('locations.create', { zoneId: 'nope', code: 'C-1', kind: 'storage' }))).toMatchObject({ code: 'not_found', key: 'errors.locations.unknownZone' });
    expect(await errorOf(manager.call('locations.create', { zoneId, code: 'C 1', kind: 'storage' }))).toMatchObject({ code: 'validation', key: 'errors.locations.badCode', field: 'code' });
    expect(await errorOf(manager.call('locations.create', { zoneId, code: 'C-1', kind: 'attic' as never }))).toMatchObject({ key: 'errors.locations.badKind', field: 'kind' });
    expect(await errorOf(manager.call('zones.create', { code: 'a', name: 'again' }))).toMatchObject({ key: 'errors.locations.duplicateZone' });
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('renames and deactivates an empty bin, and refuses both while it holds stock', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const lot = await receiveLot(clerk, refs, 'TEA-250', 10, '2027-06-30');
    const bin = refs.bin('A-01');
    await clerk.call('stock.move', { lines: [{ lotId: lot.lot.id, fromLocationId: lot.location.id, quantity: 10 }], toLocationId: bin.id });
    const zoneA = (await manager.call('zones.list')).find((z) => z.code === 'A')!;
    const before = snapshot(desk.db);
    const rename = await errorOf(manager.call('locations.update', { locationId: bin.id, zoneId: zoneA.id, code: 'A-99', kind: 'storage' }));
    expect(rename).toMatchObject({ code: 'rule', key: 'errors.locations.renameWithStock', params: { bin: 'A-01' }, field: 'code' });
    expect(translate('en', rename.key, rename.params)).toContain('Bin A-01 holds stock');
    expect(await errorOf(manager.call('locations.setActive', { locationId: bin.id, active: false }))).toMatchObject({ key: 'errors.locations.deactivateWithStock' });
    // Released stock would be stranded in a quarantine bin.
    const kind = await errorOf(manager.call('locations.update', { locationId: bin.id, zoneId: zoneA.id, code: 'A-01', kind: 'quarantine' }));
    expect(kind).toMatchObject({ key: 'errors.locations.kindStrandsStock', field: 'kind' });
    expect(translate('zh-CN', kind.key, kind.params)).toContain('“待检”类型');
    expect(translate('en', kind.key, kind.params)).toContain('(Released), which may not stay in a bin of kind Quarantine');
    expect(snapshot(desk.db)).toEqual(before);

    const empty = refs.bin('A-02');
    await manager.call('locations.update', { locationId: empty.id, zoneId: zoneA.id, code: 'A-90', kind: 'reject' });
    expect(pairs(lastChanges('locations.update'))).toEqual([
      ['A-90', 'code', 'A-02', 'A-90'],
      ['A-90', 'kind', 'storage', 'reject'],
    ]);
    await manager.call('locations.setActive', { locationId: empty.id, active: false });
    expect(pairs(lastChanges('locations.setActive'))).toEqual([['A-90', 'active', true, false]]);
    expect((await manager.call('locations.list', {})).some((b) => b.code === 'A-90')).toBe(false);
    expect((await manager.call('locations.list', { includeInactive: true })).find((b) => b.code === 'A-90')).toMatchObject({ active: false, kind: 'reject', hasStock: false });
    expect(await errorOf(manager.call('locations.setActive', { locationId: empty.id, active: false }))).toMatchObject({ code: 'conflict', key: 'errors.locations.alreadyInactive' });
  });

  it('lets a bin holding blocked stock become another quarantine kind, but not storage', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    await receiveLot(clerk, refs, 'VITC-100', 3, '2027-06-30');
    const qa = refs.bin('QA-01');
    const zoneQa = (await manager.call('zones.list')).find((z) => z.code === 'QA')!;
    expect(await errorOf(manager.call('locations.update', { locationId: qa.id, zoneId: zoneQa.id, code: 'QA-01', kind: 'storage' }))).toMatchObject({ key: 'errors.locations.kindStrandsStock' });
    await manager.call('locations.update', { locationId: qa.id, zoneId: zoneQa.id, code: 'QA-01', kind: 'returns' });
    expect(flags('QA-01')).toMatchObject({ kind: 'returns', quarantine: 1, pickable: 0 });
    // The site's only staging bin may not stop being one, nor be deactivated; with a second one it may.
    const stg = refs.bin('PACK-01');
    const zonePack = (await manager.call('zones.list')).find((z) => z.code === 'PACK')!;
    const last = await errorOf(manager.call('locations.update', { locationId: stg.id, zoneId: zonePack.id, code: 'PACK-01', kind: 'storage' }));
    expect(last).toMatchObject({ key: 'errors.locations.lastOfKind', params: { bin: 'PACK-01', binKind: 'staging' }, field: 'kind' });
    expect(translate('en', last.key, last.params)).toBe('Bin PACK-01 is the site’s last active Staging bin: receiving, packing or QC needs one. Create another first.');
    expect(await errorOf(manager.call('locations.setActive', { locationId: stg.id, active: false }))).toMatchObject({ key: 'errors.locations.lastOfKind' });
    expect(await errorOf(manager.call('locations.setActive', { locationId: refs.bin('RCV-01').id, active: false }))).toMatchObject({ key: 'errors.locations.lastOfKind', params: { binKind: 'receiving' } });
    await manager.call('locations.create', { zoneId: zonePack.id, code: 'PACK-02', kind: 'staging' });
    await manager.call('locations.update', { locationId: stg.id, zoneId: zonePack.id, code: 'PACK-01', kind: 'storage' });
    expect(flags('PACK-01')).toMatchObject({ kind: 'storage', staging: 0, pickable: 1 });
  });

  it('edits a zone and notes the change; only a manager may touch locations', async () => {
    const zoneId = await zone();
    await manager.call('zones.update', { zoneId, code: 'C', name: 'Cold room' });
    expect(pairs(lastChanges('zones.update'))).toEqual([['C', 'name', 'Zone C', 'Cold room']]);
    const lead = await desk.signedIn('lead', '3333');
    const calls = [
      () => lead.call('zones.create', { code: 'D', name: 'D' }),
      () => lead.call('locations.create', { zoneId, code: 'C-9', kind: 'storage' }),
      () => lead.call('locations.createRange', { zoneId, kind: 'storage', parts: [{ from: '1', to: '2' }] }),
      () => lead.call('locations.setRoute', { locationIds: [refs.bin('A-01').id] }),
      () => lead.call('labels.bins', { locationIds: [refs.bin('A-01').id] }),
    ];
    for (const call of calls) expect(await errorOf(call())).toMatchObject({ code: 'forbidden' });
  });
});

describe('pick route', () => {
  it('sets the walking order the pick list follows, noting each moved bin', async () => {
    const bins = (await manager.call('locations.list', {})).filter((b) => b.kind === 'storage');
    const reversed = [...bins].reverse();
    await manager.call('locations.setRoute', { locationIds: reversed.map((b) => b.id) });
    const route = (await manager.call('locations.list', {})).filter((b) => b.kind === 'storage').sort((a, b) => a.routeOrder! - b.routeOrder!);
    expect(route.map((b) => b.code)).toEqual(reversed.map((b) => b.code));
    const changes = lastChanges('locations.setRoute');
    expect(changes.every((c) => c.field === 'routeOrder')).toBe(true);
    expect(changes.find((c) => c.label === reversed[0].code)).toMatchObject({ after: 1 });
    expect(await errorOf(manager.call('locations.setRoute', { locationIds: [bins[0].id, bins[0].id] }))).toMatchObject({ key: 'errors.locations.routeTwice' });
  });
});
