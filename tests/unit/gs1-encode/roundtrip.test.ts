/**
 * encode → render PNG (bwip-js) → decode (zxing-wasm, an independent implementation) → parse
 * (our parser) → the same elements, for generated lots in each GS1 symbology.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBarcodePng, type Symbology } from '../../../src/documents/barcode';
import { gs1CheckDigit } from '../../../src/domain/gs1/check-digit';
import { buildElementString, type Gs1LabelFields } from '../../../src/domain/gs1/encode';
import { parseScan } from '../../../src/domain/gs1';
import { decodePng } from '../documents/helpers/zxing';

// CSET 82 without "(" and ")": bwip-js reads the bracketed form, where brackets delimit AIs.
const LOT_CHARS = `!"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`.split('');

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

// GS1 QR refuses "%" (see barcode.ts: BWIPP doubles it even in byte segments).
const lotFields = (chars: string[]): fc.Arbitrary<Gs1LabelFields> => fc.record(
  {
    gtinBody: fc.stringMatching(/^[0-8]\d{12}$/),
    batch: fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 20 }).map((a) => a.join('')),
    serial: fc.stringMatching(/^[0-9A-Z]{1,20}$/),
    expiry: isoDate,
    productionDate: isoDate,
    netWeightKg: fc.integer({ min: 1, max: 999_999 }).map((g) => g / 1000),
  },
  { requiredKeys: ['gtinBody', 'batch'] },
);

const CASES: [Symbology, string, string][] = [
  ['gs1-128', 'Code128', ']C1'],
  ['gs1-datamatrix', 'DataMatrix', ']d2'],
  ['gs1-qr', 'QRCode', ']Q3'],
];

describe.each(CASES)('%s round trip', (symbology, format, aim) => {
  it('a fixed lot decodes to the same element string', async () => {
    const encoded = buildElementString({ gtin: '09506000134352', expiry: '2027-12-31', productionDate: '2025-11-20', batch: 'AB-12/3' });
    const [decoded] = await decodePng(await renderBarcodePng(symbology, encoded.hri));
    expect(decoded).toMatchObject({ format, symbologyIdentifier: aim, raw: encoded.gs, hri: encoded.hri });
  });

  it('generated lots: encode → PNG → zxing → parseScan gives the same elements', async () => {
    await fc.assert(
      fc.asyncProperty(lotFields(symbology === 'gs1-qr' ? LOT_CHARS.filter((c) => c !== '%') : LOT_CHARS), async (fields) => {
        const encoded = buildElementString(fields);
        const decoded = await decodePng(await renderBarcodePng(symbology, encoded.hri));
        expect(decoded).toHaveLength(1);
        expect(decoded[0].symbologyIdentifier).toBe(aim);
        expect(decoded[0].hri).toBe(encoded.hri);
        const scan = parseScan(decoded[0].symbologyIdentifier + decoded[0].raw, { today: '2026-01-01' });
        if (!scan.ok) throw new Error(`parseScan rejected ${encoded.hri}: ${JSON.stringify(scan.error)}`);
        expect(scan.elements.map(({ ai, value }) => ({ ai, value }))).toEqual(encoded.elements);
        expect(scan.gtin).toBe(fields.gtinBody! + gs1CheckDigit(fields.gtinBody!));
        expect(scan.batch).toBe(fields.batch);
        expect(scan.expiry).toBe(fields.expiry);
        expect(scan.productionDate).toBe(fields.productionDate);
      }),
      { numRuns: 30 },
    );
  });
});
