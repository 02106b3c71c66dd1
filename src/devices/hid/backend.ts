/**
 * The thin seam to USB HID: node-hid's device list and handles, or a simulator's. Everything
 * above this speaks report bytes, so it is tested without /dev/uhid (which this machine lacks).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
}

/** An open device: input reports (report id first) as 'data', 'error' when it goes away. */
export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface HidBackend {
  devices(): HidDeviceInfo[];
  open(path: string): HidHandle;
  /** The device's report descriptor when the OS exposes it (Linux sysfs), else null. */
  reportDescriptor(path: string): Uint8Array | null;
}

interface NodeHid {
  devices(): { path?: string; vendorId: number; productId: number; product?: string; manufacturer?: string; serialNumber?: string; usagePage?: number; usage?: number }[];
  HID: new (path: string, options?: { nonExclusive?: boolean }) => HidHandle;
}

let nodeHid: NodeHid | undefined;
/** node-hid loaded on first use: a desk without USB devices never pays for its native module. */
function loadNodeHid(): NodeHid {
  nodeHid ??= createRequire(import.meta.url)('node-hid') as NodeHid;
  return nodeHid;
}

export const nodeHidBackend: HidBackend = {
  devices: () =>
    loadNodeHid()
      .devices()
      .filter((d): d is typeof d & { path: string } => typeof d.path === 'string')
      .map((d) => ({ path: d.path, vendorId: d.vendorId, productId: d.productId, product: d.product, manufacturer: d.manufacturer, serialNumber: d.serialNumber, usagePage: d.usagePage, usage: d.usage })),
  open: (path) => new (loadNodeHid().HID)(path),
  reportDescriptor: (path) => {
    if (!/^\/dev\/hidraw\d+$/.test(path)) return null;
    try {
      return readFileSync(`/sys/class/hidraw/${basename(path)}/device/report_descriptor`);
    } catch {
      return null;
    }
  },
};

export const hex4 = (n: number) => n.toString(16).padStart(4, '0');
export const hidDeviceId = (d: HidDeviceInfo) => `hid:${hex4(d.vendorId)}:${hex4(d.productId)}:${d.path}`;
