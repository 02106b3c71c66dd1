/**
 * Suppliers and customers (issue 15, item 4): create with contacts, edit, deactivate, the
 * customer's shelf-life rule, who may do it, bad input that writes nothing, the audit of changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
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

const gln = (body12: string) => body12 + gs1CheckDigit(body12);
const SUPPLIER = {
  kind: 'supplier' as const,
  code: 'SUP-NEW',
  name: 'Fujian Tea Garden',
  nameZh: '福建茶园',
  gln: gln('695000010001'),
  address: '1 Tea Road, Fuzhou 福州茶路 1 号',
  region: 'CN-FJ',
  channel: null,
  contacts: [
    { name: 'Lin Fang 林芳', phone: '+86 591 1234 5678', email: 'lin@example.cn', role: 'sales' },
    { name: 'Wu Gang', phone: null, email: null, role: null },
  ],
};

function lastChanges() {
  const r = desk.db.prepare('SELECT command, changes FROM audit ORDER BY seq DESC LIMIT 1').get() as { command: string; changes: string | null };
  return { command: r.command, changes: (JSON.parse(r.changes ?? '[]') as { field: string; before: unknown; after: unknown; label: string }[]).map((c) => [c.label, c.field, c.before, c.after]) };
}

describe('parties', () => {
  it('creates a supplier with contacts in party_contacts; lists it; audits every field', async () => {
    const { id } = await manager.call('parties.create', SUPPLIER);
    const [found] = await manager.call('parties.list', { kind: 'supplier', search: '福建' });
    expect(found).toMatchObject({ ...SUPPLIER, id, active: true, contacts: SUPPLIER.contacts.map((c) => ({ ...c, id: expect.any(String) })) });
    expect(desk.db.prepare('SELECT name, phone, email, role FROM party_contacts WHERE party_id = ? ORDER BY rowid').all(id)).toEqual(SUPPLIER.contacts);
    const audit = lastChanges();
    expect(audit.command).toBe('parties.create');
    expect(audit.changes).toContainEqual(['SUP-NEW', 'gln', null, SUPPLIER.gln]);
    expect(audit.changes).toContainEqual(['SUP-NEW', 'contacts', null, 'Lin Fang 林芳 (sales) +86 591 1234 5678 lin@example.cn; Wu Gang']);
    // The receiving desk offers it.
    expect((await manager.call('catalog.parties', { kind: 'supplier' })).some((p) => p.code === 'SUP-NEW')).toBe(true);
  });

  it('edits fields and contacts, audits before/after; the kind stays', async () => {
    const { id } = await manager.call('parties.create', SUPPLIER);
    const { kind: _k, ...fields } = SUPPLIER;
    await manager.call('parties.update', { ...fields, partyId: id, address: 'New road 2', contacts: [SUPPLIER.contacts[0]] });
    expect(lastChanges()).toEqual({
      command: 'parties.update',
      changes: [
        ['SUP-NEW', 'address', SUPPLIER.address, 'New road 2'],
        ['SUP-NEW', 'contacts', 'Lin Fang 林芳 (sales) +86 591 1234 5678 lin@example.cn; Wu Gang', 'Lin Fang 林芳 (sales) +86 591 1234 5678 lin@example.cn'],
      ],
    });
    expect((await errorOf(manager.call('parties.update', { ...fields, partyId: id, address: 'New road 2', contacts: [SUPPLIER.contacts[0]] }))).key).toBe('errors.parties.noChange');
  });

  it('refuses a duplicate code (any case, over both kinds), a bad GLN, a bad e-mail, a nameless contact — nothing written', async () => {
    const before = snapshot(desk.db);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ code: 'cus-shm' }, 'errors.parties.duplicateCode', 'code'],
      [{ gln: SUPPLIER.gln.slice(0, 12) + ((Number(SUPPLIER.gln[12]) + 1) % 10) }, 'errors.parties.glnCheckDigit', 'gln'],
      [{ gln: '123' }, 'errors.parties.badGln', 'gln'],
      [{ contacts: [{ name: 'X', email: 'not-an-address' }] }, 'errors.parties.badEmail', 'contacts.0.email'],
      [{ contacts: [{ name: '' }] }, 'errors.parties.contactName', 'contacts.0.name'],
      [{ kind: 'agent' }, 'errors.parties.badKind', 'kind'],
    ];
    for (const [change, key, field] of cases) {
      const err = await errorOf(manager.call('parties.create', { ...SUPPLIER, ...change } as typeof SUPPLIER));
      expect([err.key, err.field], JSON.stringify(change)).toEqual([key, field]);
    }
    const { audit: _a, sync_outbox: _o, ...rest } = before;
    expect(snapshot(desk.db, ['audit'])).toEqual(rest);
    const err = await errorOf(manager.call('parties.create', { ...SUPPLIER, code: 'cus-shm' }));
    expect(translate('zh-CN', err.key, err.params)).toBe('编码为 cus-shm 的供应商或客户已存在。');
  });

  it('deactivates a customer (gone from the order desk’s list), reactivates; sets its shelf-life rule; a lead is refused', async () => {
    const { id } = await manager.call('parties.create', { ...SUPPLIER, kind: 'customer', code: 'CUS-NEW' });
    await manager.call('parties.setActive', { partyId: id, active: false });
    expect(lastChanges().changes).toEqual([['CUS-NEW', 'active', true, false]]);
    expect((await manager.call('catalog.parties', { kind: 'customer' })).some((p) => p.id === id)).toBe(false);
    expect((await manager.call('parties.list', { kind: 'customer' })).some((p) => p.id === id)).toBe(false);
    expect((await manager.call('parties.list', { kind: 'customer', includeInactive: true })).find((p) => p.id === id)?.active).toBe(false);
    expect((await errorOf(manager.call('parties.setActive', { partyId: id, active: false }))).key).toBe('errors.parties.alreadyInactive');
    await manager.call('parties.setActive', { partyId: id, active: true });
    await manager.call('customers.setShelfLifeRule', { customerId: id, minDays: 30, minPercent: null });
    expect((await manager.call('parties.list', { search: 'CUS-NEW' }))[0]).toMatchObject({ minShelfLifeDays: 30, minShelfLifePercent: null });
    const lead = await desk.signedIn('lead', '3333');
    expect((await errorOf(lead.call('parties.create', SUPPLIER))).code).toBe('forbidden');
    expect((await errorOf(lead.call('parties.setActive', { partyId: id, active: false }))).code).toBe('forbidden');
  });
});
