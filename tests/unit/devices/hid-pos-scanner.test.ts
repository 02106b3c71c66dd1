/**
 * HID POS scanner decoding on recorded report bytes (sources in recorded-reports.ts):
 * - USB HID Point of Sale Usage Tables 1.02 (usb.org/developers/devclass_docs/pos1_02.pdf),
 *   Bar Code Scanner page 0x8C: Scanned Data Report 0x12, Symbology Identifier 1–3 0xFB–0xFD,
 *   Decoded Data 0xFE, Decode Data Continued 0xFF.
 * - Honeywell 1602g capture (github.com/HenkVanAsselt/python_hon_usbhid README), Honeywell firmware
 *   report descriptor (UsbRem.cpp), Access-IS ATR110/LSR118 manuals (appendix "HID reports"),
 *   Quio QU-R-302 manual p. 79, NielsLeenheer/WebHidBarcodeScanner (Code ID at byte 61, continued at 63).
 */
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../../src/devices/errors';
import { encodeScanReports, isPosScanner, layoutFromDescriptor, readScanReport, ScanAssembler, VENDOR_LAYOUTS, type ScanReportLayout } from '../../../src/devices/hid/pos-scanner';
import { parseReportDescriptor } from '../../../src/devices/hid/report-descriptor';
import type { Scan } from '../../../src/devices/types';
import {
  ACCESS_IS_BCBP_DATA_1, ACCESS_IS_BCBP_DATA_2, accessIsReport, HONEYWELL_1602G_ACK, HONEYWELL_1602G_REVINF, HONEYWELL_1602G_REVINF_TEXT, HONEYWELL_POS_DESCRIPTOR, quioReport, SPEC_POS_DESCRIPTOR_NO_COUNT,
} from './recorded-reports';

/** A manual clock for the continuation timeout. */
function harness(layout: ScanReportLayout, timeoutMs = 250) {
  const scans: Scan[] = [];
  const errors: DeviceError[] = [];
  const timers: { fn: () => void; at: number; live: boolean }[] = [];
  let now = 0;
  const assembler = new ScanAssembler(layout, {
    deviceId: 'hid:test',
    continuationTimeoutMs: timeoutMs,
    onScan: (s) => scans.push(s),
    onError: (e) => errors.push(e),
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms, live: true };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => ((h as { live: boolean }).live = false),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers) if (t.live && t.at <= now) {
      t.live = false;
      t.fn();
    }
  };
  return { assembler, scans, errors, advance, push: (r: number[]) => assembler.push(Uint8Array.from(r)) };
}

describe('HID POS report descriptor', () => {
  it('finds the bar code scanner application and the scanned data report of the Honeywell descriptor', () => {
    const d = parseReportDescriptor(HONEYWELL_POS_DESCRIPTOR);
    expect(isPosScanner(d)).toBe(true);
    expect(layoutFromDescriptor(HONEYWELL_POS_DESCRIPTOR)).toEqual({
      name: 'descriptor', reportId: 2, length: 64, lengthByte: 1, aimByte: 2, dataByte: 5, dataSize: 56, vendorCodeByte: 61, continued: { byte: 63, bit: 0 },
    });
  });

  it('reads a descriptor without a byte count (data trimmed of trailing NULs)', () => {
    const layout = layoutFromDescriptor(SPEC_POS_DESCRIPTOR_NO_COUNT);
    expect(layout).toMatchObject({ reportId: 2, length: 61, aimByte: 1, dataByte: 4, dataSize: 56, continued: { byte: 60, bit: 0 } });
    expect(layout.lengthByte).toBeUndefined();
    const report = new Array<number>(61).fill(0);
    report[0] = 2;
    report.splice(1, 3, 0x5d, 0x43, 0x31);
    [...Buffer.from('0109506000134352\x1d10AB12')].forEach((b, i) => (report[4 + i] = b));
    const part = readScanReport(layout, Uint8Array.from(report));
    expect(Buffer.from(part.data).toString()).toBe('0109506000134352\x1d10AB12');
    expect(part.symbology).toBe(']C1');
  });

  it('refuses a descriptor that runs past its end, or has no scanned data report', () => {
    expect(() => parseReportDescriptor(Uint8Array.from([0x05, 0x8c, 0x26, 0xff]))).toThrow(DeviceError);
    expect(() => layoutFromDescriptor(Uint8Array.from([0x05, 0x8d, 0x09, 0x20, 0xa1, 0x01, 0x85, 0x03, 0x75, 0x08, 0x95, 0x05, 0x81, 0x02, 0xc0]))).toThrow(/no scanned data report/);
  });
});

describe('HID POS scanned data reports', () => {
  for (const [name, layout] of [['vendor layout honeywell-zebra', VENDOR_LAYOUTS['honeywell-zebra']], ['layout read from the Honeywell descriptor', layoutFromDescriptor(HONEYWELL_POS_DESCRIPTOR)]] as const) {
    it(`joins the Honeywell 1602g's six continued reports into one message (${name})`, () => {
      const h = harness(layout);
      for (const r of HONEYWELL_1602G_REVINF.slice(0, 5)) h.push(r);
      expect(h.scans).toEqual([]);
      expect(h.assembler.pending).toBe(true);
      h.push(HONEYWELL_1602G_REVINF[5]);
      expect(h.scans).toEqual([{ data: HONEYWELL_1602G_REVINF_TEXT, symbology: ']X0', source: 'hid', deviceId: 'hid:test', vendorSymbology: '?' }]);
      h.push(HONEYWELL_1602G_ACK);
      expect(h.scans[1]).toMatchObject({ data: 'REVINF\x06.', symbology: ']Z6', vendorSymbology: '6' });
      expect(h.errors).toEqual([]);
    });
  }

  it("reads the Access-IS manual's two-report boarding pass (AIM ]Q0, further identifier 's')", () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    h.push(accessIsReport(ACCESS_IS_BCBP_DATA_1, true));
    h.push(accessIsReport(ACCESS_IS_BCBP_DATA_2, false));
    expect(h.scans).toEqual([{ data: ACCESS_IS_BCBP_DATA_1 + ACCESS_IS_BCBP_DATA_2, symbology: ']Q0', source: 'hid', deviceId: 'hid:test', vendorSymbology: 's' }]);
    expect(h.scans[0].data).toHaveLength(60);
  });

  it('keeps GS (0x1D) in GS1 data and reads the length-first (Quio) layout without AIM', () => {
    const h = harness(VENDOR_LAYOUTS['length-first']);
    const gs1 = '010950600013435217271231\x1d10LOT-1';
    h.push(quioReport(gs1, 0x6a, false));
    expect(h.scans).toEqual([{ data: gs1, symbology: '', source: 'hid', deviceId: 'hid:test', vendorSymbology: 'j' }]);
  });

  it('round-trips long GS1 DataMatrix data through several reports of each layout', () => {
    const data = `01095060001343521727123110${'A'.repeat(20)}\x1d21${'S'.repeat(20)}\x1d240${'X'.repeat(30)}\x1d91${'中文'.repeat(10)}`;
    for (const layout of Object.values(VENDOR_LAYOUTS)) {
      const h = harness(layout);
      const reports = encodeScanReports(layout, data, ']d2');
      expect(reports.length).toBeGreaterThan(2);
      expect(reports.every((r) => r.length === 64)).toBe(true);
      reports.forEach((r) => h.assembler.push(r));
      expect(h.scans.map((s) => s.data)).toEqual([data]);
    }
  });

  it('strips an AIM prefix the scanner also put into the data', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    encodeScanReports(VENDOR_LAYOUTS['honeywell-zebra'], ']C10109506000134352', ']C1').forEach((r) => h.assembler.push(r));
    expect(h.scans[0]).toMatchObject({ data: '0109506000134352', symbology: ']C1' });
  });
});

describe('HID POS bad input: no half scan, a typed error', () => {
  it('garbage: a report of another id, or a length beyond the data area', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    h.push([0x04, 0x01, 0x00]);
    const bad = accessIsReport('X', false);
    bad[1] = 60;
    h.push(bad);
    expect(h.errors.map((e) => e.code)).toEqual(['garbage', 'garbage']);
    expect(h.scans).toEqual([]);
  });

  it('truncated: a report shorter than 64 bytes drops the partial scan', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    h.push(HONEYWELL_1602G_REVINF[0]);
    h.push(HONEYWELL_1602G_REVINF[1].slice(0, 30));
    h.push(HONEYWELL_1602G_REVINF[5]);
    expect(h.errors.map((e) => [e.code, e.params])).toEqual([['truncated', { bytes: 30, expected: 64 }]]);
    // The final report after the error is a scan of its own, never glued to the dropped part.
    expect(h.scans.map((s) => s.data)).toEqual(['um: N/A\r\n']);
  });

  it('a continuation that never ends times out, and the next scan starts clean', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra'], 250);
    h.push(HONEYWELL_1602G_REVINF[0]);
    h.advance(200);
    h.push(HONEYWELL_1602G_REVINF[1]);
    h.advance(200);
    expect(h.errors).toEqual([]);
    h.advance(60);
    expect(h.errors.map((e) => [e.code, e.params, e.retryable])).toEqual([['continuationTimeout', { reports: 2 }, true]]);
    expect(h.assembler.pending).toBe(false);
    h.push(HONEYWELL_1602G_ACK);
    expect(h.scans.map((s) => s.symbology)).toEqual([']Z6']);
  });

  it('a stuck continued flag cannot grow a scan without end', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    for (let i = 0; i < 200; i++) h.push(HONEYWELL_1602G_REVINF[0]);
    expect(h.errors[0].code).toBe('garbage');
    expect(h.scans).toEqual([]);
  });

  it('unplugged mid-scan: the partial scan is dropped and reported', () => {
    const h = harness(VENDOR_LAYOUTS['honeywell-zebra']);
    h.push(HONEYWELL_1602G_REVINF[0]);
    h.assembler.unplugged();
    expect(h.errors.map((e) => e.code)).toEqual(['unplugged']);
    expect(h.errors[0].key).toBe('errors.devices.unplugged');
    h.advance(1000);
    expect(h.errors).toHaveLength(1);
    expect(h.scans).toEqual([]);
  });
});
