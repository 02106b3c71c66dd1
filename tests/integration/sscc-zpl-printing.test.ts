/**
 * print.ssccLabel to a ZPL printer (issue 19): the SSCC label, once PDF only, now goes to a
 * thermal printer as ZPL at its dpi — here the TCP 9100 capture listener — with the package's
 * GS1 data in the captured bars (decoded offline by zxing) and "REPRINT 1" on the second print.
 * The CoA and the other A4 documents still refuse a ZPL printer (document-printing.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { PrintJobView } from '../../src/contract/results';
import { SimulatedZplPrinter } from '../../src/devices/simulators/zpl-printer';
import { closeDeviceRuntime } from '../../src/app/devices/runtime';
import { decodePng } from '../unit/documents/helpers/zxing';
import { code128Fields, renderCodewords } from '../unit/devices/zpl-interpret';

let desk: TestDesk;
let printer: SimulatedZplPrinter;

beforeAll(async () => {
  desk = await openTestDesk();
  printer = new SimulatedZplPrinter();
  await printer.listen();
});
afterAll(async () => {
  await printer.close();
  await closeDeviceRuntime(desk.station);
  desk.close();
});

async function settle(client: Client, job: PrintJobView): Promise<PrintJobView> {
  let now = job;
  await expect.poll(async () => (now = await client.call('print.job', { jobId: job.id })).status, { timeout: 10_000 }).not.toBe('queued');
  return now;
}

describe('the SSCC label on a ZPL printer', () => {
  it('prints as ZPL at 300 dpi with the package’s GS1 data in the bars; a reprint says so', async () => {
    const [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-03-31', quantity: 10, bin: 'A-01' }]);
    const lead = await desk.signedIn('lead', '3333');
    const clerk = await desk.signedIn('clerk', '1111');
    const manager = await desk.signedIn('manager', '4444');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 4 }] });
    await lead.call('allocation.allocate', { orderId: order.id });
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan: tea.code, quantity: 4 });
    const pack = await clerk.call('packing.scan', { orderId: order.id, scan: tea.code, quantity: 4 });
    const settings = await manager.call('devices.settings');
    await manager.call('devices.saveSettings', { ...settings, printers: { 'sscc-label': { kind: 'zpl-tcp', host: '127.0.0.1', port: printer.port, dpi: 300, copies: 1 } } });

    const got = printer.nextJob();
    const job = await settle(clerk, await clerk.call('print.ssccLabel', { packageId: pack.packageId, locale: 'en' }));
    expect(job).toMatchObject({ status: 'printed', document: 'sscc-label', format: 'zpl', objectLabel: pack.sscc, printer: `zpl-tcp 127.0.0.1:${printer.port} 300dpi`, reprint: 0 });
    const zpl = (await got).bytes.toString('utf8');
    expect(zpl).toContain('^PW1200');
    const decoded = (await Promise.all(code128Fields(zpl).map(async (f) => decodePng(await renderCodewords(f))))).flat();
    expect(decoded.at(-1)!.hri).toBe(`(00)${pack.sscc}`);
    // The contents (02)(17)(37)(10) above the SSCC, as the PDF label's DataMatrix carries them with (00).
    const [contents] = decoded.map((d) => d.hri).join('').split(`(00)${pack.sscc}`);
    expect(contents).toMatch(/^\(02\)\d{14}\(17\)280331\(37\)4\(10\)/);
    expect(contents.endsWith(`(10)${tea.code}`)).toBe(true);

    const again = printer.nextJob();
    expect(await settle(clerk, await clerk.call('print.ssccLabel', { packageId: pack.packageId, locale: 'zh-CN' }))).toMatchObject({ status: 'printed', reprint: 1 });
    expect((await again).bytes.toString('utf8')).toContain('^FD补打 1^FS');
  }, 30_000);
});
