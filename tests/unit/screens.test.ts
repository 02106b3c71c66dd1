/** The screen table: routes, nav labels and roles come from it, the roles from the contract's access lists. */
import { beforeAll, describe, expect, it } from 'vitest';
import { contract, type Name } from '../../src/contract/contract';
import { messages } from '../../src/i18n/catalog';
import { LOCALES, type MessageTree } from '../../src/i18n/locales';
import { ROLES, mayRun } from '../../src/domain/roles';
import { PANELS, SCREENS, loadAccess, navFor, roleMay } from '../../renderer/screens';

const text = (tree: MessageTree, key: string): unknown => key.split('.').reduce<unknown>((t, k) => (t as MessageTree | undefined)?.[k], tree);
const allowed = (gate: string) => ROLES.filter((r) => roleMay(r, gate));

describe('screens', () => {
  beforeAll(loadAccess);

  it('names each screen and path once, and only contract entries it needs', () => {
    expect(new Set(SCREENS.map((s) => s.name)).size).toBe(SCREENS.length);
    expect(new Set(SCREENS.map((s) => s.path)).size).toBe(SCREENS.length);
    const needs = [...SCREENS.flatMap((s) => s.needs), ...Object.values(PANELS).flat()];
    expect(needs.filter((n) => !(n in contract))).toEqual([]);
  });

  it.each(LOCALES)('has a nav label for every screen in the nav, in %s', (locale) => {
    const missing = SCREENS.filter((s) => s.nav && typeof text(messages[locale], s.nav) !== 'string').map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('lets a role open a screen exactly when the contract lets it call everything the screen needs', () => {
    for (const s of SCREENS) {
      const byContract = ROLES.filter((r) => s.needs.every((n: Name) => mayRun(contract[n].access, r)));
      expect(allowed(s.name), s.name).toEqual(byContract);
    }
  });

  it('keeps the desks where the warehouse expects them', () => {
    expect(allowed('receiving')).toEqual(['clerk', 'lead', 'manager', 'admin']);
    expect(allowed('stock')).toEqual([...ROLES]);
    expect(allowed('lot-changes')).toEqual(['lead', 'manager', 'admin']);
    expect(allowed('orders')).toEqual(['lead', 'manager', 'admin']);
    expect(allowed('boms')).toEqual(['manager', 'admin']);
    expect(allowed('audit')).toEqual(['manager', 'admin']);
    expect(allowed('unlock')).toEqual(['manager', 'admin']);
    expect(allowed('users')).toEqual(['manager', 'admin']);
    // Everyone reaches their own account (their PIN or password) from the header.
    expect(allowed('account')).toEqual([...ROLES]);
    expect(allowed('locations')).toEqual(['manager', 'admin']);
    expect(allowed('pick-route')).toEqual(['manager', 'admin']);
    expect(allowed('purchase-orders')).toEqual(['lead', 'manager', 'admin']);
    expect(allowed('items')).toEqual(['manager', 'admin']);
    expect(allowed('parties')).toEqual(['manager', 'admin']);
    expect(allowed('complaints')).toEqual(['inspector', 'lead', 'manager', 'admin']);
    expect(allowed('backups')).toEqual(['manager', 'admin']);
    expect(allowed('restore')).toEqual(['admin']);
    expect(allowed('supplier-quality')).toEqual(['manager', 'admin']);
  });

  it("shows in a role's nav row exactly the screens the role may open, each of whose needs it may call", () => {
    for (const role of ROLES) {
      const shown = navFor(role).map((s) => s.name);
      const hidden = SCREENS.filter((s) => s.nav && !shown.includes(s.name));
      for (const s of hidden) expect(s.needs.some((n: Name) => !mayRun(contract[n].access, role)), `${s.name} hidden from ${role}`).toBe(true);
      for (const name of shown) expect(roleMay(role, name), `${name} shown to ${role}`).toBe(true);
    }
    expect(navFor('clerk').map((s) => s.name)).toEqual(['receiving', 'stock', 'putaway', 'stock-overview', 'near-expiry', 'counts', 'picking', 'packing']);
    expect(navFor('admin').length).toBe(SCREENS.filter((s) => s.nav).length);
    expect(navFor(undefined)).toEqual([]);
  });

  it('opens nothing for nobody and nothing unknown', () => {
    expect(roleMay(undefined, 'stock')).toBe(false);
    expect(roleMay('admin', 'no-such-screen')).toBe(false);
  });
});
