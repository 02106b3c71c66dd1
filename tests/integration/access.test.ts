/** Every call but the six a desk needs before anyone signs in requires a session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, NAMES } from '../../src/contract/contract';
import { mayRun } from '../../src/domain/roles';
import { DEMO_USERS } from '../../src/app/demo/demo-data';
import type { AuthState } from '../../src/app/kernel/context';
import { openTestDesk, snapshot, type TestDesk } from '../support/desk';

const BEFORE_SIGN_IN = ['station.status', 'station.loadDemo', 'station.setup', 'session.signIn', 'session.current', 'session.roster'];

let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk();
});
afterAll(() => desk.close());

describe('access', () => {
  it('lists exactly the calls a desk needs before sign-in as public', () => {
    expect(NAMES.filter((n) => contract[n].access === 'public').sort()).toEqual([...BEFORE_SIGN_IN].sort());
  });

  it('refuses every other call without a session, before reading its input, and writes nothing', async () => {
    const before = snapshot(desk.db);
    for (const name of NAMES.filter((n) => !BEFORE_SIGN_IN.includes(n))) {
      const envelope = await desk.dispatch({}, name, { anything: 'at all' });
      expect(envelope, name).toEqual({ ok: false, error: { code: 'unauthenticated', key: 'errors.session.required', params: {} } });
    }
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('refuses every call to each role not in its access list, through the dispatcher, before reading its input; lets the others past the role check', async () => {
    const before = snapshot(desk.db, ['audit', 'users']);
    let refused = 0;
    for (const user of DEMO_USERS) {
      const auth: AuthState = {};
      const signedIn = await desk.dispatch(auth, 'session.signIn', { username: user.username, secret: user.secret });
      expect(signedIn.ok, user.username).toBe(true);
      for (const name of NAMES.filter((n) => contract[n].access !== 'public')) {
        // Input no schema accepts: an allowed role gets as far as the schema, and nothing runs either way.
        const envelope = await desk.dispatch(auth, name, { anything: 'at all' });
        const label = `${name} as ${user.role}`;
        if (mayRun(contract[name].access, user.role)) {
          expect(envelope.ok ? null : envelope.error.key, label).not.toBe('errors.auth.forbidden');
        } else {
          refused++;
          expect(envelope, label).toEqual({ ok: false, error: { code: 'forbidden', key: 'errors.auth.forbidden', params: { call: name, role: user.role } } });
        }
      }
    }
    // The clerk alone is refused most of the contract; every role but the admin something.
    expect(refused).toBeGreaterThan(40);
    expect(snapshot(desk.db, ['audit', 'users'])).toEqual(before);
  });
});
