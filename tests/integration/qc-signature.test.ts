/**
 * E-signatures (issue 17, 21 CFR Part 11) on a real desk: who signs with which password (a PIN
 * never signs), signing passwords set by their owner or reset by a manager, written as a hash and
 * audited without their value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let clerk: Client;
let inspector: Client;
let manager: Client;
let admin: Client;

beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  manager = await desk.signedIn('manager', '4444');
  admin = await desk.signedIn('admin', 'admin1234');
});
afterAll(() => desk.close());

const userId = (username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const signingHash = (username: string) => (desk.db.prepare('SELECT signing_hash AS h FROM users WHERE username = ?').get(username) as { h: string | null }).h;

describe('signing passwords', () => {
  it('says which secret each user signs with: the demo signers a signing password, the admin the sign-in password, the clerk none', async () => {
    expect(await inspector.call('users.signingStatus')).toEqual({ uses: 'signing_password' });
    expect(await admin.call('users.signingStatus')).toEqual({ uses: 'sign_in_password' });
    expect(await clerk.call('users.signingStatus')).toEqual({ uses: null });
    expect(signingHash('inspector')).toMatch(/^scrypt\$/);
  });

  it('lets a PIN user set their own signing password with their current PIN, audited without the value', async () => {
    await clerk.call('users.setSigningPassword', { current: '1111', password: 'clerk-signs' });
    expect(await clerk.call('users.signingStatus')).toEqual({ uses: 'signing_password' });
    const rec = desk.db.prepare("SELECT changes FROM audit WHERE command = 'users.setSigningPassword' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(rec.changes).toContain('signingPassword');
    expect(rec.changes).not.toContain('clerk-signs');
  });

  it('refuses a wrong current PIN (counted toward the lock) and a password too short, writing nothing', async () => {
    const before = snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures']);
    expect(await errorOf(clerk.call('users.setSigningPassword', { current: '9999', password: 'another-one' }))).toMatchObject({ key: 'errors.users.wrongCurrent', field: 'current' });
    expect((desk.db.prepare('SELECT failures FROM secret_failures WHERE user_id = ?').get(userId('clerk')) as { failures: number }).failures).toBe(1);
    expect(await errorOf(clerk.call('users.setSigningPassword', { current: '1111', password: 'short' }))).toMatchObject({ key: 'errors.user.badPassword', field: 'password' });
    expect(snapshot(desk.db, ['audit', 'audit_objects', 'secret_failures'])).toEqual(before);
  });

  it('lets a manager reset a floor user’s signing password with a reason, never a manager’s', async () => {
    const old = signingHash('inspector');
    await manager.call('users.resetSigningPassword', { userId: userId('inspector'), password: 'fresh-sign-1', reason: 'forgotten' });
    expect(signingHash('inspector')).not.toBe(old);
    expect(await errorOf(manager.call('users.resetSigningPassword', { userId: userId('admin'), password: 'fresh-sign-1', reason: 'forgotten' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(inspector.call('users.resetSigningPassword', { userId: userId('clerk'), password: 'fresh-sign-1', reason: 'forgotten' }))).toMatchObject({ code: 'forbidden' });
    await manager.call('users.resetSigningPassword', { userId: userId('inspector'), password: 'sign-2222', reason: 'back to the demo one' });
  });
});
