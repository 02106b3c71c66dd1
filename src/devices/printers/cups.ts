/**
 * PDF (or raw) jobs to CUPS through `lp`: `-d` queue, `-n` copies, `-o media=…`, `-t` title,
 * `-h` another server (a private cupsd in tests). `lpstat` lists the queues. A missing queue or
 * a stopped scheduler is a DeviceError('printFailed') with lp's own words.
 */
import { execFile } from 'node:child_process';
import { DeviceError } from '../errors';
import type { Printer, PrintJob, PrintResult } from '../types';

export interface CupsOptions {
  /** CUPS server (host:port or socket path); default the system's. */
  server?: string;
  timeoutMs?: number;
  /**
   * More `-o name=value` options for every job of this printer, e.g. pdftops-renderer=pdftocairo
   * for a CUPS-PDF queue: its default PDF→PostScript→PDF round trip through Ghostscript turns
   * the label's CID fonts into Type 3 fonts whose text no longer extracts.
   */
  lpOptions?: Record<string, string>;
}

function run(cmd: string, args: string[], input: Buffer | null, options: CupsOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(options.server ? { CUPS_SERVER: options.server } : {}) };
    const child = execFile(cmd, args, { env, timeout: options.timeoutMs ?? 15_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new DeviceError('printFailed', `${cmd} failed: ${(stderr || err.message).trim()}`, { reason: (stderr || err.message).trim().slice(0, 200) }));
      else resolve(stdout);
    });
    // lp may exit before reading its input (an unknown queue): its own error says why, not EPIPE.
    child.stdin?.on('error', () => {});
    if (input) child.stdin?.end(input);
  });
}

export interface CupsQueue {
  name: string;
  enabled: boolean;
  device?: string;
}

/** The queues CUPS has (empty when the scheduler is not running). */
export async function listCupsQueues(options: CupsOptions = {}): Promise<CupsQueue[]> {
  let printers: string;
  try {
    printers = await run('lpstat', ['-p'], null, options);
  } catch {
    return [];
  }
  const devices = await run('lpstat', ['-v'], null, options).catch(() => '');
  return [...printers.matchAll(/^printer (\S+) (?:is )?(idle|now printing|disabled)?/gm)].map((m) => ({
    name: m[1],
    enabled: m[2] !== 'disabled',
    device: new RegExp(`^device for ${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (.+)$`, 'm').exec(devices)?.[1],
  }));
}

export class CupsPrinter implements Printer {
  constructor(
    readonly name: string,
    private readonly options: CupsOptions = {},
  ) {}

  async print(job: PrintJob): Promise<PrintResult> {
    const args = ['-d', this.name, '-n', String(Math.max(1, job.copies ?? 1))];
    if (job.media) args.push('-o', `media=${job.media}`);
    if (job.contentType === 'application/zpl') args.push('-o', 'raw');
    if (job.title) args.push('-t', job.title);
    for (const [k, v] of Object.entries(this.options.lpOptions ?? {})) args.push('-o', `${k}=${v}`);
    const out = await run('lp', args, job.bytes, this.options);
    // "request id is PDF-12 (1 file(s))"
    const id = /request id is (\S+)/.exec(out)?.[1];
    if (!id) throw new DeviceError('printFailed', `lp did not name a job: ${out.trim()}`, { reason: out.trim().slice(0, 200) });
    return { printer: this.name, reference: id };
  }
}
