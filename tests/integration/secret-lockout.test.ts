/**
 * Guessing a PIN: after 5 wrong secrets in a row a user's PIN is locked for 15 minutes, a right
 * one resets the count, and every refused check is an audit record (not 'ok') in a chain that
 * still verifies — while the refused command itself writes nothing else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, snapshot, errorOf, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { verifyAudit } from '../../src/app/audit';
import { LOCK_MINUTES, MAX_FAILURES } from '../../src/app/secret-checks';
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

describe('failed PIN checks at sign-in', () => {
  it(`locks a user after ${MAX_FAILURES} wrong PINs in a row, refuses even the right PIN while locked, and unlocks after ${LOCK_MINUTES} minutes`, async () => {
    expect([MAX_FAILURES, LOCK_MINUTES]).toEqual([5, 15]);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await signIn('lead', '0000')).key).toBe('errors.session.badCredentials');
    const locked = await signIn('lead', '0000');
    expect(locked).toEqual({ code: 'unauthenticated', key: 'errors.auth.locked', field: 'secret', params: { user: 'Sam Carter', minutes: 15, until: '2026-11-25T09:45:00.000Z' } });
    expect(translate('en', locked.key, locked.params)).toBe('Too many wrong PINs or passwords for Sam Carter: locked, try again in 15 min. Nothing was done.');
    expect(translate('zh-CN', locked.key, locked.params)).toBe('Sam Carter 的 PIN/密码错误次数过多，已锁定，请 15 分钟后再试。未执行任何操作。');

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

describe('failed PIN checks of a lead approval', () => {
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
    expect(await errorOf(pickLater('0000'))).toEqual({ code: 'rule', key: 'errors.auth.locked', field: 'override.pin', params: { user: 'Sam Carter', minutes: 15, until: '2026-11-25T09:45:00.000Z' } });
    expect(await errorOf(pickLater('3333'))).toMatchObject({ code: 'rule', key: 'errors.auth.locked' });
    // The lead's PIN is locked for signing in too: it is one secret.
    expect((await signIn('lead', '3333')).key).toBe('errors.auth.locked');
    expect(snapshot(desk.db, ['audit', 'secret_failures'])).toEqual(before);
    // Each refusal in the lead's name and, beside it, in the name of the clerk who asked for the approval.
    const refused = (result: string) => [
      { command: 'picking.override', user: 'lead', result },
      { command: 'picking.scan', user: 'clerk', result },
    ];
    expect(auditAfter(seq)).toEqual([
      ...Array.from({ length: MAX_FAILURES - 1 }, () => refused('denied')).flat(),
      ...refused('lockout'),
      ...refused('locked'),
      { command: 'session.signIn', user: 'lead', result: 'locked' },
    ]);
    expect(verifyAudit(desk.db).problems).toEqual([]);
    expect((await clerk.call('session.current'))?.user.username).toBe('clerk');

    desk.clock.advance(LOCK_MINUTES * MINUTE);
    const again = await desk.signedIn('clerk', '1111');
    const approved = await again.call('picking.scan', { orderId: o.id, bin: 'A-03', scan: lots[1].code, override: { username: 'lead', pin: '3333', reason: 'front pallet blocked' } });
    expect(approved.overriddenBy).toBe('Sam Carter');
    expect(desk.db.prepare('SELECT count(*) AS n FROM secret_failures').get()).toEqual({ n: 0 });
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });
});
