/**
 * Every bench module runs at a tiny scale (LOTDESK_BENCH_TINY=1) through `tests/bench/run.ts`, as
 * `npm run bench` runs it, so bench code cannot rot between the sessions that measure (issue 21).
 * The printed rows must be well formed: a number with its unit, a spread and the count of samples;
 * a row judged against a target summarises at least three measurements. The figures of a tiny run
 * are not looked at.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const benches = readdirSync(join(ROOT, 'tests/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const cache = mkdtempSync(join(tmpdir(), 'lotdesk-bench-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

async function runBench(name: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/run.ts'), name], {
    cwd: ROOT,
    env: { ...process.env, LOTDESK_BENCH_TINY: '1', LOTDESK_BENCH_CACHE: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

interface PrintedRow {
  metric: string;
  value: string;
  spread: string;
  n: number;
  target: string;
  ok: string;
}

function printedRows(out: string): PrintedRow[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| metric |'))
    .map((l) => {
      const cells = l.slice(2, -2).split(' | ');
      expect(cells, l).toHaveLength(6);
      const [metric, value, spread, n, target, ok] = cells.map((c) => c.trim());
      return { metric, value, spread, n: Number(n), target, ok };
    });
}

describe('benchmarks at a tiny scale', () => {
  it('finds the bench modules', () => {
    expect(benches).toContain('outbound');
    expect(benches.length).toBeGreaterThan(15);
  });

  for (const name of benches) {
    it(`${name} prints well-formed measured rows`, { timeout: 300_000 }, async () => {
      const { code, out, err } = await runBench(name);
      expect(code, `${out}\n${err}`).toBe(0);
      expect(out).toContain(`(${name}.bench.ts took`);
      const rows = printedRows(out);
      expect(rows.length, out).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.value, r.metric).toMatch(/^-?\d+(\.\d+)?( \S.*)?$/);
        expect(r.spread, r.metric).not.toBe('');
        expect(r.n, r.metric).toBeGreaterThanOrEqual(1);
        if (r.target) {
          expect(r.n, `${r.metric} is judged on ${r.n} measurement(s)`).toBeGreaterThanOrEqual(3);
          expect(['yes', 'NO']).toContain(r.ok);
        }
      }
    });
  }
});
