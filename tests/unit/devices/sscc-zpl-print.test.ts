/**
 * The SSCC (logistic) label as ZPL (src/documents/logistic-label-zpl.ts), tested as the lot label's
 * ZPL is (zpl-print.test.ts): sent over TCP 9100 to the listener that captures a job as a printer
 * would, at 203 and 300 dpi; the captured Code 128 fields turned into bars offline
 * (zpl-interpret.ts says what that proves) and decoded by zxing to the GS1 data — the contents
 * (02)(17)(310n)(37)(10) above, the SSCC (00) last. Module widths are whole dots, 0.25–0.51 mm.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderLogisticLabelZpl } from '../../../src/documents/logistic-label-zpl';
import type { LogisticLabelData } from '../../../src/documents/logistic-label';
import { RawTcpPrinter } from '../../../src/devices/printers/raw-tcp';
import { SimulatedZplPrinter } from '../../../src/devices/simulators/zpl-printer';
import { decodePng } from '../documents/helpers/zxing';
import { code128Fields, renderCodewords } from './zpl-interpret';

// The SSCC of GS1's General Specifications example (GS1 prefix 0614141, check digit 7).
const SSCC = '106141411234567897';
const onePallet: LogisticLabelData = {
  locale: 'en',
  sscc: SSCC,
  shipFrom: 'LotDesk Demo Warehouse, 1 Harbour Road, Shanghai',
  shipTo: 'Sunrise Foods, 88 Market Street, San Francisco CA 94105',
  orderNumber: 'SO-2026-0042',
  packedAt: '2026-12-07T08:00:00.000Z',
  lines: [{ sku: 'TEA-250', itemName: 'Jasmine green tea 250 g', gtin: '09506000134352', lotCode: 'HZ-2611-07', expiryDate: '2028-04-24', quantity: 48, unit: 'pcs', netWeightKg: 12.5 }],
};

const printers: SimulatedZplPrinter[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});

async function decodedFields(zpl: string, dpmm: number) {
  const fields = code128Fields(zpl);
  for (const f of fields) {
    expect(Number.isInteger(f.moduleDots)).toBe(true);
    expect(f.moduleDots / dpmm).toBeGreaterThanOrEqual(0.25);
    expect(f.moduleDots / dpmm).toBeLessThanOrEqual(0.51);
  }
  return (await Promise.all(fields.map(async (f) => decodePng(await renderCodewords(f))))).flat();
}

describe('the SSCC label as ZPL over TCP 9100', () => {
  for (const [dpi, dpmm] of [[203, 8], [300, 12]] as const) {
    it(`${dpi} dpi: the printer receives the label; the bars decode to the contents and then the SSCC`, async () => {
      const sim = new SimulatedZplPrinter();
      await sim.listen();
      printers.push(sim);
      const zpl = renderLogisticLabelZpl(onePallet, { dotsPerMm: dpmm });
      const got = sim.nextJob();
      await new RawTcpPrinter('zebra-test', { host: '127.0.0.1', port: sim.port }).print({ document: 'sscc-label', contentType: 'application/zpl', bytes: Buffer.from(zpl) });
      const job = (await got).bytes.toString('utf8');
      expect(job).toBe(zpl);
      expect(job).toContain(`^PW${100 * dpmm}`);
      expect(job).toContain(`^LL${150 * dpmm}`);
      const decoded = await decodedFields(job, dpmm);
      expect(decoded.map((d) => d.symbologyIdentifier)).toEqual(decoded.map(() => ']C1'));
      expect(decoded.map((d) => d.hri).join('')).toBe('(02)09506000134352(17)280424(3101)000125(37)48(10)HZ-2611-07' + `(00)${SSCC}`);
      // The SSCC is the last symbol on the label, alone.
      expect(decoded.at(-1)!.hri).toBe(`(00)${SSCC}`);
      for (const s of ['^FDSO-2026-0042^FS', '^FD1 0614141 123456789 7^FS', '^FDNet weight 12.5 kg^FS', '^FDLot HZ-2611-07   Use by']) expect(job).toContain(s);
    });
  }

  it('contents too long for one symbol at 203 dpi go into two (fixed-length AIs, then the lot), the SSCC still last', async () => {
    const lot = 'LOT-2026-12-07-A0001';
    const zpl = renderLogisticLabelZpl({ ...onePallet, lines: [{ ...onePallet.lines[0], lotCode: lot }] }, { dotsPerMm: 8 });
    const decoded = await decodedFields(zpl, 8);
    expect(decoded.map((d) => d.hri)).toEqual(['(02)09506000134352(17)280424(3101)000125', `(37)48(10)${lot}`, `(00)${SSCC}`]);
  });

  it('a package of several items carries the SSCC alone in the bars, every line in the text', async () => {
    const mixed = { ...onePallet, lines: [onePallet.lines[0], { ...onePallet.lines[0], sku: 'OOL-100', itemName: 'Oolong 100 g', gtin: null, lotCode: 'OL-1', netWeightKg: null }] };
    const zpl = renderLogisticLabelZpl(mixed);
    expect((await decodedFields(zpl, 8)).map((d) => d.hri)).toEqual([`(00)${SSCC}`]);
    expect(zpl).toContain('^FDOOL-100 Oolong 100 g^FS');
  });

  it('a reprint says "REPRINT n" (补打 n); the Chinese label keeps its captions and data', () => {
    expect(renderLogisticLabelZpl(onePallet, { reprint: 2 })).toContain('^FDREPRINT 2^FS');
    const zh = renderLogisticLabelZpl({ ...onePallet, locale: 'zh-CN' }, { reprint: 1 });
    expect(zh).toContain('^FD补打 1^FS');
    expect(zh).toContain('^FD净重 12.5 kg^FS');
    expect(renderLogisticLabelZpl(onePallet)).not.toContain('REPRINT');
  });
});
