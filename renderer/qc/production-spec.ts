/**
 * The production form's live marking: each typed parameter through the core's own checkValue
 * (src/domain/qc/characteristic.ts), so the desk marks in/out of spec, or names the refusal, exactly
 * as the core will judge it at F8.
 */
import type { ProductionFormParameter } from '../../src/contract/results';
import { checkValue } from '../../src/domain/qc/characteristic';
import { AppError, type ErrorData } from '../../src/domain/errors';

export type Marking = { state: 'empty' } | { state: 'in' | 'out' } | { state: 'refused'; error: ErrorData };

export function markParameter(p: ProductionFormParameter, raw: string): Marking {
  if (raw.trim() === '') return { state: 'empty' };
  try {
    const checked = checkValue({ ...p, stage: 'process', method: null, aql: null }, raw);
    return { state: checked.inSpec ? 'in' : 'out' };
  } catch (err) {
    if (err instanceof AppError) return { state: 'refused', error: err.data };
    throw err;
  }
}

/** "60–80 °C", "≤ 5 %", "≥ 10 min" or '' when the parameter has no limits. */
export function specText(p: { lowerLimit: number | null; upperLimit: number | null; unit: string | null }): string {
  const unit = p.unit ? ` ${p.unit}` : '';
  if (p.lowerLimit !== null && p.upperLimit !== null) return `${p.lowerLimit}–${p.upperLimit}${unit}`;
  if (p.upperLimit !== null) return `≤ ${p.upperLimit}${unit}`;
  if (p.lowerLimit !== null) return `≥ ${p.lowerLimit}${unit}`;
  return '';
}
