/**
 * A receive command end to end through the HTTP transport: the real `lotdesk serve` process (as
 * a desk runs it) and this process as the client (as a browser or PDA is, on node:http with a
 * kept-alive socket: it shares the two cores), JSON over loopback,
 * validation, one durable (synchronous=FULL, WAL) SQLite commit with its audit record.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeepAliveClient, startDesk } from '../support/serve-desk';
import { headlineLots, seededCopy } from './dataset';
import { benchSize, row, TINY, type BenchReport } from './harness';

interface Timings {
  /** As the client saw each receive. */
  client: number[];
  /** The desk's own Server-Timing of each: the call (`call`) and since the request arrived (`edge`). */
  call: number[];
  edge: number[];
}

/** `N` timed receives through HTTP on a desk served from `dbFile` (the demo database when none). */
async function measure(dbFile: string | undefined): Promise<Timings> {
  const desk = await startDesk(dbFile ? { dbFile } : {});
  const api = new KeepAliveClient(desk.url);
  let timing = '';
  const call = async (name: string, input: unknown) => {
    const { body, headers } = await api.call(name, input);
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    timing = headers.get('server-timing') ?? '';
    return body.result as any;
  };
  const serverMs = (metric: string) => Number(new RegExp(`${metric};dur=([\\d.]+)`).exec(timing)?.[1] ?? NaN);
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
    const samples: Timings = { client: [], call: [], edge: [] };
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await receive(i);
      samples.client.push(performance.now() - t);
      samples.call.push(serverMs('call'));
      samples.edge.push(serverMs('edge'));
    }
    return samples;
  } finally {
    api.close();
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
        row(`receive p50, demo database (${demo.client.length} sequential calls, serve process + client process)`, demo.client, 'ms'),
        row('receive p99, demo database', demo.client, 'ms', { stat: 'p99', target: { below: 10 } }),
        row(`receive p50, seeded set of ${lots} lots`, scaled.client, 'ms'),
        row(`receive p99, seeded set of ${lots} lots`, scaled.client, 'ms', { stat: 'p99', target: { below: 10 } }),
        // Where the tail is: inside the desk's call, in its HTTP edge, or outside the desk (client, CPU wait).
        row(`desk's own time of the call (Server-Timing call) p99, seeded set`, scaled.call, 'ms', { stat: 'p99' }),
        row(`desk's time since the request arrived (Server-Timing edge) p99, seeded set`, scaled.edge, 'ms', { stat: 'p99' }),
        row(`outside the desk (client's time minus edge) p99, seeded set`, scaled.client.map((c, i) => c - scaled.edge[i]), 'ms', { stat: 'p99' }),
        row(`desk's time of the call p99, demo database`, demo.call, 'ms', { stat: 'p99' }),
        row(`desk's time since the request arrived p99, demo database`, demo.edge, 'ms', { stat: 'p99' }),
      ],
      notes: [`${seeded.cached ? 'cached set' : 'seeded now'}: ${seeded.stdout}`],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
