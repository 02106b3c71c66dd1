/**
 * A characteristic of an inspection plan (issue 17): what is checked on each sample ('inspection')
 * or recorded once for a lot made here ('process', a production record's parameter), and how a
 * value typed at the desk or read from the scale is parsed and judged against its specification.
 * checkValue is the one place a result is parsed: the inspection desk and the production record
 * both call it, so an impossible value is refused the same way everywhere.
 */
import { fail } from '../errors';

export type CharacteristicKind = 'numeric' | 'pass_fail' | 'choice' | 'text' | 'weight';
export type CharacteristicStage = 'inspection' | 'process';

export const CHARACTERISTIC_KINDS: readonly CharacteristicKind[] = ['numeric', 'weight', 'pass_fail', 'choice', 'text'];
/** The units a weight may be specified in (the scale reports in one of these). */
export const WEIGHT_UNITS: readonly string[] = ['kg', 'g', 'lb', 'oz'];
/** The most decimals a value may carry (the schema's CHECK on qc_characteristics.decimals). */
export const MAX_DECIMALS = 6;
/** Longer text results are refused: a result is a record, not a report. */
export const MAX_TEXT = 500;

export interface Characteristic {
  code: string;
  name: string;
  nameZh: string | null;
  stage: CharacteristicStage;
  kind: CharacteristicKind;
  /** numeric: any unit ('mm', '°C', '%'); weight: one of WEIGHT_UNITS. */
  unit: string | null;
  target: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  /** The most decimals a result may have (numeric and weight); null: up to MAX_DECIMALS. */
  decimals: number | null;
  /** choice: every option, and the ones that are in spec. */
  choices: string[] | null;
  accepted: string[] | null;
  method: string | null;
  mandatory: boolean;
  /** ISO 2859-1 AQL (percent) with sampling by lot size; null with a fixed sample or for a process parameter. */
  aql: number | null;
}

/** A value as the desk sends it: typed text, a scale's number, or a pass/fail toggle. */
export type RawValue = string | number | boolean | null | undefined;

export interface CheckedValue {
  valueNum: number | null;
  valueText: string | null;
  inSpec: boolean;
}

const NUMBER = /^[-+]?\d+(?:[.,](\d+))?$/;

/** Parses a raw value for a characteristic and judges it; refuses what cannot be a result with a typed error. */
export function checkValue(characteristic: Characteristic, raw: RawValue, field = 'value'): CheckedValue {
  const params = { code: characteristic.code };
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    throw fail.validation('errors.qcValue.empty', field, params);
  }
  switch (characteristic.kind) {
    case 'numeric':
    case 'weight': {
      const value = parseNumber(characteristic, raw, field);
      const inSpec =
        (characteristic.lowerLimit === null || value >= characteristic.lowerLimit) &&
        (characteristic.upperLimit === null || value <= characteristic.upperLimit);
      return { valueNum: value, valueText: null, inSpec };
    }
    case 'pass_fail': {
      const pass = raw === true || raw === 'pass' ? true : raw === false || raw === 'fail' ? false : null;
      if (pass === null) throw fail.validation('errors.qcValue.passFail', field, params);
      return { valueNum: null, valueText: pass ? 'pass' : 'fail', inSpec: pass };
    }
    case 'choice': {
      const value = String(raw).trim();
      const choices = characteristic.choices ?? [];
      if (!choices.includes(value)) {
        throw fail.validation('errors.qcValue.notAChoice', field, { ...params, value, choices: choices.join(', ') });
      }
      return { valueNum: null, valueText: value, inSpec: (characteristic.accepted ?? []).includes(value) };
    }
    case 'text': {
      if (typeof raw !== 'string') throw fail.validation('errors.qcValue.notText', field, params);
      const value = raw.trim();
      if (value.length > MAX_TEXT) throw fail.validation('errors.qcValue.textTooLong', field, { ...params, max: MAX_TEXT });
      // A text result records what was seen; it has no specification to be out of.
      return { valueNum: null, valueText: value, inSpec: true };
    }
  }
}

function parseNumber(characteristic: Characteristic, raw: RawValue, field: string): number {
  const params = { code: characteristic.code };
  let value: number;
  let decimals: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw fail.validation('errors.qcValue.notNumber', field, { ...params, value: String(raw) });
    value = raw;
    decimals = decimalsOf(raw);
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    const match = NUMBER.exec(text);
    if (!match) throw fail.validation('errors.qcValue.notNumber', field, { ...params, value: text.slice(0, 40) });
    value = Number(text.replace(',', '.'));
    decimals = match[1]?.length ?? 0;
  } else {
    throw fail.validation('errors.qcValue.notNumber', field, { ...params, value: String(raw) });
  }
  const max = characteristic.decimals ?? MAX_DECIMALS;
  if (decimals > max) throw fail.validation('errors.qcValue.tooManyDecimals', field, { ...params, max });
  if (Math.abs(value) >= 1e12) throw fail.validation('errors.qcValue.outOfRange', field, { ...params, value: String(value) });
  if (characteristic.kind === 'weight' && value < 0) throw fail.validation('errors.qcValue.negativeWeight', field, params);
  return value;
}

/** The decimals a number carries as written (1.25 → 2), so a scale's 12-decimal float is refused like typed text. */
function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e-')[0].split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}
