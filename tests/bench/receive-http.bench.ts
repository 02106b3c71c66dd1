/** A receive command end to end through the HTTP transport: JSON over loopback, validation, one durable SQLite commit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import { createHttpServer } from '../../src/api/http';
import { HTTP_GUARD_HEADER } from '../../src/api/envelope';
import { percentile, type BenchReport } from './harness';

export default async function bench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-bench-'));
  const { station, dispatch } = openDesk(join(dir, 'bench.db'));
  const app = await createHttpServer(dispatch);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  let cookie = '';
  const call = async (name: string, input: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_GUARD_HEADER]: '1', cookie },
      body: JSON.stringify(input),
    });
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    const env = (await res.json()) as { ok: boolean; result: any; error?: unknown };
    if (!env.ok) throw new Error(JSON.stringify(env.error));
    return env.result;
  };
  try {
    await call('station.loadDemo', {});
    await call('session.signIn', { username: 'clerk', secret: '1111' });
    const item = (await call('catalog.items', {})).find((i: { sku: string }) => i.sku === 'TEA-250');
    const supplier = (await call('catalog.parties', { kind: 'supplier' })).find((s: { code: string }) => s.code === 'SUP-HZT');
    const receive = (n: number) =>
      call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `B${n}`, quantity: 24, unit: 'pcs', expiryDate: '2028-01-31' });
    for (let i = 0; i < 200; i++) await receive(-i - 1); // warm-up
    const samples: number[] = [];
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await receive(i);
      samples.push(performance.now() - t);
    }
    const p99 = percentile(samples, 99);
    return {
      name: 'Receive through the HTTP transport (issue 2)',
      rows: [
        { metric: `receive p50 (${N} calls, synchronous=FULL WAL commit)`, value: percentile(samples, 50), unit: 'ms' },
        { metric: 'receive p99', value: p99, unit: 'ms', target: '< 10 ms', ok: p99 < 10 },
        { metric: 'receive max', value: Math.max(...samples), unit: 'ms' },
      ],
    };
  } finally {
    await app.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
