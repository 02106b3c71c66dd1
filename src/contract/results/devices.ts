/** Devices (issue 19): the station's device settings, what is connected, weights, scans, the print log. */

import type { PrintJob, PrintTargetDocument } from '../../domain/print-documents';

export type { PrintDocument } from '../../domain/print-documents';
export type PrintJobView = PrintJob;

export type PrinterTarget =
  | { kind: 'none' }
  | { kind: 'zpl-tcp'; host: string; port: number; dpi: 203 | 300; copies: number }
  | { kind: 'cups'; queue: string; format: 'pdf' | 'zpl'; media?: string; server?: string; options?: Record<string, string>; copies: number };

export interface DeviceSettings {
  /** Simulated scanner, scale and label printer instead of hardware (demos, support). */
  demo: boolean;
  scanner: {
    mode: 'hid' | 'wedge';
    hidPath?: string;
    layout: 'auto' | 'honeywell-zebra' | 'length-first';
    wedge: { prefix: string; suffix: 'Enter' | 'Tab'; interKeyMs: number; gsSubstitute: string; gsCtrlBracket: boolean };
  };
  scale: {
    protocol: 'none' | 'hid' | 'mt-sics' | 'toledo';
    port?: string;
    hidPath?: string;
    baudRate: number;
    parity: 'none' | 'even' | 'odd';
    dataBits: 7 | 8;
    stopBits: 1 | 2;
    timeoutMs: number;
  };
  printers: Partial<Record<PrintTargetDocument, PrinterTarget>>;
}

export interface FoundDevice {
  kind: 'scanner' | 'scale' | 'serial' | 'printer';
  /** HID path, serial port path, CUPS queue or the system printer's name (what a target's queue names). */
  path: string;
  name: string;
  vendorId?: number;
  productId?: number;
  simulated: boolean;
  /** A printer's list: CUPS (lpstat) or the system's as the Electron shell sees it (Windows too). */
  source?: 'cups' | 'system';
  /** A system printer: the system's default printer. */
  isDefault?: boolean;
  /** A system printer's state, when the system says it (CUPS printer-state). */
  state?: SystemPrinter['state'];
}

/** A printer as the shell's system lists it (main/printer-info.ts maps Electron's PrinterInfo). */
export interface SystemPrinter {
  /** The name the system knows it by (webContents.print's deviceName). */
  name: string;
  displayName: string;
  description?: string;
  isDefault: boolean;
  state: 'idle' | 'printing' | 'stopped' | 'unknown';
}

/** What devices.list found, and what could not be looked at (a translated status each). */
export interface DeviceListView {
  devices: FoundDevice[];
  problems: { key: string; params: Record<string, string | number> }[];
}

export interface WeightView {
  /** The stable reading kept for the command that records it (receiving's net weight, a QC sample). */
  readingId: string;
  grams: number;
  value: number;
  unit: string;
  tareGrams?: number;
  source: string;
  deviceId: string;
}

export interface ScanView {
  data: string;
  symbology: string;
  source: 'hid' | 'wedge' | 'typed';
  deviceId: string;
}

/** A device's state in the header: connected, gone, not set; a wedge scanner is a keyboard (nothing to see); a printer is set or not. */
export interface DeviceStatusView {
  demo: boolean;
  scanner:
    | { mode: 'hid'; state: 'connected' | 'disconnected'; deviceId?: string; error?: { key: string; params: Record<string, string | number> } }
    | { mode: 'wedge'; state: 'wedge' };
  scale: { state: 'connected' | 'disconnected' | 'none'; deviceId?: string };
  labelPrinter: 'set' | 'none';
  documentPrinter: 'set' | 'none';
  /** The station's keyboard-wedge settings, which the renderer's wedge reads (DeviceSettings.scanner.wedge). */
  wedge: DeviceSettings['scanner']['wedge'];
}

/** A HID scan for the active screen (devices.events). */
export interface StationScanView {
  seq: number;
  data: string;
  symbology: string;
  source: 'hid';
  deviceId: string;
  at: string;
}

export interface DeviceEventsView {
  /** Pass back as `after` for the next call. */
  cursor: number;
  scans: StationScanView[];
  status: DeviceStatusView;
}
