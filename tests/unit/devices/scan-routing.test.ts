/** HID scans in the renderer go to the screen in front (the last registered target), never while a dialog is open or the window is hidden. */
import { describe, expect, it } from 'vitest';
import { ScanRouter, type RoutedScan } from '../../../renderer/devices/scan-routing';

const scan = (data: string): RoutedScan => ({ data, symbology: ']C1', source: 'hid', deviceId: 'hid:0c2e:0b8f:x' });
const shown = { dialogOpen: false, visible: true };

describe('HID scan routing', () => {
  it('gives a scan to the screen mounted last, and to the one behind it once that one is gone', () => {
    const router = new ScanRouter();
    const got: string[] = [];
    const offReceiving = router.register((s) => got.push(`receiving:${s.data}`));
    const offPicking = router.register((s) => got.push(`picking:${s.data}`));
    expect(router.route(scan('A'), shown)).toBe('delivered');
    offPicking();
    expect(router.route(scan('B'), shown)).toBe('delivered');
    expect(got).toEqual(['picking:A', 'receiving:B']);
    offReceiving();
    offReceiving();
    expect(router.count).toBe(0);
    expect(router.route(scan('C'), shown)).toBe('noTarget');
    expect(got).toHaveLength(2);
  });

  it('refuses a scan while a dialog is open or the window is hidden, and gives the next one', () => {
    const router = new ScanRouter();
    const got: string[] = [];
    router.register((s) => got.push(s.data));
    expect(router.route(scan('A'), { dialogOpen: true, visible: true })).toBe('dialogOpen');
    expect(router.route(scan('B'), { dialogOpen: false, visible: false })).toBe('hidden');
    expect(router.route(scan('C\x1d10X'), shown)).toBe('delivered');
    expect(got).toEqual(['C\x1d10X']);
  });

  it('a target removed in the middle keeps the order of the others', () => {
    const router = new ScanRouter();
    const got: string[] = [];
    router.register(() => got.push('a'));
    const offB = router.register(() => got.push('b'));
    router.register(() => got.push('c'));
    offB();
    router.route(scan('x'), shown);
    expect(got).toEqual(['c']);
  });
});
