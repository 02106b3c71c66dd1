import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import bwipjs from 'bwip-js/node';
import { BarcodeError, lintGs1, renderBarcodePng, renderBarcodeModules, type Symbology } from '../../../src/documents/barcode';
import { decodePng } from './helpers/zxing';

async function barcodeError(promise: Promise<unknown>): Promise<BarcodeError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(BarcodeError);
  return err as BarcodeError;
}

/**
 * RGBA of the top-left pixel of a bwip-js PNG (8-bit RGBA). Every PNG row filter predicts the
 * first pixel of the first row from zeros, so its bytes follow the filter byte unchanged.
 */
function topLeftPixel(png: Buffer): number[] {
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return [...inflateSync(Buffer.concat(idat)).subarray(1, 5)];
}

describe('renderBarcodePng', () => {
  it.each<[Symbology, string, string]>([
    ['gs1-128', '(01)09506000134352(10)ABC', ']C1'],
    ['gs1-datamatrix', '(01)09506000134352(10)ABC', ']d2'],
    ['gs1-qr', '(01)09506000134352(10)ABC', ']Q3'],
    ['code128', 'LOT-2025-0001', ']C0'],
  ])('%s: opaque PNG with a quiet zone that an independent decoder reads', async (symbology, data, aim) => {
    const png = await renderBarcodePng(symbology, data);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Opaque white where bwip-js draws transparent, and white at the corner where the first bar
    // or the finder pattern would touch the edge without a quiet zone.
    expect(topLeftPixel(png)).toEqual([255, 255, 255, 255]);
    const [decoded] = await decodePng(png);
    expect(decoded.symbologyIdentifier).toBe(aim);
    expect(decoded.hri).toBe(data);
  });

  it('turns a bwip-js lint failure into a typed error with code and message', async () => {
    const checksum = await barcodeError(renderBarcodePng('gs1-128', '(01)09506000134353(10)A'));
    expect([checksum.code, checksum.message, checksum.symbology]).toEqual(['GS1badChecksum', 'AI 01: Bad checksum', 'gs1-128']);
    const month = await barcodeError(renderBarcodePng('gs1-datamatrix', '(01)09506000134352(17)271301'));
    expect(month.code).toBe('GS1badMonth');
  });

  it('lints AI associations (lintreqs): a batch without a GTIN is refused', async () => {
    const err = await barcodeError(renderBarcodePng('gs1-128', '(10)ABC'));
    expect(err.code).toBe('GS1missingAIs');
    expect(() => lintGs1('(10)ABC')).toThrow(BarcodeError);
    expect(() => lintGs1('(01)09506000134352(10)ABC')).not.toThrow();
  });

  it('refuses "%" in GS1 QR, which bwip-js would encode wrongly', async () => {
    expect((await barcodeError(renderBarcodePng('gs1-qr', '(01)09506000134352(10)ab%c'))).code).toBe('percentInGs1Qr');
    const [dm] = await decodePng(await renderBarcodePng('gs1-datamatrix', '(01)09506000134352(10)ab%c'));
    expect(dm.hri).toBe('(01)09506000134352(10)ab%c');
  });

  it('refuses empty data', async () => {
    expect((await barcodeError(renderBarcodePng('code128', ''))).code).toBe('emptyData');
  });
});

describe('renderBarcodeModules', () => {
  it('reports the symbol size in modules', () => {
    const dm = renderBarcodeModules('gs1-datamatrix', '(01)09506000134352(10)ABC');
    expect(dm.modulesWide).toBe(dm.modulesHigh);
    expect([18, 20, 22]).toContain(dm.modulesWide);
    // GS1-128 "(01)…(10)A": start, FNC1, 8 digit pairs, "10", CODE B, "A", check = 14 codewords + 13-module stop.
    const linear = renderBarcodeModules('gs1-128', '(01)09506000134352(10)A');
    expect(linear.modulesWide).toBe(14 * 11 + 13);
    expect(linear.modulesHigh).toBe(1);
    // Three bars a codeword, four in the stop pattern, each one module high and inside the symbol.
    expect(linear.rects).toHaveLength(14 * 3 + 4);
    expect(linear.rects.every((r) => r.y === 0 && r.h === 1 && r.x + r.w <= linear.modulesWide)).toBe(true);
  });

  it('covers exactly the dark modules of the matrix, each once, in fewer rectangles than modules', () => {
    const data = '(01)09506000134352(17)271231(10)LOT-2025-000042';
    const [raw] = bwipjs.raw({ bcid: 'gs1datamatrix', text: data, parse: true }) as { pixs: number[]; pixx: number; pixy: number }[];
    const dm = renderBarcodeModules('gs1-datamatrix', data);
    const painted = new Array<number>(raw.pixx * raw.pixy).fill(0);
    for (const r of dm.rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) painted[y * raw.pixx + x]++;
    expect(painted).toEqual(raw.pixs);
    expect(dm.rects.length).toBeLessThan(raw.pixs.filter(Boolean).length / 2);
  });

  it('throws the same typed error as the PNG path', () => {
    expect(() => renderBarcodeModules('gs1-128', '(01)123')).toThrow(BarcodeError);
  });
});
