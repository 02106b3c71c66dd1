/**
 * WAL checkpoints run in a worker thread, not inside a command's commit: the station's own
 * connection never checkpoints, yet committed rows reach the database file by themselves; if
 * the worker cannot run, the connection checkpoints automatically again.
 */
import { afterEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/store/db';
import { startCheckpointer } from '../../src/store/checkpointer';
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
  // The station's own connection never checkpoints (so no commit pays for it)...
  expect(desk.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
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
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let waited = 0; db.pragma('wal_autocheckpoint', { simple: true }) === 0 && waited < 5000; waited += 50) await sleep(50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  } finally {
    db.close();
  }
});
