/**
 * One interface per device kind. Every transport (node-hid, serialport, keyboard wedge, TCP,
 * CUPS) and every simulator speaks one of these, so the app layer never knows which it has.
 * No electron, Vue or DOM here: the Electron main process and serve mode both use this as is.
 */
import type { DeviceError } from './errors';

/** Where a scan came from; recorded in the audit with the device id. */
export type ScanSource = 'hid' | 'wedge' | 'typed';

export interface Scan {
  /** The data as the symbol carries it, GS (0x1D) kept, without the AIM prefix. */
  data: string;
  /** AIM symbology identifier (ISO/IEC 15424), e.g. "]C1" GS1-128, "]d2" GS1 DataMatrix; "" when the device sent none. */
  symbology: string;
  source: ScanSource;
  /** e.g. "hid:0c2e:0b8f:/dev/hidraw3", "wedge", "typed". */
  deviceId: string;
  /** Vendor's own symbology code when the layout carries one (Honeywell Code ID). */
  vendorSymbology?: string;
}

export type { WeightUnit } from '../domain/weight-units';
import type { WeightUnit } from '../domain/weight-units';

export type ScaleSource = 'hid' | 'mt-sics' | 'toledo' | 'simulator';

export interface ScaleReading {
  /** Net weight in grams (gross minus tare where the scale reports a tare). */
  grams: number;
  /** The value and unit the scale itself displayed. */
  value: number;
  unit: WeightUnit;
  stable: boolean;
  overload: boolean;
  underZero: boolean;
  /** Tare in grams when the scale reports one (Toledo continuous, MT-SICS after T). */
  tareGrams?: number;
  source: ScaleSource;
  deviceId: string;
}

export interface ScaleReadOptions {
  /** Give up when no stable weight came within this time (default 5 s). */
  timeoutMs?: number;
}

export interface Scale {
  readonly deviceId: string;
  /** A stable weight, or a DeviceError (notStable, overload, underZero, noAnswer, unplugged). */
  readStable(options?: ScaleReadOptions): Promise<ScaleReading>;
  /** Zero / tare where the scale supports it; DeviceError 'unsupported' otherwise. */
  zero(): Promise<void>;
  tare(): Promise<ScaleReading>;
  close(): Promise<void>;
}

export interface Scanner {
  readonly deviceId: string;
  onScan(listener: (scan: Scan) => void): () => void;
  /** A scan that could not be completed (garbage, truncated, continuation timeout, unplugged). */
  onError(listener: (error: DeviceError) => void): () => void;
  close(): Promise<void>;
}

export interface PrintJob {
  /** What is printed, for the log: 'lot-label', 'sscc-label', 'delivery-note', 'coa', 'recall-report', 'test'. */
  document: string;
  contentType: 'application/pdf' | 'application/zpl';
  bytes: Buffer;
  copies?: number;
  /** CUPS media name, e.g. "Custom.100x150mm" or "A4". */
  media?: string;
  title?: string;
}

export interface PrintResult {
  printer: string;
  /** The queue's job id (CUPS) or the byte count sent (raw TCP). */
  reference: string;
}

export interface Printer {
  readonly name: string;
  /** Resolves when the printer took the whole job; rejects with a DeviceError (retryable or not). */
  print(job: PrintJob): Promise<PrintResult>;
}
