/**
 * Anonymous sign-in attempts (issue 18, item 3): a stranger guessing from one device locks the
 * name on that device only — never the user at their own desk or another device — and is slowed
 * down across every name; tries under unknown names are counted, not written one record each;
 * an unknown name takes as long to refuse as a known one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestDesk, snapshot, errorOf, verifyFileChain, type TestDesk } from '../support/desk';
import { createHttpServer } from '../../src/api/http';
import { CALL_HEADERS, listenLoopback, rawRequest } from '../support/http-raw';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { LOCK_MINUTES, MAX_FAILURES } from '../../src/app/people/secret-lockout';
import { CLIENT_FORGET_MS, CLIENT_FREE_TRIES, CLIENT_MAX_DELAY_MS, SignInLimits } from '../../src/app/people/sign-in-limits';
import { translate } from '../../src/i18n/translate';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

const MINUTE = 60_000;
const from = (client: string) => desk.client({ client });
const signInFrom = (client: string, username: string, secret: string) => errorOf(from(client).call('session.signIn', { username, secret }));
const lastSeq = () => (desk.db.prepare('SELECT max(seq) AS s FROM audit').get() as { s: number }).s;
const auditAfter = (seq: number) =>
  desk.db.prepare('SELECT a.command, u.username AS user, a.result, a.detail FROM audit a LEFT JOIN users u ON u.id = a.user_id WHERE a.seq > ? ORDER BY a.seq').all(seq) as {
    command: string;
    user: string | null;
    result: string;
    detail: string | null;
  }[];

describe('a stranger guessing a real user’s password', () => {
  it('locks the name at the stranger’s device only: the admin still signs in at the desk and at another device, again and again', async () => {
    const app: FastifyInstance = await createHttpServer(desk.dispatch);
    try {
      const port = await listenLoopback(app);
      const guess = () => rawRequest({ port, path: '/api/session.signIn', headers: CALL_HEADERS, body: JSON.stringify({ username: 'admin', secret: 'wrong-guess' }) });
      // The stranger comes over HTTP (client 127.0.0.1); each time the lock runs out they lock it again.
      for (let round = 0; round < 3; round++) {
        const statuses: number[] = [];
        for (let i = 0; i < (round === 0 ? MAX_FAILURES + 1 : 2); i++) statuses.push((await guess()).status);
        expect(statuses.at(-1)).toBe(429);
        // The admin at the desk's own window and at another device is not locked out.
        const atDesk = await desk.signedIn('admin', 'admin1234');
        expect((await atDesk.call('session.current'))?.user.username).toBe('admin');
        await from('10.0.0.8').call('session.signIn', { username: 'admin', secret: 'admin1234' });
        desk.clock.advance(LOCK_MINUTES * MINUTE + 1);
      }
      // The stranger's own lock holds after the admin's successes elsewhere, and a manager sees it and may lift it.
      for (let i = 0; i < MAX_FAILURES; i++) await guess();
      const locked = await guess();
      // Locked for admin at this device, and by now slowed down across every name as well.
      expect(locked.status).toBe(429);
      expect(['errors.auth.locked', 'errors.auth.slowDown']).toContain((locked.json as { error: { key: string } }).error.key);
      const manager = await desk.signedIn('manager', '4444');
      const list = await manager.call('secrets.locked');
      expect(list.map((u) => u.username)).toEqual(['admin']);
      await manager.call('secrets.unlock', { userId: list[0].userId });
      expect(await manager.call('secrets.locked')).toEqual([]);
      expect(verifyAudit(desk.db).problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('per-client delays', () => {
  it(`after ${CLIENT_FREE_TRIES} failures a device waits 1 s, 2 s, 4 s … (at most 15 min) before each try, refused unchecked and unrecorded; other devices are not slowed`, async () => {
    expect(CLIENT_FREE_TRIES).toBe(20);
    // Wrong PINs spread over names, so no per-user lock is what stops it.
    const names = ['clerk', 'inspector', 'lead', 'manager', 'nobody'];
    for (let i = 0; i < CLIENT_FREE_TRIES; i++) expect((await signInFrom('10.0.0.66', names[i % names.length], '0000')).key).toBe('errors.session.badCredentials');
    const before = snapshot(desk.db);
    const slow = await signInFrom('10.0.0.66', 'clerk', '1111');
    expect(slow).toEqual({ code: 'locked', key: 'errors.auth.slowDown', field: 'secret', params: { seconds: 1, until: new Date(desk.clock.now().getTime() + 1000).toISOString() } });
    expect(translate('en', slow.key, slow.params)).toBe('Too many wrong sign-ins from this device: wait 1 s before trying again. Nothing was done.');
    expect(translate('zh-CN', slow.key, slow.params)).toMatch(/请等待 1 秒后再试/);
    expect(snapshot(desk.db)).toEqual(before);
    // Another device signs in at once.
    await from('10.0.0.9').call('session.signIn', { username: 'clerk', secret: '1111' });

    desk.clock.advance(1000);
    expect((await signInFrom('10.0.0.66', 'nobody', '0000')).key).toBe('errors.session.badCredentials');
    expect((await signInFrom('10.0.0.66', 'clerk', '1111')).params).toMatchObject({ seconds: 2 });
    desk.clock.advance(2000);
    // A right secret after the wait signs in and forgets the device's count.
    await from('10.0.0.66').call('session.signIn', { username: 'clerk', secret: '1111' });
    expect((await signInFrom('10.0.0.66', 'nobody', '0000')).key).toBe('errors.session.badCredentials');

    // 2^10 s is past the cap of 15 minutes.
    expect([20, 21, 25, 29, 30, 50].map((n) => SignInLimits.delayAfter(n))).toEqual([1000, 2000, 32_000, 512_000, CLIENT_MAX_DELAY_MS, CLIENT_MAX_DELAY_MS]);
    expect(CLIENT_MAX_DELAY_MS).toBe(15 * MINUTE);
    expect(SignInLimits.delayAfter(CLIENT_FREE_TRIES - 1)).toBe(0);
  });
});

describe('tries under unknown names', () => {
  it('writes the first of an hour as a record and counts the rest: one record says how many after the hour', async () => {
    const seq = lastSeq();
    // The desk's own window is not slowed down: nothing but the count stops a flood here.
    for (let i = 0; i < 40; i++) await signInFrom('', `ghost-${i}`, '0000');
    expect(auditAfter(seq).map((r) => [r.command, r.user, r.result])).toEqual([['session.signIn', null, 'denied']]);

    desk.clock.advance(CLIENT_FORGET_MS);
    await desk.signedIn('clerk', '1111');
    const rows = auditAfter(seq);
    expect(rows.map((r) => [r.command, r.result])).toEqual([
      ['session.signIn', 'denied'],
      ['secrets.unknownUserTries', 'denied'],
      ['session.signIn', 'ok'],
    ]);
    expect(JSON.parse(rows[1].detail!)).toEqual({ tries: 39, client: 'desk', since: '2026-11-25T09:30:00.000Z' });

    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('writes the pending count when the station closes (a restart loses no count)', async () => {
    const file = join(desk.dir, 'second.db');
    const second = openDesk(file, { clock: desk.clock });
    const api = (client: string) => createClient((name, input) => second.dispatch({ client }, name, input));
    await api('').call('station.loadDemo');
    for (let i = 0; i < 5; i++) await errorOf(api('10.0.0.5').call('session.signIn', { username: `ghost-${i}`, secret: '0000' }));
    second.station.close();
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT command, detail FROM audit WHERE command LIKE 'se%' ORDER BY seq").all() as { command: string; detail: string | null }[];
      expect(rows.map((r) => [r.command, r.detail && JSON.parse(r.detail).tries])).toEqual([
        ['session.signIn', null],
        ['secrets.unknownUserTries', 4],
      ]);
      expect(verifyFileChain(db, file, { checkpoints: true }).problems).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('timing', () => {
  it('refuses an unknown name as slowly as a wrong secret of a known one (a dummy hash is checked)', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = async (client: string, username: string) => {
      const t0 = performance.now();
      await signInFrom(client, username, '0000');
      return performance.now() - t0;
    };
    await time('warm-1', 'nobody');
    await time('warm-2', 'clerk');
    const known: number[] = [];
    const unknown: number[] = [];
    // A fresh client each try: no lock and no delay answers early.
    for (let i = 0; i < 8; i++) {
      known.push(await time(`10.1.0.${i}`, 'lead'));
      unknown.push(await time(`10.2.0.${i}`, `nobody-${i}`));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
