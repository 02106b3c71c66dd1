/**
 * METTLER TOLEDO continuous output (the "Toledo" format many terminals and other makers' scales
 * send several times a second): STX, status words A B C, six digits displayed weight, six
 * digits tare, CR, and an optional checksum — the 2's complement of the 7 low bits of the sum
 * of every character before it, STX and CR included.
 * SWA bits 0–2 decimal point (000 ×100, 001 ×10, 010 ×1, 011 0.1 … 111 0.00001), bits 3–4
 * increment; SWB bit 0 net, 1 negative, 2 out of range, 3 motion, 4 kg (else lb);
 * SWC bits 0–2 unit (000 lb/kg as SWB says, 001 g, 010 t, 011 oz, 100 ozt, 101 dwt).
 * Bit 7 of every character is parity (7E1 links), so it is masked off.
 */
import type { Duplex } from 'node:stream';
import { DeviceError } from '../errors';
import { StabilityFilter } from '../stability';
import type { Scale, ScaleReadOptions, ScaleReading, WeightUnit } from '../types';
import { toGrams } from '../units';

const STX = 0x02;
const CR = 0x0d;
const FRAME = 17; // STX … CR without checksum

export interface ToledoFrame {
  value: number;
  tare: number;
  unit: WeightUnit;
  net: boolean;
  negative: boolean;
  outOfRange: boolean;
  motion: boolean;
}

export const toledoChecksum = (bytes: Uint8Array): number => -bytes.reduce((s, b) => s + (b & 0x7f), 0) & 0x7f;

function unitOf(swb: number, swc: number): WeightUnit {
  const code = swc & 0x07;
  if (code === 0) return swb & 0x10 ? 'kg' : 'lb';
  const units: Record<number, WeightUnit> = { 1: 'g', 2: 't', 3: 'oz', 4: 'ozt', 5: 'dwt' };
  const u = units[code];
  if (!u) throw new DeviceError('unsupported', `Toledo unit code ${code} is not a weight unit we convert`, { unit: code });
  return u;
}

/** One frame (17 bytes, or 18 with checksum) into a weight. */
export function decodeToledoFrame(frame: Uint8Array, withChecksum: boolean): ToledoFrame {
  const bytes = frame.map((b) => b & 0x7f);
  if (bytes[0] !== STX || bytes[FRAME - 1] !== CR) throw new DeviceError('garbage', 'Not a Toledo continuous frame (no STX … CR)');
  if (withChecksum) {
    if (frame.length < FRAME + 1) throw new DeviceError('truncated', 'Toledo frame without its checksum');
    if (toledoChecksum(frame.subarray(0, FRAME)) !== (frame[FRAME] & 0x7f)) throw new DeviceError('checksum', 'Toledo frame checksum does not match');
  }
  const [swa, swb, swc] = [bytes[1], bytes[2], bytes[3]];
  const digits = (from: number) => {
    const s = Buffer.from(bytes.subarray(from, from + 6)).toString('latin1');
    if (!/^[ 0-9]{6}$/.test(s)) throw new DeviceError('garbage', `Toledo weight field ${JSON.stringify(s)} is not digits`);
    return Number(s.trim() || '0');
  };
  const point = swa & 0x07;
  const scale = 10 ** (2 - point);
  const round = (n: number) => Number((n * scale).toFixed(Math.max(0, point - 2)));
  return {
    value: round(digits(4)) * (swb & 0x02 ? -1 : 1),
    tare: round(digits(10)),
    unit: unitOf(swb, swc),
    net: (swb & 0x01) === 1,
    negative: (swb & 0x02) !== 0,
    outOfRange: (swb & 0x04) !== 0,
    motion: (swb & 0x08) !== 0,
  };
}

export function encodeToledoFrame(f: { value: number; tare?: number; unit?: 'kg' | 'lb' | 'g'; decimals?: number; motion?: boolean; net?: boolean; outOfRange?: boolean }, withChecksum = true): Buffer {
  const decimals = f.decimals ?? (f.unit === 'g' ? 0 : 2);
  const swa = 0x20 | 0x08 | ((decimals + 2) & 0x07);
  const unit = f.unit ?? 'kg';
  const swb = 0x20 | (f.net ? 0x01 : 0) | (f.value < 0 ? 0x02 : 0) | (f.outOfRange ? 0x04 : 0) | (f.motion ? 0x08 : 0) | (unit === 'kg' ? 0x10 : 0);
  const swc = 0x20 | (unit === 'g' ? 0x01 : 0);
  const six = (n: number) => String(Math.round(Math.abs(n) * 10 ** decimals)).padStart(6, '0').slice(-6);
  const body = Buffer.from([STX, swa, swb, swc, ...Buffer.from(six(f.value) + six(f.tare ?? 0), 'latin1'), CR]);
  return withChecksum ? Buffer.concat([body, Buffer.from([toledoChecksum(body)])]) : body;
}

/** Splits a byte stream into frames, resynchronising on STX after noise. */
export class ToledoFramer {
  private buf = Buffer.alloc(0);
  constructor(
    private readonly withChecksum: boolean,
    private readonly onFrame: (frame: Buffer) => void,
    private readonly onNoise: (bytes: number) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    const size = FRAME + (this.withChecksum ? 1 : 0);
    for (;;) {
      const start = this.buf.findIndex((b) => (b & 0x7f) === STX);
      if (start < 0) {
        if (this.buf.length) this.onNoise(this.buf.length);
        this.buf = Buffer.alloc(0);
        return;
      }
      if (start > 0) this.onNoise(start);
      this.buf = this.buf.subarray(start);
      if (this.buf.length < size) return;
      this.onFrame(this.buf.subarray(0, size));
      this.buf = this.buf.subarray(size);
    }
  }
}

export class ToledoContinuousScale implements Scale {
  private readonly framer: ToledoFramer;
  private readonly listeners = new Set<(r: ScaleReading | DeviceError) => void>();
  last: ScaleReading | null = null;

  constructor(
    private readonly port: Duplex,
    readonly deviceId: string,
    options: { checksum?: boolean; equalReadings?: number } = {},
  ) {
    this.equalReadings = options.equalReadings ?? 3;
    this.framer = new ToledoFramer(options.checksum ?? true, (frame) => {
      let out: ScaleReading | DeviceError;
      try {
        out = this.toReading(decodeToledoFrame(frame, options.checksum ?? true));
        this.last = out;
      } catch (err) {
        out = err as DeviceError;
      }
      this.listeners.forEach((l) => l(out));
    });
    port.on('data', (chunk: Buffer) => this.framer.push(chunk));
    port.on('close', () => this.listeners.forEach((l) => l(new DeviceError('unplugged', 'The serial port closed'))));
  }

  private readonly equalReadings: number;

  private toReading(f: ToledoFrame): ScaleReading {
    const net = f.net ? f.value : f.value - f.tare;
    return {
      value: f.value,
      unit: f.unit,
      grams: toGrams(net, f.unit),
      tareGrams: toGrams(f.tare, f.unit),
      stable: !f.motion && !f.outOfRange,
      overload: f.outOfRange && !f.negative,
      underZero: f.outOfRange && f.negative,
      source: 'toledo',
      deviceId: this.deviceId,
    };
  }

  onReading(listener: (r: ScaleReading | DeviceError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readStable(options: ScaleReadOptions = {}): Promise<ScaleReading> {
    const ms = options.timeoutMs ?? 5000;
    const filter = new StabilityFilter(this.equalReadings);
    return new Promise((resolve, reject) => {
      let seen: ScaleReading | null = null;
      let bad: DeviceError | null = null;
      const off = this.onReading((r) => {
        if (r instanceof DeviceError) {
          filter.reset();
          bad = r;
          if (r.code === 'unplugged') done(() => reject(r));
          return;
        }
        seen = r;
        const stable = filter.push(r);
        if (stable) done(() => resolve(stable));
      });
      const timer = setTimeout(() => {
        const s = seen as ScaleReading | null;
        if (!s) done(() => reject(bad ?? new DeviceError('noAnswer', `No frame from the scale within ${ms} ms`, { ms })));
        else if (s.overload) done(() => reject(new DeviceError('overload', 'The scale is overloaded')));
        else if (s.underZero) done(() => reject(new DeviceError('underZero', 'The scale is below zero')));
        else done(() => reject(new DeviceError('notStable', `The weight did not settle within ${ms} ms`, { ms })));
      }, ms);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        off();
        settle();
      };
    });
  }

  /** Terminals that take input commands in continuous mode accept "Z" and "T" (IND445, KERN FTC manuals). */
  async zero(): Promise<void> {
    this.port.write('Z\r\n');
  }

  async tare(): Promise<ScaleReading> {
    this.port.write('T\r\n');
    await new Promise((r) => setTimeout(r, 300));
    return this.readStable({ timeoutMs: 3000 });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (typeof (this.port as { close?: unknown }).close === 'function') {
      await new Promise<void>((res) => (this.port as unknown as { close(cb: () => void): void }).close(() => res()));
    } else this.port.destroy();
  }
}
