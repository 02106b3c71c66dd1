/** A station's device settings: one JSON value in its settings table, read with the defaults filled in. */
import { DEFAULT_DEVICE_SETTINGS, deviceSettings } from '../../contract/device-schemas';
import type { DeviceSettings } from '../../contract/results/devices';
import type { Db } from '../../store/db';
import { getSetting, setSetting } from '../kernel/settings';

const KEY = 'devices.settings';

export function loadDeviceSettings(db: Db): DeviceSettings {
  const raw = getSetting(db, KEY);
  if (!raw) return structuredClone(DEFAULT_DEVICE_SETTINGS);
  // A value written by an older desk may lack newer fields: parse over the defaults, and fall
  // back to them whole if it no longer fits the schema.
  const saved = JSON.parse(raw) as Partial<DeviceSettings>;
  const merged = {
    ...DEFAULT_DEVICE_SETTINGS,
    ...saved,
    scanner: { ...DEFAULT_DEVICE_SETTINGS.scanner, ...saved.scanner, wedge: { ...DEFAULT_DEVICE_SETTINGS.scanner.wedge, ...saved.scanner?.wedge } },
    scale: { ...DEFAULT_DEVICE_SETTINGS.scale, ...saved.scale },
    printers: { ...saved.printers },
  };
  const parsed = deviceSettings.safeParse(merged);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_DEVICE_SETTINGS);
}

export function saveDeviceSettings(db: Db, settings: DeviceSettings): void {
  setSetting(db, KEY, JSON.stringify(settings));
}
