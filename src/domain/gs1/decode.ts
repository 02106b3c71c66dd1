/** Turns a validated element value into the typed value the UI and the app use. */
import type { AiDef } from './ai-index';
import { isoFromYymmdd, isoFromYyyymmdd } from './dates';
import type { Gs1Element } from './types';

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

export function decodeValue(def: AiDef, v: string, currentYear: number): Gs1Element['decoded'] {
  switch (def.decode) {
    case 'measure':
      return measure(def, v);
    case 'date':
      return dateTime(def, v, currentYear);
    case 'count':
      return Number(v);
    default:
      return undefined;
  }
}

/** Decimal-position AIs: the AI's last digit is the number of decimals; 391n/393n lead with a currency. */
function measure(def: AiDef, v: string): Gs1Element['decoded'] {
  const decimals = def.ai.charCodeAt(3) - 48;
  const currency = def.parts.length > 1 ? v.slice(0, 3) : undefined;
  const value = Number(currency ? v.slice(3) : v) / POW10[decimals];
  const unit = currency ?? def.unit;
  return unit ? { value, unit } : value;
}

/**
 * ISO 8601 text from date and time components in dictionary order: YYYY-MM-DD, then THH:MM
 * (hhmi), THH (hh), :MM (mi), :SS (ss); a second date (7007 harvest range) follows a "/".
 */
function dateTime(def: AiDef, v: string, currentYear: number): string {
  let out = '';
  let at = 0;
  for (const part of def.parts) {
    if (at >= v.length) break;
    const linter = part.linters[0];
    if (linter === 'yymmd0' || linter === 'yymmdd') out += (out ? '/' : '') + isoFromYymmdd(v, at, currentYear);
    else if (linter === 'yyyymmdd') out += (out ? '/' : '') + isoFromYyyymmdd(v, at);
    else if (linter === 'hhmi') out += `T${v.slice(at, at + 2)}:${v.slice(at + 2, at + 4)}`;
    else if (linter === 'hh') out += `T${v.slice(at, at + 2)}`;
    else if (linter === 'mi' || linter === 'ss') out += `:${v.slice(at, at + 2)}`;
    at += part.max;
  }
  return out;
}
