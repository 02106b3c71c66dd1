/**
 * METTLER TOLEDO Standard Interface Command Set (MT-SICS), levels 0 and 1, as the balance
 * reference manuals define it: ASCII commands ending CR LF, one response line each.
 *   S    stable weight        → "S S <value> <unit>" | "S I" busy/not stable | "S +" overload | "S -" underload
 *   SI   weight immediately   → "S S …" | "S D <value> <unit>" (dynamic, not stable)
 *   SIR  weights repeatedly   → a stream of SI responses until the next command
 *   Z    zero                 → "Z A" | "Z I" | "Z +" | "Z -"
 *   T    tare                 → "T S <tare> <unit>" | "T I" | "T +" | "T -"
 *   TA   tare value           → "TA A <tare> <unit>"
 *   @    reset                → "I4 A \"<serial number>\""
 *   any  error                → "ES" syntax · "ET" transmission (parity, framing) · "EL" logical
 */
import type { Duplex } from 'node:stream';
import { ReadlineParser } from 'serialport';
import { DeviceError } from '../errors';
import type { Scale, ScaleReadOptions, ScaleReading } from '../types';
import { isWeightUnit, toGrams } from '../units';

export interface MtSicsResponse {
  /** Command id the line answers ("S", "Z", "T", "TA", "I4") or "ES"/"ET"/"EL". */
  id: string;
  /** Status letter: S stable, D dynamic, A done, I not executable, + over, - under. */
  status: string;
  /** The rest of the line, e.g. "100.00 g". */
  rest: string;
}

export function parseMtSicsLine(line: string): MtSicsResponse {
  const text = line.replace(/[\r\n]+$/, '');
  if (text === 'ES' || text === 'ET' || text === 'EL') return { id: text, status: '', rest: '' };
  const m = /^([A-Z][A-Z0-9]*) ([SDAI+\-LB])(?: +(.*))?$/.exec(text);
  if (!m) throw new DeviceError('garbage', `Not an MT-SICS response: ${JSON.stringify(text)}`, { line: text.slice(0, 40) });
  return { id: m[1], status: m[2], rest: (m[3] ?? '').trim() };
}

/** "<value> <unit>" of an S/SI/T/TA response. */
export function parseMtSicsWeight(rest: string): { value: number; unit: ScaleReading['unit'] } {
  const m = /^(-?\d+(?:\.\d+)?) +(\S+)$/.exec(rest.trim());
  if (!m || !isWeightUnit(m[2])) throw new DeviceError('garbage', `Not a weight: ${JSON.stringify(rest)}`, { text: rest.slice(0, 40) });
  return { value: Number(m[1]), unit: m[2] };
}

const ERRORS = { ES: 'syntaxError', ET: 'transmissionError', EL: 'logicalError' } as const;

export interface MtSicsOptions {
  deviceId: string;
  /** How long one command may go unanswered (default 2 s). */
  answerTimeoutMs?: number;
}

export class MtSicsScale implements Scale {
  readonly deviceId: string;
  private readonly lines: ReadlineParser;
  private pending: { answerId: string; resolve: (r: MtSicsResponse) => void; reject: (e: DeviceError) => void } | null = null;
  private streamListener: ((r: ScaleReading | DeviceError) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Answers still owed to commands we stopped waiting for: dropped when they come, never taken for the next command's. */
  private readonly owed = new Map<string, number>();

  constructor(
    private readonly port: Duplex,
    private readonly options: MtSicsOptions,
  ) {
    this.deviceId = options.deviceId;
    this.lines = port.pipe(new ReadlineParser({ delimiter: '\r\n', encoding: 'latin1' }));
    this.lines.on('data', (line: string) => this.onLine(line));
    port.on('close', () => this.pending?.reject(new DeviceError('unplugged', 'The serial port closed')));
  }

  private onLine(line: string): void {
    let r: MtSicsResponse;
    try {
      r = parseMtSicsLine(line);
    } catch (err) {
      this.pending?.reject(err as DeviceError);
      this.streamListener?.(err as DeviceError);
      return;
    }
    const owed = this.owed.get(r.id) ?? 0;
    if (owed > 0) {
      this.owed.set(r.id, owed - 1);
      return;
    }
    if (this.pending && (r.id in ERRORS || this.pending.answerId === r.id)) {
      const p = this.pending;
      this.pending = null;
      if (r.id in ERRORS) p.reject(new DeviceError(ERRORS[r.id as keyof typeof ERRORS], `The scale answered ${r.id}`, { answer: r.id }));
      else p.resolve(r);
      return;
    }
    if (this.streamListener && r.id === 'S') {
      try {
        this.streamListener(this.reading(r));
      } catch (err) {
        this.streamListener(err as DeviceError);
      }
    }
  }

  /** Sends one command and waits for its answer; commands run one at a time. */
  command(text: string, answerId: string, timeoutMs = this.options.answerTimeoutMs ?? 2000): Promise<MtSicsResponse> {
    const run = () =>
      new Promise<MtSicsResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.pending = null;
          this.owed.set(answerId, (this.owed.get(answerId) ?? 0) + 1);
          reject(new DeviceError('noAnswer', `The scale did not answer "${text}" within ${timeoutMs} ms`, { command: text, ms: timeoutMs }));
        }, timeoutMs);
        this.pending = {
          answerId,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
          reject: (e) => {
            clearTimeout(timer);
            this.pending = null;
            reject(e);
          },
        };
        this.port.write(`${text}\r\n`);
      });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private reading(r: MtSicsResponse): ScaleReading {
    if (r.status === '+') throw new DeviceError('overload', 'The scale is overloaded');
    if (r.status === '-') throw new DeviceError('underZero', 'The scale is below zero');
    if (r.status === 'I') throw new DeviceError('refused', 'The scale cannot weigh now (busy or not stable)');
    const { value, unit } = parseMtSicsWeight(r.rest);
    return { value, unit, grams: toGrams(value, unit), stable: r.status === 'S', overload: false, underZero: false, source: 'mt-sics', deviceId: this.deviceId };
  }

  /** SI: the weight now, stable or not. */
  async readImmediate(): Promise<ScaleReading> {
    return this.reading(await this.command('SI', 'S'));
  }

  /**
   * S, repeated while the balance answers "S I" (it gives up on its own stability timeout),
   * until our timeout: then 'notStable'.
   */
  async readStable(options: ScaleReadOptions = {}): Promise<ScaleReading> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new DeviceError('notStable', `The weight did not settle within ${options.timeoutMs ?? 5000} ms`, { ms: options.timeoutMs ?? 5000 });
      let r: MtSicsResponse;
      try {
        r = await this.command('S', 'S', left);
      } catch (err) {
        if ((err as DeviceError).code === 'noAnswer' && Date.now() >= deadline) {
          throw new DeviceError('notStable', `The weight did not settle within ${options.timeoutMs ?? 5000} ms`, { ms: options.timeoutMs ?? 5000 });
        }
        throw err;
      }
      if (r.status !== 'I') return this.reading(r);
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  /** SIR: every reading the balance streams, until `stop()` (which sends "@"). */
  stream(listener: (r: ScaleReading | DeviceError) => void): { stop: () => Promise<void> } {
    this.streamListener = listener;
    this.port.write('SIR\r\n');
    return {
      stop: async () => {
        this.streamListener = null;
        await this.reset();
      },
    };
  }

  async zero(): Promise<void> {
    const r = await this.command('Z', 'Z', 10_000);
    if (r.status === 'A') return;
    if (r.status === '+') throw new DeviceError('overload', 'Zero refused: the load is above the zero range');
    if (r.status === '-') throw new DeviceError('underZero', 'Zero refused: the load is below the zero range');
    throw new DeviceError('refused', 'The scale cannot zero now');
  }

  /** T: tares the load on the pan; resolves with the tare weight. */
  async tare(): Promise<ScaleReading> {
    const r = await this.command('T', 'T', 10_000);
    if (r.status === 'S') return { ...this.reading({ ...r, status: 'S' }), tareGrams: toGrams(parseMtSicsWeight(r.rest).value, parseMtSicsWeight(r.rest).unit) };
    if (r.status === '+') throw new DeviceError('overload', 'Tare refused: overloaded');
    if (r.status === '-') throw new DeviceError('underZero', 'Tare refused: below zero');
    throw new DeviceError('refused', 'The scale cannot tare now');
  }

  /** TA: the tare value stored in the balance, in grams. */
  async tareValue(): Promise<number> {
    const r = await this.command('TA', 'TA');
    if (r.status !== 'A') throw new DeviceError('refused', 'The scale did not give its tare value');
    const { value, unit } = parseMtSicsWeight(r.rest);
    return toGrams(value, unit);
  }

  /** @: reset (also ends SIR); resolves with the balance's serial number. */
  async reset(): Promise<string> {
    const r = await this.command('@', 'I4');
    return r.rest.replace(/^"|"$/g, '');
  }

  async close(): Promise<void> {
    this.lines.removeAllListeners('data');
    if ('close' in this.port && typeof (this.port as { close?: unknown }).close === 'function') {
      await new Promise<void>((res) => (this.port as unknown as { close(cb: () => void): void }).close(() => res()));
    } else this.port.destroy();
  }
}
