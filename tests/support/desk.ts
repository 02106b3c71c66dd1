/** A real station on a fresh SQLite file in a temp folder, with the demo data and a hand-moved clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import type { Dispatch } from '../../src/app/kernel/dispatch';
import { createClient, type Client } from '../../src/contract/client';
import type { Db } from '../../src/store/db';
import { verifyChain } from '../../src/app/kernel/audit-verify';
import { defaultKeyPath, fileKeyStore, stationKeys } from '../../src/app/kernel/chain-keys';
import { defaultCheckpointPath, readCheckpoints } from '../../src/app/kernel/checkpoints';

export const DEMO_NOW = '2026-11-25T09:30:00.000Z';

export interface TestDesk {
  dir: string;
  file: string;
  clock: ManualClock;
  dispatch: Dispatch;
  db: Db;
  /** A client with its own session, as one browser or window would have. */
  client(auth?: AuthState): Client;
  signedIn(username: string, secret: string): Promise<Client>;
  close(): void;
}

export async function openTestDesk(options: { demo?: boolean; plainChain?: boolean } = {}): Promise<TestDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-test-'));
  const file = join(dir, 'desk.db');
  const clock = new ManualClock(new Date(DEMO_NOW));
  const { station, dispatch } = openDesk(file, { clock, plainChain: options.plainChain });
  const client = (auth: AuthState = {}) => createClient((name, input) => dispatch(auth, name, input));
  if (options.demo !== false) await client().call('station.loadDemo');
  return {
    dir,
    file,
    clock,
    dispatch,
    db: station.db,
    client,
    async signedIn(username, secret) {
      const c = client({});
      await c.call('session.signIn', { username, secret });
      return c;
    },
    close() {
      station.close();
      // SQLite may still be dropping its -wal/-shm files as the folder goes: retry rather than fail the test.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

/**
 * Every row of every table, to prove on the database file that a refused command wrote nothing.
 * `except` leaves tables out, e.g. what a refused PIN check writes on purpose (audit, secret_failures).
 */
export function snapshot(db: Db, except: string[] = []): Record<string, unknown[]> {
  // The sync outbox (issue 20) carries every audit record as an event: left out with the audit.
  if (except.includes('audit')) except = [...except, 'sync_outbox'];
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).filter(
    ({ name }) => !except.includes(name),
  );
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

/** Calls a client and returns the typed error it fails with (or throws if the call succeeded). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; key: string; field?: string; params: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    const data = (err as { data?: { code: string; key: string; field?: string; params: Record<string, unknown> } }).data;
    if (data) return data;
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The chain keys of the station on this database file (its key file), null when it has none. */
export const keysOf = (stationFile: string) => stationKeys(fileKeyStore(defaultKeyPath(stationFile)));

/**
 * The audit chain of a database file opened outside its station (a copy, a backup, a file a killed
 * desk left), checked with the key of the station that wrote it (`stationFile`'s key file). With
 * `checkpoints`, also against that station's signed checkpoints (a copy may be older than them).
 */
export function verifyFileChain(db: Db, stationFile: string, options: { checkpoints?: boolean } = {}) {
  return verifyChain(db, {
    keys: keysOf(stationFile),
    checkpoints: options.checkpoints ? readCheckpoints(defaultCheckpointPath(stationFile)) : [],
  });
}
