/**
 * A simulated USB bus for demos, support and tests: HID POS scanners and HID scales that write
 * the same input reports the real devices do (the vendor layouts and descriptors in
 * hid/pos-scanner.ts and hid/scale.ts), can be unplugged and plugged back, and can send garbage.
 * It implements HidBackend, so the same HidScanner / HidScale code runs on it as on node-hid.
 */
import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceInfo, HidHandle } from '../hid/backend';
import { encodeScanReports, POS_SCANNER_PAGE, POS_SCANNER_USAGE, VENDOR_LAYOUTS, type ScanReportLayout } from '../hid/pos-scanner';
import { encodeScaleReport, SCALE_PAGE, type ScaleStatus } from '../hid/scale';

/**
 * The report descriptor of the Honeywell (HHP) HID POS interface's Scanned Data Report, as in
 * Honeywell's scanner firmware source (interfaces_usb2/rem/UsbRem.cpp, "a subset of HID POS",
 * public on GitHub): application 0x8C:0x02, report id 2, Generic Desktop Byte Count, Symbology
 * Identifier 1–3 (0x8C:0xFB–0xFD), 56 bytes Decoded Data (0x8C:0xFE, buffered), vendor page
 * 0xFF66 Code ID + reserved, 8 one-bit Decode Data Continued (0x8C:0xFF). The output report
 * (id 253) that follows in the firmware is left out: only input reports matter here.
 */
export const HONEYWELL_POS_DESCRIPTOR = Uint8Array.from([
  0x06, 0x8c, 0xff, 0x05, 0x8c, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x12, 0xa1, 0x02, 0x85, 0x02, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x01,
  0x05, 0x01, 0x09, 0x3b, 0x81, 0x02, 0x95, 0x03, 0x05, 0x8c, 0x09, 0xfb, 0x09, 0xfc, 0x09, 0xfd, 0x81, 0x02, 0x95, 0x38, 0x09, 0xfe, 0x82, 0x02, 0x01,
  0x06, 0x66, 0xff, 0x95, 0x02, 0x09, 0x04, 0x09, 0x00, 0x81, 0x02, 0x05, 0x8c, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x09, 0xff, 0x81, 0x02, 0xc0, 0xc0,
]);

class SimHandle extends EventEmitter implements HidHandle {
  open = true;
  constructor(readonly device: SimDevice) {
    super();
  }
  close(): void {
    this.open = false;
    this.device.handles.delete(this);
  }
}

abstract class SimDevice {
  readonly handles = new Set<SimHandle>();
  plugged = true;
  constructor(readonly info: HidDeviceInfo, readonly descriptor: Uint8Array | null) {}

  /** Writes one raw input report to whoever has the device open. */
  send(report: Uint8Array): void {
    if (!this.plugged) return;
    for (const h of this.handles) h.emit('data', Buffer.from(report));
  }

  unplug(): void {
    this.plugged = false;
    for (const h of [...this.handles]) {
      h.emit('error', new Error('could not read from HID device'));
      h.close();
    }
  }

  plug(): void {
    this.plugged = true;
  }
}

export class SimulatedHidScanner extends SimDevice {
  constructor(info: HidDeviceInfo, readonly layout: ScanReportLayout = VENDOR_LAYOUTS['honeywell-zebra'], descriptor: Uint8Array | null = null) {
    super(info, descriptor);
  }

  /** The reports of one scan, written back to back (or only the first `reports` of them: a scan cut short). */
  scan(data: string, symbology = ']C1', options: { reports?: number; vendorCode?: string } = {}): Buffer[] {
    const reports = encodeScanReports(this.layout, data, symbology, options.vendorCode);
    for (const r of reports.slice(0, options.reports ?? reports.length)) this.send(r);
    return reports;
  }
}

export class SimulatedHidScale extends SimDevice {
  private timer: ReturnType<typeof setInterval> | null = null;
  grams = 0;
  status: ScaleStatus = 'zero';

  /** Puts a weight on the pan; a real scale shows motion first, then settles. */
  place(grams: number, options: { settleReports?: number } = {}): void {
    const motion = options.settleReports ?? 2;
    for (let i = 0; i < motion; i++) this.send(encodeScaleReport(grams * (0.9 + 0.05 * i), { status: 'motion' }));
    this.grams = grams;
    this.status = grams === 0 ? 'zero' : grams < 0 ? 'underZero' : grams > 0xffff ? 'overload' : 'stable';
  }

  /** One report of the current weight. */
  report(): void {
    this.send(encodeScaleReport(this.status === 'overload' ? 0 : this.grams, { status: this.status }));
  }

  /** Reports the weight every `ms` as real scales do while awake. */
  stream(ms = 50): void {
    this.stop();
    this.timer = setInterval(() => this.report(), ms);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export class SimulatedHidBus implements HidBackend {
  readonly devices_: SimDevice[] = [];

  addScanner(options: { path?: string; vendorId?: number; productId?: number; product?: string; layout?: ScanReportLayout; descriptor?: Uint8Array } = {}): SimulatedHidScanner {
    const d = new SimulatedHidScanner(
      { path: options.path ?? `sim:scanner:${this.devices_.length}`, vendorId: options.vendorId ?? 0x0c2e, productId: options.productId ?? 0x0b8f, product: options.product ?? 'Simulated HID POS scanner', manufacturer: 'LotDesk simulator', usagePage: POS_SCANNER_PAGE, usage: POS_SCANNER_USAGE },
      options.layout,
      options.descriptor ?? null,
    );
    this.devices_.push(d);
    return d;
  }

  addScale(options: { path?: string } = {}): SimulatedHidScale {
    const d = new SimulatedHidScale({ path: options.path ?? `sim:scale:${this.devices_.length}`, vendorId: 0x0922, productId: 0x8003, product: 'Simulated HID scale (DYMO M10 reports)', manufacturer: 'LotDesk simulator', usagePage: SCALE_PAGE, usage: 0x20 }, null);
    this.devices_.push(d);
    return d;
  }

  devices(): HidDeviceInfo[] {
    return this.devices_.filter((d) => d.plugged).map((d) => d.info);
  }

  open(path: string): HidHandle {
    const d = this.devices_.find((x) => x.info.path === path && x.plugged);
    if (!d) throw new Error(`cannot open device with path ${path}`);
    const h = new SimHandle(d);
    d.handles.add(h);
    return h;
  }

  reportDescriptor(path: string): Uint8Array | null {
    return this.devices_.find((x) => x.info.path === path)?.descriptor ?? null;
  }

  close(): void {
    for (const d of this.devices_) if (d instanceof SimulatedHidScale) d.stop();
  }
}
