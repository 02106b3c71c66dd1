/** fast-check generators of GS1 element values, shared by the property tests and the benchmark. */
import fc from 'fast-check';
import { gs1CheckDigit } from '../../../src/domain/gs1/check-digit';
import { CSET82 } from '../../../src/domain/gs1/charsets';
import { ISO3166_NUMERIC } from '../../../src/domain/gs1/code-lists';
import { daysInMonth } from '../../../src/domain/gs1/dates';

export const GS = '\x1d';
const DIGITS = '0123456789';
/** CSET 82 without brackets, which the bracketed form (and bwip-js) reserve for AIs. */
const CSET82_NO_BRACKETS = [...CSET82].filter((c) => c !== '(' && c !== ')');

const digits = (min: number, max = min) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: min, maxLength: max });
const withCheck = (len: number) => digits(len - 1).map((b) => b + gs1CheckDigit(b));
const cset82 = (max: number) => fc.string({ unit: fc.constantFrom(...CSET82_NO_BRACKETS), minLength: 1, maxLength: max });
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A valid YYMMDD for the century rule anchored at 2026; `zeroDay` allows DD=00. */
const yymmdd = (zeroDay: boolean) =>
  fc
    .record({ yy: fc.integer({ min: 0, max: 99 }), mm: fc.integer({ min: 1, max: 12 }), dd: fc.integer({ min: zeroDay ? 0 : 1, max: 31 }) })
    .map(({ yy, mm, dd }) => {
      const year = yy > 76 ? 1900 + yy : 2000 + yy;
      return pad2(yy) + pad2(mm) + pad2(Math.min(dd, daysInMonth(year, mm)));
    });
const hhmi = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => pad2(h) + pad2(m));

export interface Element {
  ai: string;
  value: string;
}

/** Valid values for AIs a trade item label carries next to (01); one measure AI at most. */
const ITEM_AIS: Record<string, fc.Arbitrary<string>> = {
  '10': cset82(20),
  '11': yymmdd(true),
  '13': yymmdd(true),
  '15': yymmdd(true),
  '16': yymmdd(true),
  '17': yymmdd(true),
  '21': cset82(20),
  '30': digits(1, 8),
  '400': cset82(30),
  '422': fc.constantFrom(...ISO3166_NUMERIC),
  '7003': fc.tuple(yymmdd(false), hhmi).map(([d, t]) => d + t),
  '8008': fc.tuple(yymmdd(false), hhmi).map(([d, t]) => d + t),
};

/** A valid trade-item element list: (01) first, then distinct AIs in any order. */
export const validItem: fc.Arbitrary<Element[]> = fc
  .tuple(
    withCheck(14),
    fc.subarray(Object.keys(ITEM_AIS)).chain((ais) => fc.tuple(...ais.map((ai) => ITEM_AIS[ai].map((value) => ({ ai, value }))))),
    fc.option(fc.tuple(fc.constantFrom('310', '320', '311', '315', '330'), fc.integer({ min: 0, max: 5 }), digits(6))),
    fc.boolean(),
  )
  .chain(([gtin, rest, measure, shuffle]) => {
    const els: Element[] = [{ ai: '01', value: gtin }, ...rest];
    if (measure) els.push({ ai: measure[0] + measure[1], value: measure[2] });
    return shuffle ? fc.shuffledSubarray(els, { minLength: els.length, maxLength: els.length }) : fc.constant(els);
  });

/** Raw element string: a GS after each variable-length value except the last. */
export function toElementString(els: Element[], predefined: (ai: string) => boolean): string {
  return els.map((e, i) => e.ai + e.value + (i < els.length - 1 && !predefined(e.ai) ? GS : '')).join('');
}

export const toBracketed = (els: Element[]): string => els.map((e) => `(${e.ai})${e.value}`).join('');

/** A valid SSCC label: (00) with the content's (02) and (37), and some logistics AIs. */
export const validPallet: fc.Arbitrary<Element[]> = fc
  .tuple(
    withCheck(18),
    withCheck(14),
    digits(1, 8),
    fc.subarray(['10', '15', '17', '403', '410', '3303', '420']),
    cset82(20),
    yymmdd(true),
    withCheck(13),
    digits(6),
  )
  .map(([sscc, content, count, extra, text, date, gln, weight]) => {
    const els: Element[] = [{ ai: '00', value: sscc }, { ai: '02', value: content }, { ai: '37', value: count }];
    const values: Record<string, string> = { '10': text, '15': date, '17': date, '403': text, '410': gln, '3303': weight, '420': text };
    for (const ai of extra) els.push({ ai, value: values[ai] });
    return els;
  });

const LOGISTICS_AIS = ['00', '01', '02', '10', '11', '13', '15', '16', '17', '21', '30', '37', '3102', '3103', '3202', '3303', '400', '401', '402', '403', '410', '414', '415', '420', '421', '422', '7003', '8008', '8020', '254', '90'];

/** One small change of the kind scanners and label makers get wrong. */
const mutation = fc.record({
  kind: fc.constantFrom('none', 'char', 'shorten', 'lengthen', 'swap-ai', 'add', 'drop'),
  at: fc.nat(),
  char: fc.constantFrom(...'0123456789AZaz-/#%'),
  ai: fc.constantFrom(...LOGISTICS_AIS),
  value: fc.oneof(withCheck(14), withCheck(18), withCheck(13), digits(1, 12), yymmdd(true), cset82(20), fc.constantFrom('276', '999')),
});

function mutate(els: Element[], m: typeof mutation extends fc.Arbitrary<infer T> ? T : never): Element[] {
  const out = els.map((e) => ({ ...e }));
  const e = out[m.at % out.length];
  const i = m.at % (e.value.length || 1);
  switch (m.kind) {
    case 'char': e.value = e.value.slice(0, i) + m.char + e.value.slice(i + 1); break;
    case 'shorten': e.value = e.value.slice(0, -1); break;
    case 'lengthen': e.value += m.char; break;
    case 'swap-ai': e.ai = m.ai; break;
    case 'add': out.push({ ai: m.ai, value: m.value }); break;
    case 'drop': if (out.length > 1) out.splice(m.at % out.length, 1); break;
  }
  return out;
}

/** Element strings that are often almost valid: valid labels with up to two small mutations. */
export const nearlyValidBracketed: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(validItem, validPallet), mutation, mutation)
  .map(([els, m1, m2]) => toBracketed(mutate(mutate(els, m1), m2)));

/** Arbitrary scanner-ish text: mostly the characters GS1 scans are made of, sometimes anything. */
export const anyScanText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom(...'0123456789()]CdQeE0124/?=&%:.hxtps#~', GS, '\r', '\n'),
    maxLength: 120,
  }),
  fc.tuple(fc.constantFrom(']C1', ']d2', ']Q1', ']E0', 'https://x.y/01/', '(01)', ''), fc.string({ unit: fc.constantFrom(...'0123456789ABC(%)/?=&', GS), maxLength: 60 })).map(([a, b]) => a + b),
);
