/** `lotdesk seed --scale 100000`: 100k lots, 1M movements, 2k bins — time and database size. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lotdesk } from '../support/cli';
import { benchSize, onceRow, type BenchReport } from './harness';

export default async function bench(): Promise<BenchReport> {
  const lots = benchSize('LOTDESK_BENCH_LOTS', 100_000, 300);
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
        onceRow(`lotdesk seed --scale ${lots} wall time (${movements} movements, incl. CLI start)`, seconds, 's'),
        onceRow('database size after checkpoint', statSync(file).size / 1048576, 'MiB'),
        onceRow('bytes per movement (whole file / movements)', statSync(file).size / movements, 'B'),
      ],
      notes: [r.stdout.trim()],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
