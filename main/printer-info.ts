/**
 * Electron's printer list as the desk's system printers (issue 19), a pure mapping so it is tested
 * without the shell. Electron 45's PrinterInfo has name, displayName, description and the
 * platform's options; `isDefault` and `status` left it with Chromium (Electron's breaking changes),
 * so they are read from the options where the platform gives them (CUPS: printer-type's default
 * bit, printer-state); an old isDefault field is still taken if present.
 */
import type { SystemPrinter } from '../src/contract/results/devices';

/** Electron.PrinterInfo, with the fields older Electrons had. */
export interface PrinterInfoLike {
  name: string;
  displayName?: string;
  description?: string;
  /** Platform-specific strings (Electron types it as an empty interface). */
  options?: object;
  isDefault?: boolean;
}

/** CUPS_PRINTER_DEFAULT in printer-type (cups/cups.h). */
const CUPS_PRINTER_DEFAULT = 0x20000;
/** IPP printer-state: 3 idle, 4 processing, 5 stopped. */
const IPP_STATES: Record<string, SystemPrinter['state']> = { '3': 'idle', '4': 'printing', '5': 'stopped' };

export function systemPrinterOf(info: PrinterInfoLike): SystemPrinter {
  const options = (info.options ?? {}) as Record<string, unknown>;
  const option = (key: string) => (typeof options[key] === 'string' ? options[key] : undefined);
  const type = Number(option('printer-type'));
  const isDefault = info.isDefault ?? (Number.isInteger(type) && (type & CUPS_PRINTER_DEFAULT) !== 0);
  let state = IPP_STATES[option('printer-state') ?? ''] ?? 'unknown';
  // A queue that does not accept jobs prints nothing, whatever its state says.
  if (option('printer-is-accepting-jobs') === 'false') state = 'stopped';
  const displayName = info.displayName?.trim() || info.name;
  // What says more than the name: the description, else the CUPS make and model.
  const description = [info.description, option('printer-make-and-model')].map((d) => d?.trim()).find((d) => d && d !== displayName);
  return { name: info.name, displayName, ...(description ? { description } : {}), isDefault, state };
}

/** The list as the Devices screen shows it: the default first, then by name. */
export function systemPrintersOf(infos: readonly PrinterInfoLike[]): SystemPrinter[] {
  return infos
    .filter((p) => typeof p.name === 'string' && p.name !== '')
    .map(systemPrinterOf)
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.displayName.localeCompare(b.displayName));
}
