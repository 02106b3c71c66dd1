/**
 * The station's devices while it runs: the HID scanner and scale kept open (hot-plug, reconnect),
 * the simulators of demo mode, and the printer for a document. One per station (serve mode and
 * Electron both keep their station open), built from the station's settings.
 */
import { listCupsQueues, CupsPrinter } from '../../devices/printers/cups';
import { RawTcpPrinter } from '../../devices/printers/raw-tcp';
import { nodeHidBackend, type HidBackend } from '../../devices/hid/backend';
import { findHidDevices } from '../../devices/hid/discovery';
import { HidScale, HidScanner } from '../../devices/hid/hid-devices';
import { HONEYWELL_POS_DESCRIPTOR, SimulatedHidBus, type SimulatedHidScanner } from '../../devices/simulators/hid';
import { SimulatedZplPrinter } from '../../devices/simulators/zpl-printer';
import { MtSicsScale } from '../../devices/serial/mt-sics';
import { openSerial } from '../../devices/serial/port';
import { ToledoContinuousScale } from '../../devices/serial/toledo-continuous';
import { existsSync } from 'node:fs';
import { DeviceError } from '../../devices/errors';
import type { Printer, Scale, ScaleReading, Scan } from '../../devices/types';
import type { DeviceListView, DeviceSettings, DeviceStatusView, FoundDevice, PrinterTarget, SystemPrinter } from '../../contract/results/devices';
import { ScanFeed } from './scan-feed';
import type { Station } from '../kernel/station';

/** What the demo scale shows: a 25 kg sack on the receiving scale, read as the scale's grams. */
export const DEMO_WEIGHT_GRAMS = 25_040;

class Demo {
  readonly bus = new SimulatedHidBus();
  readonly scanner: SimulatedHidScanner;
  readonly printer = new SimulatedZplPrinter();
  private listening: Promise<number> | null = null;

  constructor() {
    this.scanner = this.bus.addScanner({ path: 'sim:hid-pos-scanner', descriptor: HONEYWELL_POS_DESCRIPTOR, product: 'Simulated HID POS scanner (Honeywell reports)' });
    const scale = this.bus.addScale({ path: 'sim:hid-scale' });
    scale.place(DEMO_WEIGHT_GRAMS, { settleReports: 0 });
    scale.stream(40);
  }

  /** The demo label printer's port (a ZPL capture listener on localhost). */
  printerPort(): Promise<number> {
    this.listening ??= this.printer.listen(0);
    return this.listening;
  }

  async close(): Promise<void> {
    this.bus.close();
    await this.printer.close();
  }
}

export class DeviceRuntime {
  private demo: Demo | null = null;
  private scanner: HidScanner | null = null;
  private hidScale: HidScale | null = null;
  private scannerKey = '';
  private scaleKey = '';
  private scannerError: DeviceError | null = null;
  /** HID scans for the active screen (devices.events). */
  readonly feed = new ScanFeed();

  constructor(private readonly hid: HidBackend = nodeHidBackend) {}

  private demoDevices(): Demo {
    this.demo ??= new Demo();
    return this.demo;
  }

  private backend(settings: DeviceSettings): HidBackend {
    return settings.demo ? this.demoDevices().bus : this.hid;
  }

  /** Opens (or keeps) the HID scanner the settings name; wedge mode needs none here. */
  syncScanner(settings: DeviceSettings): HidScanner | null {
    const key = settings.scanner.mode === 'hid' || settings.demo ? JSON.stringify([settings.demo, settings.scanner.hidPath, settings.scanner.layout]) : '';
    if (key === this.scannerKey) return this.scanner;
    void this.scanner?.close();
    this.scanner = null;
    this.scannerKey = key;
    if (!key) return null;
    const layout = settings.scanner.layout === 'auto' ? undefined : settings.scanner.layout;
    this.scannerError = null;
    this.scanner = new HidScanner({ backend: this.backend(settings), path: settings.demo ? 'sim:hid-pos-scanner' : settings.scanner.hidPath, layout, onStatus: () => this.feed.wake() });
    this.scanner.onScan((s) => {
      this.scannerError = null;
      this.feed.push(s);
    });
    this.scanner.onError((e) => {
      this.scannerError = e;
      this.feed.wake();
    });
    this.feed.wake();
    return this.scanner;
  }

  /** A scan from the demo scanner, as the HID code decoded it (or the device error it raised). */
  simulateScan(settings: DeviceSettings, data: string, symbology = ']C1'): Scan {
    if (!settings.demo) throw new DeviceError('unsupported', 'Scans are simulated in demo mode only');
    const scanner = this.syncScanner(settings)!;
    scanner.check();
    let got: Scan | DeviceError | null = null;
    const offScan = scanner.onScan((s) => (got = s));
    const offError = scanner.onError((e) => (got = e));
    try {
      this.demoDevices().scanner.scan(data, symbology);
    } finally {
      offScan();
      offError();
    }
    const result = got as Scan | DeviceError | null;
    if (result instanceof DeviceError) throw result;
    if (!result) throw new DeviceError('notFound', 'The simulated scanner is not connected');
    return result;
  }

  /** Opens (or keeps) the HID scale the settings name; a serial scale is opened per reading. */
  private syncHidScale(settings: DeviceSettings): HidScale | null {
    const s = settings.scale;
    const key = settings.demo || s.protocol === 'hid' ? JSON.stringify([settings.demo, s.hidPath]) : '';
    if (key === this.scaleKey) return this.hidScale;
    void this.hidScale?.close();
    this.hidScale = key ? new HidScale({ backend: this.backend(settings), path: settings.demo ? 'sim:hid-scale' : s.hidPath, onStatus: () => this.feed.wake() }) : null;
    this.scaleKey = key;
    return this.hidScale;
  }

  /**
   * What the header shows: the scanner, the scale and the printers, connected or not. A serial
   * scale counts as connected when its port exists (a port cannot say whether a scale is on it);
   * a printer as set (it is reached only when a job is sent).
   */
  status(settings: DeviceSettings): DeviceStatusView {
    const hidScanner = this.syncScanner(settings);
    const hidScale = this.syncHidScale(settings);
    const s = settings.scale;
    const scale: DeviceStatusView['scale'] = hidScale
      ? { state: hidScale.connected ? 'connected' : 'disconnected', ...(hidScale.connected ? { deviceId: hidScale.deviceId } : {}) }
      : s.protocol === 'none' || !s.port
        ? { state: 'none' }
        : { state: process.platform === 'win32' || existsSync(s.port) ? 'connected' : 'disconnected', deviceId: `${s.protocol}:${s.port}` };
    const printer = (docs: (keyof DeviceSettings['printers'])[]) => (settings.demo || docs.some((d) => settings.printers[d] && settings.printers[d]!.kind !== 'none') ? 'set' : 'none');
    return {
      demo: settings.demo,
      scanner: hidScanner
        ? { mode: 'hid', state: hidScanner.connected ? 'connected' : 'disconnected', ...(hidScanner.connected ? { deviceId: hidScanner.deviceId } : {}), ...(this.scannerError ? { error: { key: this.scannerError.key, params: this.scannerError.params } } : {}) }
        : { mode: 'wedge', state: 'wedge' },
      scale,
      labelPrinter: printer(['lot-label', 'sscc-label']),
      documentPrinter: printer(['delivery-note', 'coa', 'recall-report']),
      wedge: settings.scanner.wedge,
    };
  }

  /** A stable weight from the scale the settings name. */
  async readScale(settings: DeviceSettings): Promise<ScaleReading> {
    const s = settings.scale;
    const timeoutMs = s.timeoutMs;
    if (settings.demo || s.protocol === 'hid') {
      this.syncHidScale(settings);
      this.hidScale!.check();
      if (!this.hidScale!.connected) throw new DeviceError('notFound', 'No HID scale is connected');
      return this.hidScale!.readStable({ timeoutMs });
    }
    if (s.protocol === 'none' || !s.port) throw new DeviceError('notFound', 'No scale is set');
    const port = await openSerial({ path: s.port, baudRate: s.baudRate, parity: s.parity, dataBits: s.dataBits, stopBits: s.stopBits });
    const deviceId = `${s.protocol}:${s.port}`;
    const scale: Scale = s.protocol === 'mt-sics' ? new MtSicsScale(port, { deviceId }) : new ToledoContinuousScale(port, deviceId);
    try {
      return await scale.readStable({ timeoutMs });
    } finally {
      await scale.close();
    }
  }

  /**
   * The shell's own PDF printing, when it has one: the Electron shell sets it at start (silent
   * webContents.print to the named system printer, main/pdf-printer.ts). Serve mode has none and
   * prints through CUPS `lp`. A CUPS target naming another server, or sending ZPL, always goes
   * through lp: the shell reaches only this machine's printers, and only with PDFs.
   */
  systemPdfPrinter: ((target: Extract<PrinterTarget, { kind: 'cups' }>) => Printer) | null = null;

  /**
   * The shell's list of this machine's printers, when it has one: the Electron shell sets it at
   * start (webContents.getPrintersAsync, main/printer-info.ts) — the only list a Windows desk has,
   * having no CUPS. Serve mode has none and lists CUPS queues (lpstat) only.
   */
  systemPrinterLister: (() => Promise<SystemPrinter[]>) | null = null;

  private viaShell(target: PrinterTarget | null | undefined): boolean {
    return !!this.systemPdfPrinter && target?.kind === 'cups' && target.format === 'pdf' && !target.server;
  }

  /** How the print log names a target (none: the demo printer), as the job is recorded. */
  describe(target: PrinterTarget | null | undefined, format: 'pdf' | 'zpl'): string {
    if (!target || target.kind === 'none') return format === 'zpl' ? 'demo zpl-tcp' : 'demo capture';
    if (target.kind === 'zpl-tcp') return `zpl-tcp ${target.host}:${target.port} ${target.dpi}dpi`;
    return this.viaShell(target) ? `system ${target.queue}` : `cups ${target.queue}`;
  }

  /** The printer for a target; demo mode prints to the capture listener when none is set. */
  async printer(settings: DeviceSettings, target: PrinterTarget | undefined): Promise<{ printer: Printer; description: string; format: 'pdf' | 'zpl'; dpi: 203 | 300 } | null> {
    if ((!target || target.kind === 'none') && settings.demo) {
      const port = await this.demoDevices().printerPort();
      return { printer: new RawTcpPrinter('demo-zpl', { host: '127.0.0.1', port }), description: `demo zpl-tcp 127.0.0.1:${port} 203dpi`, format: 'zpl', dpi: 203 };
    }
    if (!target || target.kind === 'none') return null;
    if (target.kind === 'zpl-tcp') {
      return { printer: new RawTcpPrinter(`${target.host}:${target.port}`, { host: target.host, port: target.port }), description: this.describe(target, 'zpl'), format: 'zpl', dpi: target.dpi };
    }
    const printer = this.viaShell(target) ? this.systemPdfPrinter!(target) : new CupsPrinter(target.queue, { server: target.server, lpOptions: target.options });
    return { printer, description: this.describe(target, target.format), format: target.format, dpi: 203 };
  }

  /** The jobs the demo printer captured (the Devices screen shows the last one). */
  get demoPrinterJobs() {
    return this.demo?.printer.jobs ?? [];
  }

  async list(settings: DeviceSettings): Promise<DeviceListView> {
    const found: FoundDevice[] = [];
    const problems: DeviceListView['problems'] = [];
    const add = (backend: HidBackend, simulated: boolean) => {
      try {
        for (const d of findHidDevices(backend)) found.push({ kind: d.kind, path: d.path, name: d.product ?? d.manufacturer ?? d.path, vendorId: d.vendorId, productId: d.productId, simulated });
      } catch {
        // node-hid missing or no USB access: list the rest.
      }
    };
    add(this.hid, false);
    if (settings.demo) add(this.demoDevices().bus, true);
    try {
      const { SerialPort } = await import('serialport');
      for (const p of await SerialPort.list()) found.push({ kind: 'serial', path: p.path, name: [p.manufacturer, p.serialNumber].filter(Boolean).join(' ') || p.path, simulated: false });
    } catch {
      // no serial ports
    }
    const servers = new Set<string | undefined>([undefined, ...Object.values(settings.printers).map((t) => (t?.kind === 'cups' ? t.server : undefined))]);
    for (const server of servers) for (const q of await listCupsQueues({ server })) found.push({ kind: 'printer', path: q.name, name: q.device ? `${q.name} (${q.device})` : q.name, simulated: false, source: 'cups' });
    if (this.systemPrinterLister) {
      try {
        for (const p of await this.systemPrinterLister()) {
          found.push({ kind: 'printer', path: p.name, name: p.description ? `${p.displayName} (${p.description})` : p.displayName, simulated: false, source: 'system', isDefault: p.isDefault, state: p.state });
        }
      } catch (err) {
        // The CUPS queues above are still listed; the screen says why the system's are missing.
        problems.push({ key: 'errors.devices.systemPrinters', params: { reason: String((err as Error)?.message ?? err).slice(0, 200) } });
      }
    }
    return { devices: found, problems };
  }

  async close(): Promise<void> {
    this.feed.wake();
    await this.scanner?.close();
    await this.hidScale?.close();
    await this.demo?.close();
    this.scanner = null;
    this.hidScale = null;
    this.demo = null;
    this.scannerKey = '';
    this.scaleKey = '';
  }
}

const runtimes = new WeakMap<Station, DeviceRuntime>();

export function deviceRuntime(station: Station): DeviceRuntime {
  let r = runtimes.get(station);
  if (!r) {
    r = new DeviceRuntime();
    runtimes.set(station, r);
  }
  return r;
}

/** For tests and shutdown: closes the station's devices (its simulators' listeners included). */
export async function closeDeviceRuntime(station: Station): Promise<void> {
  await runtimes.get(station)?.close();
  runtimes.delete(station);
}
