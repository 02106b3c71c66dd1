/**
 * The generated AI table expanded once into flat lookups: an AI's length from its first two
 * digits and its definition by number, so the parser never searches or allocates to find one.
 */
import type { AiPart, AiRow } from './ai-spec';
import { AI_ROWS } from './ai-table.generated';
import { LINTERS, UNCHECKED_LINTERS, type Linter } from './linters';

export interface CheckedPart extends AiPart {
  /** Linters to run, with their names for the error. */
  checks: readonly { name: string; fn: Linter }[];
}

/** How an element's value is decoded for `Gs1Element.decoded`. */
export type DecodeKind = 'none' | 'date' | 'count' | 'measure';

export interface AiDef extends Omit<AiRow, 'from' | 'to' | 'parts'> {
  ai: string;
  parts: readonly CheckedPart[];
  /** Sum of the mandatory components' minimum lengths, and of all maximum lengths. */
  minLen: number;
  maxLen: number;
  decode: DecodeKind;
}

const DATE_LINTERS = new Set(['yymmd0', 'yymmdd', 'yyyymmdd']);

function decodeKind(row: AiRow): DecodeKind {
  if (row.decimals) return 'measure';
  if (row.parts.some((p) => p.linters.some((l) => DATE_LINTERS.has(l)))) return 'date';
  if (row.title.endsWith('COUNT')) return 'count';
  return 'none';
}

function checkedPart(part: AiPart, ai: string): CheckedPart {
  const checks = part.linters
    .filter((name) => !UNCHECKED_LINTERS.has(name))
    .map((name) => {
      const fn = LINTERS[name];
      if (!fn) throw new Error(`AI ${ai}: no implementation of linter "${name}"`);
      return { name, fn };
    });
  return { ...part, checks };
}

/** Slot of an AI in DEFS: 2-, 3- and 4-digit AIs occupy separate ranges. */
function slot(length: number, code: number): number {
  return length === 2 ? code : length === 3 ? 100 + code : 1100 + code;
}

const DEFS: (AiDef | undefined)[] = new Array(11100).fill(undefined);

/** AI length (2, 3 or 4) by the AI's first two digits, 0 where no AI starts so. */
export const AI_LENGTH = new Uint8Array(100);

for (const row of AI_ROWS) {
  const { from, to, parts, ...rest } = row;
  const width = from.length;
  for (let code = Number(from); code <= Number(to); code++) {
    const ai = String(code).padStart(width, '0');
    const checked = parts.map((p) => checkedPart(p, ai));
    DEFS[slot(width, code)] = {
      ...rest,
      ai,
      parts: checked,
      minLen: parts.reduce((n, p) => n + (p.opt ? 0 : p.min), 0),
      maxLen: parts.reduce((n, p) => n + p.max, 0),
      decode: decodeKind(row),
    };
    AI_LENGTH[Number(ai.slice(0, 2))] = width;
  }
}

/** The definition of the AI written at s[at, at+length), or undefined (also for non-digits). */
export function lookupAi(s: string, at: number, length: number): AiDef | undefined {
  let code = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    code = code * 10 + d;
  }
  return DEFS[slot(length, code)];
}

/** The definition of an AI given as a string ("01", "3103"), or undefined. */
export function aiDef(ai: string): AiDef | undefined {
  return ai.length >= 2 && ai.length <= 4 ? lookupAi(ai, 0, ai.length) : undefined;
}

/** Every AI in dictionary order. */
export function allAis(): AiDef[] {
  return DEFS.filter((d): d is AiDef => d !== undefined).sort((a, b) => (a.ai < b.ai ? -1 : a.ai > b.ai ? 1 : 0));
}
