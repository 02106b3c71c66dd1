/**
 * A receive command end to end through the HTTP transport: the real `lotdesk serve` process (as
 * a desk runs it) and this process as the client (as a browser or PDA is), JSON over loopback,
 * validation, one durable (synchronous=FULL, WAL) SQLite commit with its audit record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDesk } from '../support/serve-desk';
import { headlineLots, seededCopy } from './dataset';
import { benchSize, row, TINY, type BenchReport } from './harness';

/** `N` timed receives through HTTP on a desk served from `dbFile` (the demo database when none). */
async function measure(dbFile: string | undefined): Promise<number[]> {
  const desk = await startDesk(dbFile ? { dbFile } : {});
  const api = desk.client();
  const call = async (name: string, input: unknown) => {
    const { body } = await api.call(name, input);
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    return body.result as any;
  };
  try {
    // A seeded set holds the demo's people, items and parties (src/app/demo/seed-scale.ts).
    if (!dbFile) await call('station.loadDemo', {});
    await call('session.signIn', { username: 'clerk', secret: '1111' });
    const item = (await call('catalog.items', {})).find((i: { sku: string }) => i.sku === 'TEA-250');
    const supplier = (await call('catalog.parties', { kind: 'supplier' })).find((s: { code: string }) => s.code === 'SUP-HZT');
    const receive = (n: number) =>
      call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `B${n}`, quantity: 24, unit: 'pcs', expiryDate: '2028-01-31' });
    for (let i = 0; i < (TINY ? 5 : 300); i++) await receive(-i - 1); // warm-up: JIT, statement cache, WAL
    const N = benchSize(null, 3000, 20);
    const samples: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await receive(i);
      samples.push(performance.now() - t);
    }
    return samples;
  } finally {
    await desk.stop();
  }
}

export default async function bench(): Promise<BenchReport> {
  const demo = await measure(undefined);
  // The same on the cached seeded set (issue 21): 100k lots, 1M with LOTDESK_BENCH_FULL=1.
  const lots = headlineLots();
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-recv-'));
  try {
    const file = join(dir, 'scale.db');
    const seeded = seededCopy(file, lots);
    const scaled = await measure(file);
    return {
      name: 'Receive through the HTTP transport (issue 2)',
      rows: [
        row(`receive p50, demo database (${demo.length} sequential calls, serve process + client process)`, demo, 'ms'),
        row('receive p99, demo database', demo, 'ms', { stat: 'p99', target: { below: 10 } }),
        row(`receive p50, seeded set of ${lots} lots`, scaled, 'ms'),
        row(`receive p99, seeded set of ${lots} lots`, scaled, 'ms', { stat: 'p99', target: { below: 10 } }),
      ],
      notes: [`${seeded.cached ? 'cached set' : 'seeded now'}: ${seeded.stdout}`],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
