/**
 * Serial scale simulators: the far end of a pseudo-terminal pair (see pty-pair.ts) answering
 * MT-SICS like a balance, or sending Toledo continuous frames like a terminal. The desk's own
 * serialport code runs against them unchanged.
 */
import type { Duplex } from 'node:stream';
import { encodeToledoFrame } from '../serial/toledo-continuous';

export interface SimulatedLoad {
  /** Gross grams on the pan. */
  grams: number;
  /** When the load settles; Infinity: it never does (a draught, a vibrating table). */
  stableAt: number;
  /** Beyond the scale's range. */
  overload?: boolean;
}

abstract class SerialSimulator {
  protected load: SimulatedLoad = { grams: 0, stableAt: 0 };
  protected tareGrams = 0;
  constructor(protected readonly port: Duplex) {}

  /** Places a load that settles after `settleMs` (Infinity: never). */
  place(grams: number, settleMs = 0, overload = false): void {
    this.load = { grams, stableAt: Date.now() + settleMs, overload };
  }

  protected get stable(): boolean {
    return Date.now() >= this.load.stableAt;
  }

  protected get net(): number {
    // A load still moving reads a little off, as real ones do.
    const wobble = this.stable ? 0 : 1.37;
    return Math.round((this.load.grams - this.tareGrams + wobble) * 100) / 100;
  }

  abstract stop(): void;
}

export class MtSicsSimulator extends SerialSimulator {
  private buffer = '';
  private sir: ReturnType<typeof setInterval> | null = null;
  /** Answers the balance still owes (S waits for stability): a stopped simulator owes none, or one would be written to a closed port. */
  private owed = new Set<ReturnType<typeof setTimeout>>();
  /** How long the balance itself waits for stability on S before answering "S I". */
  balanceStableTimeoutMs = 1000;
  readonly serialNumber = 'B123456789';
  /** Lines received, for tests to check what the desk sent. */
  readonly received: string[] = [];
  /** Answers ET to the next command (a parity/framing error on the line). */
  failNext: 'ET' | null = null;

  constructor(port: Duplex) {
    super(port);
    port.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      let i: number;
      while ((i = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 2);
        this.received.push(line);
        this.handle(line);
      }
    });
  }

  private write(line: string): void {
    if (!this.port.destroyed) this.port.write(`${line}\r\n`);
  }

  private weightLine(id: string, status: string, grams: number): string {
    return `${id} ${status} ${grams.toFixed(2).padStart(10)} g`;
  }

  private immediate(): string {
    if (this.load.overload) return 'S +';
    if (this.net < -0.005 && this.stable) return 'S -';
    return this.weightLine('S', this.stable ? 'S' : 'D', this.net);
  }

  private handle(line: string): void {
    if (this.sir) {
      clearInterval(this.sir);
      this.sir = null;
    }
    if (this.failNext) {
      this.write(this.failNext);
      this.failNext = null;
      return;
    }
    switch (line.trim()) {
      case 'S': {
        const answer = () => (this.load.overload ? 'S +' : this.stable && this.net < -0.005 ? 'S -' : this.stable ? this.weightLine('S', 'S', this.net) : 'S I');
        const wait = Math.min(this.balanceStableTimeoutMs, Math.max(0, this.load.stableAt - Date.now()));
        if (wait === 0) this.write(answer());
        else {
          const owed = setTimeout(() => {
            this.owed.delete(owed);
            this.write(answer());
          }, wait);
          this.owed.add(owed);
        }
        return;
      }
      case 'SI':
        return this.write(this.immediate());
      case 'SIR':
        this.write(this.immediate());
        this.sir = setInterval(() => this.write(this.immediate()), 100);
        return;
      case 'Z':
        if (!this.stable) return this.write('Z I');
        this.load = { ...this.load, grams: this.tareGrams };
        return this.write('Z A');
      case 'T':
        if (!this.stable) return this.write('T I');
        if (this.load.overload) return this.write('T +');
        this.tareGrams = this.load.grams;
        return this.write(this.weightLine('T', 'S', this.tareGrams));
      case 'TA':
        return this.write(this.weightLine('TA', 'A', this.tareGrams));
      case '@':
        this.tareGrams = 0;
        return this.write(`I4 A "${this.serialNumber}"`);
      default:
        return this.write('ES');
    }
  }

  stop(): void {
    if (this.sir) clearInterval(this.sir);
    this.sir = null;
    for (const owed of this.owed) clearTimeout(owed);
    this.owed.clear();
  }
}

export class ToledoSimulator extends SerialSimulator {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(port: Duplex, private readonly options: { checksum?: boolean; everyMs?: number; unit?: 'kg' | 'g' } = {}) {
    super(port);
    this.timer = setInterval(() => this.frame(), options.everyMs ?? 100);
    this.timer.unref?.();
    port.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (text.startsWith('T')) this.tareGrams = this.load.grams;
      if (text.startsWith('Z')) this.load = { ...this.load, grams: 0 };
    });
  }

  /** Writes one frame now (also what the timer does). */
  frame(): void {
    if (this.port.destroyed) return;
    const unit = this.options.unit ?? 'kg';
    const k = unit === 'kg' ? 1000 : 1;
    const net = this.net;
    this.port.write(
      encodeToledoFrame({ value: (this.tareGrams ? net : this.load.grams + (this.stable ? 0 : 1.37)) / k, tare: this.tareGrams / k, unit, net: this.tareGrams > 0, motion: !this.stable, outOfRange: !!this.load.overload, decimals: unit === 'kg' ? 3 : 0 }, this.options.checksum ?? true),
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
