/**
 * The shell's silent PDF printer (issue 19): a job's PDF written to a temp file, loaded into a
 * hidden window, and printed with webContents.print({ silent: true, deviceName, copies, pageSize })
 * (options from main/print-options.ts). The core uses it for CUPS PDF targets on this machine
 * (DeviceRuntime.systemPdfPrinter); a refusal is a DeviceError, so the job fails in words and can
 * be sent again. Silent printing of a PDF needs Electron 35.7/36.6 or later (electron/electron#47378).
 */
import { BrowserWindow, session } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeviceError } from '../src/devices/errors';
import type { Printer, PrintJob, PrintResult } from '../src/devices/types';
import { isJobFile, pdfPrintOptions, pdfPrintWindowOptions } from './print-options';
import { permissionDecision } from './security-rules';

export class ElectronPdfPrinter implements Printer {
  constructor(
    readonly name: string,
    private readonly media?: string,
  ) {}

  async print(job: PrintJob): Promise<PrintResult> {
    if (job.contentType !== 'application/pdf') throw new DeviceError('printFailed', 'The system printer takes PDF only', { reason: 'PDF only' });
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-print-'));
    const file = join(dir, 'job.pdf');
    writeFileSync(file, job.bytes);
    const fileUrl = pathToFileURL(file).href;
    const options = pdfPrintWindowOptions();
    session.fromPartition(options.webPreferences.partition).setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
    const win = new BrowserWindow(options);
    win.webContents.on('will-navigate', (event, url) => {
      if (!isJobFile(url, fileUrl)) event.preventDefault();
    });
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    try {
      await win.loadURL(fileUrl);
      await new Promise<void>((resolve, reject) => {
        win.webContents.print(pdfPrintOptions({ printer: this.name, copies: job.copies, media: job.media ?? this.media }), (ok, reason) => {
          if (ok) resolve();
          else reject(new DeviceError('printFailed', `The printer ${this.name} did not take the job: ${reason}`, { reason: `${this.name}: ${reason}`.slice(0, 200) }));
        });
      });
      return { printer: this.name, reference: `system ${this.name}` };
    } finally {
      win.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
