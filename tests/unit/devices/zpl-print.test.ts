/**
 * Lot labels as ZPL over TCP 9100 to a listener that captures the job as a printer would
 * (src/devices/simulators/zpl-printer.ts), at 203 and 300 dpi; the captured Code 128 fields
 * turned into bars offline (zpl-interpret.ts says exactly what that proves) and decoded by zxing.
 * A refused connection and a drop mid-job are reported and the same job goes through on retry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderLotLabelZpl } from '../../../src/documents/lot-label-zpl';
import { RawTcpPrinter, sendRaw } from '../../../src/devices/printers/raw-tcp';
import { SimulatedZplPrinter } from '../../../src/devices/simulators/zpl-printer';
import { SAMPLE_LOT_LABEL, SAMPLE_LOT_LABEL_HRI } from '../../support/sample-lot-label';
import { decodePng } from '../documents/helpers/zxing';
import { code128Fields, renderCodewords } from './zpl-interpret';


const label = SAMPLE_LOT_LABEL;

const printers: SimulatedZplPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});
async function listener(): Promise<SimulatedZplPrinter> {
  const p = new SimulatedZplPrinter();
  await p.listen();
  printers.push(p);
  return p;
}

describe('ZPL lot labels over TCP 9100', () => {
  for (const [dpi, dpmm] of [[203, 8], [300, 12]] as const) {
    it(`${dpi} dpi: the printer receives the label, whole-dot modules, and the bars decode to the GS1 data`, async () => {
      const sim = await listener();
      const printer = new RawTcpPrinter('zebra-test', { host: '127.0.0.1', port: sim.port });
      const zpl = renderLotLabelZpl(label, { dotsPerMm: dpmm });
      const got = sim.nextJob();
      await expect(printer.print({ document: 'lot-label', contentType: 'application/zpl', bytes: Buffer.from(zpl) })).resolves.toEqual({ printer: 'zebra-test', reference: `${Buffer.byteLength(zpl)} bytes` });
      const job = (await got).bytes.toString('utf8');
      expect(job).toBe(zpl);
      expect(job).toContain(`^PW${100 * dpmm}`);
      const fields = code128Fields(job);
      expect(fields.length).toBeGreaterThanOrEqual(1);
      for (const f of fields) {
        expect(Number.isInteger(f.moduleDots)).toBe(true);
        // X-dimension between 0.25 mm and 0.51 mm.
        expect(f.moduleDots / dpmm).toBeGreaterThanOrEqual(0.25);
        expect(f.moduleDots / dpmm).toBeLessThanOrEqual(0.51);
      }
      const decoded = (await Promise.all(fields.map(async (f) => decodePng(await renderCodewords(f))))).flat();
      expect(decoded.map((d) => d.symbologyIdentifier)).toEqual(fields.map(() => ']C1'));
      expect(decoded.map((d) => d.hri).join('')).toBe(SAMPLE_LOT_LABEL_HRI);
    });
  }

  it('300 dpi uses wider modules than 203 dpi for the same label (same physical X-dimension range)', () => {
    const at = (dpmm: 8 | 12) => code128Fields(renderLotLabelZpl(label, { dotsPerMm: dpmm })).map((f) => f.moduleDots);
    expect(Math.min(...at(12))).toBeGreaterThan(Math.min(...at(8)));
  });

  it('a reprint carries "REPRINT n" on the label', () => {
    expect(renderLotLabelZpl({ ...label, reprint: 2 })).toContain('^FDREPRINT 2^FS');
    expect(renderLotLabelZpl({ ...label, locale: 'zh-CN', reprint: 1 })).toContain('^FD补打 1^FS');
    expect(renderLotLabelZpl(label)).not.toContain('REPRINT');
  });

  it('a weighed lot carries its net weight as (3102) in the bars that decode, and "Net weight" under the quantity', async () => {
    const zpl = renderLotLabelZpl({ ...label, netWeightKg: 25.04 });
    expect(zpl).toContain('^FDNet weight 25.04 kg^FS');
    expect(renderLotLabelZpl({ ...label, locale: 'zh-CN', netWeightKg: 25.04 })).toContain('^FD净重 25.04 kg^FS');
    const fields = code128Fields(zpl);
    const decoded = (await Promise.all(fields.map(async (f) => decodePng(await renderCodewords(f))))).flat();
    expect(decoded.map((d) => d.hri).join('')).toContain('(3102)002504');
  });

  it('a refused connection is printerRefused (retryable); the same job prints once the printer is back', async () => {
    const sim = await listener();
    const port = sim.port;
    await sim.close();
    const printer = new RawTcpPrinter('zebra-test', { host: '127.0.0.1', port });
    const job = { document: 'lot-label', contentType: 'application/zpl' as const, bytes: Buffer.from(renderLotLabelZpl(label)) };
    await expect(printer.print(job)).rejects.toMatchObject({ code: 'printerRefused', retryable: true, params: { printer: `127.0.0.1:${port}` } });
    const back = new SimulatedZplPrinter();
    printers.push(back);
    await back.listen(port);
    const got = back.nextJob();
    await printer.print(job);
    expect((await got).bytes.equals(job.bytes)).toBe(true);
  });

  it('a printer dropping the connection mid-job is printerDropped; the retry sends the whole job again', async () => {
    const sim = await listener();
    const bytes = Buffer.alloc(4 * 1024 * 1024, '^FX padding ');
    sim.dropAfterBytes = 1000;
    await expect(sendRaw(bytes, { host: '127.0.0.1', port: sim.port })).rejects.toMatchObject({ code: 'printerDropped', retryable: true });
    expect(sim.jobs).toHaveLength(0);
    const got = sim.nextJob();
    await expect(sendRaw(bytes, { host: '127.0.0.1', port: sim.port })).resolves.toBe(bytes.length);
    expect((await got).bytes.length).toBe(bytes.length);
  });

  it('copies are sent as repeated jobs in one connection', async () => {
    const sim = await listener();
    const got = sim.nextJob();
    const zpl = renderLotLabelZpl(label);
    await new RawTcpPrinter('z', { host: '127.0.0.1', port: sim.port }).print({ document: 'lot-label', contentType: 'application/zpl', bytes: Buffer.from(zpl), copies: 3 });
    expect((await got).bytes.toString().split('^XA').length - 1).toBe(3);
  });
});
