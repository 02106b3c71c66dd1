/**
 * HID scales (HID Point of Sale Usage Tables 1.02, Weighing Devices page 0x8D, Scale Data
 * Report id 3: status, unit, signed exponent, 16-bit little-endian weight). Recorded bytes:
 * DYMO M10 "03 04 0B FF 31 00" (hid-scale crate, Dymo driver); vendor/product ids from
 * erjiang/usbscale scales.h. The simulated bus (src/devices/simulators/hid.ts) drives the same
 * HidScanner/HidScale code node-hid does: hot-plug, sleep and reconnect included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../../../src/devices/errors';
import { hidKind } from '../../../src/devices/hid/discovery';
import { HidScale, HidScanner } from '../../../src/devices/hid/hid-devices';
import { layoutFromDescriptor } from '../../../src/devices/hid/pos-scanner';
import { decodeScaleReport, encodeScaleReport } from '../../../src/devices/hid/scale';
import { SimulatedHidBus } from '../../../src/devices/simulators/hid';
import { StabilityFilter } from '../../../src/devices/stability';
import type { Scan } from '../../../src/devices/types';
import { DYMO_M10_4_9_OZ, HONEYWELL_1602G_REVINF, HONEYWELL_POS_DESCRIPTOR } from './recorded-reports';

describe('HID scale data report', () => {
  it('reads the DYMO M10 capture as 4.9 oz stable = 138.91 g', () => {
    expect(decodeScaleReport(Uint8Array.from(DYMO_M10_4_9_OZ), 'hid:dymo')).toEqual({
      status: 'stable', value: 4.9, unit: 'oz', grams: 138.912663, stable: true, overload: false, underZero: false, source: 'hid', deviceId: 'hid:dymo',
    });
  });

  it('converts grams, kilograms and pounds, and reads zero, motion, overload and under zero', () => {
    const r = (bytes: number[]) => decodeScaleReport(Uint8Array.from(bytes), 'x');
    expect(r([3, 4, 2, 0, 0xe8, 0x03])).toMatchObject({ value: 1000, unit: 'g', grams: 1000 });
    expect(r([3, 4, 3, 0xfd, 0x39, 0x30])).toMatchObject({ value: 12.345, unit: 'kg', grams: 12345 });
    expect(r([3, 4, 12, 0xfe, 0xe8, 0x03])).toMatchObject({ value: 10, unit: 'lb', grams: 4535.9237 });
    expect(r([3, 2, 2, 0, 0, 0])).toMatchObject({ grams: 0, stable: true });
    expect(r([3, 3, 2, 0, 0x10, 0])).toMatchObject({ grams: 16, stable: false });
    expect(r([3, 6, 2, 0, 0, 0])).toMatchObject({ overload: true, stable: false });
    expect(r([3, 5, 11, 0xff, 0x05, 0])).toMatchObject({ underZero: true, value: -0.5, stable: false });
  });

  it('refuses garbage, truncated reports, unknown status/unit and a scale asking for calibration', () => {
    const code = (bytes: number[]) => {
      try {
        decodeScaleReport(Uint8Array.from(bytes), 'x');
        return 'ok';
      } catch (e) {
        return (e as DeviceError).code;
      }
    };
    expect(code([0x02, 0x04, 0x02, 0, 1, 0])).toBe('garbage');
    expect(code([0x03, 0x04, 0x02])).toBe('truncated');
    expect(code([0x03, 0x09, 0x02, 0, 1, 0])).toBe('garbage');
    expect(code([0x03, 0x04, 0x0e, 0, 1, 0])).toBe('garbage');
    expect(code([0x03, 0x07, 0x02, 0, 1, 0])).toBe('refused');
  });

  it('writes what it reads (the simulator report)', () => {
    expect(decodeScaleReport(encodeScaleReport(2500), 's')).toMatchObject({ grams: 2500, stable: true });
    expect(decodeScaleReport(encodeScaleReport(4.9, { unit: 'oz' }), 's')).toMatchObject({ value: 4.9, unit: 'oz' });
  });

  it('is stable only after N equal stable readings', () => {
    const f = new StabilityFilter(3);
    const read = (bytes: number[]) => f.push(decodeScaleReport(Uint8Array.from(bytes), 'x'));
    expect(read([3, 4, 2, 0, 100, 0])).toBeNull();
    expect(read([3, 4, 2, 0, 100, 0])).toBeNull();
    expect(read([3, 4, 2, 0, 101, 0])).toBeNull();
    expect(read([3, 3, 2, 0, 101, 0])).toBeNull();
    expect(read([3, 4, 2, 0, 101, 0])).toBeNull();
    expect(read([3, 4, 2, 0, 101, 0])).toBeNull();
    expect(read([3, 4, 2, 0, 101, 0])).toMatchObject({ grams: 101 });
  });
});

describe('HID devices on the simulated bus', () => {
  let bus: SimulatedHidBus;
  const closers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c.close();
    bus?.close();
  });

  it('tells scanners and scales apart by usage page or known vendor/product id', () => {
    expect(hidKind({ path: 'a', vendorId: 1, productId: 1, usagePage: 0x8c, usage: 2 })).toBe('scanner');
    expect(hidKind({ path: 'b', vendorId: 0x0922, productId: 0x8003, usagePage: 0xff00 })).toBe('scale');
    expect(hidKind({ path: 'c', vendorId: 0x046d, productId: 0xc52b, usagePage: 1, usage: 6 })).toBeNull();
  });

  it('a scanner: scans arrive, an unplug mid-scan reports no half scan, a replug reconnects', async () => {
    bus = new SimulatedHidBus();
    const sim = bus.addScanner({ descriptor: HONEYWELL_POS_DESCRIPTOR });
    const statuses: string[] = [];
    const scanner = new HidScanner({ backend: bus, pollMs: 10_000, onStatus: (s) => statuses.push(s) });
    closers.push(scanner);
    const scans: Scan[] = [];
    const errors: string[] = [];
    scanner.onScan((s) => scans.push(s));
    scanner.onError((e) => errors.push(e.code));
    expect(scanner.connected).toBe(true);
    sim.scan('0109506000134352\x1d10LOT-7', ']C1');
    expect(scans).toEqual([{ data: '0109506000134352\x1d10LOT-7', symbology: ']C1', source: 'hid', deviceId: 'hid:0c2e:0b8f:sim:scanner:0' }]);

    sim.send(Uint8Array.from(HONEYWELL_1602G_REVINF[0]));
    sim.unplug();
    expect(errors).toEqual(['unplugged']);
    expect(scanner.connected).toBe(false);
    sim.plug();
    scanner.check();
    expect(scanner.connected).toBe(true);
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
    sim.scan('AFTER-REPLUG', ']C0');
    expect(scans.map((s) => s.data)).toEqual(['0109506000134352\x1d10LOT-7', 'AFTER-REPLUG']);
    expect(layoutFromDescriptor(HONEYWELL_POS_DESCRIPTOR).dataSize).toBe(56);
  });

  it('a scale: a stable weight after motion; a scale that never settles times out; sleep and wake', async () => {
    bus = new SimulatedHidBus();
    const sim = bus.addScale();
    const scale = new HidScale({ backend: bus, pollMs: 10_000, equalReadings: 3 });
    closers.push(scale);
    sim.stream(5);
    sim.place(1250);
    await expect(scale.readStable({ timeoutMs: 2000 })).resolves.toMatchObject({ grams: 1250, stable: true, source: 'hid' });

    sim.stop();
    const moving = setInterval(() => sim.send(encodeScaleReport(1000 + Math.random() * 50, { status: 'motion' })), 5);
    await expect(scale.readStable({ timeoutMs: 150 })).rejects.toMatchObject({ code: 'notStable' });
    clearInterval(moving);

    sim.place(70_000);
    sim.stream(5);
    await expect(scale.readStable({ timeoutMs: 150 })).rejects.toMatchObject({ code: 'overload' });
    await expect(scale.tare()).rejects.toMatchObject({ code: 'unsupported' });

    // The scale goes to sleep (leaves the bus) during a read, then wakes up.
    const reading = scale.readStable({ timeoutMs: 2000 });
    sim.unplug();
    await expect(reading).rejects.toMatchObject({ code: 'unplugged' });
    sim.plug();
    sim.place(500);
    scale.check();
    await expect(scale.readStable({ timeoutMs: 2000 })).resolves.toMatchObject({ grams: 500 });
  });
});
