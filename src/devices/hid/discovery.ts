/** Which HID devices are scanners and scales: by usage page, or a known scale's vendor/product id. */
import type { HidBackend, HidDeviceInfo } from './backend';
import { POS_SCANNER_PAGE, POS_SCANNER_USAGE } from './pos-scanner';
import { KNOWN_HID_SCALES, SCALE_PAGE } from './scale';

export type HidKind = 'scanner' | 'scale';

export function hidKind(d: HidDeviceInfo): HidKind | null {
  if (d.usagePage === POS_SCANNER_PAGE && (d.usage === undefined || d.usage === POS_SCANNER_USAGE)) return 'scanner';
  if (d.usagePage === SCALE_PAGE || KNOWN_HID_SCALES.some((s) => s.vendorId === d.vendorId && s.productId === d.productId)) return 'scale';
  return null;
}

export function findHidDevices(backend: HidBackend, kind?: HidKind): (HidDeviceInfo & { kind: HidKind })[] {
  const seen = new Set<string>();
  const out: (HidDeviceInfo & { kind: HidKind })[] = [];
  for (const d of backend.devices()) {
    const k = hidKind(d);
    if (!k || (kind && k !== kind) || seen.has(d.path)) continue;
    seen.add(d.path);
    out.push({ ...d, kind: k });
  }
  return out;
}
