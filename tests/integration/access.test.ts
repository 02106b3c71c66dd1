/** Every call but the six a desk needs before anyone signs in requires a session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, NAMES } from '../../src/contract/contract';
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
});
