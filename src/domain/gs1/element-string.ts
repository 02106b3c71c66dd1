/**
 * Element strings as scanners send them: AIs and values back to back, GS (0x1D) standing for
 * FNC1 after variable-length values, and the bracketed human-readable form "(01)…(10)…".
 */
import { AI_LENGTH, lookupAi } from './ai-index';
import type { ElementCollector } from './elements';
import { failure, type Gs1Failure } from './errors';

const GS = 0x1d;
const GS_CHAR = '\x1d';

/** The AI text to name in an unknown-AI error: as many characters as such an AI would have. */
function aiText(s: string, at: number, length: number): string {
  return s.slice(at, at + (length || 2));
}

/**
 * Reads s[start…] into `out`. GS characters between elements are skipped, so a superfluous GS
 * after a pre-defined-length AI, a doubled GS and a trailing GS are all accepted. When
 * `needAiFirst`, text that does not start with an AI is reported as not GS1 at all.
 */
export function readElementString(s: string, start: number, out: ElementCollector, needAiFirst: boolean): Gs1Failure | null {
  const end = s.length;
  let i = start;
  let first = true;
  while (i < end) {
    if (s.charCodeAt(i) === GS) {
      i++;
      continue;
    }
    const d1 = s.charCodeAt(i) - 48;
    const d2 = i + 1 < end ? s.charCodeAt(i + 1) - 48 : -1;
    const length = d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9 ? AI_LENGTH[d1 * 10 + d2] : 0;
    const def = length > 0 && i + length <= end ? lookupAi(s, i, length) : undefined;
    if (!def) {
      if (first && needAiFirst) return failure('not_gs1', i, undefined, {}, 'not_gs1_no_ai');
      return failure('unknown_ai', i, aiText(s, i, length));
    }
    first = false;
    const valueStart = i + length;
    let valueEnd: number;
    if (def.predefined) {
      // A pre-defined length ends the value by itself (look no further, to stay linear); a GS inside it makes it too short.
      valueEnd = Math.min(valueStart + def.maxLen, end);
      for (let k = valueStart; k < valueEnd; k++) {
        if (s.charCodeAt(k) === GS) {
          valueEnd = k;
          break;
        }
      }
    } else {
      const gs = s.indexOf(GS_CHAR, valueStart);
      valueEnd = gs < 0 ? end : gs;
    }
    const problem = out.add(def, s.slice(valueStart, valueEnd), i, valueStart);
    if (problem) return problem;
    i = valueEnd;
  }
  return null;
}

/** Offset of the ")" when s[p…] is "(NN)", "(NNN)" or "(NNNN)", else -1. */
function closeOfBracketedAi(s: string, p: number): number {
  if (s.charCodeAt(p) !== 40 /* ( */) return -1;
  let q = p + 1;
  while (q < s.length && q - p <= 5 && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
  return q - p >= 3 && q - p <= 5 && s.charCodeAt(q) === 41 /* ) */ ? q : -1;
}

/** Offset of the next "(" that opens a bracketed AI at or after `from`, or s.length. */
function nextBracketedAi(s: string, from: number): number {
  for (let p = s.indexOf('(', from); p >= 0; p = s.indexOf('(', p + 1)) {
    if (closeOfBracketedAi(s, p) >= 0) return p;
  }
  return s.length;
}

/** Reads "(AI)value(AI)value…" from s[start…]; a "(" inside a value is data unless it opens "(digits)". */
export function readBracketed(s: string, start: number, out: ElementCollector): Gs1Failure | null {
  let i = start;
  while (i < s.length) {
    const close = closeOfBracketedAi(s, i);
    if (close < 0) return failure('bad_format', i, undefined, {}, 'bad_format_hri');
    const def = lookupAi(s, i + 1, close - i - 1);
    if (!def) return failure('unknown_ai', i + 1, s.slice(i + 1, close));
    const valueEnd = nextBracketedAi(s, close + 1);
    const problem = out.add(def, s.slice(close + 1, valueEnd), i + 1, close + 1);
    if (problem) return problem;
    i = valueEnd;
  }
  return null;
}
