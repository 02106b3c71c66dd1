/**
 * The Electron shell's silent PDF printing as pure decisions (main/print-options.ts): the options
 * of webContents.print for a job — silent, the chosen printer, copies, the page from the Devices
 * screen's media name — and the hidden window the PDF is loaded into.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isJobFile, pageSizeOf, pdfPrintOptions, pdfPrintWindowOptions } from '../../main/print-options';
import { SECURE_WEB_PREFERENCES } from '../../main/security-rules';
import { ROOT } from '../support/cli';

describe('webContents.print options for a PDF job', () => {
  it('print silently to the chosen printer, in the job’s copies, without margins of their own', () => {
    expect(pdfPrintOptions({ printer: 'Brother_QL_820NWB', copies: 3, media: 'Custom.100x150mm' })).toEqual({
      silent: true,
      deviceName: 'Brother_QL_820NWB',
      copies: 3,
      printBackground: true,
      color: true,
      landscape: false,
      margins: { marginType: 'none' },
      pageSize: { width: 100_000, height: 150_000 },
    });
  });

  it('keep copies within 1–99 and use the printer’s own page when no media is set or it is unknown', () => {
    expect(pdfPrintOptions({ printer: 'Office' })).toMatchObject({ copies: 1, usePrinterDefaultPageSize: true });
    expect(pdfPrintOptions({ printer: 'Office' })).not.toHaveProperty('pageSize');
    expect(pdfPrintOptions({ printer: 'Office', copies: 0 }).copies).toBe(1);
    expect(pdfPrintOptions({ printer: 'Office', copies: 500 }).copies).toBe(99);
    expect(pdfPrintOptions({ printer: 'Office', media: 'Roll.Whatever' })).toMatchObject({ usePrinterDefaultPageSize: true });
  });

  it('read CUPS media names as Electron page sizes: named, Custom.WxH in mm, in or points, PWG names', () => {
    expect(pageSizeOf('A4')).toBe('A4');
    expect(pageSizeOf('letter')).toBe('Letter');
    expect(pageSizeOf('Custom.4x6in')).toEqual({ width: 101_600, height: 152_400 });
    expect(pageSizeOf('Custom.288x432')).toEqual({ width: 101_600, height: 152_400 });
    expect(pageSizeOf('iso_a4_210x297mm')).toEqual({ width: 210_000, height: 297_000 });
    expect(pageSizeOf('na_letter_8.5x11in')).toEqual({ width: 215_900, height: 279_400 });
    expect(pageSizeOf('Custom.0.1x0.1mm')).toBeNull();
    expect(pageSizeOf(undefined)).toBeNull();
    expect(pageSizeOf('')).toBeNull();
  });
});

describe('the hidden print window', () => {
  it('is never shown, keeps the secured preferences with no preload, and has the PDF viewer and a session of its own', () => {
    const options = pdfPrintWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, plugins: true, partition: 'lotdesk-print' });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.webPreferences.partition).not.toMatch(/^persist:/);
  });

  it('may show only the job’s own file', () => {
    expect(isJobFile('file:///tmp/lotdesk-print-x/job.pdf', 'file:///tmp/lotdesk-print-x/job.pdf')).toBe(true);
    expect(isJobFile('file:///etc/passwd', 'file:///tmp/lotdesk-print-x/job.pdf')).toBe(false);
    expect(isJobFile('https://example.com/', 'file:///tmp/lotdesk-print-x/job.pdf')).toBe(false);
  });

  it('print-options.ts holds no electron import (the pure half)', () => {
    expect(readFileSync(join(ROOT, 'main/print-options.ts'), 'utf8')).not.toMatch(/from 'electron'/);
  });
});
