/**
 * Raw printing over TCP port 9100 (Zebra and most thermal printers: "JetDirect"/raw socket). The
 * whole job is written, then the printer's side is half-closed and we wait for it to close too:
 * a refused connection, a reset mid-job or a printer that stops reading are each reported as a
 * retryable DeviceError, and the job bytes are untouched so the same job can be sent again.
 */
import { connect } from 'node:net';
import { DeviceError } from '../errors';
import type { Printer, PrintJob, PrintResult } from '../types';

export interface RawTcpOptions {
  host: string;
  port?: number;
  /** Connect and write timeout (default 5 s). */
  timeoutMs?: number;
}

export function sendRaw(bytes: Buffer, options: RawTcpOptions): Promise<number> {
  const port = options.port ?? 9100;
  const where = `${options.host}:${port}`;
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const socket = connect({ host: options.host, port });
    const fail = (e: DeviceError) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new DeviceError('printerTimeout', `The printer at ${where} did not take the job within ${timeoutMs} ms`, { printer: where, ms: timeoutMs })));
    socket.on('connect', () => {
      connected = true;
      socket.end(bytes);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected) fail(new DeviceError('printerRefused', `The printer at ${where} refused the connection (${err.code ?? err.message})`, { printer: where, reason: err.code ?? err.message }));
      else fail(new DeviceError('printerDropped', `The printer at ${where} dropped the connection mid-job (${err.code ?? err.message})`, { printer: where, reason: err.code ?? err.message }));
    });
    socket.on('close', (hadError) => {
      if (settled || hadError) return;
      if (socket.bytesWritten < bytes.length) return fail(new DeviceError('printerDropped', `The printer at ${where} closed after ${socket.bytesWritten} of ${bytes.length} bytes`, { printer: where }));
      settled = true;
      resolve(bytes.length);
    });
  });
}

export class RawTcpPrinter implements Printer {
  constructor(
    readonly name: string,
    private readonly options: RawTcpOptions,
  ) {}

  async print(job: PrintJob): Promise<PrintResult> {
    const copies = Math.max(1, job.copies ?? 1);
    const bytes = copies === 1 ? job.bytes : Buffer.concat(Array.from({ length: copies }, () => job.bytes));
    const sent = await sendRaw(bytes, this.options);
    return { printer: this.name, reference: `${sent} bytes` };
  }
}
