/**
 * Serial scales driven for real over a socat pseudo-terminal pair, serialport on both ends:
 * - MT-SICS level 0/1 (METTLER TOLEDO "MT-SICS Reference Manual", Standard Interface Command
 *   Set: S, SI, SIR, Z, T, TA, @; S S / S D / S I / S + / S -; ES / ET / EL), answered by
 *   src/devices/simulators/serial-scales.ts.
 * - Toledo continuous output (METTLER TOLEDO Wildcat technical manual appendix 2, "Continuous
 *   Mode Output"; IND445 / KERN FTC manuals §5.2): STX, SWA SWB SWC, 6 + 6 digits, CR, checksum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { DeviceError } from '../../../src/devices/errors';
import { MtSicsScale, parseMtSicsLine } from '../../../src/devices/serial/mt-sics';
import { closeSerial, openSerial } from '../../../src/devices/serial/port';
import { decodeToledoFrame, encodeToledoFrame, toledoChecksum, ToledoContinuousScale, ToledoFramer } from '../../../src/devices/serial/toledo-continuous';
import { MtSicsSimulator, ToledoSimulator } from '../../../src/devices/simulators/serial-scales';
import { openPtyPair, type PtyPair } from '../../../src/devices/simulators/pty-pair';

describe('MT-SICS lines', () => {
  it('parses the responses of the reference manual', () => {
    expect(parseMtSicsLine('S S      100.00 g')).toEqual({ id: 'S', status: 'S', rest: '100.00 g' });
    expect(parseMtSicsLine('S D      99.87 g')).toEqual({ id: 'S', status: 'D', rest: '99.87 g' });
    expect(parseMtSicsLine('S I')).toEqual({ id: 'S', status: 'I', rest: '' });
    expect(parseMtSicsLine('S +')).toMatchObject({ status: '+' });
    expect(parseMtSicsLine('TA A       0.00 g')).toEqual({ id: 'TA', status: 'A', rest: '0.00 g' });
    expect(parseMtSicsLine('I4 A "B021002593"')).toEqual({ id: 'I4', status: 'A', rest: '"B021002593"' });
    expect(parseMtSicsLine('EL')).toEqual({ id: 'EL', status: '', rest: '' });
    expect(() => parseMtSicsLine('\x00\xff~~')).toThrow(DeviceError);
  });
});

describe('Toledo continuous frames', () => {
  it('decodes status words, decimal point, net/tare and the checksum', () => {
    const f = encodeToledoFrame({ value: 12.345, tare: 0.5, unit: 'kg', decimals: 3, net: true });
    expect(f).toHaveLength(18);
    expect(f[0]).toBe(0x02);
    expect(f[16]).toBe(0x0d);
    expect(f.subarray(4, 16).toString('latin1')).toBe('012345000500');
    expect((f.reduce((s, b, i) => (i < 17 ? s + (b & 0x7f) : s), 0) + f[17]) & 0x7f).toBe(0);
    expect(decodeToledoFrame(f, true)).toEqual({ value: 12.345, tare: 0.5, unit: 'kg', net: true, negative: false, outOfRange: false, motion: false });
  });

  it('decodes a hand-built frame: 2 decimals, lb, in motion, negative', () => {
    // SWA 0x2C: point code 4 (XXXX.XX), increment ×1; SWB 0x2A: negative + motion, lb; SWC 0x20.
    const body = Buffer.from([0x02, 0x2c, 0x2a, 0x20, ...Buffer.from('000150000000'), 0x0d]);
    const frame = Buffer.concat([body, Buffer.from([toledoChecksum(body)])]);
    expect(decodeToledoFrame(frame, true)).toMatchObject({ value: -1.5, unit: 'lb', motion: true, negative: true });
    frame[6] ^= 0x01;
    expect(() => decodeToledoFrame(frame, true)).toThrow(expect.objectContaining({ code: 'checksum' }));
  });

  it('resynchronises on STX after noise and masks parity bits (7E1)', () => {
    const frames: Buffer[] = [];
    let noise = 0;
    const framer = new ToledoFramer(true, (f) => frames.push(Buffer.from(f)), (n) => (noise += n));
    const f = encodeToledoFrame({ value: 2, unit: 'kg' });
    const withParity = Buffer.from(f.map((b, i) => (i === 1 ? b | 0x80 : b)));
    framer.push(Buffer.from([0x55, 0xaa, 0x31]));
    framer.push(withParity.subarray(0, 7));
    framer.push(withParity.subarray(7));
    expect(noise).toBe(3);
    expect(frames).toHaveLength(1);
    expect(decodeToledoFrame(frames[0], true).value).toBe(2);
  });
});

describe('MT-SICS simulator', () => {
  it('owes nothing once stopped: an S still waiting for stability is not answered on a closed port', async () => {
    const written: string[] = [];
    const port = new Duplex({ read() {}, write(chunk: Buffer, _enc, done) { written.push(String(chunk)); done(); } });
    const sim = new MtSicsSimulator(port);
    sim.balanceStableTimeoutMs = 100;
    sim.place(500, 100);
    port.emit('data', Buffer.from('S\r\n'));
    sim.stop();
    await new Promise((r) => setTimeout(r, 250));
    expect(sim.received).toEqual(['S']);
    expect(written).toEqual([]);
  });
});

describe('serial scales over a socat pty pair', () => {
  let pty: PtyPair;
  let deskPort: SerialPort;
  let devicePort: SerialPort;

  beforeAll(async () => {
    pty = await openPtyPair();
  });
  afterAll(async () => {
    await pty?.close();
  });

  async function open(settings: { parity?: 'none' | 'even'; dataBits?: 7 | 8; baudRate?: number } = {}) {
    deskPort = await openSerial({ path: pty.desk, ...settings });
    devicePort = await openSerial({ path: pty.device, ...settings });
  }
  async function close() {
    await closeSerial(deskPort);
    await closeSerial(devicePort);
  }

  it('MT-SICS: S stable weight, SI dynamic, Z, T and TA, @ reset, ES for an unknown command', async () => {
    await open({ baudRate: 9600 });
    const sim = new MtSicsSimulator(devicePort);
    const scale = new MtSicsScale(deskPort, { deviceId: `mt-sics:${pty.desk}` });
    try {
      sim.place(1250.5, 150);
      await expect(scale.readImmediate()).resolves.toMatchObject({ stable: false, source: 'mt-sics' });
      await expect(scale.readStable({ timeoutMs: 3000 })).resolves.toMatchObject({ grams: 1250.5, value: 1250.5, unit: 'g', stable: true, source: 'mt-sics' });
      await expect(scale.tare()).resolves.toMatchObject({ tareGrams: 1250.5 });
      await expect(scale.tareValue()).resolves.toBe(1250.5);
      await expect(scale.readStable()).resolves.toMatchObject({ grams: 0 });
      sim.place(1250.5 + 200);
      await expect(scale.readStable()).resolves.toMatchObject({ grams: 200 });
      await expect(scale.zero()).resolves.toBeUndefined();
      await expect(scale.reset()).resolves.toBe('B123456789');
      await expect(scale.command('XYZ', 'XYZ')).rejects.toMatchObject({ code: 'syntaxError', key: 'errors.devices.syntaxError' });
      sim.failNext = 'ET';
      await expect(scale.readStable()).rejects.toMatchObject({ code: 'transmissionError', retryable: true });
      expect(sim.received).toEqual(['SI', 'S', 'T', 'TA', 'S', 'S', 'Z', '@', 'XYZ', 'S']);
    } finally {
      sim.stop();
      await close();
    }
  });

  it('MT-SICS: SIR streams readings until @; overload and under zero are errors, not weights', async () => {
    await open({ baudRate: 19200, parity: 'even', dataBits: 7 });
    const sim = new MtSicsSimulator(devicePort);
    const scale = new MtSicsScale(deskPort, { deviceId: 'mt-sics:test' });
    try {
      sim.place(42);
      const readings: number[] = [];
      const stream = scale.stream((r) => {
        if (!(r instanceof DeviceError)) readings.push(r.grams);
      });
      await new Promise((r) => setTimeout(r, 350));
      await stream.stop();
      const count = readings.length;
      expect(count).toBeGreaterThanOrEqual(2);
      expect(new Set(readings)).toEqual(new Set([42]));
      await new Promise((r) => setTimeout(r, 250));
      expect(readings.length).toBe(count);

      sim.place(99_999, 0, true);
      await expect(scale.readStable()).rejects.toMatchObject({ code: 'overload' });
      sim.place(-5);
      await expect(scale.readStable()).rejects.toMatchObject({ code: 'underZero' });
    } finally {
      sim.stop();
      await close();
    }
  });

  it('MT-SICS: a scale that never stabilises times out with notStable; a silent one with noAnswer', async () => {
    await open();
    const sim = new MtSicsSimulator(devicePort);
    sim.balanceStableTimeoutMs = 200;
    const scale = new MtSicsScale(deskPort, { deviceId: 'mt-sics:test', answerTimeoutMs: 400 });
    try {
      sim.place(800, Infinity);
      await expect(scale.readStable({ timeoutMs: 900 })).rejects.toMatchObject({ code: 'notStable', params: { ms: 900 } });
      devicePort.removeAllListeners('data');
      await expect(scale.readImmediate()).rejects.toMatchObject({ code: 'noAnswer' });
    } finally {
      sim.stop();
      await close();
    }
  });

  it('Toledo continuous: a stable net weight after motion, tare over the line, never-stable times out', async () => {
    await open({ parity: 'even', dataBits: 7 });
    const sim = new ToledoSimulator(devicePort, { everyMs: 20, unit: 'kg' });
    const scale = new ToledoContinuousScale(deskPort, `toledo:${pty.desk}`, { checksum: true, equalReadings: 3 });
    try {
      // Frames already on the line (the empty pan's) are let through first: under load they can
      // arrive after the load is placed and would be three equal stable readings of 0 g.
      const drain = () => new Promise((r) => setTimeout(r, 150));
      sim.place(2500, 300);
      await drain();
      await expect(scale.readStable({ timeoutMs: 3000 })).resolves.toMatchObject({ grams: 2500, unit: 'kg', value: 2.5, stable: true, source: 'toledo' });
      await expect(scale.tare()).resolves.toMatchObject({ grams: 0, tareGrams: 2500 });
      sim.place(3000, Infinity);
      await drain();
      await expect(scale.readStable({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'notStable' });
      sim.stop();
      await drain();
      await expect(new ToledoContinuousScale(deskPort, 'toledo:silent').readStable({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'noAnswer' });
    } finally {
      sim.stop();
      await close();
    }
  });

  it('a port that does not exist is openFailed', async () => {
    await expect(openSerial({ path: '/dev/does-not-exist-lotdesk' })).rejects.toMatchObject({ code: 'openFailed' });
  });
});
