/**
 * The dictionary's linter procedures, by name, as GS1's reference linters define them. Each one
 * gets a component value already checked for its character set and length, and says if it passes.
 */
import { gs1CheckDigit } from './check-digit';
import { CSET82 } from './charsets';
import { AIDC_MEDIA_TYPES, ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, PACKAGE_TYPES } from './code-lists';
import { fullYear, isValidDate, num2 } from './dates';
import type { Gs1ErrorCode } from './types';

export type Linter = (value: string, currentYear: number) => boolean;

const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];
const IMPORTER_INDEX = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** GS1 check character pair (GS 7.9.5): prime weights from the right, sum mod 1021, two CSET 32 chars. */
export function checkPair(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[i]) * PRIMES[body.length - 1 - i];
  const check = sum % 1021;
  return CSET32[check >> 5] + CSET32[check & 31];
}

function csumalpha(v: string): boolean {
  return v.length >= 2 && v.length - 2 <= PRIMES.length && checkPair(v.slice(0, -2)) === v.slice(-2);
}

function yymmd0(v: string, year: number): boolean {
  return isValidDate(fullYear(num2(v, 0), year), num2(v, 2), num2(v, 4), true);
}

function yyyymmdd(v: string): boolean {
  return isValidDate(Number(v.slice(0, 4)), num2(v, 4), num2(v, 6), false);
}

function iban(v: string): boolean {
  if (v.length <= 4 || !/^[0-9A-Z]+$/.test(v)) return false;
  let rem = 0;
  for (const ch of v.slice(4) + v.slice(0, 4)) {
    const d = ch.charCodeAt(0) - 48;
    rem = d > 9 ? ((rem * 100 + d - 7) % 97) : (rem * 10 + d) % 97;
  }
  return rem === 1 && ISO3166_ALPHA2.has(v.slice(0, 2));
}

function pieceOfTotal(v: string): boolean {
  if (v.length % 2 !== 0) return false;
  const piece = Number(v.slice(0, v.length / 2));
  const total = Number(v.slice(v.length / 2));
  return piece !== 0 && total !== 0 && piece <= total;
}

function posInSeqSlash(v: string): boolean {
  const slash = v.indexOf('/');
  const pos = v.slice(0, slash);
  const end = v.slice(slash + 1);
  return (
    slash > 0 && end.length > 0 && /^[1-9]\d*$/.test(pos) && /^[1-9]\d*$/.test(end) && Number(pos) <= Number(end)
  );
}

function pcenc(v: string): boolean {
  for (let i = v.indexOf('%'); i >= 0; i = v.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) return false;
  }
  return true;
}

function gcppos1(v: string): boolean {
  return v.length >= 2 && isDigit(v.charCodeAt(0)) && isDigit(v.charCodeAt(1));
}

export const LINTERS: Record<string, Linter> = {
  csum: (v) => gs1CheckDigit(v.slice(0, -1)) === v.charCodeAt(v.length - 1) - 48,
  csumalpha,
  gcppos1,
  gcppos2: (v) => gcppos1(v.slice(1)),
  yymmd0,
  yymmdd: (v, year) => num2(v, 4) !== 0 && yymmd0(v, year),
  yyyymmdd,
  hh: (v) => num2(v, 0) <= 23,
  mi: (v) => num2(v, 0) <= 59,
  ss: (v) => num2(v, 0) <= 59,
  hhmi: (v) => num2(v, 0) <= 23 && num2(v, 2) <= 59,
  iso3166: (v) => ISO3166_NUMERIC.has(v),
  iso3166999: (v) => v === '999' || ISO3166_NUMERIC.has(v),
  iso3166alpha2: (v) => ISO3166_ALPHA2.has(v),
  iso4217: (v) => ISO4217_NUMERIC.has(v),
  iso5218: (v) => v === '0' || v === '1' || v === '2' || v === '9',
  iban,
  zero: (v) => v === '0',
  nonzero: (v) => /[^0]/.test(v),
  nozeroprefix: (v) => v.length < 2 || v[0] !== '0',
  hasnondigit: (v) => /\D/.test(v),
  hyphen: (v) => v === '-',
  yesno: (v) => v === '0' || v === '1',
  winding: (v) => v === '0' || v === '1' || v === '9',
  pieceoftotal: pieceOfTotal,
  posinseqslash: posInSeqSlash,
  pcenc,
  // Offsets from -90°/-180° in units of 10^-7 degree.
  latitude: (v) => v.length === 10 && v <= '1800000000',
  longitude: (v) => v.length === 10 && v <= '3600000000',
  mediatype: (v) => AIDC_MEDIA_TYPES.has(v),
  packagetype: (v) => PACKAGE_TYPES.has(v),
  importeridx: (v) => v.length === 1 && IMPORTER_INDEX.includes(v),
};

/**
 * The North American coupon linters parse a whole coupon grammar; they are not implemented, so
 * (8110) and (8112) are checked for CSET 82 and length only.
 */
export const UNCHECKED_LINTERS: ReadonlySet<string> = new Set(['couponcode', 'couponposoffer']);

/** The error a failing linter reports. */
export function linterErrorCode(name: string): Gs1ErrorCode {
  switch (name) {
    case 'csum':
    case 'csumalpha':
      return 'check_digit';
    case 'yymmd0':
    case 'yymmdd':
    case 'yyyymmdd':
      return 'bad_date';
    case 'hh':
    case 'mi':
    case 'ss':
    case 'hhmi':
      return 'bad_time';
    case 'iso3166':
    case 'iso3166999':
    case 'iso3166alpha2':
      return 'bad_country';
    case 'iso4217':
      return 'bad_currency';
    default:
      return 'bad_value';
  }
}
