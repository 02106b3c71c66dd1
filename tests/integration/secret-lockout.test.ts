/**
 * Guessing a PIN: after 5 wrong secrets in a row a user's PIN is locked for 15 minutes, a right
 * one resets the count, and every refused check is an audit record (not 'ok') in a chain that
 * still verifies — while the refused command itself writes nothing else. Of the tries during one
 * lock only the first is a record; the rest are counted and the count is written when the lock
 * ends. A manager (or admin) may lift a lock early.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { LOCK_MINUTES, MAX_FAILURES } from '../../src/app/people/secret-lockout';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

const MINUTE = 60_000;
const signIn = (username: string, secret: string) => errorOf(desk.client({}).call('session.signIn', { username, secret }));
/** The audit rows after a sequence number, with the name of the user each is recorded under. */
const auditAfter = (seq: number) =>
  desk.db.prepare('SELECT a.command, u.username AS user, a.result FROM audit a LEFT JOIN users u ON u.id = a.user_id WHERE a.seq > ? ORDER BY a.seq').all(seq);
const lastSeq = () => (desk.db.prepare('SELECT max(seq) AS s FROM audit').get() as { s: number }).s;
/** The detail an audit record carries, as written. */
const detailOf = (seq: number) => JSON.parse((desk.db.prepare('SELECT detail FROM audit WHERE seq = ?').get(seq) as { detail: string }).detail) as unknown;

describe('failed PIN checks at sign-in', () => {
  it(`locks a user after ${MAX_FAILURES} wrong PINs in a row, refuses even the right PIN while locked, and unlocks after ${LOCK_MINUTES} minutes`, async () => {
    expect([MAX_FAILURES, LOCK_MINUTES]).toEqual([5, 15]);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await signIn('lead', '0000')).key).toBe('errors.session.badCredentials');
    const locked = await signIn('lead', '0000');
    // Not 'unauthenticated' like a wrong PIN: the right one is refused too until the lock ends (HTTP 429, not 401).
    expect(locked).toEqual({ code: 'locked', key: 'errors.auth.locked', field: 'secret', params: { user: 'Sam Carter', minutes: 15, until: '2026-11-25T09:45:00.000Z' } });
    expect(translate('en', locked.key, locked.params)).toBe('Too many wrong PINs or passwords for Sam Carter: locked, try again in 15 min or ask a manager to unlock it. Nothing was done.');
    expect(translate('zh-CN', locked.key, locked.params)).toBe('Sam Carter 的 PIN/密码错误次数过多，已锁定，请 15 分钟后再试，或请经理解锁。未执行任何操作。');

    desk.clock.advance(10 * MINUTE + 1);
    expect(await signIn('lead', '3333')).toMatchObject({ key: 'errors.auth.locked', params: { minutes: 5 } });
    // Other users are not affected.
    await desk.signedIn('clerk', '1111');

    desk.clock.advance(5 * MINUTE);
    const lead = await desk.signedIn('lead', '3333');
    expect((await lead.call('session.current'))?.user.username).toBe('lead');
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
  });

  it('resets the count on a right PIN, and after a lock each further wrong PIN locks again until a right one', async () => {
    for (let i = 1; i < MAX_FAILURES; i++) await signIn('clerk', '0000');
    await desk.signedIn('clerk', '1111');
    for (let i = 1; i < MAX_FAILURES; i++) expect((await signIn('clerk', '0000')).key).toBe('errors.session.badCredentials');
    expect(desk.db.prepare('SELECT failures, locked_until FROM secret_failures').get()).toEqual({ failures: 4, locked_until: null });

    expect((await signIn('clerk', '0000')).key).toBe('errors.auth.locked');
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    // The lock is over, but the failures since the last success still count: one more wrong PIN locks again.
    expect((await signIn('clerk', '0000')).key).toBe('errors.auth.locked');
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    await desk.signedIn('clerk', '1111');
    expect((await signIn('clerk', '0000')).key).toBe('errors.session.badCredentials');
  });

  it('records each refused sign-in in the audit trail, keeps the chain valid and writes nothing else', async () => {
    const seq = lastSeq();
    const before = snapshot(desk.db, ['audit', 'secret_failures']);
    await signIn('nobody', '0000');
    for (let i = 0; i < MAX_FAILURES; i++) await signIn('manager', '0000');
    await signIn('manager', '4444');
    expect(snapshot(desk.db, ['audit', 'secret_failures'])).toEqual(before);
    expect(auditAfter(seq)).toEqual([
      { command: 'session.signIn', user: null, result: 'denied' },
      ...Array.from({ length: MAX_FAILURES - 1 }, () => ({ command: 'session.signIn', user: 'manager', result: 'denied' })),
      { command: 'session.signIn', user: 'manager', result: 'lockout' },
      { command: 'session.signIn', user: 'manager', result: 'locked' },
    ]);
    const verified = verifyAudit(desk.db);
    expect(verified).toEqual({ records: seq + MAX_FAILURES + 2, problems: [] });
    // The refused rows are shown to a manager like any other.
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    const manager = await desk.signedIn('manager', '4444');
    const recent = await manager.call('audit.recent', { limit: 3 });
    expect(recent.map((r) => r.result)).toEqual(['ok', 'locked', 'lockout']);
  });
});

/** An allocated order whose later lot (in A-03) needs a lead's approval to pick. */
async function refusedPick() {
  const lots = await stockUp(desk, [
    { sku: 'TEA-250', expiry: '2027-01-15', quantity: 20, bin: 'B-01', receivedOn: '2026-10-01' },
    { sku: 'TEA-250', expiry: '2027-09-30', quantity: 20, bin: 'A-03' },
  ]);
  const lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  const o = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 4 }] });
  await lead.call('allocation.allocate', { orderId: o.id });
  const clerk = await desk.signedIn('clerk', '1111');
  const pickLater = (pin: string, quantity?: number) =>
    clerk.call('picking.scan', { orderId: o.id, bin: 'A-03', scan: lots[1].code, ...(quantity ? { quantity } : {}), override: { username: 'lead', pin, reason: 'front pallet blocked' } });
  return { lots, o, clerk, pickLater };
}

describe('failed PIN checks of a lead approval', () => {

  it('clears the count on a right approval PIN, and asks for no PIN when the pick would be refused anyway', async () => {
    const { pickLater } = await refusedPick();
    for (let i = 1; i < MAX_FAILURES; i++) await errorOf(pickLater('0000'));
    expect(desk.db.prepare('SELECT failures FROM secret_failures').get()).toEqual({ failures: 4 });
    // Too many for the line: refused before the approval, so the PIN is not checked and not counted.
    expect((await errorOf(pickLater('0000', 5))).key).toBe('errors.picking.overPick');
    expect(desk.db.prepare('SELECT failures FROM secret_failures').get()).toEqual({ failures: 4 });
    expect(await pickLater('3333')).toMatchObject({ quantity: 4, overriddenBy: 'Sam Carter' });
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
  });

  it('locks the lead after wrong approval PINs, audits each in the lead and the clerk name, keeps the clerk signed in and the pick undone', async () => {
    const { lots, o, clerk, pickLater } = await refusedPick();

    const seq = lastSeq();
    const before = snapshot(desk.db, ['audit', 'secret_failures']);
    for (let i = 1; i < MAX_FAILURES; i++) expect(await errorOf(pickLater(String(1000 + i)))).toMatchObject({ code: 'rule', key: 'errors.picking.overrideDenied' });
    expect(await errorOf(pickLater('0000'))).toEqual({ code: 'locked', key: 'errors.auth.locked', field: 'override.pin', params: { user: 'Sam Carter', minutes: 15, until: '2026-11-25T09:45:00.000Z' } });
    expect(await errorOf(pickLater('3333'))).toMatchObject({ code: 'locked', key: 'errors.auth.locked' });
    // The lead's PIN is locked for signing in too: it is one secret.
    expect((await signIn('lead', '3333')).key).toBe('errors.auth.locked');
    expect(snapshot(desk.db, ['audit', 'secret_failures'])).toEqual(before);
    // Each refusal in the lead's name and, beside it, in the name of the clerk who asked for the approval.
    const refused = (result: string) => [
      { command: 'picking.override', user: 'lead', result },
      { command: 'picking.scan', user: 'clerk', result },
    ];
    // The first try during the lock is recorded (in both names); the lead's own sign-in, the second, is only counted.
    expect(auditAfter(seq)).toEqual([
      ...Array.from({ length: MAX_FAILURES - 1 }, () => refused('denied')).flat(),
      ...refused('lockout'),
      ...refused('locked'),
    ]);
    expect(desk.db.prepare('SELECT failures, locked_tries FROM secret_failures').get()).toEqual({ failures: MAX_FAILURES, locked_tries: 2 });
    expect(verifyAudit(desk.db).problems).toEqual([]);
    expect((await clerk.call('session.current'))?.user.username).toBe('clerk');

    desk.clock.advance(LOCK_MINUTES * MINUTE);
    const again = await desk.signedIn('clerk', '1111');
    const beforeApproval = lastSeq();
    const approved = await again.call('picking.scan', { orderId: o.id, bin: 'A-03', scan: lots[1].code, override: { username: 'lead', pin: '3333', reason: 'front pallet blocked' } });
    expect(approved.overriddenBy).toBe('Sam Carter');
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
    // The right PIN ends the lock's row, and the count of its tries goes into the trail first.
    expect(auditAfter(beforeApproval)).toEqual([
      { command: 'secrets.lockedTries', user: 'lead', result: 'locked' },
      { command: 'picking.override', user: 'lead', result: 'ok' },
      { command: 'picking.scan', user: 'clerk', result: 'ok' },
    ]);
    expect(detailOf(beforeApproval + 1)).toEqual({ tries: 2 });
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });
});

/** Locks a user's secret through sign-in: MAX_FAILURES wrong secrets in a row. */
async function lock(username: string): Promise<void> {
  for (let i = 0; i < MAX_FAILURES; i++) await signIn(username, '0000');
}
const userId = (username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

describe('tries while locked', () => {
  it('records only the first try of a lock; the rest are counted on the row and shown in the list of locked users', async () => {
    await lock('lead');
    const seq = lastSeq();
    for (let i = 0; i < 40; i++) expect((await signIn('lead', i % 2 ? '3333' : String(7000 + i))).key).toBe('errors.auth.locked');
    expect(auditAfter(seq)).toEqual([{ command: 'session.signIn', user: 'lead', result: 'locked' }]);
    expect(desk.db.prepare('SELECT failures, locked_tries FROM secret_failures').get()).toEqual({ failures: MAX_FAILURES, locked_tries: 40 });
    const manager = await desk.signedIn('manager', '4444');
    expect(await manager.call('secrets.locked')).toEqual([
      { userId: userId('lead'), username: 'lead', displayName: 'Sam Carter', role: 'lead', failures: MAX_FAILURES, lockedUntil: '2026-11-25T09:45:00.000Z', triesWhileLocked: 40 },
    ]);
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('writes the count into the trail when the lock ran out: before the right PIN that clears it, or before the wrong one that locks again', async () => {
    await lock('lead');
    for (let i = 0; i < 6; i++) await signIn('lead', '0000');
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    // Nobody checked the lead's PIN since: the lock has run out, the list is empty, the count waits on the row.
    const manager = await desk.signedIn('manager', '4444');
    expect(await manager.call('secrets.locked')).toEqual([]);

    let seq = lastSeq();
    expect((await signIn('lead', '0000')).key).toBe('errors.auth.locked');
    expect(auditAfter(seq)).toEqual([
      { command: 'secrets.lockedTries', user: 'lead', result: 'locked' },
      { command: 'session.signIn', user: 'lead', result: 'lockout' },
    ]);
    expect(detailOf(seq + 1)).toEqual({ tries: 6 });
    // The new lock counts from nothing, and its first try is a record again.
    expect(desk.db.prepare('SELECT failures, locked_tries FROM secret_failures').get()).toEqual({ failures: MAX_FAILURES + 1, locked_tries: 0 });
    seq = lastSeq();
    await signIn('lead', '3333');
    await signIn('lead', '3333');
    expect(auditAfter(seq)).toEqual([{ command: 'session.signIn', user: 'lead', result: 'locked' }]);

    desk.clock.advance(LOCK_MINUTES * MINUTE);
    seq = lastSeq();
    await desk.signedIn('lead', '3333');
    expect(auditAfter(seq)).toEqual([
      { command: 'secrets.lockedTries', user: 'lead', result: 'locked' },
      { command: 'session.signIn', user: 'lead', result: 'ok' },
    ]);
    expect(detailOf(seq + 1)).toEqual({ tries: 2 });
    expect(verifyAudit(desk.db).problems).toEqual([]);
    // The manager reads the count on the Audit screen's rows.
    const recent = await manager.call('audit.recent', { limit: 2 });
    expect(recent.map((r) => [r.command, r.result, r.detail])).toEqual([
      ['session.signIn', 'ok', null],
      ['secrets.lockedTries', 'locked', { tries: 2 }],
    ]);
  });

  it('writes no count when a lock had one try at most: that try is its own record', async () => {
    await lock('clerk');
    await signIn('clerk', '1111');
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    const seq = lastSeq();
    await desk.signedIn('clerk', '1111');
    expect(auditAfter(seq)).toEqual([{ command: 'session.signIn', user: 'clerk', result: 'ok' }]);
  });
});

describe('a manager lifts a lock', () => {
  it('refuses a clerk and a lead, to list as to unlock, and writes nothing', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const lead = await desk.signedIn('lead', '3333');
    await lock('inspector');
    const before = snapshot(desk.db);
    for (const [caller, role] of [[clerk, 'clerk'], [lead, 'lead']] as const) {
      expect(await errorOf(caller.call('secrets.locked'))).toEqual({ code: 'forbidden', key: 'errors.auth.forbidden', params: { call: 'secrets.locked', role } });
      expect(await errorOf(caller.call('secrets.unlock', { userId: userId('inspector') }))).toEqual({ code: 'forbidden', key: 'errors.auth.forbidden', params: { call: 'secrets.unlock', role } });
    }
    expect(snapshot(desk.db)).toEqual(before);
    expect((await signIn('inspector', '2222')).key).toBe('errors.auth.locked');
  });

  it('unlocks a locked lead, whose next right PIN approves the pick, with a record that names whom and the counts', async () => {
    const { pickLater } = await refusedPick();
    for (let i = 0; i < MAX_FAILURES; i++) await errorOf(pickLater('0000'));
    for (let i = 0; i < 3; i++) expect((await errorOf(pickLater('3333'))).key).toBe('errors.auth.locked');

    desk.clock.advance(2 * MINUTE);
    const manager = await desk.signedIn('manager', '4444');
    expect(await manager.call('secrets.locked')).toMatchObject([{ username: 'lead', failures: MAX_FAILURES, lockedUntil: '2026-11-25T09:45:00.000Z', triesWhileLocked: 3 }]);
    const seq = lastSeq();
    expect(await manager.call('secrets.unlock', { userId: userId('lead') })).toEqual({ done: true });
    expect(await manager.call('secrets.locked')).toEqual([]);
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
    // One record, in the manager's name, carrying whom it unlocked and the lock's counts (the two unrecorded tries included).
    expect(auditAfter(seq)).toEqual([{ command: 'secrets.unlock', user: 'manager', result: 'ok' }]);
    expect(detailOf(seq + 1)).toEqual({ user: 'Sam Carter', failures: MAX_FAILURES, tries: 3 });
    const [row] = await manager.call('audit.recent', { limit: 1 });
    expect(row).toMatchObject({ command: 'secrets.unlock', user: 'Chen Jing 陈静', result: 'ok', detail: { user: 'Sam Carter', failures: 5, tries: 3 } });
    expect(translate('en', 'ui.audit.details.secrets.unlock', row.detail!)).toBe('Sam Carter: wrong in a row 5, tries while locked 3');
    expect(translate('zh-CN', 'ui.audit.details.secrets.unlock', row.detail!)).toBe('Sam Carter：连续错误 5 次，锁定期间尝试 3 次');
    expect(verifyAudit(desk.db).problems).toEqual([]);

    // Well before the 15 minutes are up, the lead's right PIN approves the pick.
    expect(await pickLater('3333')).toMatchObject({ quantity: 4, overriddenBy: 'Sam Carter' });
    // The count starts again from nothing: a wrong PIN is a plain wrong PIN, not a new lock.
    expect((await signIn('lead', '0000')).key).toBe('errors.session.badCredentials');
  });

  it('lets an admin unlock, and the unlocked user sign in with the right password at once', async () => {
    await lock('manager');
    const admin = await desk.signedIn('admin', 'admin1234');
    await admin.call('secrets.unlock', { userId: userId('manager') });
    const manager = await desk.signedIn('manager', '4444');
    expect((await manager.call('session.current'))?.user.username).toBe('manager');
  });

  it('refuses an unknown user and one not locked (never, no longer, or not yet) in words of both languages, writing nothing', async () => {
    const manager = await desk.signedIn('manager', '4444');
    await lock('lead');
    for (let i = 1; i < MAX_FAILURES; i++) await signIn('clerk', '0000');
    desk.clock.advance(LOCK_MINUTES * MINUTE);
    await lock('inspector');
    const before = snapshot(desk.db);

    const unknown = await errorOf(manager.call('secrets.unlock', { userId: '0190b8a2-0000-7000-8000-000000000000' }));
    expect(unknown).toEqual({ code: 'not_found', key: 'errors.auth.unlockUnknown', field: 'userId', params: {} });
    expect(translate('en', unknown.key, unknown.params)).toBe('There is no such user at this desk. Refresh the list of locked users. Nothing was done.');
    expect(translate('zh-CN', unknown.key, unknown.params)).toBe('本工作台没有该用户。请刷新锁定用户列表。未执行任何操作。');

    // The lead's lock ran out; the clerk has 4 wrong PINs but no lock; the admin never typed a wrong password.
    for (const [username, name] of [['lead', 'Sam Carter'], ['clerk', 'Li Na 李娜']] as const) {
      const notLocked = await errorOf(manager.call('secrets.unlock', { userId: userId(username) }));
      expect(notLocked).toEqual({ code: 'conflict', key: 'errors.auth.notLocked', field: 'userId', params: { user: name } });
    }
    const never = await errorOf(manager.call('secrets.unlock', { userId: userId('admin') }));
    expect(translate('en', never.key, never.params)).toBe('Administrator is not locked: the lock has run out or was lifted already. Refresh the list of locked users. Nothing was done.');
    expect(translate('zh-CN', never.key, never.params)).toBe('Administrator 未被锁定：锁定已到期或已被解除。请刷新锁定用户列表。未执行任何操作。');
    const missing = await errorOf(manager.call('secrets.unlock', {} as never));
    expect(missing).toMatchObject({ code: 'validation', field: 'userId' });
    expect(translate('en', missing.key, missing.params)).toBe('Enter or choose the user.');

    expect(snapshot(desk.db)).toEqual(before);
    expect(await manager.call('secrets.locked')).toMatchObject([{ username: 'inspector' }]);
  });
});

describe('the audit detail', () => {
  it('is covered by the record hash: an edited or an added detail is caught, while records without one keep their old hashes', async () => {
    await lock('lead');
    const manager = await desk.signedIn('manager', '4444');
    await manager.call('secrets.unlock', { userId: userId('lead') });
    expect(verifyAudit(desk.db).problems).toEqual([]);
    const unlockSeq = (desk.db.prepare("SELECT seq FROM audit WHERE command = 'secrets.unlock'").get() as { seq: number }).seq;
    desk.db.exec('DROP TRIGGER audit_append_only_update');
    desk.db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run(JSON.stringify({ failures: 1, tries: 0, user: 'Sam Carter' }), unlockSeq);
    // A record that had no detail (not the seal: its detail says what the chain covers, and a forged
    // coverage makes the covered rows read as edited too).
    const bare = (desk.db.prepare("SELECT seq FROM audit WHERE detail IS NULL AND command NOT LIKE 'audit.%' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
    desk.db.prepare('UPDATE audit SET detail = ? WHERE seq = ?').run(JSON.stringify({ note: 'added later' }), bare);
    expect(verifyAudit(desk.db).problems.map((p) => [p.seq, p.problem])).toEqual(
      [
        [bare, 'hash_mismatch'],
        [unlockSeq, 'hash_mismatch'],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
  });
});
