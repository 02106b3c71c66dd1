import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { translate } from '../../src/i18n/translate';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let admin: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  admin = await desk.signedIn('admin', 'admin1234');
});
afterEach(() => desk.close());

describe('lot numbering patterns per item and site', () => {
  it('applies the item pattern before the site pattern before the default', async () => {
    const items = await admin.call('catalog.items');
    const tea = items.find((i) => i.sku === 'TEA-250')!;
    const soy = items.find((i) => i.sku === 'SOY-500')!;
    const supplierId = (await admin.call('catalog.parties', { kind: 'supplier' }))[0].id;
    await admin.call('admin.setLotPattern', { siteCode: 'WH1', pattern: '{SITE}{YYYY}{JJJ}-{SEQ:3}' });
    await admin.call('admin.setLotPattern', { itemId: tea.id, pattern: 'T{YY}{MM}-{SEQ:5}' });
    const clerk = await desk.signedIn('clerk', '1111');
    const base = { supplierId, quantity: 1, unit: 'pcs', expiryDate: '2028-01-01' };
    const a = await clerk.call('receiving.receive', { ...base, itemId: tea.id });
    const b = await clerk.call('receiving.receive', { ...base, itemId: soy.id });
    expect(a.lot.code).toBe('T2611-00001');
    expect(b.lot.code).toBe('WH12026329-001');
    await admin.call('admin.setLotPattern', { itemId: tea.id, pattern: null });
    const c = await clerk.call('receiving.receive', { ...base, itemId: tea.id });
    expect(c.lot.code).toBe('WH12026329-001');
  });

  it('refuses a bad pattern with a translated message that shows the tokens, and writes nothing', async () => {
    const before = snapshot(desk.db);
    const err = await errorOf(admin.call('admin.setLotPattern', { siteCode: 'WH1', pattern: '{YY}{MM}' }));
    expect(err).toMatchObject({ key: 'errors.lotPattern.needsOneSeq', field: 'pattern' });
    expect(translate('en', err.key, err.params)).toBe('The pattern "{YY}{MM}" needs exactly one sequence token such as {SEQ:4}.');
    expect(translate('zh-CN', err.key, err.params)).toContain('{SEQ:4}');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('lets only admins change patterns', async () => {
    const lead = await desk.signedIn('lead', '3333');
    expect((await errorOf(lead.call('admin.setLotPattern', { siteCode: 'WH1', pattern: '{SEQ:4}' }))).code).toBe('forbidden');
  });
});
