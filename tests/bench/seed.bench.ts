/** `lotdesk seed --scale 100000`: 100k lots, 1M movements, 2k bins — time and database size. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lotdesk } from '../support/cli';
import type { BenchReport } from './harness';

export default async function bench(): Promise<BenchReport> {
  const lots = Number(process.env.LOTDESK_BENCH_LOTS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-seed-'));
  const file = join(dir, 'scale.db');
  try {
    const started = performance.now();
    const r = lotdesk(['seed', '--db', file, '--scale', String(lots)]);
    const seconds = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(r.stderr);
    const movements = lots * 10;
    return {
      name: `Seed --scale ${lots} (issue 2)`,
      rows: [
        { metric: `lotdesk seed --scale ${lots} wall time (${movements} movements, incl. CLI start)`, value: seconds, unit: 's' },
        { metric: 'database size after checkpoint', value: statSync(file).size / 1048576, unit: 'MiB' },
        { metric: 'bytes per movement (whole file / movements)', value: statSync(file).size / movements, unit: 'B' },
      ],
      notes: [r.stdout.trim()],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
