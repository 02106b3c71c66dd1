/**
 * The hash chain of the centre's audit (central migration 041, src/server/central-audit-chain.ts),
 * on real PostgreSQL and on PGlite:
 * - recordAudit from several connections at once (some rolling back) keeps one chain, unforked,
 *   in id order, and it verifies;
 * - an UPDATE, DELETE or INSERT behind the application's back (trigger set aside, as the table's
 *   owner can) is found, naming the row; each forgery runs in a transaction rolled back after;
 * - migration 041 chains the rows a centre had before it, the upgraded centre verifies, goes on
 *   chaining, and refuses a row written the old way (no hash);
 * - `lotdesk central audit-verify` (exit 0 / 1 / 2, EN and zh-CN) and GET /central/v1/audit/verify.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit, type CentralAuditEntry } from '../../src/server/central-audit';
import { CHAIN_GENESIS, chainHashSql, verifyCentralAudit, type ChainVerification } from '../../src/server/central-audit-chain';
import { migrateCentral } from '../../src/server/migrations';
import type { Db, Queryable } from '../../src/server/pg';
import { buildCentral } from '../../src/server/app';
import { main } from '../../src/cli/main';
import { createCentralDb, type TestCentralDb } from '../support/central';

const entry = (n: number, extra: Partial<CentralAuditEntry> = {}): CentralAuditEntry => ({
  by: `admin${n % 3}`,
  action: 'site_saved',
  object: 'site',
  objectId: `S${n}`,
  before: n % 2 ? null : { name: `old ${n}`, nested: { b: 1.5, a: [1, 2, '三'] } },
  after: { name: `new ${n}`, zz: true, a: null },
  ...extra,
});

const chainRows = async (db: Queryable) =>
  (await db.query<{ id: string; prev_hash: string; hash: string }>('SELECT id::text AS id, prev_hash, hash FROM central_audit ORDER BY central_audit.id')).rows;

/** Rows linked one after another from the genesis, each prev_hash used once: one chain, no fork. */
function expectOneChain(rows: { prev_hash: string; hash: string }[]) {
  expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
  rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? CHAIN_GENESIS : rows[i - 1].hash));
}

/** Runs a forgery and the verify in one transaction that is rolled back, so each case starts from the intact chain. */
async function forged(db: Db, forge: (tx: Queryable) => Promise<void>): Promise<ChainVerification> {
  let seen: ChainVerification | undefined;
  await db
    .transaction(async (tx) => {
      await tx.exec('ALTER TABLE central_audit DISABLE TRIGGER central_audit_no_change');
      await forge(tx);
      seen = await verifyCentralAudit(tx, 3); // small pages: the walk crosses page ends
      throw new Error('roll back');
    })
    .catch((e: Error) => {
      if (e.message !== 'roll back') throw e;
    });
  return seen!;
}

/** A row forged as the application would write it (the same SQL), at a chosen id and link. */
const forgeRow = (tx: Queryable, id: number, prev: string) =>
  tx.query(
    `INSERT INTO central_audit (id, at, username, action, object, object_id, before, after, prev_hash, hash)
     SELECT r.id, r.at, r.username, r.action, r.object, r.object_id, r.before, r.after, r.prev_hash, ${chainHashSql('r')}
     FROM (SELECT $1::bigint AS id, now() AS at, 'mallory'::text AS username, 'site_saved'::text AS action, 'site'::text AS object,
                  'X'::text AS object_id, NULL::jsonb AS before, '{"name":"forged"}'::jsonb AS after, $2::text AS prev_hash) r`,
    [id, prev],
  );

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { code: await main(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe.each(['pg', 'pglite'] as const)('the central audit hash chain on %s', (kind) => {
  let tdb: TestCentralDb;
  let dbs: Db[];

  beforeAll(async () => {
    tdb = await createCentralDb(kind, 'lotdesk_cchain');
    // PGlite is one connection per folder: its "workers" are one Db.
    dbs = kind === 'pg' ? [await tdb.open(), await tdb.open(), await tdb.open(), await tdb.open()] : [await tdb.open()];
    await migrateCentral(dbs[0]);
  }, 60_000);
  afterAll(async () => {
    for (const d of dbs ?? []) await d.close();
    await tdb?.drop();
  });

  it('keeps one unforked chain when workers record at once, some rolling back', { timeout: 60_000 }, async () => {
    const tries = Array.from({ length: 24 }, (_, n) => n);
    const outcomes = await Promise.allSettled(
      tries.map((n) =>
        dbs[n % dbs.length].transaction(async (tx) => {
          await recordAudit(tx, entry(n));
          // Hold the transaction open after the row, as an action's commit may lag: others race it.
          await tx.query('SELECT pg_sleep(0.02)');
          if (n % 4 === 3) throw new Error('refused after the row');
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(18);
    const rows = await chainRows(dbs[0]);
    expect(rows).toHaveLength(18);
    expectOneChain(rows);
    expect(await verifyCentralAudit(dbs[0], 5)).toEqual({ ok: true, rows: 18, head: { id: rows[17].id, hash: rows[17].hash }, problem: null });
  });

  it('names the row an UPDATE, DELETE or INSERT behind the application changed', { timeout: 60_000 }, async () => {
    const db = dbs[0];
    // A rolled-back action leaves an id unused: a gap a forger may fill.
    await db.transaction(async (tx) => {
      await recordAudit(tx, entry(100));
      throw new Error('refused');
    }).catch(() => {});
    await db.transaction((tx) => recordAudit(tx, entry(101)));
    const rows = await chainRows(db);
    const [r1, r2, r3] = rows;
    const last = rows[rows.length - 1];
    const gap = Number(last.id) - 1;
    expect(rows.some((r) => Number(r.id) === gap)).toBe(false);
    const beforeGap = rows[rows.length - 2];

    expect((await verifyCentralAudit(db)).ok).toBe(true);
    const problem = async (forge: (tx: Queryable) => Promise<unknown>) => (await forged(db, async (tx) => void (await forge(tx)))).problem;

    expect(await problem((tx) => tx.query("UPDATE central_audit SET username = 'someone' WHERE id = $1", [r2.id]))).toEqual({ kind: 'edited', id: r2.id, after: r1.id });
    expect(await problem((tx) => tx.query(`UPDATE central_audit SET after = jsonb_set(after, '{name}', '"other"') WHERE id = $1`, [r3.id]))).toEqual({ kind: 'edited', id: r3.id, after: r2.id });
    expect(await problem((tx) => tx.query("UPDATE central_audit SET at = at + interval '1 microsecond' WHERE id = $1", [last.id]))).toMatchObject({ kind: 'edited', id: last.id });
    expect(await problem((tx) => tx.query('DELETE FROM central_audit WHERE id = $1', [r2.id]))).toEqual({ kind: 'missing', id: r3.id, after: r1.id });
    expect(await problem((tx) => tx.query('DELETE FROM central_audit WHERE id = $1', [r1.id]))).toEqual({ kind: 'missing', id: r2.id, after: null });
    // Inserted in the gap, linked and hashed as the application would: the row after it no longer links.
    expect(await problem((tx) => forgeRow(tx, gap, beforeGap.hash))).toEqual({ kind: 'inserted', id: String(gap), after: beforeGap.id });
    // Inserted before the first row, from the genesis.
    expect(await problem((tx) => forgeRow(tx, 0, CHAIN_GENESIS))).toEqual({ kind: 'inserted', id: '0', after: null });
    // Inserted with a made-up hash, and appended after the head without the chain's hash.
    expect(await problem((tx) => tx.query("INSERT INTO central_audit (id, username, action, object, object_id, prev_hash, hash) VALUES ($1, 'm', 'site_saved', 'site', 'X', $2, $3)", [gap, beforeGap.hash, 'f'.repeat(64)]))).toEqual({ kind: 'edited', id: String(gap), after: beforeGap.id });
    expect(await problem((tx) => tx.query("INSERT INTO central_audit (username, action, object, object_id, prev_hash, hash) VALUES ('m', 'site_saved', 'site', 'X', $1, $2)", [last.hash, 'f'.repeat(64)]))).toMatchObject({ kind: 'edited' });
    // Two rows swapped (every field, hashes too): the first of them follows a later row.
    const swap = `UPDATE central_audit a SET at = b.at, username = b.username, action = b.action, object = b.object, object_id = b.object_id, before = b.before, after = b.after, prev_hash = b.prev_hash, hash = b.hash
                  FROM (SELECT * FROM central_audit WHERE id IN ($1, $2)) b WHERE a.id IN ($1, $2) AND b.id <> a.id`;
    expect(await problem((tx) => tx.query(swap, [r2.id, r3.id]))).toEqual({ kind: 'reordered', id: r2.id, after: r1.id });
    // Nothing forged stayed.
    expect(await verifyCentralAudit(db)).toMatchObject({ ok: true, rows: rows.length });
  });

  it('chains the rows a centre had before migration 041, and the upgraded centre verifies and goes on', { timeout: 60_000 }, async () => {
    const old = await createCentralDb(kind, 'lotdesk_cchain');
    const db = await old.open();
    try {
      // A centre at schema 40, with rows written the way 038–040 wrote them.
      await migrateCentral(db, 40);
      const oldInsert = (q: Queryable, e: CentralAuditEntry) =>
        q.query('INSERT INTO central_audit (username, action, object, object_id, before, after) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [e.by, e.action, e.object, e.objectId, e.before ? JSON.stringify(e.before) : null, JSON.stringify(e.after)]);
      for (let n = 0; n < 7; n++) await oldInsert(db, entry(n, { after: { n, price: 1.5, big: 1e21, small: 1e-7, text: 'é "q" \n' } }));

      expect(await migrateCentral(db)).toEqual([41]);
      const rows = await chainRows(db);
      expect(rows).toHaveLength(7);
      expectOneChain(rows);
      expect(await verifyCentralAudit(db, 2)).toMatchObject({ ok: true, rows: 7, head: { id: rows[6].id } });

      await db.transaction((tx) => recordAudit(tx, entry(8)));
      const after = await chainRows(db);
      expectOneChain(after);
      expect(await verifyCentralAudit(db)).toMatchObject({ ok: true, rows: 8 });
      // A worker still on the old version cannot add a row without the chain.
      await expect(oldInsert(db, entry(9))).rejects.toThrow(/null/i);
      // The rows chained by the migration are checked like the others.
      expect((await forged(db, async (tx) => void (await tx.query("UPDATE central_audit SET object_id = 'S-edited' WHERE id = $1", [rows[3].id])))).problem).toEqual({ kind: 'edited', id: rows[3].id, after: rows[2].id });
    } finally {
      await db.close();
      await old.drop();
    }
  });

  it('answers GET /central/v1/audit/verify to admins only', { timeout: 60_000 }, async () => {
    const app = buildCentral({ db: dbs[0], admin: { username: 'chief', password: 'central-pass-1' } });
    try {
      await app.ready();
      const signIn = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: { username: 'chief', password: 'central-pass-1' } });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0];
      const made = await app.inject({ method: 'POST', url: '/central/v1/central-users', headers: { cookie }, payload: { username: 'kim', password: 'manager-pass-1', role: 'manager' } });
      expect(made.statusCode, made.body).toBe(200);
      const rows = await chainRows(dbs[0]);
      const verified = await app.inject({ method: 'GET', url: '/central/v1/audit/verify', headers: { cookie } });
      expect(verified.json()).toEqual({ ok: true, rows: rows.length, head: { id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash }, problem: null });
      expect((await app.inject({ method: 'GET', url: '/central/v1/audit/verify' })).statusCode).toBe(401);
      const kim = await app.inject({ method: 'POST', url: '/central/v1/sign-in', payload: { username: 'kim', password: 'manager-pass-1' } });
      const kimCookie = String(kim.headers['set-cookie']).split(';')[0];
      expect((await app.inject({ method: 'GET', url: '/central/v1/audit/verify', headers: { cookie: kimCookie } })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('lotdesk central audit-verify', () => {
  let tdb: TestCentralDb;
  let db: Db;
  beforeAll(async () => {
    tdb = await createCentralDb('pg', 'lotdesk_cchain');
    db = await tdb.open();
    await migrateCentral(db);
    for (let n = 0; n < 4; n++) await db.transaction((tx) => recordAudit(tx, entry(n)));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it('exits 0 on an intact chain, 1 naming the broken row (EN and zh-CN), 2 on usage', { timeout: 60_000 }, async () => {
    const rows = await chainRows(db);
    expect(await cli(['central', 'audit-verify', '--pg', tdb.url!])).toEqual({ code: 0, out: `Audit chain intact: 4 rows, head row #${rows[3].id} (${rows[3].hash}).` });
    expect(await cli(['central', 'audit-verify', '--pg', tdb.url!, '--lang', 'zh-CN'])).toEqual({ code: 0, out: `审计哈希链完整：共 4 条记录，链头为第 ${rows[3].id} 条（${rows[3].hash}）。` });

    await db.exec('ALTER TABLE central_audit DISABLE TRIGGER central_audit_no_change');
    await db.query('DELETE FROM central_audit WHERE id = $1', [rows[1].id]);
    await db.exec('ALTER TABLE central_audit ENABLE TRIGGER central_audit_no_change');
    expect(await cli(['central', 'audit-verify', '--pg', tdb.url!])).toEqual({ code: 1, out: `Audit chain BROKEN after 2 rows checked: the row before #${rows[2].id} is missing (deleted) or was rewritten.` });
    expect(await cli(['central', 'audit-verify', '--pg', tdb.url!, '--lang', 'zh-CN'])).toEqual({ code: 1, out: `审计哈希链已损坏（已校验 2 条）：第 ${rows[2].id} 条之前的记录缺失（被删除）或被改写。` });

    expect((await cli(['central', 'audit-verify', '--pg', tdb.url!, '--lang', 'fr'])).code).toBe(2);
    expect((await cli(['central', 'audit-verify', '--nope'])).code).toBe(2);
    expect(await cli(['central', 'audit-verify', '--data', '/nonexistent/lotdesk-central'])).toEqual({ code: 2, out: 'lotdesk central audit-verify: No central database at /nonexistent/lotdesk-central (give --pg URL or --data DIR).' });
  });
});
