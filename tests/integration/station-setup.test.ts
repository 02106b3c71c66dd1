/**
 * A real first start (issue 15): on an empty station `station.setup` names the site, its GLN and
 * GS1 company prefix, the station, and creates the first admin, in one audited transaction;
 * once the station holds users it is refused, and bad input writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk({ demo: false });
});
afterEach(() => desk.close());

export const SETUP = {
  siteCode: 'DC1',
  siteName: 'Shanghai DC 上海仓',
  gln: '0614141000012',
  companyPrefix: '0614141',
  stationName: 'Dock desk 1',
  admin: { username: 'boss', displayName: 'Zhang Min 张敏', secret: 'secret-pass' },
};

describe('station.setup', () => {
  it('sets up the site, the station and the first admin, who can then sign in; the audit names the admin', async () => {
    expect((await desk.client().call('station.status')).needsSetup).toBe(true);
    await desk.client().call('station.setup', SETUP);
    const status = await desk.client().call('station.status');
    expect(status).toMatchObject({ needsSetup: false, site: 'DC1', stationName: 'Dock desk 1' });
    expect(desk.db.prepare('SELECT code, name, gln FROM sites').all()).toEqual([{ code: 'DC1', name: 'Shanghai DC 上海仓', gln: '0614141000012' }]);
    expect(desk.db.prepare("SELECT value FROM settings WHERE key = 'gs1.companyPrefix'").get()).toEqual({ value: '0614141' });
    const admin = await desk.signedIn('boss', 'secret-pass');
    expect((await admin.call('session.current'))?.user).toMatchObject({ username: 'boss', role: 'admin' });
    // After the record that keyed the new desk's chain (issue 18).
    const rows = desk.db.prepare("SELECT a.command, u.username, a.changes FROM audit a LEFT JOIN users u ON u.id = a.user_id WHERE a.command <> 'audit.sealed' ORDER BY seq").all() as { command: string; username: string; changes: string }[];
    expect(rows[0]).toMatchObject({ command: 'station.setup', username: 'boss' });
    const changes = (JSON.parse(rows[0].changes) as { object: string; label: string; field: string; after: unknown }[]).map((c) => `${c.object} ${c.label} ${c.field}: ${String(c.after)}`);
    expect(changes).toEqual([
      'site DC1 code: DC1',
      'site DC1 name: Shanghai DC 上海仓',
      'site DC1 gln: 0614141000012',
      'setting station.name value: Dock desk 1',
      'setting gs1.companyPrefix value: 0614141',
      'user boss username: boss',
      'user boss displayName: Zhang Min 张敏',
      'user boss role: admin',
      'user boss secretKind: password',
      'user boss active: true',
    ]);
    expect(JSON.stringify(desk.db.prepare('SELECT * FROM audit').all())).not.toContain('secret-pass');
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('is refused once the station is set up (or holds the demo), with a translated error, writing nothing', async () => {
    await desk.client().call('station.setup', SETUP);
    const before = snapshot(desk.db);
    const err = await errorOf(desk.client().call('station.setup', { ...SETUP, admin: { ...SETUP.admin, username: 'intruder' } }));
    expect(err).toMatchObject({ code: 'forbidden', key: 'errors.station.alreadySetUp' });
    expect(translate('zh-CN', err.key, err.params)).toMatch(/已完成设置/);
    expect((await errorOf(desk.client().call('station.loadDemo'))).key).toBe('errors.station.notEmpty');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it.each([
    [{ gln: '0614141000013' }, 'errors.setup.glnCheckDigit', 'gln'],
    [{ gln: '061414100001' }, 'errors.setup.badGln', 'gln'],
    [{ companyPrefix: '12345' }, 'errors.setup.badCompanyPrefix', 'companyPrefix'],
    [{ companyPrefix: '1234567890123' }, 'errors.setup.badCompanyPrefix', 'companyPrefix'],
    [{ siteCode: 'dc 1' }, 'errors.setup.badSiteCode', 'siteCode'],
    [{ admin: { ...SETUP.admin, secret: 'short' } }, 'errors.user.badPassword', 'admin.secret'],
    [{ admin: { ...SETUP.admin, username: 'has space' } }, 'errors.users.badUsername', 'admin.username'],
  ])('refuses %j with %s and writes nothing', async (change, key, field) => {
    const before = snapshot(desk.db);
    expect(await errorOf(desk.client().call('station.setup', { ...SETUP, ...change } as typeof SETUP))).toMatchObject({ code: 'validation', key, field });
    expect(snapshot(desk.db)).toEqual(before);
    expect((await desk.client().call('station.status')).needsSetup).toBe(true);
  });
});
