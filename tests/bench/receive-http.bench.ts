/**
 * A receive command end to end through the HTTP transport: the real `lotdesk serve` process (as
 * a desk runs it) and this process as the client (as a browser or PDA is), JSON over loopback,
 * validation, one durable (synchronous=FULL, WAL) SQLite commit with its audit record.
 */
import { startDesk } from '../support/serve-desk';
import { benchSize, row, TINY, type BenchReport } from './harness';

export default async function bench(): Promise<BenchReport> {
  const desk = await startDesk();
  const api = desk.client();
  const call = async (name: string, input: unknown) => {
    const { body } = await api.call(name, input);
    if (!body.ok) throw new Error(JSON.stringify(body.error));
    return body.result as any;
  };
  try {
    await call('station.loadDemo', {});
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
    return {
      name: 'Receive through the HTTP transport (issue 2)',
      rows: [
        row(`receive p50 (${N} sequential calls, serve process + client process)`, samples, 'ms'),
        row('receive p99', samples, 'ms', { stat: 'p99', target: { below: 10 } }),
      ],
    };
  } finally {
    await desk.stop();
  }
}
