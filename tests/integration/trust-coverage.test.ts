/**
 * The chain covers every fact that matters (issue 18): genealogy links, production records and
 * parameters, retained samples, the print log, QC files, plans and characteristics, recalls (roots,
 * lots, notifications, returns), complaints, their files and CAPAs, documents and their lines,
 * shipments, SSCC packages and users' signing hashes. A row of each, edited behind the application's
 * back, is named by `audit verify` with its table; a desk of version 30 (its chain sealed when these
 * were not covered), and one whose chain did not cover documents to signing hashes, upgrades
 * keeping every row, records them in one `audit.coverage` record, and verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openTestDesk, verifyFileChain, type TestDesk } from '../support/desk';
import { lotdesk } from '../support/cli';
import { demoRefs, receiveLot } from '../support/inventory';
import { asOlderChain } from '../support/older-chain';
import { appendAudit } from '../../src/app/kernel/audit-log';
import { BASE_COVERAGE, coverageTable, FACT_TABLES } from '../../src/store/audit-facts';
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
  documents: ['status', 'cancelled'],
  document_lines: ['quantity', 999],
  shipments: ['region', 'nowhere'],
  packages: ['sscc', '000000000000000099'],
  package_lines: ['quantity', 999],
  received_units: ['sscc', '000000000000000099'],
};

/** The tables covered last (with `users.signing_hash`): a desk whose chain was sealed before upgrades to them. */
const LATEST = ['documents', 'document_lines', 'shipments', 'packages'];
/** Covered after those (the centre's SSCC crossings): what was packed under each SSCC, and the SSCCs lots were received under. */
const SSCC_TABLES = ['package_lines', 'received_units'];

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
    db.prepare("INSERT INTO documents (id, kind, number, party_id, status, created_at, created_by) VALUES ('so1', 'sales_order', 'SO-T1', ?, 'shipped', ?, ?)").run(customer, at, user);
    db.prepare("INSERT INTO documents (id, kind, number, party_id, status, source_id, created_at, created_by) VALUES ('sh1', 'shipment', 'SH-T1', ?, 'shipped', 'so1', ?, ?)").run(customer, at, user);
    db.prepare("INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES ('sh1', 'so1', 'east', 'retail', ?)").run(at);
    db.prepare("INSERT INTO packages (id, document_id, sscc, shipment_id, created_at) VALUES ('pk1', 'so1', '003012345000000017', 'sh1', ?)").run(at);
    db.prepare("INSERT INTO package_lines (package_id, lot_id, quantity) VALUES ('pk1', ?, 2)").run(a);
    db.prepare("INSERT INTO received_units (sscc, lot_id) VALUES ('003012345000000024', ?)").run(b);
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

/** Sets the signing hash of a user who has one, with another connection; returns the user's id. */
function tamperSigningHash(file: string): string {
  const raw = new Database(file);
  const id = raw.prepare("SELECT id FROM users WHERE signing_hash IS NOT NULL AND username = 'manager'").pluck().get() as string;
  raw.prepare('UPDATE users SET signing_hash = ? WHERE id = ?').run('scrypt$forged', id);
  raw.close();
  return id;
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
    expect(problems).toContainEqual(expect.objectContaining({ problem: ['recall_roots', 'received_units'].includes(table) ? 'fact_deleted' : 'fact_edited', table, key }));
    expect(problems.every((p) => p.table === table)).toBe(true);
  });

  it("a user's signing hash edited behind the application is named with the user", () => {
    const id = tamperSigningHash(desk.file);
    expect(verifyProblems(desk.file)).toEqual([expect.objectContaining({ problem: 'fact_edited', table: 'users', key: id })]);
    expect(lotdesk(['audit', 'verify', '--db', desk.file]).stdout).toContain(`users row ${id}`);
  });

  it('a deleted shipment line and a deleted package are named', () => {
    const raw = new Database(desk.file);
    raw.pragma('foreign_keys = OFF');
    const line = raw.prepare('SELECT id FROM document_lines LIMIT 1').pluck().get() as string;
    raw.prepare('DELETE FROM document_lines WHERE id = ?').run(line);
    raw.exec("DELETE FROM packages WHERE id = 'pk1'");
    raw.close();
    expect(verifyProblems(desk.file)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'fact_deleted', table: 'document_lines', key: line }),
        expect.objectContaining({ problem: 'fact_deleted', table: 'packages', key: 'pk1' }),
      ]),
    );
  });

  it('the command line names them too, and a deleted recall', () => {
    tamper(desk.file, 'print_jobs');
    tamper(desk.file, 'shipments');
    const raw = new Database(desk.file);
    raw.pragma('foreign_keys = OFF');
    raw.exec("DELETE FROM recall_notifications WHERE id = 'rn1'");
    raw.close();
    const out = lotdesk(['audit', 'verify', '--db', desk.file]).stdout;
    expect(out).toMatch(/print_jobs.*pj1/);
    expect(out).toMatch(/recall_notifications.*rn1/);
    expect(out).toMatch(/shipments.*sh1/);
  });
});

/** What this version's chain covers beyond `older` (coverage names: tables and `table.column`). */
function namesBeyond(older: readonly string[]): string[] {
  return FACT_TABLES.flatMap((t) => [t.table, ...(t.later ?? []).map((c) => `${t.table}.${c}`)]).filter((n) => !older.includes(n));
}

/** Every row of each table, read outside the station. */
function rowsOf(file: string, tables: readonly string[]): Record<string, unknown[]> {
  const ro = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, ro.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
  } finally {
    ro.close();
  }
}

/**
 * Opens the older desk with this version, then checks: one `audit.coverage` record naming what is
 * newly covered with every row of those tables as its facts, intact by the CLI and by verifyChain,
 * no second record at the next open. Returns the rows of the newly covered tables after.
 */
function upgradeAndCheck(file: string, older: readonly string[], records: number): Record<string, unknown[]> {
  const names = namesBeyond(older);
  const tables = [...new Set(names.map(coverageTable))];
  openDesk(file, { clock: desk.clock }).station.close();
  const after = rowsOf(file, tables);
  const up = new Database(file, { readonly: true });
  const upgrade = up.prepare('SELECT seq, command, detail, facts FROM audit WHERE seq > ? ORDER BY seq').all(records) as { command: string; detail: string; facts: string }[];
  up.close();
  expect(upgrade.map((r) => r.command)).toEqual(['audit.coverage']);
  const detail = JSON.parse(upgrade[0].detail) as { tables: string; rows: number; schema: number };
  expect(detail.tables.split(',').sort()).toEqual([...names].sort());
  expect(detail.rows).toBe(Object.values(after).reduce((n, rows) => n + rows.length, 0));
  expect(new Set((JSON.parse(upgrade[0].facts) as [string][]).map((f) => f[0]))).toEqual(new Set(tables));

  expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit trail intact/);
  expect(verifyProblems(file)).toEqual([]);
  // Reopening writes no second upgrade record.
  openDesk(file, { clock: desk.clock }).station.close();
  const again = new Database(file, { readonly: true });
  expect(again.prepare("SELECT COUNT(*) FROM audit WHERE command = 'audit.coverage'").pluck().get()).toBe(1);
  again.close();
  return after;
}

function recordCount(file: string): number {
  const ro = new Database(file, { readonly: true });
  try {
    return ro.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
  } finally {
    ro.close();
  }
}

describe('a version-30 desk upgraded', () => {
  it('keeps every row, records the newly covered ones in one upgrade record, and verifies', () => {
    const file = desk.file;
    desk.station.close();
    const links = new Database(file, { readonly: true }).prepare('SELECT id, parent_lot_id, child_lot_id, quantity FROM lot_links').all() as { id: number }[];
    asOlderChain(file, { covered: BASE_COVERAGE, version: 30, sealNamesTables: false });
    const before = rowsOf(file, NEW_TABLES);
    // Version 30's chain, read by this version: intact, the tables 30 did not cover not checked yet.
    const v30 = lotdesk(['audit', 'verify', '--db', file]);
    expect(v30.stdout).toMatch(/audit trail intact/);
    const old = new Database(file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(30);
    expect(old.prepare("SELECT COUNT(*) FROM pragma_table_info('lot_links') WHERE name = 'id'").pluck().get()).toBe(0);
    old.close();

    upgradeAndCheck(file, BASE_COVERAGE, recordCount(file));
    // Migration 032 gives links their id; 034 gives documents an ERP id (none at a version-30 desk).
    const documents = (before.documents as Record<string, unknown>[]).map((d) => ({ ...d, external_id: null }));
    expect(rowsOf(file, NEW_TABLES)).toEqual({ ...before, documents, lot_links: links.map((l) => ({ ...l, movement_id: expect.any(String) })) });
    const key = tamper(file, 'production_records');
    expect(verifyProblems(file)).toEqual([expect.objectContaining({ problem: 'fact_edited', table: 'production_records', key })]);
  });
});

describe('a desk whose chain did not cover documents, shipments, packages and signing hashes, upgraded', () => {
  const older = FACT_TABLES.map((t) => t.table).filter((t) => !LATEST.includes(t) && !SSCC_TABLES.includes(t));

  it('verifies as it was, then records them in one upgrade record, keeping every row', () => {
    const file = desk.file;
    desk.station.close();
    asOlderChain(file, { covered: older, sealNamesTables: true });
    const all = [...older, ...LATEST, ...SSCC_TABLES];
    const before = rowsOf(file, all);
    // The signing hashes set before the upgrade are not flagged: the older chain's digests lack them.
    expect((before.users as { signing_hash: string | null }[]).filter((u) => u.signing_hash !== null).length).toBeGreaterThan(0);
    expect(lotdesk(['audit', 'verify', '--db', file]).stdout).toMatch(/audit trail intact/);
    expect(verifyProblems(file)).toEqual([]);

    upgradeAndCheck(file, older, recordCount(file));
    expect(rowsOf(file, all)).toEqual(before);
    // Covered from now on: a signing hash and a shipment edited after the upgrade are named.
    const user = tamperSigningHash(file);
    const shipment = tamper(file, 'shipments');
    expect(verifyProblems(file)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'fact_edited', table: 'users', key: user }),
        expect.objectContaining({ problem: 'fact_edited', table: 'shipments', key: shipment }),
      ]),
    );
    expect(verifyProblems(file)).toHaveLength(2);
  });
});

describe('a desk whose chain did not cover package lines and received SSCCs, upgraded', () => {
  const older = FACT_TABLES.flatMap((t) => [t.table, ...(t.later ?? []).map((c) => `${t.table}.${c}`)]).filter((n) => !SSCC_TABLES.includes(n));

  it('verifies as it was, then records them in one upgrade record, keeping every row; an edit after is named', () => {
    const file = desk.file;
    desk.station.close();
    asOlderChain(file, { covered: older, sealNamesTables: true });
    const before = rowsOf(file, SSCC_TABLES);
    expect(verifyProblems(file)).toEqual([]);
    upgradeAndCheck(file, older, recordCount(file));
    expect(rowsOf(file, SSCC_TABLES)).toEqual(before);
    const key = tamper(file, 'package_lines');
    expect(verifyProblems(file)).toEqual([expect.objectContaining({ problem: 'fact_edited', table: 'package_lines', key })]);
  });
});
