/** Scale units to grams (exact factors: the avoirdupois pound is 453.59237 g by definition). */
import type { WeightUnit } from './types';

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

export function isWeightUnit(unit: string): unit is WeightUnit {
  return Object.hasOwn(GRAMS_PER, unit);
}
