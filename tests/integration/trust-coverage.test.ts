/**
 * The chain covers every fact that matters (issue 18): genealogy links, production records and
 * parameters, retained samples, the print log, QC files, plans and characteristics, recalls (roots,
 * lots, notifications, returns), complaints, their files and CAPAs. A row of each, edited behind the
 * application's back, is named by `audit verify` with its table; a desk of version 30 (its chain
 * sealed when these were not covered) upgrades keeping every row, records them in one
 * `audit.coverage` record, and verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { openTestDesk, keysOf, verifyFileChain, type TestDesk } from '../support/desk';
import { lotdesk } from '../support/cli';
import { demoRefs, receiveLot } from '../support/inventory';
import { rollBackTo } from '../support/schema-history';
import { appendAudit } from '../../src/app/kernel/audit-log';
import { keyedHash } from '../../src/app/kernel/audit-hash';
import { canonicalJson } from '../../src/app/kernel/canonical-json';
import { defaultCheckpointPath, signHead } from '../../src/app/kernel/checkpoints';
import { BASE_COVERAGE, FACT_TABLES } from '../../src/store/audit-facts';
import { openDesk } from '../../src/app/open';

const NEW_TABLES = FACT_TABLES.map((t) => t.table).filter((t) => !BASE_COVERAGE.includes(t));

/** One column of each newly covered table an attacker would change, and a value to change it to. */
const EDITS: Record<string, [column: string, value: string | number]> = {
  lot_links: ['quantity', 999],
  production_records: ['shift', 'night'],
  production_parameters: ['in_spec', 0],
  retained_samples: ['destruction_date', '2031-01-01'],
  print_jobs: ['copies', 9],
  qc_files: ['sha256', 'f'.repeat(64)],
  qc_plans: ['retest_days', 999],
  qc_characteristics: ['upper_limit', 1e6],
  recalls: ['status', 'closed'],
  recall_roots: ['lot_id', 'x'],
  recall_lots: ['on_hand', 0],
  recall_notifications: ['contact', 'nobody'],
  recall_returns: ['quantity', 1],
  complaints: ['severity', 'minor'],
  complaint_files: ['sha256', '0'.repeat(64)],
  capas: ['root_cause', 'nothing'],
};

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
  const clerk = await desk.signedIn('clerk', '1111');
  const refs = await demoRefs(clerk);
  const a = (await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30', { supplierLot: 'A' })).lot.id;
  const b = (await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30', { supplierLot: 'B' })).lot.id;
  writeEveryNewFact(desk, a, b);
});
afterEach(() => desk.close());

/** A row in each newly covered table, written on the station's connection with its audit record, as a command writes. */
function writeEveryNewFact(d: TestDesk, a: string, b: string): void {
  const db = d.db;
  const one = (sql: string) => db.prepare(sql).pluck().get() as string;
  const user = one("SELECT id FROM users WHERE username = 'manager'");
  const customer = one("SELECT id FROM parties WHERE kind = 'customer' LIMIT 1");
  const bin = one('SELECT id FROM locations LIMIT 1');
  const movement = one('SELECT id FROM movements LIMIT 1');
  const characteristic = one('SELECT id FROM qc_characteristics LIMIT 1');
  const at = '2026-11-25T10:00:00.000Z';
  db.transaction(() => {
    db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity, movement_id) VALUES (?, ?, 5, ?)').run(a, b, movement);
    db.prepare("INSERT INTO production_records (lot_id, line, operator_id, shift, all_in_spec, recorded_at, recorded_by) VALUES (?, 'L1', ?, 'day', 1, ?, ?)").run(b, user, at, user);
    db.prepare('INSERT INTO production_parameters (lot_id, characteristic_id, value_num, in_spec) VALUES (?, ?, 71.5, 1)').run(b, characteristic);
    db.prepare("INSERT INTO retained_samples (id, lot_id, quantity, location, destruction_date, created_at, created_by) VALUES ('rs1', ?, 1, 'Shelf R1', '2028-01-01', ?, ?)").run(a, at, user);
    db.prepare("INSERT INTO print_jobs (id, created_at, user_id, station_id, document, object_id, printer, format, copies, status) VALUES ('pj1', ?, ?, 'st', 'lot-label', ?, 'zpl-tcp 10.0.0.7:9100', 'zpl', 1, 'printed')").run(at, user, a);
    db.prepare("INSERT INTO qc_files (id, lot_id, kind, file_name, mime_type, size, sha256, added_at, added_by) VALUES ('qf1', ?, 'supplier_coa', 'coa.pdf', 'application/pdf', 10, ?, ?, ?)").run(a, 'a'.repeat(64), at, user);
    db.prepare("INSERT INTO recalls (id, number, mock, class, reason, status, started_at, started_by) VALUES ('rc1', 'RCL-1', 0, 'I', 'salmonella', 'open', ?, ?)").run(at, user);
    db.prepare("INSERT INTO recall_roots (recall_id, lot_id) VALUES ('rc1', ?)").run(a);
    db.prepare("INSERT INTO recall_lots (recall_id, lot_id, depth, on_hand, previous_status, held) VALUES ('rc1', ?, 0, 5, 'released', 1)").run(a);
    db.prepare("INSERT INTO recall_notifications (id, recall_id, party_id, notified_at, contact, method, recorded_at, recorded_by) VALUES ('rn1', 'rc1', ?, ?, 'Ms Li', 'phone', ?, ?)").run(customer, at, at, user);
    db.prepare("INSERT INTO recall_returns (id, recall_id, party_id, lot_id, quantity, location_id, movement_id, at, user_id) VALUES ('rr1', 'rc1', ?, ?, 2, ?, ?, ?, ?)").run(customer, a, bin, movement, at, user);
    db.prepare("INSERT INTO complaints (id, number, lot_id, description, received_on, severity, created_at, created_by, updated_at) VALUES ('cp1', 'CMP-1', ?, 'mould', '2026-11-24', 'critical', ?, ?, ?)").run(a, at, user, at);
    db.prepare("INSERT INTO complaint_files (id, complaint_id, file_name, mime_type, size, sha256, added_at, added_by) VALUES ('cf1', 'cp1', 'p.jpg', 'image/jpeg', 5, ?, ?, ?)").run('b'.repeat(64), at, user);
    db.prepare("INSERT INTO capas (complaint_id, root_cause, action, owner_id, due_date, status, created_at, updated_at) VALUES ('cp1', 'wet store', 'dry it', ?, '2026-12-31', 'open', ?, ?)").run(user, at, at);
    appendAudit(db, { at, stationId: d.station.stationId, userId: user, command: 'test.facts', input: {}, result: 'ok' });
  })();
}

/** Edits one row of `table` with another connection, as the sqlite3 shell would. */
function tamper(file: string, table: string): string {
  const raw = new Database(file);
  raw.pragma('foreign_keys = OFF');
  const t = FACT_TABLES.find((x) => x.table === table)!;
  const key = raw.prepare(`SELECT ${t.key} FROM ${table} LIMIT 1`).pluck().get() as string | number;
  const [column, value] = EDITS[table];
  raw.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${t.key} = ?`).run(value, key);
  raw.close();
  return String(key);
}

function verifyProblems(file: string) {
  const ro = new Database(file, { readonly: true });
  try {
    return verifyFileChain(ro, file).problems;
  } finally {
    ro.close();
  }
}

describe('every fact that matters is in the chain', () => {
  it('lists each table the issue names, and lot links by their new id', () => {
    expect(NEW_TABLES).toEqual(Object.keys(EDITS));
    for (const t of ['production_records', 'retained_samples', 'print_jobs', 'qc_files', 'qc_plans', 'recalls', 'complaints', 'lot_links']) expect(NEW_TABLES).toContain(t);
    expect(FACT_TABLES.find((t) => t.table === 'lot_links')!.key).toBe('id');
  });

  it('the rows written by a command are recorded: the chain is intact', () => {
    expect(verifyProblems(desk.file)).toEqual([]);
    for (const table of NEW_TABLES) expect(desk.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(0);
  });

  it.each(Object.keys(EDITS))('a %s row edited behind the application is named with its table', (table) => {
    const key = tamper(desk.file, table);
    const problems = verifyProblems(desk.file);
    // A key column changed (recall_roots has only those) reads as the recorded row deleted and an unrecorded one added.
    expect(problems).toContainEqual(expect.objectContaining({ problem: table === 'recall_roots' ? 'fact_deleted' : 'fact_edited', table, key }));
    expect(problems.every((p) => p.table === table)).toBe(true);
  });

  it('the command line names them too, and a deleted recall', () => {
    tamper(desk.file, 'print_jobs');
    const raw = new Database(desk.file);
    raw.pragma('foreign_keys = OFF');
    raw.exec("DELETE FROM recall_notifications WHERE id = 'rn1'");
    raw.close();
    const out = lotdesk(['audit', 'verify', '--db', desk.file]).stdout;
    expect(out).toMatch(/print_jobs.*pj1/);
    expect(out).toMatch(/recall_notifications.*rn1/);
  });
});

/**
 * Makes the file what LotDesk 30 would have left: lot links without an id, and a chain whose
 * records name only the tables 30 covered, every hash made again with the station key (as 30 made
 * them) and a fresh signed checkpoint of that head.
 */
function asVersion30(file: string): void {
  const keys = keysOf(file)!;
  const raw = new Database(file);
  raw.pragma('foreign_keys = OFF');
  rollBackTo(raw, 30);
  raw.exec('DROP TRIGGER IF EXISTS audit_append_only_update');
  const rows = raw.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, string | number | null>[];
  const set = raw.prepare('UPDATE audit SET prev_hash = ?, hash = ?, facts = ?, detail = ? WHERE seq = ?');
  let prev = '0'.repeat(64);
  for (const r of rows) {
    let { facts, detail } = r as { facts: string | null; detail: string | null };
    if (r.scheme === 2) {
      const kept = facts ? (JSON.parse(facts) as [string, string, string][]).filter((f) => BASE_COVERAGE.includes(f[0])) : [];
      facts = kept.length > 0 ? JSON.stringify(kept) : null;
      if (r.command === 'audit.sealed') detail = canonicalJson({ plainRecords: (JSON.parse(detail!) as { plainRecords: number }).plainRecords });
      const hash = keyedHash(keys, [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, prev, detail, r.changes, facts]);
      set.run(prev, hash, facts, detail, r.seq);
      prev = hash;
    } else prev = r.hash as string;
  }
  const head = raw.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const station = raw.prepare("SELECT value FROM settings WHERE key = 'station.id'").pluck().get() as string;
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  rmSync(defaultCheckpointPath(file), { force: true });
  writeFileSync(defaultCheckpointPath(file), JSON.stringify(signHead(keys, station, new Date('2026-11-25T11:00:00.000Z'), head)) + '\n');
}

describe('a version-30 desk upgraded', () => {
  it('keeps every row, records the newly covered ones in one upgrade record, and verifies', () => {
    const file = desk.file;
    const counts = () => {
      const ro = new Database(file, { readonly: true });
      const c = Object.fromEntries(NEW_TABLES.map((t) => [t, ro.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
      ro.close();
      return c;
    };
    desk.station.close();
    const links = new Database(file, { readonly: true }).prepare('SELECT id, parent_lot_id, child_lot_id, quantity FROM lot_links').all() as { id: number }[];
    asVersion30(file);
    const before = counts();
    // Version 30's chain, read by this version: intact, the tables 30 did not cover not checked yet.
    const v30 = lotdesk(['audit', 'verify', '--db', file]);
    expect(v30.stdout).toMatch(/audit trail intact/);
    const old = new Database(file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(30);
    expect(old.prepare("SELECT COUNT(*) FROM pragma_table_info('lot_links') WHERE name = 'id'").pluck().get()).toBe(0);
    const records = old.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    old.close();

    const { station } = openDesk(file, { clock: desk.clock });
    station.close();
    const after = counts();
    expect(after).toEqual({ ...before, lot_links: links.map((l) => ({ ...l, movement_id: expect.any(String) })) });
    const up = new Database(file, { readonly: true });
    expect(up.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(31);
    const upgrade = up.prepare('SELECT seq, command, detail, facts FROM audit WHERE seq > ? ORDER BY seq').all(records) as { command: string; detail: string; facts: string }[];
    up.close();
    expect(upgrade.map((r) => r.command)).toEqual(['audit.coverage']);
    const detail = JSON.parse(upgrade[0].detail) as { tables: string; rows: number; schema: number };
    expect(detail.tables.split(',').sort()).toEqual([...NEW_TABLES].sort());
    expect(detail.rows).toBe(Object.values(after).reduce((n, rows) => n + rows.length, 0));
    expect(new Set((JSON.parse(upgrade[0].facts) as [string][]).map((f) => f[0]))).toEqual(new Set(NEW_TABLES));

    expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit trail intact/);
    expect(verifyProblems(file)).toEqual([]);
    // Reopening writes no second upgrade record; an edit after the upgrade is named.
    openDesk(file, { clock: desk.clock }).station.close();
    const again = new Database(file, { readonly: true });
    expect(again.prepare("SELECT COUNT(*) FROM audit WHERE command = 'audit.coverage'").pluck().get()).toBe(1);
    again.close();
    const key = tamper(file, 'production_records');
    expect(verifyProblems(file)).toEqual([expect.objectContaining({ problem: 'fact_edited', table: 'production_records', key })]);
  });
});
