/**
 * Quantities are stored as integer thousandths of the item's unit so that ledger sums are exact.
 * Each unit allows a number of decimals; more is an input error, never a silent rounding.
 */
import { fail } from './errors';

export const QTY_SCALE = 1000;
export const MAX_UNIT_DECIMALS = 3;

/** Units a desk works in, with the decimals each allows. */
export const UNITS = { pcs: 0, case: 0, pallet: 0, kg: 3, g: 0, l: 3, ml: 0, m: 3 } as const;
export type Unit = keyof typeof UNITS;

export function isUnit(value: string): value is Unit {
  return Object.prototype.hasOwnProperty.call(UNITS, value);
}

/**
 * A quantity as a person types or imports it: digits, a decimal point, a sign (so a negative count
 * gets its own refusal), full-width digits from a Chinese input method. Anything else is NaN, which
 * the core refuses as not a number: a comma is never guessed at, since "1,000" is a thousand to an
 * English or Chinese reader and reading it as a decimal comma made it 1; nor are 1e3 or 0x10 numbers.
 */
export function parseTypedQuantity(text: string): number {
  const clean = text.normalize('NFKC').replace(/\s/g, '');
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(clean) ? Number(clean) : Number.NaN;
}

/** Validates a user-entered quantity for a unit and returns it in thousandths. */
export function toStored(quantity: number, unit: Unit, field = 'quantity'): number {
  if (!Number.isFinite(quantity)) throw fail.validation('errors.quantity.notANumber', field);
  if (quantity <= 0) throw fail.validation('errors.quantity.notPositive', field, { quantity });
  const decimals = UNITS[unit];
  if (decimalPlaces(quantity) > decimals) {
    // "at most 0 decimal places" reads badly: a unit without decimals is counted whole.
    throw fail.validation(decimals === 0 ? 'errors.quantity.wholeUnits' : 'errors.quantity.tooManyDecimals', field, { decimals, unit });
  }
  const stored = Math.round(quantity * QTY_SCALE);
  if (!Number.isSafeInteger(stored) || stored > 1e15) throw fail.validation('errors.quantity.tooLarge', field, { quantity });
  return stored;
}

/**
 * Decimal places of a number as the user typed it: JavaScript prints the shortest decimal that
 * round-trips, so 0.1 has one place and 134217741.726 three, with no float-noise guesswork.
 */
export function decimalPlaces(n: number): number {
  const [mantissa, exponent] = String(n).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

export function fromStored(stored: number): number {
  return stored / QTY_SCALE;
}
