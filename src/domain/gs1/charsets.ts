/** GS1 character sets as one lookup table, so validation never runs a regex per character. */
import type { Cset } from './ai-spec';

export const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** base64url; GS1 allows no padding in CSET 64 components as the linters apply them. */
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const N = 1;
const X = 2;
const Y = 4;
const Z = 8;

/** Bit mask per ASCII code: which character sets hold it. */
export const CHAR_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] |= N;
for (const ch of CSET82) CHAR_CLASS[ch.charCodeAt(0)] |= X;
for (const ch of CSET39) CHAR_CLASS[ch.charCodeAt(0)] |= Y;
for (const ch of CSET64) CHAR_CLASS[ch.charCodeAt(0)] |= Z;

export const CSET_MASK: Record<Cset, number> = { N, X, Y, Z };

/** Index of the first character in [from, to) outside the set, or -1. */
export function firstBadChar(s: string, from: number, to: number, mask: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || (CHAR_CLASS[c] & mask) === 0) return i;
  }
  return -1;
}

export function isDigits(s: string, from = 0, to = s.length): boolean {
  return from < to && firstBadChar(s, from, to, N) < 0;
}

/** True when every character is in GS1 CSET 82 (the set of AI (10), (21) and most text AIs). */
export function isCset82(s: string): boolean {
  return firstBadChar(s, 0, s.length, X) < 0;
}
