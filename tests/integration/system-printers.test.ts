/**
 * The Devices screen's printer list (issue 19): the CUPS queues (lpstat, the only list in serve
 * mode) and the shell's system printers (in Electron: webContents.getPrintersAsync, the only list
 * a Windows desk has), each with its source. The shell cannot run here, so the runtime is handed a
 * fake lister as main/index.ts hands it the real one; a lister that fails leaves the CUPS queues
 * listed and says why in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { cupsUnavailable, startPrivateCups, type PrivateCups } from '../support/cups';
import type { Client } from '../../src/contract/client';
import type { SystemPrinter } from '../../src/contract/results';
import { closeDeviceRuntime, deviceRuntime } from '../../src/app/devices/runtime';
import { translate } from '../../src/i18n/translate';

const noCups = cupsUnavailable();

describe.skipIf(noCups !== null)(`devices.list: CUPS and system printers${noCups ? ` (skipped: ${noCups})` : ''}`, () => {
  let desk: TestDesk;
  let manager: Client;
  let cups: PrivateCups;

  beforeAll(async () => {
    cups = await startPrivateCups('ListedQueue');
    desk = await openTestDesk();
    manager = await desk.signedIn('manager', '4444');
    // A printer on the private scheduler, so devices.list asks that server's lpstat too.
    const settings = await manager.call('devices.settings');
    await manager.call('devices.saveSettings', { ...settings, printers: { coa: { kind: 'cups', queue: 'ListedQueue', server: cups.server, format: 'pdf', copies: 1 } } });
  }, 30_000);
  afterAll(async () => {
    await closeDeviceRuntime(desk.station);
    desk?.close();
    await cups?.stop();
  });

  const printers = async () => (await manager.call('devices.list')).devices.filter((d) => d.kind === 'printer');

  it('serve mode (no shell lister): the CUPS queues only, named as CUPS', async () => {
    deviceRuntime(desk.station).systemPrinterLister = null;
    const list = await manager.call('devices.list');
    expect(list.problems).toEqual([]);
    expect(list.devices.filter((d) => d.kind === 'printer' && d.path === 'ListedQueue')).toEqual([{ kind: 'printer', path: 'ListedQueue', name: 'ListedQueue (cups-pdf:/)', simulated: false, source: 'cups' }]);
    expect((await printers()).every((d) => d.source === 'cups')).toBe(true);
  });

  it('with the shell’s lister: the system printers beside the CUPS queues, with the default and state', async () => {
    const windows: SystemPrinter[] = [
      { name: 'Zebra ZD421 (203 dpi)', displayName: 'Zebra ZD421', description: 'ZDesigner ZD421-203dpi ZPL', isDefault: true, state: 'unknown' },
      { name: 'Microsoft Print to PDF', displayName: 'Microsoft Print to PDF', isDefault: false, state: 'idle' },
    ];
    deviceRuntime(desk.station).systemPrinterLister = () => Promise.resolve(windows);
    const list = await manager.call('devices.list');
    expect(list.problems).toEqual([]);
    expect(list.devices.filter((d) => d.source === 'system')).toEqual([
      { kind: 'printer', path: 'Zebra ZD421 (203 dpi)', name: 'Zebra ZD421 (ZDesigner ZD421-203dpi ZPL)', simulated: false, source: 'system', isDefault: true, state: 'unknown' },
      { kind: 'printer', path: 'Microsoft Print to PDF', name: 'Microsoft Print to PDF', simulated: false, source: 'system', isDefault: false, state: 'idle' },
    ]);
    expect(list.devices.some((d) => d.source === 'cups' && d.path === 'ListedQueue')).toBe(true);
  });

  it('a lister that fails: the CUPS queues are still listed and the problem is said in English and Chinese', async () => {
    deviceRuntime(desk.station).systemPrinterLister = () => Promise.reject(new Error('no window is open'));
    const list = await manager.call('devices.list');
    expect(list.devices.some((d) => d.source === 'cups' && d.path === 'ListedQueue')).toBe(true);
    expect(list.devices.some((d) => d.source === 'system')).toBe(false);
    expect(list.problems).toEqual([{ key: 'errors.devices.systemPrinters', params: { reason: 'no window is open' } }]);
    const [p] = list.problems;
    expect(translate('en', p.key, p.params)).toBe('The system’s printer list could not be read (no window is open). The CUPS queues are listed; look again, or type the printer’s name.');
    expect(translate('zh-CN', p.key, p.params)).toBe('无法读取系统的打印机列表（no window is open）。已列出 CUPS 队列；请重新查找，或直接输入打印机名称。');
    // A lister that throws synchronously is caught the same way.
    deviceRuntime(desk.station).systemPrinterLister = () => {
      throw new Error('getPrintersAsync is not a function');
    };
    expect((await manager.call('devices.list')).problems[0].params.reason).toBe('getPrintersAsync is not a function');
  });
});
