/**
 * A TCP listener that takes raw jobs as a Zebra printer on port 9100 would, for demos and tests;
 * it can refuse (not listening), or drop the connection after some bytes.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface CapturedJob {
  bytes: Buffer;
  at: Date;
}

export class SimulatedZplPrinter {
  readonly jobs: CapturedJob[] = [];
  private server: Server | null = null;
  /** Drop the next job's connection after this many bytes (a printer losing power mid-job). */
  dropAfterBytes: number | null = null;
  port = 0;
  private readonly waiters: ((job: CapturedJob) => void)[] = [];

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket: Socket) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const dropAt = this.dropAfterBytes;
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        size += d.length;
        if (dropAt !== null && size >= dropAt) {
          this.dropAfterBytes = null;
          socket.resetAndDestroy();
        }
      });
      socket.on('end', () => {
        const job = { bytes: Buffer.concat(chunks), at: new Date() };
        this.jobs.push(job);
        this.waiters.splice(0).forEach((w) => w(job));
        socket.end();
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, () => resolve()));
    // A demo or test printer never keeps the process alive on its own.
    this.server.unref();
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  nextJob(): Promise<CapturedJob> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
