/**
 * A HID report descriptor read into the input fields of each report (HID 1.11 §6.2.2: short
 * items, global state with Push/Pop, local usages consumed by each main item). Only what the
 * decoders need: where each usage sits in an input report, in bits after the report id. On Linux
 * the descriptor is in /sys/class/hidraw/hidrawN/device/report_descriptor; the simulators carry
 * the descriptors their vendors publish.
 */
import { DeviceError } from '../errors';

export interface InputField {
  usagePage: number;
  /** Usage id within the page; null for constant/padding fields without a usage. */
  usage: number | null;
  /** Bit offset from the first byte after the report id (from byte 0 when the report has no id). */
  bitOffset: number;
  bitSize: number;
  /** Consecutive elements with the same usage (a 56-byte Decoded Data buffer is one field). */
  count: number;
  constant: boolean;
}

export interface InputReport {
  /** 0 when the device does not number its reports. */
  reportId: number;
  fields: InputField[];
  /** Bits of the report after the report id. */
  bits: number;
}

export interface ReportDescriptor {
  /** The top-level application collections as page << 16 | usage, e.g. 0x008c0002 for a bar code scanner. */
  applications: number[];
  inputs: Map<number, InputReport>;
}

interface Globals {
  usagePage: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

/** Parses the descriptor; a malformed one (an item running past the end) is a DeviceError('garbage'). */
export function parseReportDescriptor(bytes: Uint8Array): ReportDescriptor {
  let g: Globals = { usagePage: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const stack: Globals[] = [];
  let usages: number[] = [];
  let usageMin: number | null = null;
  let depth = 0;
  const applications: number[] = [];
  const inputs = new Map<number, InputReport>();
  const fullUsage = (value: number, size: number) => (size === 4 ? value >>> 0 : ((g.usagePage << 16) | value) >>> 0);

  for (let i = 0; i < bytes.length; ) {
    const prefix = bytes[i];
    if (prefix === 0xfe) {
      // Long item: size in the next byte; no standard long items exist, skip it.
      if (i + 1 >= bytes.length) throw new DeviceError('garbage', 'Report descriptor ends inside a long item');
      i += 3 + bytes[i + 1];
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03];
    if (i + 1 + size > bytes.length) throw new DeviceError('garbage', `Report descriptor item at byte ${i} runs past the end`);
    let value = 0;
    for (let k = 0; k < size; k++) value |= bytes[i + 1 + k] << (8 * k);
    value >>>= 0;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    i += 1 + size;

    if (type === 1) {
      if (tag === 0x0) g.usagePage = value;
      else if (tag === 0x7) g.reportSize = value;
      else if (tag === 0x8) g.reportId = value;
      else if (tag === 0x9) g.reportCount = value;
      else if (tag === 0xa) stack.push({ ...g });
      else if (tag === 0xb) g = stack.pop() ?? g;
    } else if (type === 2) {
      if (tag === 0x0) usages.push(fullUsage(value, size));
      else if (tag === 0x1) usageMin = fullUsage(value, size);
      else if (tag === 0x2 && usageMin !== null) {
        for (let u = usageMin; u <= fullUsage(value, size) && usages.length < 1024; u++) usages.push(u);
        usageMin = null;
      }
    } else if (type === 0) {
      if (tag === 0xa) {
        if (depth === 0 && value === 0x01 && usages.length > 0) applications.push(usages[0]);
        depth++;
      } else if (tag === 0xc) depth = Math.max(0, depth - 1);
      else if (tag === 0x8) {
        const report = inputs.get(g.reportId) ?? { reportId: g.reportId, fields: [], bits: 0 };
        inputs.set(g.reportId, report);
        const constant = (value & 0x01) === 1;
        for (let e = 0; e < g.reportCount; e++) {
          // HID 1.11 §6.2.2.8: with fewer usages than elements, the last usage repeats.
          const u = usages.length === 0 ? null : usages[Math.min(e, usages.length - 1)];
          const page = u === null ? g.usagePage : u >>> 16;
          const id = u === null ? null : u & 0xffff;
          const last = report.fields[report.fields.length - 1];
          if (last && last.usage === id && last.usagePage === page && last.bitSize === g.reportSize && last.constant === constant && e > 0) last.count++;
          else report.fields.push({ usagePage: page, usage: constant && u === null ? null : id, bitOffset: report.bits, bitSize: g.reportSize, count: 1, constant });
          report.bits += g.reportSize;
        }
      }
      // Local items apply to the next main item only.
      if (tag === 0x8 || tag === 0x9 || tag === 0xb || tag === 0xa) {
        usages = [];
        usageMin = null;
      }
    }
  }
  return { applications, inputs };
}

/** The input field of that usage in a report, if any. */
export function findField(report: InputReport, usagePage: number, usage: number): InputField | undefined {
  return report.fields.find((f) => f.usagePage === usagePage && f.usage === usage);
}
