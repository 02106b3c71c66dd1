/** Checks one element value against its dictionary definition, component by component. */
import type { AiDef } from './ai-index';
import { CSET_MASK, firstBadChar } from './charsets';
import { gs1CheckDigit } from './check-digit';
import { showChar } from './errors';
import { checkPair, linterErrorCode } from './linters';
import type { Gs1ErrorCode } from './types';

export interface ValueProblem {
  code: Gs1ErrorCode;
  /** 0-based offset in the value. */
  offset: number;
  params: Record<string, string | number>;
}

/** Null when the value is valid; otherwise the first problem, in the order GS1's linters report them. */
export function checkValue(def: AiDef, v: string, currentYear: number): ValueProblem | null {
  const len = v.length;
  if (len < def.minLen) return { code: 'too_short', offset: len, params: { min: def.minLen } };
  if (len > def.maxLen) return { code: 'too_long', offset: def.maxLen, params: { max: def.maxLen } };
  let at = 0;
  for (const part of def.parts) {
    const take = Math.min(part.max, len - at);
    if (take === 0 && part.opt) break; // optional components after the data ends are ignored
    if (take < part.min) return { code: 'too_short', offset: len, params: { min: def.minLen } };
    const bad = firstBadChar(v, at, at + take, CSET_MASK[part.cset]);
    if (bad >= 0) return { code: 'bad_char', offset: bad, params: { char: showChar(v[bad]) } };
    if (part.checks.length > 0) {
      const component = take === len ? v : v.slice(at, at + take);
      for (const { name, fn } of part.checks) {
        if (!fn(component, currentYear)) return lintProblem(name, component, at);
      }
    }
    at += take;
  }
  return null;
}

function lintProblem(name: string, component: string, offset: number): ValueProblem {
  const code = linterErrorCode(name);
  if (name === 'csum') {
    return {
      code,
      offset: offset + component.length - 1,
      params: { expected: gs1CheckDigit(component.slice(0, -1)) },
    };
  }
  if (name === 'csumalpha') {
    return { code, offset: offset + component.length - 2, params: { expected: checkPair(component.slice(0, -2)) } };
  }
  return { code, offset, params: code === 'bad_value' ? { rule: name } : {} };
}
