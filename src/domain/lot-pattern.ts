/**
 * Internal lot numbering: a pattern per item or site such as `{YY}{MM}{DD}-{SITE}-{SEQ:4}`.
 * The sequence restarts for every distinct rendered prefix (so per item and per day with the
 * pattern above); the store draws it from a counter inside the command's transaction.
 * Codes go into GS1 AI (10), so they must fit its rules: at most 20 characters of CSET 82.
 */
import { isCset82 } from './gs1/charsets';

export const DEFAULT_LOT_PATTERN = '{YY}{MM}{DD}-{SITE}-{SEQ:4}';
export const LOT_PATTERN_TOKENS = '{YYYY} {YY} {MM} {DD} {JJJ} {SITE} {SKU} {SEQ:n}';
const TOKEN_RE = /\{([A-Z]+)(?::(\d+))?\}/g;
const KNOWN = new Set(['YYYY', 'YY', 'MM', 'DD', 'JJJ', 'SITE', 'SKU', 'SEQ']);
export const MAX_LOT_CODE_LENGTH = 20;

export interface PatternContext {
  date: string; // YYYY-MM-DD of the receipt
  site: string;
  sku: string;
}

export type PatternProblem = 'unknownToken' | 'needsOneSeq' | 'badWidth' | 'badCharacters';

/** Returns the problem with a pattern, or null when it is usable. */
export function checkLotPattern(pattern: string): PatternProblem | null {
  let seqs = 0;
  for (const m of pattern.matchAll(TOKEN_RE)) {
    if (!KNOWN.has(m[1])) return 'unknownToken';
    if (m[1] === 'SEQ') {
      seqs++;
      const width = Number(m[2]);
      if (!(width >= 1 && width <= 9)) return 'badWidth';
    }
  }
  if (seqs !== 1) return 'needsOneSeq';
  if (!isCset82(pattern.replace(TOKEN_RE, ''))) return 'badCharacters';
  return null;
}

function dayOfYear(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/**
 * Renders everything but the sequence. Returns the sequence scope (the code with the SEQ token
 * left as a marker) and a function that completes the code for a sequence number.
 */
export function prepareLotCode(pattern: string, ctx: PatternContext): { scope: string; complete: (seq: number) => string } {
  const [yyyy, mm, dd] = ctx.date.split('-');
  const values: Record<string, string> = {
    YYYY: yyyy,
    YY: yyyy.slice(2),
    MM: mm,
    DD: dd,
    JJJ: String(dayOfYear(ctx.date)).padStart(3, '0'),
    SITE: ctx.site.toUpperCase(),
    SKU: ctx.sku.toUpperCase(),
  };
  let width = 0;
  const scope = pattern.replace(TOKEN_RE, (_all, name: string, w?: string) => {
    if (name === 'SEQ') {
      width = Number(w);
      return '\u0000';
    }
    return values[name];
  });
  return {
    scope,
    // A sequence that outgrows its width keeps all its digits: codes stay unique, only longer.
    complete: (seq) => scope.replace('\u0000', String(seq).padStart(width, '0')),
  };
}

export function isValidLotCode(code: string): boolean {
  return code.length > 0 && code.length <= MAX_LOT_CODE_LENGTH && isCset82(code);
}
