/**
 * The centre's tiny database adapter: the same SQL runs on a real PostgreSQL (node `pg` Pool) and
 * on PGlite (embedded PostgreSQL in WebAssembly, data in a folder: the zero-setup default).
 * Notes for callers: bigint columns come back as strings from `pg` and numbers from PGlite —
 * cast to text in SQL (or use Number()/String()) where it matters; jsonb comes back parsed.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface Rows<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** One statement, with $1… parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Rows<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs fn in one transaction (READ COMMITTED): committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to the function that stops listening. */
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

function pgQueryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await client.query(sql, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A real PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/test. */
export function openPg(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client dying (server restart) must not crash the worker; the pool replaces it.
  pool.on('error', () => {});
  const listeners = new Set<pg.Client>();
  return {
    kind: 'pg',
    ...pgQueryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, cb) {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      // A dedicated connection: LISTEN lives as long as its session.
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) cb(n.payload ?? '');
      });
      await client.query(`LISTEN ${channel}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      listeners.clear();
      await pool.end();
    },
  };
}

function pgliteQueryable(q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/** PGlite with its data in a folder (one process only: PGlite is a single connection). */
export async function openPglite(dataDir: string): Promise<Db> {
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    ...pgliteQueryable(db),
    transaction: (fn) => db.transaction((tx) => fn(pgliteQueryable(tx))),
    async listen(channel, cb) {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      const stop = await db.listen(channel, cb);
      return async () => stop();
    },
    close: () => db.close(),
  };
}

/** `--pg URL` (or LOTDESK_PG) opens a real PostgreSQL; otherwise PGlite in dataDir. */
export async function openCentralDb(opts: { pg?: string; dataDir: string }): Promise<Db> {
  return opts.pg ? openPg(opts.pg) : openPglite(opts.dataDir);
}
