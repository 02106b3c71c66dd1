/**
 * Weight units to grams and back (exact factors: the avoirdupois pound is 453.59237 g by
 * definition). Pure: the devices code converts what a scale reports, the core and the QC desk
 * convert a reading into a characteristic's unit with the same factors.
 */
export type WeightUnit = 'mg' | 'g' | 'kg' | 'ct' | 'oz' | 'lb' | 'ozt' | 'dwt' | 'gr' | 't';

export const GRAMS_PER: Record<WeightUnit, number> = {
  mg: 0.001,
  g: 1,
  kg: 1000,
  t: 1_000_000,
  ct: 0.2,
  gr: 0.06479891,
  dwt: 1.55517384,
  ozt: 31.1034768,
  oz: 28.349523125,
  lb: 453.59237,
};

/** Grams, rounded to the micro-gram so float noise from 10^exp does not leak into comparisons. */
export function toGrams(value: number, unit: WeightUnit): number {
  return Math.round(value * GRAMS_PER[unit] * 1e6) / 1e6;
}

/** Grams in a unit, rounded to six decimals (a characteristic's most) so 25040 g is 25.04 kg, not 25.040000000000003. */
export function fromGrams(grams: number, unit: WeightUnit): number {
  return Math.round((grams / GRAMS_PER[unit]) * 1e6) / 1e6;
}

export function isWeightUnit(unit: string): unit is WeightUnit {
  return Object.hasOwn(GRAMS_PER, unit);
}
