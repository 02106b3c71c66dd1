/**
 * Electron's printer list as the desk's system printers (main/printer-info.ts), the pure half of
 * the shell's printer lister: Electron 45 gives name, displayName, description and the platform's
 * options (isDefault and status were removed from PrinterInfo), so default and state come from the
 * CUPS options where there are any.
 */
import { describe, expect, it } from 'vitest';
import { systemPrinterOf, systemPrintersOf } from '../../main/printer-info';

// Shaped as Electron's docs show a CUPS printer's PrinterInfo (structures/printer-info.md), with
// printer-type 36932 as there (not the default; CUPS_PRINTER_DEFAULT is 0x20000).
const zebra = {
  name: 'Zebra_LP2844',
  displayName: 'Zebra LP2844',
  description: 'Zebra LP2844',
  options: {
    copies: '1',
    'device-uri': 'usb://Zebra/LP2844?location=14200000',
    'printer-info': 'Zebra LP2844',
    'printer-is-accepting-jobs': 'true',
    'printer-make-and-model': 'Zebra EPL2 Label Printer',
    'printer-state': '3',
    'printer-type': '36932',
    system_driverinfo: 'Z',
  },
};
// A Windows printer: no CUPS options, the display name is the Windows name.
const windowsPdf = { name: 'Microsoft Print to PDF', displayName: 'Microsoft Print to PDF', description: '', options: { system_driverinfo: 'Microsoft Print To PDF;10.0.19041.1;Microsoft® Windows® Operating System;10.0.19041.1' } };

describe('a system printer from Electron’s PrinterInfo', () => {
  it('keeps the OS name (what webContents.print’s deviceName takes), the display name, default and state from the CUPS options', () => {
    expect(systemPrinterOf(zebra)).toEqual({ name: 'Zebra_LP2844', displayName: 'Zebra LP2844', description: 'Zebra EPL2 Label Printer', isDefault: false, state: 'idle' });
  });

  it('reads printer-type’s default bit and the IPP states; a queue not accepting jobs is stopped', () => {
    expect(systemPrinterOf({ ...zebra, options: { ...zebra.options, 'printer-type': String(36932 | 0x20000) } }).isDefault).toBe(true);
    expect(systemPrinterOf({ ...zebra, options: { ...zebra.options, 'printer-type': '36932' } }).isDefault).toBe(false);
    expect(systemPrinterOf({ ...zebra, options: { ...zebra.options, 'printer-state': '4' } }).state).toBe('printing');
    expect(systemPrinterOf({ ...zebra, options: { ...zebra.options, 'printer-state': '5' } }).state).toBe('stopped');
    expect(systemPrinterOf({ ...zebra, options: { ...zebra.options, 'printer-is-accepting-jobs': 'false' } }).state).toBe('stopped');
  });

  it('a Windows printer: no CUPS options, so not known as the default and its state unknown; an old isDefault field still counts', () => {
    expect(systemPrinterOf(windowsPdf)).toEqual({ name: 'Microsoft Print to PDF', displayName: 'Microsoft Print to PDF', isDefault: false, state: 'unknown' });
    expect(systemPrinterOf({ ...windowsPdf, isDefault: true }).isDefault).toBe(true);
  });

  it('falls back to the OS name when there is no display name, and ignores options that are not strings', () => {
    expect(systemPrinterOf({ name: 'Office', displayName: '  ', options: { 'printer-state': 3 as unknown as string } })).toEqual({ name: 'Office', displayName: 'Office', isDefault: false, state: 'unknown' });
  });

  it('lists the default first, then by display name, and drops entries without a name', () => {
    const list = systemPrintersOf([windowsPdf, { ...zebra, name: '', displayName: 'ghost' }, { name: 'Brother', displayName: 'Brother QL-820', options: {} }, { ...windowsPdf, name: 'OneNote', displayName: 'OneNote', isDefault: true }]);
    expect(list.map((p) => p.name)).toEqual(['OneNote', 'Brother', 'Microsoft Print to PDF']);
  });
});
