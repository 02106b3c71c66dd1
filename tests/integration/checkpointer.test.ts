/**
 * WAL checkpoints run in a worker thread, not inside a command's commit: the station's own
 * connection checkpoints only as a backstop far past a desk's pace, yet committed rows reach the
 * database file by themselves; writes without a pause still keep the WAL bounded; if the worker
 * cannot run, the connection checkpoints automatically again.
 */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/store/db';
import { startCheckpointer, WAL_BACKSTOP_PAGES } from '../../src/store/checkpointer';
import { openTestDesk, type TestDesk } from '../support/desk';
import { stockUp } from '../support/outbound';

let desk: TestDesk;
afterEach(() => desk.close());

/** Lots in the database file alone, as a checkpoint left it: a copy without its WAL (null: copied mid-checkpoint). */
function lotsInMainFile(): number | null {
  const copy = join(desk.dir, 'main-only.db');
  copyFileSync(desk.file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM lots').get() as { n: number }).n;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

it("moves committed pages into the database file off the commit's path", async () => {
  desk = await openTestDesk();
  // The station's own connection checkpoints only past the backstop (so no commit at a desk's pace pays for it)...
  expect(desk.db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  const before = lotsInMainFile();
  expect(before).not.toBeNull();
  await stockUp(desk, [{ sku: 'TEA-250', expiry: '2027-03-31', quantity: 4, bin: 'A-01' }]);
  // ...yet the new lot reaches the database file by itself.
  let after = lotsInMainFile();
  for (let waited = 0; after !== before! + 1 && waited < 5000; waited += 50) {
    await sleep(50);
    after = lotsInMainFile();
  }
  expect(after).toBe(before! + 1);
});

it('falls back to automatic checkpoints when the worker cannot open the database', async () => {
  desk = await openTestDesk({ demo: false });
  const db = openDatabase(join(desk.dir, 'other.db'));
  try {
    startCheckpointer(db, join(desk.dir, 'other.db'), { nativeBinding: join(desk.dir, 'no-such-binding.node') });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
    for (let waited = 0; db.pragma('wal_autocheckpoint', { simple: true }) === WAL_BACKSTOP_PAGES && waited < 5000; waited += 50) await sleep(50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  } finally {
    db.close();
  }
});

it('keeps the WAL bounded under commits without a pause, which the worker alone never lets restart', async () => {
  desk = await openTestDesk({ demo: false });
  const file = join(desk.dir, 'busy.db');
  const db = openDatabase(file);
  const checkpointer = startCheckpointer(db, file);
  try {
    db.exec('CREATE TABLE payload (b BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO payload (b) VALUES (?)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    // ~11 pages a commit, back to back while the worker copies: 3× the backstop if nothing restarts the WAL.
    const blob = randomBytes(10 * pageSize);
    for (let i = 0; i < (3 * WAL_BACKSTOP_PAGES) / 11; i++) db.transaction(() => insert.run(blob)).immediate();
    const walPages = statSync(`${file}-wal`).size / (pageSize + 24);
    expect(walPages).toBeLessThan(WAL_BACKSTOP_PAGES * 1.5);
  } finally {
    checkpointer.stop();
    db.close();
  }
});

it('holds no connection once stopped, even one still starting: a file removed after the close stays gone', async () => {
  desk = await openTestDesk({ demo: false });
  const file = join(desk.dir, 'closing.db');
  const db = openDatabase(file);
  const checkpointer = startCheckpointer(db, file);
  // Stopped at once, as a station closed right after it opened: the worker may not have started.
  const exited = checkpointer.stop();
  db.close();
  // The folder goes as a test's cleanup (or a restore's move) does it...
  for (const f of readdirSync(desk.dir)) if (f.startsWith('closing.db')) rmSync(join(desk.dir, f));
  await exited;
  // ...and no late worker opened the path again (creating an empty database and its WAL there).
  expect(readdirSync(desk.dir).filter((f) => f.startsWith('closing.db'))).toEqual([]);
});
