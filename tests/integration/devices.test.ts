/**
 * Devices and printing (issue 19) through the dispatcher on a real desk: per-station settings
 * (manager only), lot labels sent as ZPL to a TCP printer that captures them, reprints counted
 * and marked "REPRINT n", a refused printer reported and the same job sent again, the print log
 * and the audit; demo mode's simulated HID scanner and scale; an MT-SICS scale read through the
 * settings over a socat pty pair. Bad input writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { stockUp } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import type { DeviceSettings, LotView, PrintJobView } from '../../src/contract/results';
import { SimulatedZplPrinter } from '../../src/devices/simulators/zpl-printer';
import { openPtyPair, type PtyPair } from '../../src/devices/simulators/pty-pair';
import { openSerial, closeSerial } from '../../src/devices/serial/port';
import { MtSicsSimulator } from '../../src/devices/simulators/serial-scales';
import { DEMO_WEIGHT_GRAMS } from '../../src/app/devices/runtime';

let desk: TestDesk;
let manager: Client;
let clerk: Client;
let oats: LotView;
let printer: SimulatedZplPrinter;

beforeAll(async () => {
  desk = await openTestDesk();
  [oats] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
  manager = await desk.signedIn('manager', '4444');
  clerk = await desk.signedIn('clerk', '1111');
  printer = new SimulatedZplPrinter();
  await printer.listen();
});
afterAll(async () => {
  await printer.close();
  desk.close();
});

async function settle(client: Client, job: PrintJobView): Promise<PrintJobView> {
  let now = job;
  await expect.poll(async () => (now = await client.call('print.job', { jobId: job.id })).status, { timeout: 10_000 }).not.toBe('queued');
  return now;
}

const withPrinter = (settings: DeviceSettings, port: number): DeviceSettings => ({ ...settings, printers: { 'lot-label': { kind: 'zpl-tcp', host: '127.0.0.1', port, dpi: 203, copies: 1 } } });

describe('device settings', () => {
  it('are per station, manager only, and start from the defaults', async () => {
    const settings = await manager.call('devices.settings');
    expect(settings).toMatchObject({ demo: false, scanner: { mode: 'wedge', wedge: { suffix: 'Enter', interKeyMs: 50, gsCtrlBracket: true } }, scale: { protocol: 'none', baudRate: 9600 }, printers: {} });
    expect((await errorOf(clerk.call('devices.settings'))).code).toBe('forbidden');
    expect((await errorOf(clerk.call('devices.saveSettings', settings))).code).toBe('forbidden');
  });

  it('refuse a bad setting and write nothing', async () => {
    const settings = await manager.call('devices.settings');
    const before = snapshot(desk.db);
    const bad = await errorOf(manager.call('devices.saveSettings', { ...settings, scale: { ...settings.scale, protocol: 'mt-sics', port: undefined } }));
    expect(bad).toMatchObject({ code: 'validation', key: 'errors.devices.noPort', field: 'scale.port' });
    expect((await errorOf(manager.call('devices.saveSettings', { ...settings, printers: { 'lot-label': { kind: 'zpl-tcp', host: 'a b', port: 9100, dpi: 203, copies: 1 } } }))).key).toBe('errors.devices.badSettings');
    expect(snapshot(desk.db)).toEqual(before);
  });
});

describe('printing lot labels', () => {
  it('says there is no printer when none is set, and writes nothing', async () => {
    const before = snapshot(desk.db);
    expect(await errorOf(clerk.call('print.lotLabel', { lotId: oats.id, locale: 'en' }))).toMatchObject({ code: 'rule', key: 'errors.devices.noPrinter', params: { document: 'lot-label' } });
    expect((await errorOf(clerk.call('print.lotLabel', { lotId: oats.id, copies: 0 }))).key).toBe('errors.print.copies');
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('sends the label as ZPL; a second print is REPRINT 1; both are in the print log and the audit', async () => {
    await manager.call('devices.saveSettings', withPrinter(await manager.call('devices.settings'), printer.port));
    const first = printer.nextJob();
    const job1 = await settle(clerk, await clerk.call('print.lotLabel', { lotId: oats.id, locale: 'en' }));
    expect(job1).toMatchObject({ status: 'printed', reprint: 0, document: 'lot-label', objectId: oats.id, objectLabel: oats.code, printer: `zpl-tcp 127.0.0.1:${printer.port} 203dpi`, format: 'zpl', copies: 1, attempts: 1 });
    const zpl1 = (await first).bytes.toString();
    expect(zpl1).toContain(`^FD${oats.code}^FS`);
    expect(zpl1).not.toContain('REPRINT');

    const second = printer.nextJob();
    const job2 = await settle(clerk, await clerk.call('print.lotLabel', { lotId: oats.id, copies: 2, locale: 'en' }));
    expect(job2).toMatchObject({ status: 'printed', reprint: 1, copies: 2 });
    const zpl2 = (await second).bytes.toString();
    expect(zpl2.split('^XA').length - 1).toBe(2);
    expect(zpl2).toContain('^FDREPRINT 1^FS');

    const log = await clerk.call('print.log', { objectId: oats.id });
    expect(log.map((j) => [j.reprint, j.status, j.user])).toEqual([
      [1, 'printed', expect.any(String)],
      [0, 'printed', expect.any(String)],
    ]);
    const audit = desk.db.prepare("SELECT command, detail FROM audit WHERE command = 'print.lotLabel' ORDER BY seq").all() as { command: string; detail: string }[];
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].detail)).toMatchObject({ job: job2.id, reprint: 1 });
  });

  it('a refused printer fails the job with a typed error; the retry sends the same job (same reprint number)', async () => {
    const port = printer.port;
    await printer.close();
    const failed = await settle(clerk, await clerk.call('print.lotLabel', { lotId: oats.id, locale: 'en' }));
    expect(failed).toMatchObject({ status: 'failed', reprint: 2, errorKey: 'errors.devices.printerRefused', errorParams: { printer: `127.0.0.1:${port}` } });
    expect((await errorOf(clerk.call('print.retry', { jobId: (await clerk.call('print.log', {}))[1].id }))).key).toBe('errors.devices.jobNotFailed');

    printer = new SimulatedZplPrinter();
    await printer.listen(port);
    const got = printer.nextJob();
    const retried = await settle(clerk, await clerk.call('print.retry', { jobId: failed.id }));
    expect(retried).toMatchObject({ id: failed.id, status: 'printed', reprint: 2, attempts: 2, errorKey: null });
    expect((await got).bytes.toString()).toContain('^FDREPRINT 2^FS');
    // A failed job does not count as a print: the next one is REPRINT 3 only because the retry printed.
    expect((await settle(clerk, await clerk.call('print.lotLabel', { lotId: oats.id, locale: 'en' }))).reprint).toBe(3);
  });
});

describe('demo mode: simulated devices', () => {
  it('the simulated HID scanner and scale go through the real decoders; the test label goes to the demo printer', async () => {
    const settings = await manager.call('devices.settings');
    await manager.call('devices.saveSettings', { ...settings, demo: true, printers: {} });
    const gs1 = `0109506000134352\x1d10${oats.code}`;
    expect(await manager.call('devices.simulateScan', { data: gs1, symbology: ']C1' })).toEqual({ data: gs1, symbology: ']C1', source: 'hid', deviceId: 'hid:0c2e:0b8f:sim:hid-pos-scanner' });
    const long = `01095060001343521727123110${'A'.repeat(20)}\x1d21${'S'.repeat(60)}`;
    expect((await manager.call('devices.simulateScan', { data: long, symbology: ']d2' })).data).toBe(long);
    expect(await clerk.call('devices.readScale')).toMatchObject({ grams: DEMO_WEIGHT_GRAMS, unit: 'g', source: 'hid', deviceId: 'hid:0922:8003:sim:hid-scale' });
    const found = (await manager.call('devices.list')).devices;
    expect(found.filter((d) => d.simulated).map((d) => d.kind).sort()).toEqual(['scale', 'scanner']);
    const test = await settle(manager, await manager.call('devices.testPrinter', { document: 'lot-label' }));
    expect(test).toMatchObject({ status: 'printed', document: 'test', objectLabel: 'lot-label' });
    expect((await errorOf(clerk.call('devices.simulateScan', { data: 'x' }))).code).toBe('forbidden');
  });
});

describe('a serial scale through the settings', () => {
  let pty: PtyPair;
  beforeAll(async () => {
    pty = await openPtyPair();
  });
  afterAll(async () => {
    await pty?.close();
  });

  it('reads a stable MT-SICS weight; a scale that never settles is notStable and says what to do', async () => {
    const devicePort = await openSerial({ path: pty.device });
    const sim = new MtSicsSimulator(devicePort);
    try {
      const settings = await manager.call('devices.settings');
      await manager.call('devices.saveSettings', { ...settings, demo: false, scale: { ...settings.scale, protocol: 'mt-sics', port: pty.desk, timeoutMs: 800 } });
      sim.place(2500.25, 100);
      expect(await clerk.call('devices.readScale')).toEqual({ readingId: expect.any(String), grams: 2500.25, value: 2500.25, unit: 'g', source: 'mt-sics', deviceId: `mt-sics:${pty.desk}` });
      sim.balanceStableTimeoutMs = 200;
      sim.place(900, Infinity);
      expect(await errorOf(clerk.call('devices.readScale'))).toMatchObject({ code: 'rule', key: 'errors.devices.notStable', params: { ms: 800 } });
    } finally {
      sim.stop();
      await closeSerial(devicePort);
    }
  });
});
