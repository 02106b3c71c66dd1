/**
 * Tamper evidence that holds (issue 18), attacked as someone holding the database file would:
 * triggers dropped, rows edited with SQL, hashes recomputed. Each attack is named by
 * `lotdesk audit verify` (read-only, refusing a path that does not exist) and by the Audit
 * screen's verify; `store rebuild-balances` refuses to launder a forged or negative ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDesk, type TestDesk } from '../support/desk';
import { lotdesk } from '../support/cli';
import { canonicalJson, sha256 } from '../../src/app/kernel/canonical-json';
import { defaultCheckpointPath } from '../../src/app/kernel/checkpoints';
import { defaultKeyPath } from '../../src/app/kernel/chain-keys';
import { openDatabase } from '../../src/store/db';
import { appendAudit } from '../../src/app/kernel/audit-log';
import { openDesk } from '../../src/app/open';
import { rollBackTo } from '../support/schema-history';
import type { Client } from '../../src/contract/client';
import { demoRefs, receiveLot } from '../support/inventory';

let desk: TestDesk;
let manager: Client;
let lotId: string;
beforeEach(async () => {
  desk = await openTestDesk();
  const clerk = await desk.signedIn('clerk', '1111');
  const refs = await demoRefs(clerk);
  for (const supplierLot of ['A', 'B', 'C']) lotId = (await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30', { supplierLot })).lot.id;
  manager = await desk.signedIn('manager', '4444');
  // The manager's signed checkpoint of the head, as the Audit screen prints it.
  const cp = await manager.call('audit.checkpoint');
  expect(cp.seq).toBe(recordCount());
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => desk.close());

const recordCount = () => desk.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
const verify = (...extra: string[]) => lotdesk(['audit', 'verify', '--db', desk.file, ...extra]);

/** Writes with the file as an attacker would: another connection, the append-only triggers dropped. */
function tamper(sql: string, params: unknown[] = []): void {
  const raw = new Database(desk.file);
  raw.pragma('foreign_keys = OFF');
  raw.exec(`DROP TRIGGER IF EXISTS audit_append_only_update; DROP TRIGGER IF EXISTS audit_append_only_delete;
            DROP TRIGGER IF EXISTS audit_objects_append_only_delete;
            DROP TRIGGER IF EXISTS movements_append_only_update; DROP TRIGGER IF EXISTS movements_append_only_delete;`);
  raw.prepare(sql).run(...params);
  raw.close();
}

type Row = Record<string, string | number | null>;
/** Recomputes every hash from `from` on with the plain SHA-256 of earlier versions: all the file alone allows. */
function recomputePlain(from: number, asScheme: number | null): void {
  const raw = new Database(desk.file);
  raw.exec('DROP TRIGGER IF EXISTS audit_append_only_update');
  const rows = raw.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(from) as Row[];
  let prev = (raw.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(from - 1) as string | undefined) ?? '0'.repeat(64);
  const set = raw.prepare('UPDATE audit SET prev_hash = ?, hash = ?, scheme = ? WHERE seq = ?');
  for (const r of rows) {
    const fields = [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, prev];
    const hash = r.changes !== null ? sha256(canonicalJson([...fields, r.detail, r.changes])) : sha256(canonicalJson(r.detail === null ? fields : [...fields, r.detail]));
    set.run(prev, hash, asScheme, r.seq);
    prev = hash;
  }
  raw.close();
}

describe('audit verify names each attack', () => {
  it('passes the intact keyed chain, anchored by the checkpoint', () => {
    const r = verify();
    expect(r.stdout).toMatch(/audit trail intact: 7 records \(keyed with the station key, \d+ fact rows checked; matches the signed checkpoint of record #7/);
    expect(r.status).toBe(0);
  });

  it('a cut tail: the records after the checkpoint vouches for are deleted', () => {
    tamper('DELETE FROM audit WHERE seq >= 6');
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #6: tail cut — The trail ends before record 7/);
  });

  it('an emptied trail, even with the checkpoint file deleted too (the key file keeps the seal)', () => {
    tamper('DELETE FROM audit_objects');
    tamper('DELETE FROM audit');
    let r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/trail emptied/);
    rmSync(defaultCheckpointPath(desk.file));
    r = verify();
    expect(r.stdout).toMatch(/audit record #1: trail emptied/);
    expect(r.stdout).not.toMatch(/intact/);
  });

  it('an edited record with the chain recomputed by plain SHA-256, keyed scheme kept: the HMAC fails', () => {
    tamper("UPDATE audit SET user_id = NULL WHERE seq = 4");
    recomputePlain(4, 2);
    const r = verify();
    expect(r.status).toBe(1);
    for (const seq of [4, 5, 6, 7]) expect(r.stdout).toMatch(new RegExp(`audit record #${seq} \\(.*\\): hash mismatch`));
    // …and the checkpoint no longer matches the rewritten head.
    expect(r.stdout).toMatch(/audit record #7: checkpoint mismatch/);
  });

  it('the same rewritten as old plain records (a downgrade): named as downgraded, the seal anchored in the key file', () => {
    recomputePlain(1, null);
    rmSync(defaultCheckpointPath(desk.file));
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #1 \(.*\): downgraded/);
    expect(r.stdout).toMatch(/audit record #7 \(.*\): downgraded/);
  });

  it('a movement inserted behind the application (balances made to match): unrecorded, named by its id', () => {
    const m = desk.db.prepare('SELECT * FROM movements WHERE lot_id = ?').get(lotId) as Row;
    tamper(
      `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, to_location_id, reason)
       VALUES ('forged-1', 'adjust', ?, ?, ?, ?, ?, 100000, ?, 'found')`,
      [m.station_id, m.user_id, m.at, m.item_id, m.lot_id, m.to_location_id],
    );
    tamper('UPDATE balances SET quantity = quantity + 100000 WHERE lot_id = ? AND location_id = ?', [m.lot_id, m.to_location_id]);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/movements row forged-1: fact unrecorded — movements row forged-1 is in no audit record/);
  });

  it('a movement edited or deleted behind the application: named with the record that wrote it', () => {
    const [a, b] = desk.db.prepare('SELECT id FROM movements ORDER BY seq DESC LIMIT 2').pluck().all() as string[];
    tamper('UPDATE movements SET quantity = quantity * 10 WHERE id = ?', [a]);
    tamper('DELETE FROM movements WHERE id = ?', [b]);
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`movements row ${a}: fact edited — .* differs from what record 6 recorded`));
    expect(r.stdout).toMatch(new RegExp(`movements row ${b}: fact deleted — .*recorded by record 5`));
  });

  it('a lot recalled, a user made admin and a signature added with SQL: each named', () => {
    const clerkId = desk.db.prepare("SELECT id FROM users WHERE username = 'clerk'").pluck().get() as string;
    tamper("UPDATE lots SET status = 'recalled' WHERE id = ?", [lotId]);
    tamper("UPDATE users SET role = 'admin' WHERE id = ?", [clerkId]);
    tamper(
      `INSERT INTO e_signatures (id, object, object_id, meaning, signer_id, printed_name, signed_at, bound_hash)
       VALUES ('sig-forged', 'qc_inspection', 'x', 'released', ?, 'Clerk', '2026-11-25T10:00:00.000Z', ?)`,
      [clerkId, 'a'.repeat(64)],
    );
    const r = verify();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`lots row ${lotId}: fact edited`));
    expect(r.stdout).toMatch(new RegExp(`users row ${clerkId}: fact edited`));
    expect(r.stdout).toMatch(/e_signatures row sig-forged: fact unrecorded/);
  });

  it('a chain checked without its key is not called intact', () => {
    const r = verify('--keys', join(desk.dir, 'no-such.keys'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #1: key missing/);
    expect(r.stdout).toMatch(/looked for the station key at/);
  });

  it('a printed checkpoint anchors the head even when the key and checkpoint files are gone', () => {
    const printed = join(desk.dir, 'printed.txt');
    const cli = lotdesk(['audit', 'checkpoint', '--db', desk.file, '--out', printed]);
    expect(cli.status).toBe(0);
    expect(readFileSync(printed, 'utf8')).toMatch(/^LotDesk audit checkpoint\nStation: .*\nNewest record: #7\n/);
    tamper('DELETE FROM audit WHERE seq = 7');
    rmSync(defaultCheckpointPath(desk.file));
    rmSync(defaultKeyPath(desk.file));
    const r = verify('--checkpoint', printed);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #7: tail cut/);
  });

  it('refuses a path that does not exist, creating nothing', () => {
    const missing = join(desk.dir, 'typo', 'lotdesk.db');
    const r = lotdesk(['audit', 'verify', '--db', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no database at .*typo\/lotdesk\.db/);
    expect(r.stdout).not.toMatch(/intact/);
    expect(existsSync(join(desk.dir, 'typo'))).toBe(false);
  });

  it('opens the file read-only: an older schema is not migrated, the file not written', () => {
    const raw = new Database(desk.file);
    raw.pragma('foreign_keys = OFF');
    rollBackTo(raw, 23);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const digest = () => createHash('sha256').update(readFileSync(desk.file)).digest('hex');
    const before = digest();
    // Read as it is: the plain records before the seal still check, the keyed ones are named (their scheme went with 028).
    const r = lotdesk(['audit', 'verify', '--db', desk.file]);
    expect(r.stdout).toMatch(/audit record #1 \(.*\): downgraded/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(digest()).toBe(before);
    const check = new Database(desk.file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(23);
    check.close();
  });
});

describe('the Audit screen says the same', () => {
  it('names a forged movement in both languages', async () => {
    const a = desk.db.prepare('SELECT id FROM movements ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    let v = await manager.call('audit.verify');
    expect(v).toMatchObject({ problems: [], keyed: true, checkpoint: { seq: 7 } });
    expect(v.facts).toBeGreaterThan(20);
    tamper('UPDATE movements SET quantity = 1 WHERE id = ?', [a]);
    v = await manager.call('audit.verify');
    expect(v.problems).toEqual([{ seq: 6, problem: 'fact_edited', table: 'movements', key: a }]);
  });
});

describe('old records stay verifiable', () => {
  it('a trail of plain records gets keyed on open: its old records still check, an edit of one is still named', () => {
    const file = join(desk.dir, 'old.db');
    const old = openDatabase(file);
    for (const command of ['station.setup', 'settings.set']) appendAudit(old, { at: '2026-01-01T00:00:00.000Z', stationId: 'st', userId: null, command, input: {}, result: 'ok' });
    old.close();
    const opened = openDesk(file);
    opened.station.close();
    const keyed = new Database(file, { readonly: true });
    expect(keyed.prepare('SELECT seq, command, scheme FROM audit ORDER BY seq').all()).toEqual([
      { seq: 1, command: 'station.setup', scheme: null },
      { seq: 2, command: 'settings.set', scheme: null },
      { seq: 3, command: 'audit.sealed', scheme: 2 },
    ]);
    keyed.close();
    expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit trail intact: 3 records \(keyed/);
    const raw = new Database(file);
    raw.exec("DROP TRIGGER audit_append_only_update; UPDATE audit SET command = 'x' WHERE seq = 1");
    raw.close();
    expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit record #1 \(.*\): hash mismatch/);
  });
});

describe('store rebuild-balances never launders', () => {
  const rebuild = () => lotdesk(['store', 'rebuild-balances', '--db', desk.file]);
  const balances = () => new Database(desk.file, { readonly: true }).prepare('SELECT * FROM balances ORDER BY 1, 2').all();

  it('refuses to rewrite balances to a forged movement, with the reason and no stack trace', () => {
    const m = desk.db.prepare('SELECT * FROM movements WHERE lot_id = ?').get(lotId) as Row;
    tamper(
      `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, to_location_id)
       VALUES ('forged-2', 'adjust', ?, ?, ?, ?, ?, 7000, ?)`,
      [m.station_id, m.user_id, m.at, m.item_id, m.lot_id, m.to_location_id],
    );
    const before = balances();
    const r = rebuild();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/table 5000, ledger 12000/);
    expect(r.stdout).toMatch(/movements row forged-2: fact unrecorded/);
    expect(r.stderr).toMatch(/refused — the ledger fails the audit chain's check/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(balances()).toEqual(before);
  });

  it('refuses a ledger that implies negative stock (written in the app, so in the chain)', async () => {
    const m = desk.db.prepare('SELECT * FROM movements WHERE lot_id = ?').get(lotId) as Row;
    // A bug in a command, not an attacker: the row is in the chain, yet takes the bin below zero.
    desk.db.prepare(
      `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id)
       VALUES ('bug-1', 'adjust', ?, ?, ?, ?, ?, 9000, ?)`,
    ).run(m.station_id, m.user_id, m.at, m.item_id, m.lot_id, m.to_location_id);
    await manager.call('session.setLocale', { locale: 'en' });
    expect(lotdesk(['audit', 'verify', '--db', desk.file]).status).toBe(0);
    const before = balances();
    const r = rebuild();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/the ledger sums to -4000/);
    expect(r.stderr).toMatch(/refused — the ledger implies negative stock at 1 place/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(balances()).toEqual(before);
  });

  it('rebuilds a corrupted balance of an intact ledger, and records the rebuild in the chain', () => {
    tamper('UPDATE balances SET quantity = 1 WHERE lot_id = ?', [lotId]);
    const r = rebuild();
    expect(r.stdout).toMatch(/rebuilt: 1 difference\(s\) corrected/);
    const check = new Database(desk.file, { readonly: true });
    expect(check.prepare('SELECT command, scheme FROM audit ORDER BY seq DESC LIMIT 1').get()).toEqual({ command: 'store.rebuildBalances', scheme: 2 });
    check.close();
    expect(verify().status).toBe(0);
  });
});

it('keeps the key outside the database file', () => {
  const key = JSON.parse(readFileSync(defaultKeyPath(desk.file), 'utf8')) as { hmac: string };
  expect(readFileSync(desk.file).includes(Buffer.from(key.hmac))).toBe(false);
  writeFileSync(join(desk.dir, 'noop'), '');
});
