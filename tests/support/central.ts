/** A central database for one test file: its own PostgreSQL database (dropped after) or a PGlite folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPg, openPglite, type Db } from '../../src/server/pg';

export const PG_ADMIN_URL = process.env.LOTDESK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestCentralDb {
  open(): Promise<Db>;
  url: string | null;
  drop(): Promise<void>;
}

/** `prefix` names the PostgreSQL database (a helper's own prefix keeps its databases apart). */
export async function createCentralDb(kind: 'pg' | 'pglite', prefix = 'lotdesk_syncserver'): Promise<TestCentralDb> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-central-'));
    return { url: null, open: () => openPglite(dir), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    open: async () => openPg(url),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
