import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit } from '../../../src/domain/gs1/check-digit';
import { buildElementString, formatElementString, formatSscc, Gs1EncodeError } from '../../../src/domain/gs1/encode';

const GS = '\u001d';

function encodeError(fn: () => unknown): Gs1EncodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Gs1EncodeError);
    return err as Gs1EncodeError;
  }
  throw new Error('expected a Gs1EncodeError');
}

describe('buildElementString', () => {
  it('puts predefined-length AIs first and separates only variable ones that are not last', () => {
    const r = buildElementString({ batch: 'AB12', serial: 'S1', expiry: '2027-12-31', gtin: '09506000134352', productionDate: '2025-11-20' });
    expect(r.elements.map((e) => e.ai)).toEqual(['01', '17', '11', '10', '21']);
    expect(r.hri).toBe('(01)09506000134352(17)271231(11)251120(10)AB12(21)S1');
    expect(r.gs).toBe(`0109506000134352172712311125112010AB12${GS}21S1`);
  });

  it('has no trailing separator when the last element is variable-length', () => {
    expect(buildElementString({ gtin: '09506000134352', batch: 'X' }).gs).toBe('010950600013435210X');
  });

  it('pads GTIN-8, -12 and -13 to 14 digits', () => {
    expect(buildElementString({ gtin: '95050003' }).elements[0].value).toBe('00000095050003');
    expect(buildElementString({ gtin: '614141000036' }).elements[0].value).toBe('00614141000036');
    expect(buildElementString({ gtin: '9506000134352' }).elements[0].value).toBe('09506000134352');
  });

  it('computes the check digit of a 13-digit GTIN-14 body', () => {
    expect(buildElementString({ gtinBody: '1950600013435' }).elements[0]).toEqual({ ai: '01', value: '19506000134359' });
  });

  it('rejects a GTIN with a wrong check digit, naming the expected one', () => {
    const err = encodeError(() => buildElementString({ gtin: '09506000134353' }));
    expect(err.code).toBe('badCheckDigit');
    expect(err.ai).toBe('01');
    expect(err.message).toContain('expected 2');
  });

  it('rejects GTINs of other lengths and both gtin and gtinBody', () => {
    expect(encodeError(() => buildElementString({ gtin: '1234567' })).code).toBe('invalidDigits');
    expect(encodeError(() => buildElementString({ gtinBody: '12345' })).code).toBe('invalidDigits');
    expect(encodeError(() => buildElementString({ gtin: '09506000134352', gtinBody: '0950600013435' })).code).toBe('conflictingFields');
  });

  it('writes dates as YYMMDD and rejects impossible ones', () => {
    expect(buildElementString({ gtin: '09506000134352', bestBefore: '2028-02-29' }).hri).toBe('(01)09506000134352(15)280229');
    for (const bad of ['2027-02-29', '2027-13-01', '27-12-31', '2027-12-31T00:00:00Z']) {
      const err = encodeError(() => buildElementString({ gtin: '09506000134352', expiry: bad }));
      expect([err.code, err.field, err.ai]).toEqual(['invalidDate', 'expiry', '17']);
    }
  });

  it('chooses the 310n with the fewest decimals that keeps the weight exact', () => {
    const weight = (kg: number) => buildElementString({ gtin: '09506000134352', netWeightKg: kg }).elements[1];
    expect(weight(25)).toEqual({ ai: '3100', value: '000025' });
    expect(weight(1.1)).toEqual({ ai: '3101', value: '000011' });
    expect(weight(12.345)).toEqual({ ai: '3103', value: '012345' });
    expect(weight(0.00001)).toEqual({ ai: '3105', value: '000001' });
    expect(weight(999999)).toEqual({ ai: '3100', value: '999999' });
    expect(encodeError(() => weight(1.000001)).code).toBe('tooPrecise');
    expect(encodeError(() => weight(123456.7)).code).toBe('tooPrecise');
    expect(encodeError(() => weight(0)).code).toBe('outOfRange');
    expect(encodeError(() => weight(Number.NaN)).code).toBe('outOfRange');
  });

  it('encodes a logistic unit: SSCC, content GTIN and count', () => {
    const r = buildElementString({ sscc: '106141411234567897', content: '09506000134352', count: 40, batch: 'L1' });
    expect(r.hri).toBe('(00)106141411234567897(02)09506000134352(37)40(10)L1');
    expect(r.gs).toBe(`00106141411234567897020950600013435237${'40'}${GS}10L1`);
  });

  it('checks batch and serial against GS1 character set 82 and 20 characters', () => {
    expect(buildElementString({ gtin: '09506000134352', batch: `!"%&'*+,-./:;<=>?_Az` }).elements[1].value).toBe(`!"%&'*+,-./:;<=>?_Az`);
    const space = encodeError(() => buildElementString({ gtin: '09506000134352', batch: 'A B' }));
    expect([space.code, space.field, space.ai]).toEqual(['invalidCharacter', 'batch', '10']);
    expect(encodeError(() => buildElementString({ gtin: '09506000134352', serial: '批号' })).code).toBe('invalidCharacter');
    expect(encodeError(() => buildElementString({ gtin: '09506000134352', batch: 'A'.repeat(21) })).code).toBe('valueTooLong');
    expect(encodeError(() => buildElementString({ gtin: '09506000134352', batch: '' })).code).toBe('valueTooLong');
  });

  it('rejects counts that are not whole numbers of 1–8 digits', () => {
    for (const count of [0, -1, 1.5, 100_000_000]) expect(encodeError(() => buildElementString({ count })).code).toBe('outOfRange');
  });

  it('refuses to build an empty element string', () => {
    expect(encodeError(() => buildElementString({})).code).toBe('noElements');
  });

  it('separates a variable AI followed by another in caller order (formatElementString)', () => {
    expect(formatElementString([{ ai: '10', value: 'A' }, { ai: '17', value: '271231' }]).gs).toBe(`10A${GS}17271231`);
  });
});

describe('formatSscc', () => {
  it('builds 18 digits: extension, prefix, zero-padded serial, check digit', () => {
    expect(formatSscc(1, '0614141', 123456789)).toBe('106141411234567897');
    expect(formatSscc(0, '9506000', 1)).toBe('095060000000000015');
    const sscc = formatSscc(3, '950600013', 42);
    expect(sscc).toHaveLength(18);
    expect(hasValidCheckDigit(sscc)).toBe(true);
  });

  it('throws a RangeError when the serial does not fit the prefix length', () => {
    expect(formatSscc(0, '950600013435', 9999)).toBe('095060001343599990');
    expect(() => formatSscc(0, '950600013435', 10000)).toThrow(RangeError);
    expect(() => formatSscc(0, '950600013435', 10000)).toThrow(/12-digit company prefix leaves 4 digits \(0–9999\)/);
    expect(() => formatSscc(0, '950600013435', -1)).toThrow(RangeError);
    expect(() => formatSscc(0, '950600013435', 1.5)).toThrow(RangeError);
  });

  it('rejects a bad extension digit or company prefix', () => {
    expect(() => formatSscc(10, '0614141', 1)).toThrow(/extension digit/);
    expect(() => formatSscc(0, '06141', 1)).toThrow(/company prefix/);
    expect(() => formatSscc(0, '06141A1', 1)).toThrow(/company prefix/);
  });
});
