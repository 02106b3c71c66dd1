/**
 * Backups (issue 18) on `lotdesk seed --scale N` (default 20k lots, 200k movements): how long the
 * online backup of the file takes, what it costs a receive to run beside it (receives through the
 * dispatcher, each on its own turn of the event loop as HTTP requests arrive), and how long the full
 * check of the backup takes (integrity_check + the audit chain), which a restore runs first.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { runBackup } from '../../src/app/admin/backups';
import { checkBackupFile } from '../../src/app/admin/backup-check';
import { lotdesk } from '../support/cli';
import { benchSize, countRow, onceRow, row, TINY, type BenchReport } from './harness';

const turn = () => new Promise((resolve) => setImmediate(resolve));

export default async function bench(): Promise<BenchReport> {
  const lots = benchSize('LOTDESK_BENCH_LOTS', 20_000, 300);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-backup-bench-'));
  const file = join(dir, 'scale.db');
  const seeded = lotdesk(['seed', '--db', file, '--scale', String(lots)]);
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const { station, dispatch } = openDesk(file);
  const auth: AuthState = {};
  const call = async (name: string, input: unknown) => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.result as any;
  };
  try {
    await call('session.signIn', { username: 'lead', secret: '3333' });
    const item = ((await call('catalog.items', {})) as { id: string; sku: string; unit: string }[]).find((i) => i.sku === 'GEN-0001')!;
    const supplier = ((await call('catalog.parties', { kind: 'supplier' })) as { id: string }[])[0];
    let n = 0;
    const receive = async () => {
      await turn();
      const t = performance.now();
      await call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `BK-${n++}`, quantity: 1, unit: item.unit, expiryDate: '2030-01-01' });
      return performance.now() - t;
    };
    for (let i = 0; i < (TINY ? 5 : 100); i++) await receive(); // warm-up
    const alone: number[] = [];
    for (let i = 0; i < benchSize(null, 400, 10); i++) alone.push(await receive());

    const beside: number[] = [];
    const started = performance.now();
    let done = false;
    const backup = runBackup(station, null).finally(() => (done = true));
    // At least a few receives, so a backup shorter than one (a tiny file) still has a p99 to judge.
    while (!done || beside.length < 3) beside.push(await receive());
    const manifest = await backup;
    const backupMs = performance.now() - started;
    const size = statSync(join(dir, 'backups', manifest.file)).size;

    // The same file again with nothing else running: the copy's own pace.
    const aloneStarted = performance.now();
    await runBackup(station, null);
    const aloneMs = performance.now() - aloneStarted;

    const t = performance.now();
    // A keyed chain is checked with the station's key (as the desk checks its own backups).
    const check = await checkBackupFile(join(dir, 'backups', manifest.file), { keys: station.chain?.keys ?? null });
    const checkMs = performance.now() - t;
    if (!check.ok) throw new Error(`backup check failed: ${check.problem}`);
    return {
      name: `backup (${lots} lots, ${(size / 1e6).toFixed(1)} MB, ${manifest.audit.seq} audit records)`,
      rows: [
        onceRow('online backup, whole file, receives running beside it', backupMs, 'ms'),
        onceRow('online backup, whole file, desk idle', aloneMs, 'ms'),
        row('receive alone p50', alone, 'ms'),
        row('receive alone p99', alone, 'ms', { stat: 'p99' }),
        countRow('receives during the backup', beside.length, beside.length, 'receives'),
        row('receive during backup p50', beside, 'ms'),
        row('receive during backup p99', beside, 'ms', { stat: 'p99', target: { below: 10 } }),
        onceRow('check of the backup (integrity + chain)', checkMs, 'ms'),
      ],
      notes: ['The backup copies 256 pages (1 MiB) per step and yields between steps; a receive waits at most one step.'],
    };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}
