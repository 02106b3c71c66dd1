import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildElementString, type EncodedElement } from '../../../src/domain/gs1/encode';
import { code128Text, gs1_128FieldData, gs1_128Zpl, zplText, ZplError } from '../../../src/documents/zpl';
import { decodeZplCode128 } from './helpers/zpl-code128';

const GS = '\u001d';
const transmitted = (elements: EncodedElement[]) => decodeZplCode128(gs1_128FieldData(elements).fieldData).transmitted;

describe('GS1-128 as ZPL ^BC field data', () => {
  it('starts in subset C with FNC1 and packs the fixed-length AIs as digit pairs', () => {
    const { fieldData } = gs1_128FieldData([{ ai: '01', value: '09506000134352' }, { ai: '17', value: '271231' }]);
    expect(fieldData).toBe('>;>8010950600013435217271231');
  });

  it('leaves one digit of an odd-length run in subset B', () => {
    // "10" + "12345": AI pair in C, then "12345" is odd — "1" goes to B, "2345" back in C (or the reverse).
    const { fieldData } = gs1_128FieldData([{ ai: '10', value: 'A12345' }]);
    expect(decodeZplCode128(fieldData).transmitted).toBe(']C110A12345');
    expect(fieldData).toBe('>;>810>6A1>52345');
  });

  it('switches to B for alphanumeric lots and back to C for the next long digit run', () => {
    const elements = [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'LOT-7' }, { ai: '21', value: '123456789012' }];
    const { fieldData } = gs1_128FieldData(elements);
    expect(fieldData).toBe('>;>80109506000134352' + '10>6LOT-7' + '>8>521123456789012');
    expect(transmitted(elements)).toBe(`]C1010950600013435210LOT-7${GS}21123456789012`);
  });

  it('writes ">" as "><" so the printer does not read an invocation code', () => {
    const { fieldData } = gs1_128FieldData([{ ai: '10', value: 'A>8B' }]);
    expect(fieldData).toContain('A><8B');
    expect(decodeZplCode128(fieldData).transmitted).toBe(']C110A>8B');
  });

  it('uses no more codewords than all-B or all-C-where-possible encodings (property)', async () => {
    const chars = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`.split('');
    const value = fc.oneof(
      fc.stringMatching(/^\d{1,20}$/),
      fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 20 }).map((a) => a.join('')),
      fc.tuple(fc.stringMatching(/^[A-Z]{1,3}$/), fc.stringMatching(/^\d{1,9}$/), fc.stringMatching(/^[a-z-]{0,3}$/)).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ ai: fc.constantFrom('10', '21', '240', '91'), value }), { minLength: 1, maxLength: 4 }), (elements) => {
        const expected = ']C1' + elements.map((e, i) => e.ai + e.value + (i < elements.length - 1 ? GS : '')).join('');
        const field = gs1_128FieldData(elements);
        const decoded = decodeZplCode128(field.fieldData);
        expect(decoded.transmitted).toBe(expected);
        // All of subset B: start + one codeword per character + FNC1s.
        const allB = 1 + expected.length - 3 + 1;
        expect(decoded.codewords).toBeLessThanOrEqual(allB);
        expect(field.modules).toBe((decoded.codewords + 1) * 11 + 13);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips a label element string built by buildElementString', () => {
    const encoded = buildElementString({ gtin: '09506000134352', expiry: '2027-12-31', productionDate: '2025-11-20', batch: '251125-MAIN-0001' });
    expect(transmitted(encoded.elements)).toBe(']C1' + encoded.gs);
  });

  it('plain Code 128 of an internal lot code has no FNC1', () => {
    expect(decodeZplCode128(code128Text('LOT-000123').fieldData).transmitted).toBe(']C0LOT-000123');
    expect(decodeZplCode128(code128Text('20251125').fieldData).transmitted).toBe(']C020251125');
  });

  it('refuses characters a ZPL Code 128 field cannot carry', () => {
    expect(() => code128Text('A^B')).toThrow(ZplError);
    expect(() => code128Text('批号')).toThrow(/cannot be printed/);
    expect(() => code128Text('')).toThrow(ZplError);
  });

  it('a complete label: ^XA, UTF-8, bar code field, HRI line, ^XZ', () => {
    const zpl = gs1_128Zpl([{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'AB1' }]);
    expect(zpl).toMatch(/^\^XA\n\^CI28\n/);
    expect(zpl).toContain('^BCN,120,N,N,N,N^FD>;>8010950600013435210>6AB1^FS');
    expect(zpl).toContain('^FD(01)09506000134352(10)AB1^FS');
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
  });

  it('escapes ZPL control characters in text fields', () => {
    expect(zplText('a^b~c\\d 批号')).toBe('a\\5Eb\\7Ec\\5Cd 批号');
  });
});
