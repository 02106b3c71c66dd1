import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, errorOf, type TestDesk } from '../support/desk';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

describe('users and sessions', () => {
  it('stores PINs and passwords only as scrypt hashes', () => {
    const rows = desk.db.prepare('SELECT username, secret_hash FROM users').all() as { username: string; secret_hash: string }[];
    expect(rows.length).toBe(5);
    for (const r of rows) {
      expect(r.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      for (const secret of ['1111', '2222', '3333', '4444', 'admin1234']) expect(r.secret_hash).not.toContain(secret);
    }
  });

  it('rejects a wrong PIN with one message that does not say whether the user exists', async () => {
    const c = desk.client({});
    const wrongPin = await errorOf(c.call('session.signIn', { username: 'clerk', secret: '9999' }));
    const noUser = await errorOf(c.call('session.signIn', { username: 'nobody', secret: '9999' }));
    expect(wrongPin).toEqual(noUser);
    expect(wrongPin.key).toBe('errors.session.badCredentials');
    expect(await c.call('session.current')).toBeNull();
  });

  it('signs a desk out after the idle limit, and any call refreshes the limit', async () => {
    const c = await desk.signedIn('clerk', '1111');
    desk.clock.advance(14 * 60_000);
    expect((await c.call('session.current'))?.user.username).toBe('clerk');
    desk.clock.advance(14 * 60_000);
    await c.call('catalog.items');
    desk.clock.advance(15 * 60_000 + 1);
    const err = await errorOf(c.call('catalog.items'));
    expect(err).toMatchObject({ code: 'unauthenticated', key: 'errors.session.expired' });
    expect(await c.call('session.current')).toBeNull();
  });

  it('switches the user on a desk by signing in over the current session', async () => {
    const auth = {};
    const c = desk.client(auth);
    await c.call('session.signIn', { username: 'clerk', secret: '1111' });
    const first = (auth as { token?: string }).token;
    await c.call('session.signIn', { username: 'lead', secret: '3333' });
    expect((await c.call('session.current'))?.user.role).toBe('lead');
    // The clerk's token is gone: it cannot be replayed.
    const replay = desk.client({ token: first });
    expect(await replay.call('session.current')).toBeNull();
  });

  it('audits sign-in under the user who signed in, without the PIN', async () => {
    await desk.signedIn('manager', '4444');
    const row = desk.db.prepare("SELECT a.command, u.username FROM audit a JOIN users u ON u.id = a.user_id WHERE a.command = 'session.signIn'").get() as {
      username: string;
    };
    expect(row.username).toBe('manager');
  });

  it('lets only managers and admins read the audit trail', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('audit.recent', {}))).code).toBe('forbidden');
    const manager = await desk.signedIn('manager', '4444');
    const rows = await manager.call('audit.recent', {});
    expect(rows[0]).toMatchObject({ command: 'session.signIn', user: 'Chen Jing 陈静' });
  });

  it('refuses to load the demo data into a station that already has users', async () => {
    const err = await errorOf(desk.client({}).call('station.loadDemo'));
    expect(err).toMatchObject({ code: 'forbidden', key: 'errors.station.notEmpty' });
  });

  it('translates every error key it can return in both languages', () => {
    for (const key of ['errors.session.badCredentials', 'errors.session.expired', 'errors.auth.forbidden']) {
      const en = translate('en', key, { role: 'clerk' });
      const zh = translate('zh-CN', key, { role: 'clerk' });
      expect(en).not.toBe(key);
      expect(zh).not.toBe(key);
      expect(zh).not.toBe(en);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
