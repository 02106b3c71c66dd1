/**
 * The Users screen's commands (issue 15) on the demo station: create, edit, deactivate and
 * reactivate, reset and change a secret, the idle time. Who may do what (a clerk is refused, a
 * manager manages only clerks, inspectors and leads), the last active admin, bad input that
 * writes nothing, and audit records that say what changed and never hold a secret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let admin: Client;
let manager: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  admin = await desk.signedIn('admin', 'admin1234');
  manager = await desk.signedIn('manager', '4444');
});
afterEach(() => desk.close());

const idOf = (username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
/** The last audit record: command, user name of who did it, and what it changed as "object label field: before → after". */
/** What the trail says in words (changes and details): a PIN's digits could turn up by chance inside a hex hash or a UUID. */
const auditWords = () => JSON.stringify(desk.db.prepare('SELECT command, result, detail, changes FROM audit').all());
const lastAudit = () => {
  const r = desk.db.prepare('SELECT a.command, u.username AS user, a.result, a.changes FROM audit a LEFT JOIN users u ON u.id = a.user_id ORDER BY seq DESC LIMIT 1').get() as {
    command: string;
    user: string;
    result: string;
    changes: string | null;
  };
  const changes = r.changes ? (JSON.parse(r.changes) as { object: string; label: string; field: string; before: unknown; after: unknown }[]) : [];
  return { command: r.command, user: r.user, result: r.result, changes: changes.map((c) => `${c.object} ${c.label} ${c.field}: ${String(c.before)} → ${String(c.after)}`) };
};
const newClerk = { username: 'zhao', displayName: 'Zhao Lei 赵磊', role: 'clerk' as const, secretKind: 'pin' as const, secret: '5678' };

describe('users.list', () => {
  it('lists every user with role, last sign-in and lock state, never a secret; a clerk is refused', async () => {
    const list = await manager.call('users.list');
    expect(list.map((u) => u.username).sort()).toEqual(['admin', 'clerk', 'inspector', 'lead', 'manager']);
    expect(list.find((u) => u.username === 'manager')).toMatchObject({ role: 'manager', active: true, lastSignInAt: '2026-11-25T09:30:00.000Z', lockedUntil: null });
    expect(list.find((u) => u.username === 'lead')?.lastSignInAt).toBeNull();
    expect(JSON.stringify(list)).not.toMatch(/scrypt/);
    for (let i = 0; i < 5; i++) await errorOf(desk.client().call('session.signIn', { username: 'lead', secret: '0000' }));
    expect((await manager.call('users.list')).find((u) => u.username === 'lead')?.lockedUntil).toBe('2026-11-25T09:45:00.000Z');
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('users.list'))).code).toBe('forbidden');
  });
});

describe('users.create', () => {
  it('creates a clerk with a PIN who can sign in and appears on the roster; audited with name and role', async () => {
    await manager.call('users.create', newClerk);
    expect(lastAudit()).toEqual({
      command: 'users.create',
      user: 'manager',
      result: 'ok',
      changes: ['user zhao username: null → zhao', 'user zhao displayName: null → Zhao Lei 赵磊', 'user zhao role: null → clerk', 'user zhao secretKind: null → pin', 'user zhao active: null → true'],
    });
    expect(auditWords()).not.toContain('5678');
    const zhao = await desk.signedIn('zhao', '5678');
    expect((await zhao.call('session.current'))?.user.role).toBe('clerk');
    expect((await desk.client().call('session.roster')).map((r) => r.username)).toContain('zhao');
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('refuses a user name taken in another case, a bad PIN, a short password — writing nothing', async () => {
    const before = snapshot(desk.db);
    expect(await errorOf(manager.call('users.create', { ...newClerk, username: 'CLERK' }))).toMatchObject({ code: 'conflict', key: 'errors.user.exists', field: 'username' });
    expect((await errorOf(manager.call('users.create', { ...newClerk, secret: '12a4' }))).key).toBe('errors.user.badPin');
    expect((await errorOf(manager.call('users.create', { ...newClerk, secretKind: 'password', secret: 'short' }))).key).toBe('errors.user.badPassword');
    expect((await errorOf(manager.call('users.create', { ...newClerk, role: 'boss' as 'clerk' }))).key).toBe('errors.users.badRole');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('lets only an admin create a manager or an admin; a clerk may create nobody', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db);
    expect(await errorOf(manager.call('users.create', { ...newClerk, role: 'admin' }))).toMatchObject({ code: 'forbidden', key: 'errors.users.onlyAdmin' });
    expect((await errorOf(manager.call('users.create', { ...newClerk, role: 'manager' }))).code).toBe('forbidden');
    expect((await errorOf(clerk.call('users.create', newClerk))).code).toBe('forbidden');
    expect(snapshot(desk.db)).toEqual(before);
    await admin.call('users.create', { ...newClerk, role: 'manager' });
  });
});

describe('users.update', () => {
  it('edits display name and role; the audit says field, before and after', async () => {
    await manager.call('users.update', { userId: idOf('clerk'), displayName: 'Li Na', role: 'lead' });
    expect(lastAudit().changes).toEqual(['user clerk displayName: Li Na 李娜 → Li Na', 'user clerk role: clerk → lead']);
    expect(desk.db.prepare("SELECT display_name, role FROM users WHERE username = 'clerk'").get()).toEqual({ display_name: 'Li Na', role: 'lead' });
  });

  it('refuses a manager promoting to manager or editing an admin, and demoting the last active admin', async () => {
    const before = snapshot(desk.db);
    expect((await errorOf(manager.call('users.update', { userId: idOf('clerk'), displayName: 'x', role: 'manager' }))).key).toBe('errors.users.onlyAdmin');
    expect((await errorOf(manager.call('users.update', { userId: idOf('admin'), displayName: 'x', role: 'admin' }))).key).toBe('errors.users.onlyAdmin');
    expect(await errorOf(admin.call('users.update', { userId: idOf('admin'), displayName: 'Administrator', role: 'manager' }))).toMatchObject({ code: 'rule', key: 'errors.users.lastAdmin' });
    expect((await errorOf(manager.call('users.update', { userId: 'nobody', displayName: 'x', role: 'clerk' }))).key).toBe('errors.users.unknown');
    expect(snapshot(desk.db)).toEqual(before);
    // With a second admin the first may step down.
    await admin.call('users.update', { userId: idOf('manager'), displayName: 'Chen Jing 陈静', role: 'admin' });
    await admin.call('users.update', { userId: idOf('admin'), displayName: 'Administrator', role: 'manager' });
  });
});

describe('users.setActive', () => {
  it('deactivates (the user cannot sign in, leaves the roster, their session stops) and reactivates', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    await manager.call('users.setActive', { userId: idOf('clerk'), active: false });
    expect(lastAudit().changes).toEqual(['user clerk active: true → false']);
    expect((await errorOf(clerk.call('stock.list', {}))).code).toBe('unauthenticated');
    expect((await errorOf(desk.client().call('session.signIn', { username: 'clerk', secret: '1111' }))).key).toBe('errors.session.badCredentials');
    expect((await desk.client().call('session.roster')).map((r) => r.username)).not.toContain('clerk');
    expect((await manager.call('users.list')).find((u) => u.username === 'clerk')?.active).toBe(false);
    await manager.call('users.setActive', { userId: idOf('clerk'), active: true });
    await desk.signedIn('clerk', '1111');
  });

  it('refuses deactivating the last active admin (oneself), a manager deactivating a manager, and a no-op', async () => {
    const before = snapshot(desk.db);
    expect((await errorOf(admin.call('users.setActive', { userId: idOf('admin'), active: false }))).key).toBe('errors.users.lastAdmin');
    expect((await errorOf(manager.call('users.setActive', { userId: idOf('manager'), active: false }))).key).toBe('errors.users.onlyAdmin');
    expect((await errorOf(manager.call('users.setActive', { userId: idOf('clerk'), active: true }))).key).toBe('errors.users.alreadyActive');
    expect(snapshot(desk.db)).toEqual(before);
  });
});

describe('users.resetSecret and users.changeOwnSecret', () => {
  it('resets a PIN with a reason (audited, the secret nowhere in the trail); the old PIN stops working', async () => {
    await manager.call('users.resetSecret', { userId: idOf('clerk'), secretKind: 'pin', secret: '9090', reason: 'forgot it' });
    expect(lastAudit().changes).toEqual(['user clerk secretReset: null → forgot it']);
    await manager.call('users.resetSecret', { userId: idOf('clerk'), secretKind: 'password', secret: 'long enough 1', reason: 'wants a password' });
    expect(lastAudit().changes).toEqual(['user clerk secretKind: pin → password', 'user clerk secretReset: null → wants a password']);
    await manager.call('users.resetSecret', { userId: idOf('clerk'), secretKind: 'pin', secret: '9090', reason: 'back to a PIN' });
    expect(auditWords()).not.toContain('9090');
    expect((await errorOf(desk.client().call('session.signIn', { username: 'clerk', secret: '1111' }))).code).toBe('unauthenticated');
    await desk.signedIn('clerk', '9090');
  });

  it('refuses a reset without a reason, with a bad PIN, of an admin by a manager, by a clerk', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db);
    expect((await errorOf(manager.call('users.resetSecret', { userId: idOf('clerk'), secretKind: 'pin', secret: '9090', reason: 'x' }))).key).toBe('errors.users.reason');
    expect((await errorOf(manager.call('users.resetSecret', { userId: idOf('clerk'), secretKind: 'pin', secret: '90', reason: 'forgot' }))).key).toBe('errors.user.badPin');
    expect((await errorOf(manager.call('users.resetSecret', { userId: idOf('admin'), secretKind: 'pin', secret: '9090', reason: 'forgot' }))).key).toBe('errors.users.onlyAdmin');
    expect((await errorOf(clerk.call('users.resetSecret', { userId: idOf('lead'), secretKind: 'pin', secret: '9090', reason: 'forgot' }))).code).toBe('forbidden');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('lets anyone change their own PIN or password given the current one', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const before = snapshot(desk.db, ['audit', 'secret_failures']);
    expect((await errorOf(clerk.call('users.changeOwnSecret', { current: '0000', secretKind: 'pin', secret: '2468' }))).key).toBe('errors.users.wrongCurrent');
    // Only the refusal's own records (the try counted toward the lock, secret-lockout.test.ts): the secret is unchanged.
    expect(snapshot(desk.db, ['audit', 'secret_failures'])).toEqual(before);
    await clerk.call('users.changeOwnSecret', { current: '1111', secretKind: 'password', secret: 'a longer one' });
    expect(lastAudit()).toMatchObject({ command: 'users.changeOwnSecret', user: 'clerk', changes: ['user clerk secretKind: pin → password', 'user clerk secretChanged: null → true'] });
    expect(JSON.stringify(desk.db.prepare('SELECT * FROM audit').all())).not.toContain('a longer one');
    await desk.signedIn('clerk', 'a longer one');
  });
});

describe('a wrong current secret in users.changeOwnSecret', () => {
  it('counts toward the lock like a wrong sign-in: the fifth locks the secret, sign-in included, each refusal in the trail', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const wrong = () => errorOf(clerk.call('users.changeOwnSecret', { current: '0000', secretKind: 'pin', secret: '2468' }));
    for (let i = 0; i < 4; i++) expect((await wrong()).key).toBe('errors.users.wrongCurrent');
    expect(await wrong()).toMatchObject({ code: 'locked', key: 'errors.auth.locked', field: 'current' });
    // Locked: even the right current secret is not compared, and sign-in on another desk is refused too.
    expect((await errorOf(clerk.call('users.changeOwnSecret', { current: '1111', secretKind: 'pin', secret: '2468' }))).code).toBe('locked');
    expect((await errorOf(desk.client().call('session.signIn', { username: 'clerk', secret: '1111' }))).code).toBe('locked');
    const trail = desk.db.prepare("SELECT a.command, a.result FROM audit a JOIN users u ON u.id = a.user_id WHERE u.username = 'clerk' AND a.result <> 'ok' ORDER BY seq").all();
    expect(trail).toEqual([
      ...Array.from({ length: 4 }, () => ({ command: 'users.changeOwnSecret', result: 'denied' })),
      { command: 'users.changeOwnSecret', result: 'lockout' },
      { command: 'users.changeOwnSecret', result: 'locked' },
    ]);
    expect((await manager.call('users.list')).find((u) => u.username === 'clerk')?.lockedUntil).toBe('2026-11-25T09:45:00.000Z');
    // A manager's unlock ends it; the right secret then clears the count.
    await manager.call('secrets.unlock', { userId: idOf('clerk') });
    await clerk.call('users.changeOwnSecret', { current: '1111', secretKind: 'pin', secret: '2468' });
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
  });
});

describe('settings.setIdleMinutes', () => {
  it('sets the idle sign-out time (audited before → after); out of range is refused; a clerk is refused', async () => {
    await manager.call('settings.setIdleMinutes', { minutes: 30 });
    expect((await desk.client().call('station.status')).idleMinutes).toBe(30);
    expect(lastAudit().changes).toEqual(['setting session.idleMinutes value: 15 → 30']);
    const before = snapshot(desk.db);
    expect((await errorOf(manager.call('settings.setIdleMinutes', { minutes: 0 }))).key).toBe('errors.settings.idleMinutes');
    expect((await errorOf(manager.call('settings.setIdleMinutes', { minutes: 481 }))).key).toBe('errors.settings.idleMinutes');
    expect(snapshot(desk.db)).toEqual(before);
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('settings.setIdleMinutes', { minutes: 60 }))).code).toBe('forbidden');
  });
});
