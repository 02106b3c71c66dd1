/** Scale units to grams: the pure conversions of src/domain/weight-units.ts (the QC desk uses them too). */
export { GRAMS_PER, fromGrams, isWeightUnit, toGrams } from '../domain/weight-units';
