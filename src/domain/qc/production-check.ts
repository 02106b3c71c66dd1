/**
 * PROVISIONAL until wt-qc-plans lands src/domain/qc/characteristic.ts (its checkValue replaces this
 * file at merge): a typed value of a characteristic, checked and marked in or out of spec.
 */
import { fail } from '../errors';

export interface CheckedValue {
  valueNum: number | null;
  valueText: string | null;
  inSpec: boolean;
}

export interface CheckableCharacteristic {
  code: string;
  kind: 'numeric' | 'pass_fail' | 'choice' | 'text' | 'weight';
  lowerLimit: number | null;
  upperLimit: number | null;
  decimals: number | null;
  choices: string[] | null;
  accepted: string[] | null;
}

export function checkValue(c: CheckableCharacteristic, raw: string, field: string): CheckedValue {
  const text = raw.trim();
  if (c.kind === 'numeric' || c.kind === 'weight') {
    const m = /^-?\d+(?:[.,](\d+))?$/.exec(text);
    if (!m) throw fail.validation('errors.production.notANumber', field, { code: c.code, value: text });
    if ((m[1]?.length ?? 0) > (c.decimals ?? 6)) throw fail.validation('errors.production.tooManyDecimals', field, { code: c.code, decimals: c.decimals ?? 6 });
    const value = Number(text.replace(',', '.'));
    if (c.kind === 'weight' && value < 0) throw fail.validation('errors.production.negativeWeight', field, { code: c.code });
    const inSpec = (c.lowerLimit === null || value >= c.lowerLimit) && (c.upperLimit === null || value <= c.upperLimit);
    return { valueNum: value, valueText: null, inSpec };
  }
  if (c.kind === 'pass_fail') {
    if (text !== 'pass' && text !== 'fail') throw fail.validation('errors.production.passOrFail', field, { code: c.code });
    return { valueNum: null, valueText: text, inSpec: text === 'pass' };
  }
  if (c.kind === 'choice') {
    if (!(c.choices ?? []).includes(text)) throw fail.validation('errors.production.notAChoice', field, { code: c.code, value: text });
    return { valueNum: null, valueText: text, inSpec: (c.accepted ?? c.choices ?? []).includes(text) };
  }
  return { valueNum: null, valueText: text, inSpec: true };
}
