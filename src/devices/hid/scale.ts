/**
 * USB HID scales (HID Point of Sale Usage Tables 1.02, Weighing Devices page 0x8D). What postal
 * and shipping scales send is the Scale Data Report, report id 3, six bytes:
 *   0 report id (3) · 1 status · 2 weight unit · 3 exponent (signed) · 4–5 weight, little-endian
 * Status: 1 fault, 2 stable at zero, 3 in motion, 4 stable, 5 under zero, 6 over weight,
 * 7 requires calibration, 8 requires re-zeroing. Unit: the page's Weight Unit selectors 1–12.
 */
import { DeviceError } from '../errors';
import type { ScaleReading, WeightUnit } from '../types';
import { toGrams } from '../units';

export const SCALE_PAGE = 0x8d;
export const SCALE_DATA_REPORT = 0x03;

/** Vendor/product ids of HID scales known to send the report above (from usbscale's list). */
export const KNOWN_HID_SCALES: { vendorId: number; productId: number; name: string }[] = [
  { vendorId: 0x0922, productId: 0x8003, name: 'DYMO M10 postal scale' },
  { vendorId: 0x0922, productId: 0x8004, name: 'DYMO M25 postal scale' },
  { vendorId: 0x0922, productId: 0x8009, name: 'DYMO S180 shipping scale' },
  { vendorId: 0x1446, productId: 0x6a73, name: 'Stamps.com Model 510 scale' },
  { vendorId: 0x2474, productId: 0x0550, name: 'Stamps.com 5 lb scale' },
  { vendorId: 0x2474, productId: 0x3550, name: 'Stamps.com 35 lb scale' },
  { vendorId: 0x0eb8, productId: 0xf000, name: 'Mettler Toledo HID scale' },
  { vendorId: 0x0b67, productId: 0x555e, name: 'Fairbanks SCB-R9000' },
  { vendorId: 0x7b7c, productId: 0x0100, name: 'USPS (Elane) PS311' },
];

const UNITS: Record<number, WeightUnit> = { 1: 'mg', 2: 'g', 3: 'kg', 4: 'ct', 6: 'gr', 7: 'dwt', 8: 't', 10: 'ozt', 11: 'oz', 12: 'lb' };
/** Selector 9 (avoirdupois ton) has no unit of our own; converted through pounds. */
const AVOIR_TON_LB = 2000;

export type ScaleStatus = 'fault' | 'zero' | 'motion' | 'stable' | 'underZero' | 'overload' | 'calibrate' | 'rezero';
const STATUS: Record<number, ScaleStatus> = { 1: 'fault', 2: 'zero', 3: 'motion', 4: 'stable', 5: 'underZero', 6: 'overload', 7: 'calibrate', 8: 'rezero' };

export interface HidScaleReport extends ScaleReading {
  status: ScaleStatus;
}

export function decodeScaleReport(report: Uint8Array, deviceId: string): HidScaleReport {
  if (report.length === 0 || report[0] !== SCALE_DATA_REPORT) {
    throw new DeviceError('garbage', `Not a scale data report (report id ${report[0] ?? 'none'})`, { reportId: report[0] ?? -1 });
  }
  if (report.length < 6) throw new DeviceError('truncated', `Scale data report of ${report.length} bytes, expected 6`, { bytes: report.length, expected: 6 });
  const status = STATUS[report[1]];
  if (!status) throw new DeviceError('garbage', `Unknown scale status ${report[1]}`, { status: report[1] });
  if (status === 'fault' || status === 'calibrate' || status === 'rezero') {
    throw new DeviceError('refused', `The scale reports "${status}"`, { status });
  }
  let unit = UNITS[report[2]];
  const exponent = (report[3] << 24) >> 24;
  let raw = (report[4] | (report[5] << 8)) * 10 ** exponent;
  if (report[2] === 9) {
    unit = 'lb';
    raw *= AVOIR_TON_LB;
  }
  if (!unit) throw new DeviceError('garbage', `Unknown weight unit ${report[2]}`, { unit: report[2] });
  const value = Number((status === 'underZero' ? -raw : raw).toFixed(Math.max(0, -exponent)));
  return {
    status,
    value,
    unit,
    grams: status === 'zero' ? 0 : toGrams(value, unit),
    stable: status === 'stable' || status === 'zero',
    overload: status === 'overload',
    underZero: status === 'underZero',
    source: 'hid',
    deviceId,
  };
}

/** The report a scale sends for this weight (what the simulator writes). */
export function encodeScaleReport(value: number, options: { unit?: 'g' | 'kg' | 'oz' | 'lb'; exponent?: number; status?: ScaleStatus } = {}): Buffer {
  const unit = options.unit ?? 'g';
  const exponent = options.exponent ?? (unit === 'g' ? 0 : -1);
  const status = options.status ?? 'stable';
  const code = { g: 2, kg: 3, oz: 11, lb: 12 }[unit];
  const statusCode = Number(Object.entries(STATUS).find(([, s]) => s === status)![0]);
  const raw = Math.min(0xffff, Math.round(Math.abs(value) / 10 ** exponent));
  return Buffer.from([SCALE_DATA_REPORT, statusCode, code, exponent & 0xff, raw & 0xff, raw >> 8]);
}
