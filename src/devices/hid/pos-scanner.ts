/**
 * HID POS bar code scanners (HID Point of Sale Usage Tables 1.02, usage page 0x8C, application
 * usage 0x02 Bar Code Scanner). A scan arrives as one or more 64-byte "Scanned Data Report"
 * input reports: the AIM symbology identifier, up to 56 bytes of decoded data (GS kept as 0x1D)
 * and a "Decode Data Continued" bit saying more reports of the same scan follow.
 *
 * The layout of a report comes from the device's report descriptor where we have it
 * (`layoutFromDescriptor`), else from a vendor layout (`VENDOR_LAYOUTS`): the byte positions
 * the vendors publish. A scan is emitted only when its last report arrived: garbage, a truncated
 * report, a continuation that never ends (timeout) or an unplug mid-scan discard the partial
 * scan and report a DeviceError instead — never half a scan.
 */
import { DeviceError } from '../errors';
import type { Scan } from '../types';
import { findField, parseReportDescriptor, type ReportDescriptor } from './report-descriptor';

export const POS_SCANNER_PAGE = 0x8c;
export const POS_SCANNER_USAGE = 0x02;
const GENERIC_DESKTOP = 0x01;
const BYTE_COUNT = 0x3b;
const SYMBOLOGY_ID = [0xfb, 0xfc, 0xfd];
const DECODED_DATA = 0xfe;
const DATA_CONTINUED = 0xff;
/** Honeywell's (HHP) vendor page; usage 0x04 is its Code ID. */
const HHP_PAGE = 0xff66;

/** Byte positions in a report, counted from the report id byte (byte 0). */
export interface ScanReportLayout {
  name: string;
  reportId: number;
  /** Whole report length including the report id. */
  length: number;
  /** Byte holding the count of data bytes in this report; absent: trailing NULs are trimmed. */
  lengthByte?: number;
  /** First of the three AIM symbology identifier bytes (']', code, modifier). */
  aimByte?: number;
  dataByte: number;
  dataSize: number;
  /** The vendor's own symbology code (Honeywell Code ID, Quio symbology identifier). */
  vendorCodeByte?: number;
  continued: { byte: number; bit: number };
}

/**
 * Layouts the vendors publish (byte 0 = report id):
 * - `honeywell-zebra`: Honeywell (and Zebra, Datalogic in HID POS mode; Access-IS readers use it
 *   too): 1 length, 2–4 AIM, 5–60 data, 61 Code ID, 62 reserved, 63 bit 0 continued.
 * - `length-first`: engines without AIM in the report (e.g. Quio QU-R-302): 1 length,
 *   2–57 data, 58–61 reserved, 62 symbology identifier, 63 bit 0 continued.
 */
export const VENDOR_LAYOUTS = {
  'honeywell-zebra': { name: 'honeywell-zebra', reportId: 0x02, length: 64, lengthByte: 1, aimByte: 2, dataByte: 5, dataSize: 56, vendorCodeByte: 61, continued: { byte: 63, bit: 0 } },
  'length-first': { name: 'length-first', reportId: 0x02, length: 64, lengthByte: 1, dataByte: 2, dataSize: 56, vendorCodeByte: 62, continued: { byte: 63, bit: 0 } },
} as const satisfies Record<string, ScanReportLayout>;

export type VendorLayoutName = keyof typeof VENDOR_LAYOUTS;

/** Whether the descriptor declares a bar code scanner application collection. */
export function isPosScanner(descriptor: ReportDescriptor): boolean {
  return descriptor.applications.includes(((POS_SCANNER_PAGE << 16) | POS_SCANNER_USAGE) >>> 0);
}

/**
 * The scanned-data report layout from a report descriptor: the report that has a Decoded Data
 * field. Fields must be byte-aligned (every published scanner's are); anything else is refused.
 */
export function layoutFromDescriptor(bytes: Uint8Array, name = 'descriptor'): ScanReportLayout {
  const descriptor = parseReportDescriptor(bytes);
  for (const report of descriptor.inputs.values()) {
    const data = findField(report, POS_SCANNER_PAGE, DECODED_DATA);
    if (!data) continue;
    const idBytes = report.reportId === 0 ? 0 : 1;
    const byteAt = (bit: number) => {
      if (bit % 8 !== 0) throw new DeviceError('garbage', 'Scanned data fields are not byte-aligned');
      return idBytes + bit / 8;
    };
    const count = findField(report, GENERIC_DESKTOP, BYTE_COUNT);
    const aim = SYMBOLOGY_ID.map((u) => findField(report, POS_SCANNER_PAGE, u));
    const continued = findField(report, POS_SCANNER_PAGE, DATA_CONTINUED);
    const code = findField(report, HHP_PAGE, 0x04);
    if (!continued) throw new DeviceError('garbage', 'The scanned data report has no Decode Data Continued flag');
    const aimOk = aim.every((f, i) => f && f.bitSize === 8 && (i === 0 || f.bitOffset === aim[0]!.bitOffset + 8 * i));
    return {
      name,
      reportId: report.reportId,
      length: idBytes + Math.ceil(report.bits / 8),
      lengthByte: count && count.bitSize === 8 ? byteAt(count.bitOffset) : undefined,
      aimByte: aimOk ? byteAt(aim[0]!.bitOffset) : undefined,
      dataByte: byteAt(data.bitOffset),
      dataSize: (data.count * data.bitSize) / 8,
      vendorCodeByte: code && code.bitSize === 8 ? byteAt(code.bitOffset) : undefined,
      continued: { byte: idBytes + Math.floor(continued.bitOffset / 8), bit: continued.bitOffset % 8 },
    };
  }
  throw new DeviceError('garbage', 'The report descriptor has no scanned data report (usage 0x8C:0xFE)');
}

/** One report read: its data piece, whether more follow, the symbology it names. */
export interface ScanReportPart {
  data: Uint8Array;
  symbology: string;
  vendorCode?: string;
  continued: boolean;
}

export function readScanReport(layout: ScanReportLayout, report: Uint8Array): ScanReportPart {
  if (report.length === 0 || report[0] !== layout.reportId) {
    throw new DeviceError('garbage', `Not a scanned data report (report id ${report[0] ?? 'none'}, expected ${layout.reportId})`, { reportId: report[0] ?? -1 });
  }
  if (report.length < layout.length) {
    throw new DeviceError('truncated', `Scanned data report of ${report.length} bytes, expected ${layout.length}`, { bytes: report.length, expected: layout.length });
  }
  let size = layout.dataSize;
  if (layout.lengthByte !== undefined) {
    size = report[layout.lengthByte];
    if (size > layout.dataSize) throw new DeviceError('garbage', `Data length ${size} exceeds the ${layout.dataSize} bytes of the report`, { length: size });
  }
  const continued = ((report[layout.continued.byte] >> layout.continued.bit) & 1) === 1;
  let data = report.subarray(layout.dataByte, layout.dataByte + size);
  if (layout.lengthByte === undefined && !continued) {
    let end = data.length;
    while (end > 0 && data[end - 1] === 0) end--;
    data = data.subarray(0, end);
  }
  let symbology = '';
  if (layout.aimByte !== undefined) {
    const [flag, code, modifier] = report.subarray(layout.aimByte, layout.aimByte + 3);
    const printable = (b: number) => b > 0x20 && b < 0x7f;
    if (printable(code) && printable(modifier)) symbology = flag === 0x5d ? `]${String.fromCharCode(code, modifier)}` : printable(flag) ? `]${String.fromCharCode(flag, code)}` : '';
  }
  const vendor = layout.vendorCodeByte === undefined ? 0 : report[layout.vendorCodeByte];
  return { data, symbology, continued, ...(vendor ? { vendorCode: String.fromCharCode(vendor) } : {}) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Scan bytes as text: UTF-8 when they are (a QR with Chinese), else one char per byte (Latin-1). */
function bytesToText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

export interface AssemblerOptions {
  deviceId: string;
  /** How long to wait for the next report of a continued scan (default 250 ms). */
  continuationTimeoutMs?: number;
  /** The longest scan accepted (default 8 KiB): a stuck continued flag is not allowed to grow forever. */
  maxBytes?: number;
  onScan: (scan: Scan) => void;
  onError: (error: DeviceError) => void;
  /** Injectable timers for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Joins continued reports into one scan; see the module comment for what it refuses. */
export class ScanAssembler {
  private parts: Uint8Array[] = [];
  private symbology = '';
  private vendorCode: string | undefined;
  private timer: unknown = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly layout: ScanReportLayout,
    private readonly options: AssemblerOptions,
  ) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get pending(): boolean {
    return this.parts.length > 0;
  }

  /** Feeds one input report as read from the device (report id first). */
  push(report: Uint8Array): void {
    let part: ScanReportPart;
    try {
      part = readScanReport(this.layout, report);
    } catch (err) {
      this.discard();
      this.options.onError(err as DeviceError);
      return;
    }
    if (this.parts.length === 0) {
      this.symbology = part.symbology;
      this.vendorCode = part.vendorCode;
    }
    this.parts.push(part.data);
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    if (total > (this.options.maxBytes ?? 8192)) {
      this.discard();
      this.options.onError(new DeviceError('garbage', `Scan longer than ${this.options.maxBytes ?? 8192} bytes`, { bytes: total }));
      return;
    }
    this.stopTimer();
    if (part.continued) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        const reports = this.parts.length;
        this.discard();
        this.options.onError(new DeviceError('continuationTimeout', `The scanner stopped after ${reports} report(s) of a continued scan`, { reports }));
      }, this.options.continuationTimeoutMs ?? 250);
      return;
    }
    const bytes = Buffer.concat(this.parts);
    this.parts = [];
    let data = bytesToText(bytes);
    // Some scanners are set to also send the AIM prefix inside the data: keep it once.
    if (this.symbology && data.startsWith(this.symbology)) data = data.slice(3);
    this.options.onScan({ data, symbology: this.symbology, source: 'hid', deviceId: this.options.deviceId, ...(this.vendorCode ? { vendorSymbology: this.vendorCode } : {}) });
  }

  /** The device went away: a partial scan is dropped and reported. */
  unplugged(): void {
    if (!this.pending) return;
    const reports = this.parts.length;
    this.discard();
    this.options.onError(new DeviceError('unplugged', `The scanner was unplugged during a scan (${reports} report(s) received)`, { reports }));
  }

  close(): void {
    this.discard();
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private discard(): void {
    this.stopTimer();
    this.parts = [];
    this.symbology = '';
    this.vendorCode = undefined;
  }
}

/** The reports a scanner with this layout sends for one scan (what the simulator writes). */
export function encodeScanReports(layout: ScanReportLayout, data: string | Uint8Array, symbology = ']C1', vendorCode?: string): Buffer[] {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const reports: Buffer[] = [];
  for (let offset = 0; offset < bytes.length || reports.length === 0; offset += layout.dataSize) {
    const piece = bytes.subarray(offset, offset + layout.dataSize);
    const report = Buffer.alloc(layout.length);
    report[0] = layout.reportId;
    if (layout.lengthByte !== undefined) report[layout.lengthByte] = piece.length;
    if (layout.aimByte !== undefined && symbology) report.write(symbology.slice(0, 3), layout.aimByte, 'latin1');
    piece.copy(report, layout.dataByte);
    if (layout.vendorCodeByte !== undefined && vendorCode) report[layout.vendorCodeByte] = vendorCode.charCodeAt(0);
    if (offset + layout.dataSize < bytes.length) report[layout.continued.byte] |= 1 << layout.continued.bit;
    reports.push(report);
  }
  return reports;
}
