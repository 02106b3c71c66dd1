/**
 * Locations and purchase orders (issue 15): a 5,000-bin range previewed and created (each bin
 * audited field by field), the bin list read back, 100 bin labels rendered, and a 2,000-line
 * purchase-order file checked and imported — on a real SQLite file through the dispatcher.
 */
import { openTestDesk } from '../support/desk';
import { onceRow, row, TINY, type Bench } from './harness';

const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const bench: Bench = async () => {
  const desk = await openTestDesk();
  try {
    const manager = await desk.signedIn('manager', '4444');
    const zone = await manager.call('zones.create', { code: 'R', name: 'Racks' });
    const range = { zoneId: zone.id, kind: 'storage' as const, prefix: 'R', parts: [{ from: 'A', to: TINY ? 'B' : 'J' }, { from: '1', to: TINY ? '5' : '50', width: 2 }, { from: '1', to: TINY ? '2' : '10', width: 2 }] };
    const previews: number[] = [];
    for (let i = 0; i < 5; i++) previews.push(await time(() => manager.call('locations.previewRange', range)));
    const create = await time(() => manager.call('locations.createRange', range));
    const lists: number[] = [];
    for (let i = 0; i < 20; i++) lists.push(await time(() => manager.call('locations.list', {})));
    const bins = (await manager.call('locations.list', {})).filter((b) => b.zoneCode === 'R').slice(0, 100);
    const labels = await time(() => manager.call('labels.bins', { locationIds: bins.map((b) => b.id) }));

    const lead = await desk.signedIn('lead', '3333');
    const rows = ['Supplier,Reference,Expected date,SKU,Quantity'];
    for (let i = 0; i < (TINY ? 40 : 2000); i++) rows.push(`SUP-HZT,R-${Math.floor(i / 20)},2026-12-20,${i % 2 ? 'TEA-250' : 'SOY-500'},${(i % 7) + 1}`);
    const base64 = Buffer.from(rows.join('\n')).toString('base64');
    let preview: Awaited<ReturnType<typeof lead.call<'purchaseOrders.checkImport'>>> | undefined;
    const check = await time(async () => (preview = await lead.call('purchaseOrders.checkImport', { fileName: 'po.csv', base64 })));
    const orders = preview!.orders.map(({ supplierId, reference, expectedDate, lines }) => ({ supplierId, reference, expectedDate, lines: lines.map(({ itemId, quantity }) => ({ itemId, quantity })) }));
    const imported = await time(() => lead.call('purchaseOrders.import', { orders }));
    return {
      name: 'Locations and purchase orders (issue 15)',
      rows: [
        row('previewRange 5,000 bins, median of 5', previews, 'ms'),
        onceRow('createRange 5,000 bins (one transaction, 20,000 audit changes)', create, 'ms'),
        row('locations.list, 5,020 bins, median', lists, 'ms'),
        row('locations.list, 5,020 bins, p99 of 20', lists, 'ms', { stat: 'p99' }),
        onceRow(`labels.bins, ${bins.length} labels (PDF)`, labels, 'ms'),
        onceRow(`purchaseOrders.checkImport, ${rows.length - 1}-row CSV`, check, 'ms'),
        onceRow(`purchaseOrders.import, ${orders.length} orders × 20 lines`, imported, 'ms'),
      ],
    };
  } finally {
    desk.close();
  }
};
export default bench;
