/**
 * The Items screen's commands (issue 15, item 3) on the demo station: create, edit, deactivate,
 * search (SKU, GTIN, names, a scanned GS1 label), who may do it, bad input that writes nothing
 * and answers in either language, and the audit's field/before/after of every change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { translate } from '../../src/i18n/translate';
import { gs1CheckDigit } from '../../src/domain/gs1/check-digit';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let manager: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  manager = await desk.signedIn('manager', '4444');
});
afterEach(() => desk.close());

const gtin13 = (body12: string) => body12 + gs1CheckDigit(body12);
const GTIN = gtin13('695000000001');
const NEW_ITEM = {
  sku: 'NOODLE-1',
  gtin: GTIN,
  name: 'Wheat noodles 500 g',
  nameZh: '小麦面条 500 克',
  unit: 'pcs' as const,
  shelfLifeDays: 365,
  qcRequired: true,
  removalStrategy: 'FIFO' as const,
  nearExpiryDays: 30,
  lotPattern: '{YY}{MM}-{SEQ:3}',
  defaultZone: 'a',
  catchWeight: false,
};

/** The field/before/after list of the last audit record, and its command and user. */
function lastChanges() {
  const r = desk.db.prepare('SELECT a.command, u.username AS user, a.changes FROM audit a LEFT JOIN users u ON u.id = a.user_id ORDER BY seq DESC LIMIT 1').get() as {
    command: string;
    user: string;
    changes: string | null;
  };
  const changes = (JSON.parse(r.changes ?? '[]') as { field: string; before: unknown; after: unknown; object: string; label: string }[]).map((c) => [c.object, c.label, c.field, c.before, c.after]);
  return { command: r.command, user: r.user, changes };
}

describe('items.create', () => {
  it('creates an item with every field, the GTIN-13 kept as 14 digits, the zone by its code; audited field by field', async () => {
    const { id } = await manager.call('items.create', NEW_ITEM);
    const item = await manager.call('items.get', { itemId: id });
    expect(item).toMatchObject({ ...NEW_ITEM, gtin: '0' + GTIN, defaultZone: 'A', active: true, unitDecimals: 0 });
    const audit = lastChanges();
    expect(audit.command).toBe('items.create');
    expect(audit.user).toBe('manager');
    expect(audit.changes).toContainEqual(['item', 'NOODLE-1', 'sku', null, 'NOODLE-1']);
    expect(audit.changes).toContainEqual(['item', 'NOODLE-1', 'gtin', null, '0' + GTIN]);
    expect(audit.changes).toContainEqual(['item', 'NOODLE-1', 'nameZh', null, '小麦面条 500 克']);
    expect(audit.changes).toContainEqual(['item', 'NOODLE-1', 'removalStrategy', null, 'FIFO']);
    expect(verifyAudit(desk.db).problems).toEqual([]);
    // The rest of the desk sees it: the catalog and a receiving scan of its GTIN.
    expect((await manager.call('catalog.items')).find((i) => i.sku === 'NOODLE-1')?.nameZh).toBe('小麦面条 500 克');
    expect((await manager.call('scan.item', { scan: GTIN })).sku).toBe('NOODLE-1');
  });

  it('takes GTIN-8, GTIN-12 and GTIN-14 and a minimal item', async () => {
    for (const [sku, body] of [['G8', '9638507'], ['G12', '03600029145'], ['G14', '1950600000001']] as const) {
      const gtin = body + gs1CheckDigit(body);
      const { id } = await manager.call('items.create', { sku, gtin, name: sku, unit: 'kg' });
      expect((await manager.call('items.get', { itemId: id })).gtin).toBe(gtin.padStart(14, '0'));
    }
    const { id } = await manager.call('items.create', { sku: 'PLAIN', name: 'Plain', unit: 'kg' });
    expect(await manager.call('items.get', { itemId: id })).toMatchObject({ gtin: null, nameZh: null, removalStrategy: 'FEFO', qcRequired: false, unitDecimals: 3 });
  });

  it('refuses a duplicate SKU (any case) or GTIN, a bad check digit, an unknown zone, a bad lot pattern — nothing written, in both languages', async () => {
    const before = snapshot(desk.db);
    const tea = (await manager.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ sku: 'tea-250' }, 'conflict', 'errors.items.duplicateSku', 'sku'],
      [{ gtin: tea.gtin }, 'conflict', 'errors.items.duplicateGtin', 'gtin'],
      [{ gtin: GTIN.slice(0, 12) + ((Number(GTIN[12]) + 1) % 10) }, 'validation', 'errors.items.gtinCheckDigit', 'gtin'],
      [{ gtin: '12345' }, 'validation', 'errors.items.badGtin', 'gtin'],
      [{ defaultZone: 'NOPE' }, 'validation', 'errors.items.unknownZone', 'defaultZone'],
      [{ lotPattern: '{YY}' }, 'validation', 'errors.lotPattern.needsOneSeq', 'lotPattern'],
      [{ unit: 'bucket' }, 'validation', 'errors.items.badUnit', 'unit'],
      [{ sku: 'A B' }, 'validation', 'errors.items.badSku', 'sku'],
      [{ shelfLifeDays: 0 }, 'validation', 'errors.items.shelfLifeDays', 'shelfLifeDays'],
    ];
    for (const [change, code, key, field] of cases) {
      const err = await errorOf(manager.call('items.create', { ...NEW_ITEM, ...change } as typeof NEW_ITEM));
      expect([err.code, err.key, err.field], JSON.stringify(change)).toEqual([code, key, field]);
    }
    // Refusals leave no trace but their audit records.
    const { audit: _a, sync_outbox: _o, ...rest } = before;
    expect(snapshot(desk.db, ['audit'])).toEqual(rest);
    expect(snapshot(desk.db).items).toEqual(before.items);
    expect(snapshot(desk.db).item_search).toEqual(before.item_search);
    expect(snapshot(desk.db).audit_objects).toEqual(before.audit_objects);
    const dup = await errorOf(manager.call('items.create', { ...NEW_ITEM, gtin: tea.gtin }));
    expect(translate('en', dup.key, dup.params)).toBe(`GTIN ${tea.gtin} belongs to item TEA-250 already.`);
    expect(translate('zh-CN', dup.key, dup.params)).toBe(`GTIN ${tea.gtin} 已属于物料 TEA-250。`);
  });

  it('is the manager’s: a lead and a clerk are refused', async () => {
    for (const [u, s] of [['lead', '3333'], ['clerk', '1111']]) {
      const c = await desk.signedIn(u, s);
      expect((await errorOf(c.call('items.create', NEW_ITEM))).code).toBe('forbidden');
    }
  });
});

describe('items.update and items.setActive', () => {
  it('edits fields and audits only what changed, before and after', async () => {
    const { id } = await manager.call('items.create', NEW_ITEM);
    await manager.call('items.update', { ...NEW_ITEM, itemId: id, name: 'Wheat noodles 1 kg', shelfLifeDays: 400, defaultZone: null });
    expect(lastChanges()).toEqual({
      command: 'items.update',
      user: 'manager',
      changes: [
        ['item', 'NOODLE-1', 'name', 'Wheat noodles 500 g', 'Wheat noodles 1 kg'],
        ['item', 'NOODLE-1', 'shelfLifeDays', 365, 400],
        ['item', 'NOODLE-1', 'defaultZone', 'A', null],
      ],
    });
    const same = await errorOf(manager.call('items.update', { ...NEW_ITEM, itemId: id, name: 'Wheat noodles 1 kg', shelfLifeDays: 400, defaultZone: null }));
    expect(same.key).toBe('errors.items.noChange');
  });

  it('refuses a unit change on an item with stock, allows it without stock', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const tea = (await clerk.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
    const supplier = (await clerk.call('catalog.parties', { kind: 'supplier' }))[0];
    await clerk.call('receiving.receive', { itemId: tea.id, supplierId: supplier.id, supplierLot: 'S-1', quantity: 5, unit: 'pcs', expiryDate: '2027-11-01' } as never);
    const stocked = { id: tea.id };
    const item = await manager.call('items.get', { itemId: stocked.id });
    const { id: _i, unitDecimals: _d, active: _a, ...fields } = item;
    const before = snapshot(desk.db);
    const err = await errorOf(manager.call('items.update', { ...fields, itemId: stocked.id, unit: 'kg', removalStrategy: fields.removalStrategy } as never));
    expect([err.code, err.key, err.field]).toEqual(['rule', 'errors.items.unitHasStock', 'unit']);
    expect(translate('zh-CN', err.key, err.params)).toContain('有库存时不能更改单位');
    expect(snapshot(desk.db).items).toEqual(before.items);
    const { id } = await manager.call('items.create', NEW_ITEM);
    await manager.call('items.update', { ...NEW_ITEM, itemId: id, unit: 'kg' });
    expect((await manager.call('items.get', { itemId: id })).unit).toBe('kg');
  });

  it('deactivates and reactivates; a deactivated item leaves the catalog and the search but not the list of all', async () => {
    const { id } = await manager.call('items.create', NEW_ITEM);
    await manager.call('items.setActive', { itemId: id, active: false });
    expect(lastChanges().changes).toEqual([['item', 'NOODLE-1', 'active', true, false]]);
    expect((await manager.call('catalog.items')).some((i) => i.id === id)).toBe(false);
    expect((await manager.call('items.search', { search: 'NOODLE' })).items).toEqual([]);
    expect((await manager.call('items.search', { search: 'NOODLE', includeInactive: true })).items.map((i) => i.sku)).toEqual(['NOODLE-1']);
    expect((await errorOf(manager.call('items.setActive', { itemId: id, active: false }))).key).toBe('errors.items.alreadyInactive');
    await manager.call('items.setActive', { itemId: id, active: true });
    expect((await manager.call('items.get', { itemId: id })).active).toBe(true);
    expect((await errorOf(manager.call('items.setActive', { itemId: 'nope', active: true }))).key).toBe('errors.item.unknown');
  });
});

describe('items.search', () => {
  it('finds by part of the SKU, GTIN, English or Chinese name in any case, and by a scanned GS1 label', async () => {
    await manager.call('items.create', NEW_ITEM);
    const skus = async (search: string) => (await manager.call('items.search', { search })).items.map((i) => i.sku);
    expect(await skus('noodle')).toEqual(['NOODLE-1']);
    // One or two characters (too short for the trigram index) find names and SKUs that start with them.
    expect(await skus('小麦')).toEqual(['NOODLE-1']);
    expect(await skus('wh')).toEqual(['NOODLE-1']);
    expect(await skus('面条')).toEqual([]);
    expect(await skus('小麦面')).toEqual(['NOODLE-1']);
    expect(await skus(GTIN)).toEqual(['NOODLE-1']);
    expect(await skus(GTIN.slice(0, 9))).toContain('NOODLE-1');
    expect(await skus(GTIN.slice(3, 9))).toEqual([]);
    // A GS1-128 label as a scanner sends it: symbology identifier, GTIN, expiry, batch.
    expect(await skus(`]C101${'0' + GTIN}17270101` + '10LOT7')).toEqual(['NOODLE-1']);
    expect(await skus(`(01)0${GTIN}(10)ABC`)).toEqual(['NOODLE-1']);
    expect(await skus('tea')).toEqual(expect.arrayContaining(['TEA-250', 'GIFT-TEA']));
    expect((await skus('')).length).toBeGreaterThan(5);
    expect(await skus('no such thing')).toEqual([]);
    // An exact SKU comes first.
    expect((await skus('TEA-250'))[0]).toBe('TEA-250');
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await clerk.call('items.search', { search: 'noodle' })).items).toHaveLength(1);
  });
});

describe('the item search index', () => {
  it('follows an edit of the SKU and names, and keeps its rows after a VACUUM renumbers the items', async () => {
    const { id } = await manager.call('items.create', NEW_ITEM);
    await manager.call('items.update', { ...NEW_ITEM, itemId: id, sku: 'UDON-7', name: 'Udon', nameZh: '乌冬面' });
    const skus = async (search: string) => (await manager.call('items.search', { search })).items.map((i) => i.sku);
    expect(await skus('noodle')).toEqual([]);
    expect(await skus('udon')).toEqual(['UDON-7']);
    expect(await skus('乌冬面')).toEqual(['UDON-7']);
    desk.db.exec('VACUUM');
    expect(await skus('乌冬面')).toEqual(['UDON-7']);
    await manager.call('items.update', { ...NEW_ITEM, itemId: id, sku: 'UDON-8', name: 'Udon', nameZh: '乌冬面' });
    expect(await skus('udon-8')).toEqual(['UDON-8']);
    expect(desk.db.prepare("SELECT COUNT(*) FROM item_search WHERE item_search MATCH '\"UDON\"'").pluck().get()).toBe(1);
  });
});
