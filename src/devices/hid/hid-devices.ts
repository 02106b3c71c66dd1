/** The HID POS scanner and the HID scale as `Scanner` / `Scale` over a kept-open connection. */
import { DeviceError } from '../errors';
import { StabilityFilter } from '../stability';
import type { Scale, ScaleReadOptions, ScaleReading, Scan, Scanner } from '../types';
import { hidDeviceId, type HidBackend, type HidDeviceInfo } from './backend';
import { HidConnection, type ConnectionStatus } from './connection';
import { hidKind } from './discovery';
import { isPosScanner, layoutFromDescriptor, ScanAssembler, VENDOR_LAYOUTS, type ScanReportLayout, type VendorLayoutName } from './pos-scanner';
import { parseReportDescriptor } from './report-descriptor';
import { decodeScaleReport } from './scale';

export interface HidDeviceOptions {
  backend: HidBackend;
  /** A device path; without it the first device of the kind. */
  path?: string;
  pollMs?: number;
  onStatus?: (status: ConnectionStatus, device: HidDeviceInfo | null) => void;
}

/**
 * The layout for a scanner: from its report descriptor when the OS gives it and it describes a
 * scanned data report, else the vendor layout asked for (Honeywell/Zebra by default).
 */
export function scannerLayout(backend: HidBackend, device: HidDeviceInfo, fallback: VendorLayoutName = 'honeywell-zebra'): ScanReportLayout {
  const descriptor = backend.reportDescriptor(device.path);
  if (descriptor) {
    try {
      if (isPosScanner(parseReportDescriptor(descriptor))) return layoutFromDescriptor(descriptor);
    } catch {
      // A descriptor we cannot read: fall back to the published layout.
    }
  }
  return VENDOR_LAYOUTS[fallback];
}

export class HidScanner implements Scanner {
  private readonly scanListeners = new Set<(scan: Scan) => void>();
  private readonly errorListeners = new Set<(error: DeviceError) => void>();
  private assembler: ScanAssembler | null = null;
  private readonly connection: HidConnection;
  deviceId = 'hid:none';

  constructor(options: HidDeviceOptions & { layout?: VendorLayoutName; continuationTimeoutMs?: number }) {
    this.connection = new HidConnection({
      backend: options.backend,
      pollMs: options.pollMs,
      match: (d) => (options.path ? d.path === options.path : hidKind(d) === 'scanner'),
      onReport: (report) => this.assembler?.push(report),
      onStatus: (status, device) => {
        if (status === 'connected' && device) {
          this.deviceId = hidDeviceId(device);
          this.assembler = new ScanAssembler(scannerLayout(options.backend, device, options.layout), {
            deviceId: this.deviceId,
            continuationTimeoutMs: options.continuationTimeoutMs,
            onScan: (scan) => this.scanListeners.forEach((l) => l(scan)),
            onError: (error) => this.errorListeners.forEach((l) => l(error)),
          });
        } else {
          this.assembler?.unplugged();
          this.assembler = null;
        }
        options.onStatus?.(status, device);
      },
    }).start();
  }

  get connected(): boolean {
    return this.connection.current !== null;
  }

  onScan(listener: (scan: Scan) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  onError(listener: (error: DeviceError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Looks for the device now instead of at the next poll. */
  check(): void {
    this.connection.check();
  }

  async close(): Promise<void> {
    this.assembler?.close();
    this.connection.close();
  }
}

export class HidScale implements Scale {
  private readonly connection: HidConnection;
  private waiters = new Set<{ onReport: (r: ScaleReading) => void; onError: (e: DeviceError) => void }>();
  private last: ScaleReading | null = null;
  deviceId = 'hid:none';

  constructor(options: HidDeviceOptions & { equalReadings?: number }) {
    this.equalReadings = options.equalReadings ?? 3;
    this.connection = new HidConnection({
      backend: options.backend,
      pollMs: options.pollMs,
      match: (d) => (options.path ? d.path === options.path : hidKind(d) === 'scale'),
      onReport: (report) => {
        try {
          const reading = decodeScaleReport(report, this.deviceId);
          this.last = reading;
          this.waiters.forEach((w) => w.onReport(reading));
        } catch (err) {
          this.waiters.forEach((w) => w.onError(err as DeviceError));
        }
      },
      onStatus: (status, device) => {
        if (device && status === 'connected') this.deviceId = hidDeviceId(device);
        if (status === 'disconnected') this.waiters.forEach((w) => w.onError(new DeviceError('unplugged', 'The scale was unplugged or went to sleep')));
        options.onStatus?.(status, device);
      },
    }).start();
  }

  private readonly equalReadings: number;

  get connected(): boolean {
    return this.connection.current !== null;
  }

  get lastReading(): ScaleReading | null {
    return this.last;
  }

  readStable(options: ScaleReadOptions = {}): Promise<ScaleReading> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const filter = new StabilityFilter(this.equalReadings);
    return new Promise((resolve, reject) => {
      let lastSeen: ScaleReading | null = null;
      const waiter = {
        onReport: (r: ScaleReading) => {
          lastSeen = r;
          const stable = filter.push(r);
          if (stable) finish(() => resolve(stable));
        },
        onError: (e: DeviceError) => {
          // A garbled report breaks the run of equal readings; only unplugging ends the wait.
          filter.reset();
          if (e.code === 'unplugged') finish(() => reject(e));
        },
      };
      const timer = setTimeout(() => {
        const seen = lastSeen as ScaleReading | null;
        if (!seen) finish(() => reject(new DeviceError('noAnswer', `No reading from the scale within ${timeoutMs} ms`, { ms: timeoutMs })));
        else if (seen.overload) finish(() => reject(new DeviceError('overload', 'The scale is overloaded')));
        else if (seen.underZero) finish(() => reject(new DeviceError('underZero', 'The scale shows less than zero: zero it with the pan empty')));
        else finish(() => reject(new DeviceError('notStable', `The weight did not settle within ${timeoutMs} ms`, { ms: timeoutMs })));
      }, timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        settle();
      };
      this.waiters.add(waiter);
    });
  }

  async zero(): Promise<void> {
    throw new DeviceError('unsupported', 'This HID scale cannot be zeroed from the desk: press its ZERO key');
  }

  async tare(): Promise<ScaleReading> {
    throw new DeviceError('unsupported', 'This HID scale cannot be tared from the desk: press its TARE key');
  }

  check(): void {
    this.connection.check();
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}
