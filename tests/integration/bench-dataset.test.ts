/**
 * The cached seeded set of the benches (issue 21, item 2): made once per generator version, each
 * bench given its own copy that opens as the station it was seeded as (its key and checkpoints
 * beside it) and whose chain verifies; a second call reuses the set.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatorVersion, seededCopy } from '../bench/dataset';
import { lotdesk } from '../support/cli';
import { openDatabase } from '../../src/store/db';

describe('bench data set cache', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lotdesk-bench-cache-'));
    saved = process.env.LOTDESK_BENCH_CACHE;
    process.env.LOTDESK_BENCH_CACHE = join(dir, 'cache');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LOTDESK_BENCH_CACHE;
    else process.env.LOTDESK_BENCH_CACHE = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds once per generator version and hands out copies that verify', () => {
    const first = seededCopy(join(dir, 'a', 'scale.db'), 300);
    expect(first.cached).toBe(false);
    expect(first.stdout).toContain('300 lots');
    const second = seededCopy(join(dir, 'b', 'scale.db'), 300);
    expect(second.cached).toBe(true);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(dir, 'cache'))).toEqual([generatorVersion()]);
    // Each copy is a file of its own with the same set, and each verifies with the key copied beside it.
    const b = openDatabase(join(dir, 'b', 'scale.db'));
    const a = openDatabase(join(dir, 'a', 'scale.db'));
    expect(b.prepare('SELECT COUNT(*) FROM movements').pluck().get()).toBe(a.prepare('SELECT COUNT(*) FROM movements').pluck().get());
    a.close();
    b.close();
    for (const copy of ['a', 'b']) {
      const r = lotdesk(['audit', 'verify', '--db', join(dir, copy, 'scale.db')]);
      expect(r.stdout).toContain('audit trail intact');
      expect(r.status).toBe(0);
    }
  });
});
