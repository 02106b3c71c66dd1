import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toStored, fromStored, parseTypedQuantity } from '../../../src/domain/quantity';
import { AppError } from '../../../src/domain/errors';

function keyOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.data.key;
    throw e;
  }
  return 'no error';
}

describe('quantities', () => {
  it('stores thousandths exactly and refuses decimals the unit does not allow', () => {
    expect(toStored(12, 'pcs')).toBe(12_000);
    expect(toStored(0.1, 'kg')).toBe(100);
    expect(toStored(1250.125, 'kg')).toBe(1_250_125);
    expect(keyOf(() => toStored(1.5, 'pcs'))).toBe('errors.quantity.wholeUnits');
    expect(keyOf(() => toStored(1.0005, 'kg'))).toBe('errors.quantity.tooManyDecimals');
    expect(keyOf(() => toStored(0, 'kg'))).toBe('errors.quantity.notPositive');
    expect(keyOf(() => toStored(-1, 'pcs'))).toBe('errors.quantity.notPositive');
    expect(keyOf(() => toStored(Number.NaN, 'pcs'))).toBe('errors.quantity.notANumber');
    expect(keyOf(() => toStored(Number.POSITIVE_INFINITY, 'pcs'))).toBe('errors.quantity.notANumber');
  });

  it('reads typed quantities with a decimal point only: a comma, an exponent or hex is not a number', () => {
    expect(['12', ' 1 000 ', '2.5', '.5', '3.', '-4', '１２．５'].map(parseTypedQuantity)).toEqual([12, 1000, 2.5, 0.5, 3, -4, 12.5]);
    for (const text of ['1,000', '2,5', '1e3', '0x10', '', '  ', '1.2.3', '+-1', 'Infinity', '五']) expect(parseTypedQuantity(text), text).toBeNaN();
  });

  it('round-trips every quantity with up to three decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (thousandths) => {
        const q = thousandths / 1000;
        return toStored(q, 'kg') === thousandths && fromStored(toStored(q, 'kg')) === q;
      }),
    );
  });
});
