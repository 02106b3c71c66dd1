/**
 * The read worker beside a synchronous caller (src/store/read-aside.ts): it answers with the head
 * and the rows of one read transaction, and a worker that dies without a word (out of memory) is
 * an Error at the caller's deadline instead of a caller blocked for good.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readAside } from '../../src/store/read-aside';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lotdesk-aside-'));
  file = join(dir, 'desk.db');
  const db = new Database(file);
  db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT); INSERT INTO t VALUES ('a', 'x'), ('b', 'y')");
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (queries: string[], maxHeapMb?: number) =>
  readAside({ file, digestFn: 'digest_of', headSql: 'SELECT COUNT(*) FROM t', exec: [], queries, ...(maxHeapMb ? { maxHeapMb } : {}) });

describe('readAside', () => {
  it('answers the head, then each query’s rows, from one read', () => {
    const aside = read(['SELECT k, digest_of(v) FROM t ORDER BY k']);
    expect(aside.head(60_000)).toEqual([2]);
    const results = aside.results(60_000);
    expect(results).not.toBeInstanceOf(Error);
    expect((results as unknown[][][])[0].map((r) => r[0])).toEqual(['a', 'b']);
    expect(String((results as unknown[][][])[0][0][1])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('returns an Error at the deadline when the worker runs out of memory and never answers', () => {
    const huge = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 50000000) SELECT i, hex(randomblob(64)) FROM n';
    const aside = read([huge], 16);
    expect(aside.head(60_000)).toEqual([2]);
    const results = aside.results(5_000);
    expect(results).toBeInstanceOf(Error);
    expect((results as Error).message).toMatch(/did not answer/);
  });
});
