/**
 * Migration 013 adds what goes into one unit made to each BOM component. The BOMs of a desk
 * written by the previous LotDesk keep their components, with no quantity stated, until a manager
 * saves them with one.
 */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { MIGRATIONS } from '../../src/store/migrations';
import { DEMO_NOW, openTestDesk, type TestDesk } from '../support/desk';
import { rollBackTo } from '../support/schema-history';

let desk: TestDesk;
afterEach(() => desk.close());

it('keeps the BOMs of a version-12 desk, with no quantity stated', async () => {
  desk = await openTestDesk();
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  const raw = new Database(desk.file);
  rollBackTo(raw, 13);
  raw.exec('ALTER TABLE bom_components DROP COLUMN quantity; PRAGMA user_version = 12;');
  raw.close();

  const reopened = openDesk(desk.file, { clock: new ManualClock(new Date(DEMO_NOW)) });
  try {
    expect(reopened.station.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const auth = {};
    const manager = createClient((name, input) => reopened.dispatch(auth, name, input));
    await manager.call('session.signIn', { username: 'manager', secret: '4444' });
    const gift = (await manager.call('catalog.items')).find((i) => i.sku === 'GIFT-TEA')!.id;
    const bom = await manager.call('boms.get', { itemId: gift });
    expect(bom.components.map((c) => [c.sku, c.quantity])).toEqual([
      ['SOY-500', null],
      ['TEA-250', null],
    ]);
    const set = await manager.call('boms.set', { itemId: gift, componentItemIds: bom.components.map((c) => c.itemId), quantities: [1, 2] });
    expect(set.components.map((c) => c.quantity)).toEqual([1, 2]);
  } finally {
    reopened.station.close();
  }
});
