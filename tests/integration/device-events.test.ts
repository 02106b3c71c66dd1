/**
 * HID scans pushed to the active screen and the header's device status (issue 19) through the
 * dispatcher: devices.events answers at once with the status and a cursor, then holds the call
 * until the station's (simulated) HID scanner reads a label, and hands that scan — decoded by the
 * real HID POS code — to the desk's own window, never to a PDA on the LAN; old scans are not
 * replayed to a window that starts later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import type { Client } from '../../src/contract/client';
import { ScanFeed, isDeskWindow, SCAN_FRESH_MS } from '../../src/app/devices/scan-feed';
import { closeDeviceRuntime } from '../../src/app/devices/runtime';

let desk: TestDesk;
let manager: Client;
let clerk: Client;

beforeAll(async () => {
  desk = await openTestDesk();
  manager = await desk.signedIn('manager', '4444');
  clerk = await desk.signedIn('clerk', '1111');
});
afterAll(async () => {
  await closeDeviceRuntime(desk.station);
  desk.close();
});

describe('device status', () => {
  it('a wedge desk with nothing set: wedge scanner, no scale, no printers, the wedge settings', async () => {
    const e = await clerk.call('devices.events', {});
    expect(e.status).toEqual({ demo: false, scanner: { mode: 'wedge', state: 'wedge' }, scale: { state: 'none' }, labelPrinter: 'none', documentPrinter: 'none', wedge: { prefix: '', suffix: 'Enter', interKeyMs: 50, gsSubstitute: '', gsCtrlBracket: true } });
    expect(e.scans).toEqual([]);
  });

  it('a HID scanner that is not plugged in is disconnected; a serial scale on a missing port too', async () => {
    const settings = await manager.call('devices.settings');
    await manager.call('devices.saveSettings', { ...settings, scanner: { ...settings.scanner, mode: 'hid', hidPath: '/dev/hidraw-none', wedge: { ...settings.scanner.wedge, prefix: '#', interKeyMs: 30 } }, scale: { ...settings.scale, protocol: 'mt-sics', port: '/dev/tty-no-scale' } });
    const e = await clerk.call('devices.events', {});
    expect(e.status.scanner).toEqual({ mode: 'hid', state: 'disconnected' });
    expect(e.status.scale).toEqual({ state: 'disconnected', deviceId: 'mt-sics:/dev/tty-no-scale' });
    expect(e.status.wedge).toMatchObject({ prefix: '#', interKeyMs: 30 });
  });
});

describe('HID scans to the active screen', () => {
  it('a held call answers with the scan the simulated HID scanner read; the next call starts after it', async () => {
    const settings = await manager.call('devices.settings');
    await manager.call('devices.saveSettings', { ...settings, demo: true });
    const first = await clerk.call('devices.events', {});
    expect(first.status.scanner).toMatchObject({ mode: 'hid', state: 'connected', deviceId: 'hid:0c2e:0b8f:sim:hid-pos-scanner' });
    expect(first.status).toMatchObject({ scale: { state: 'connected' }, labelPrinter: 'set' });
    const gs1 = '0109506000134352\x1d10LOT-HID-1';
    const started = Date.now();
    const held = clerk.call('devices.events', { after: first.cursor, waitMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    await manager.call('devices.simulateScan', { data: gs1, symbology: ']C1' });
    const got = await held;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(got.scans).toEqual([{ seq: first.cursor + 1, data: gs1, symbology: ']C1', source: 'hid', deviceId: 'hid:0c2e:0b8f:sim:hid-pos-scanner', at: expect.any(String) }]);
    expect(got.cursor).toBe(first.cursor + 1);
    // Nothing new: a call that does not wait answers empty.
    expect((await clerk.call('devices.events', { after: got.cursor })).scans).toEqual([]);
    // A window that opens now does not get the old scan.
    const late = await clerk.call('devices.events', {});
    expect(late.scans).toEqual([]);
    expect(late.cursor).toBe(got.cursor);
  });

  it('a PDA on the LAN gets the status but never the desk scanner’s scans', async () => {
    const pda = desk.client({ client: '192.168.1.40' });
    await pda.call('session.signIn', { username: 'clerk', secret: '1111' });
    const first = await pda.call('devices.events', {});
    await manager.call('devices.simulateScan', { data: '0109506000134352\x1d10LOT-HID-2' });
    const e = await pda.call('devices.events', { after: first.cursor });
    expect(e.scans).toEqual([]);
    expect(e.status.scanner.state).toBe('connected');
    expect((await clerk.call('devices.events', { after: first.cursor })).scans.map((s) => s.data)).toEqual(['0109506000134352\x1d10LOT-HID-2']);
  });

  it('a cursor from before a restart starts over', async () => {
    const e = await clerk.call('devices.events', { after: 10_000 });
    expect(e.scans).toEqual([]);
    expect(e.cursor).toBeLessThan(10_000);
  });
});

describe('scan feed', () => {
  it('keeps fresh scans only and wakes waiters', async () => {
    let now = 1_000_000;
    const feed = new ScanFeed(() => now);
    const waited = feed.wait(60_000);
    feed.push({ data: 'A', symbology: '', source: 'hid', deviceId: 'd' });
    await waited;
    expect(feed.waiting).toBe(0);
    now += SCAN_FRESH_MS + 1;
    feed.push({ data: 'B', symbology: '', source: 'hid', deviceId: 'd' });
    expect(feed.since(0).map((s) => s.data)).toEqual(['B']);
    expect(isDeskWindow(undefined)).toBe(true);
    expect(isDeskWindow('::ffff:127.0.0.1')).toBe(true);
    expect(isDeskWindow('10.0.0.2')).toBe(false);
  });
});
