/**
 * ISO 2859-1 single sampling against the standard's tables: Table 1 at every lot-size boundary and
 * level, and Tables 2-A/2-B/2-C for EVERY code letter at every AQL, arrows followed. The expected
 * master tables are rebuilt here a second, independent way — from the tables' diagonal structure
 * (one step down a column multiplies n by about 1.6, as does one AQL step along a row, so a cell
 * is fixed by letter index + AQL index) with the standard's edge cells — and compared with the
 * transcription in src/domain/qc/sampling.ts; then literal rows of MIL-STD-105E II-A/II-B (AQL
 * 0.65–15, as the NIBS transcription prints their Re) and worked examples pin the figures.
 */
import { describe, expect, it } from 'vitest';
import { keyOf } from '../support/app-error';
import { AQL_VALUES, codeLetter, fixedPlan, masterPlan, planFor, type CodeLetter, type InspectionLevel, type Severity } from '../../src/domain/qc/sampling';

const LETTERS: CodeLetter[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R'];
const N_NORMAL = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000];
const N_REDUCED = [2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800];


/** One cell of a master table from its diagonal: a plan "ac/re", 'down', 'up' or null (no cell). */
function cell(severity: Severity, letter: number, aql: number): string | null {
  const d = letter + aql;
  const highAql = letter <= 4; // only rows A–E carry the Ac 30/44 (27/41 tightened) plans of the top right corner
  if (severity === 'normal') {
    if (letter === 0 && d === 15) return 'down'; // the ↑ beside A's 0/1 has nothing above it
    if (letter === 15 && d === 16) return 'up'; // the ↓ in row R has nothing below it
    const plans = ['0/1', 'up', 'down', '1/2', '2/3', '3/4', '5/6', '7/8', '10/11', '14/15', '21/22', '30/31', '44/45'];
    if (d < 14) return 'down';
    if (d > 26 || (d > 24 && !highAql)) return 'up';
    return plans[d - 14];
  }
  if (severity === 'tightened') {
    if (letter === 16) return aql === 2 ? '1/2' : null; // row S (n = 3150): one plan
    if (letter === 0 && d === 15) return 'down';
    if (letter === 15 && d === 16) return 'up';
    const plans = ['0/1', 'down', 'down', '1/2', '2/3', '3/4', '5/6', '8/9', '12/13', '18/19', '27/28', '41/42'];
    if (d < 15) return 'down';
    if (d > 26 || (d > 24 && !highAql)) return 'up';
    return plans[d - 15];
  }
  if (aql > 15) return null;
  if (letter === 0 && d === 15) return 'down';
  if (letter === 15 && d === 16) return 'up';
  const plans = ['0/1', 'up', 'down', '0/2', '1/3', '1/4', '2/5', '3/6', '5/8', '7/10', '10/13'];
  if (d < 14) return 'down';
  if (d > 24) return 'up';
  return plans[d - 14];
}

function expected(severity: Severity, letter: number, aql: number): { letter: string; n: number; ac: number; re: number } {
  const rows = severity === 'tightened' ? 17 : 16;
  const first = cell(severity, letter, aql);
  const step = first === 'down' ? 1 : first === 'up' ? -1 : 0;
  let at = letter;
  while (!/\//.test(cell(severity, at, aql) ?? '')) {
    at += step;
    if (at < 0 || at >= rows || step === 0) throw new Error(`no plan for ${severity} ${LETTERS[letter]} ${AQL_VALUES[aql]}`);
  }
  const [ac, re] = (cell(severity, at, aql) as string).split('/').map(Number);
  const n = severity === 'reduced' ? N_REDUCED[at] : at === 16 ? 3150 : N_NORMAL[at];
  return { letter: at === 16 ? 'S' : LETTERS[at], n, ac, re };
}

describe('ISO 2859-1 Table 1: sample size code letters', () => {
  // Lot-size ranges and the letters of S-1, S-2, S-3, S-4, I, II, III (ANSI/ASQ Z1.4 Table I).
  const table: [number, number, string][] = [
    [2, 8, 'AAAAAAB'], [9, 15, 'AAAAABC'], [16, 25, 'AABBBCD'], [26, 50, 'ABBCCDE'], [51, 90, 'BBCCCEF'],
    [91, 150, 'BBCDDFG'], [151, 280, 'BCDEEGH'], [281, 500, 'BCDEFHJ'], [501, 1200, 'CCEFGJK'], [1201, 3200, 'CDEGHKL'],
    [3201, 10000, 'CDFGJLM'], [10001, 35000, 'CDFHKMN'], [35001, 150000, 'DEGJLNP'], [150001, 500000, 'DEGJMPQ'],
    [500001, 10_000_000, 'DEHKNQR'],
  ];
  const levels: InspectionLevel[] = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'];
  it('gives every range its letter at both of its boundaries, for every level', () => {
    for (const [low, high, letters] of table) {
      levels.forEach((level, k) => {
        expect(codeLetter(low, level), `${low} ${level}`).toBe(letters[k]);
        expect(codeLetter(high, level), `${high} ${level}`).toBe(letters[k]);
      });
    }
  });
  it('steps to the next letter one unit past a boundary', () => {
    expect(codeLetter(1200, 'II')).toBe('J');
    expect(codeLetter(1201, 'II')).toBe('K');
    expect(codeLetter(500000, 'III')).toBe('Q');
    expect(codeLetter(500001, 'III')).toBe('R');
    expect(codeLetter(1, 'II')).toBe('A');
  });
  it('refuses a lot size that is not a positive whole number and an unknown level', () => {
    expect(keyOf(() => codeLetter(0, 'II'))).toBe('errors.qcPlans.lotSize');
    expect(keyOf(() => codeLetter(12.5, 'II'))).toBe('errors.qcPlans.lotSize');
    expect(keyOf(() => codeLetter(100, 'IV' as InspectionLevel))).toBe('errors.qcPlans.level');
  });
});

describe('ISO 2859-1 Tables 2-A, 2-B, 2-C: every code letter at every AQL', () => {
  for (const severity of ['normal', 'tightened', 'reduced'] as Severity[]) {
    it(`${severity}: n, Ac and Re of every cell, arrows followed`, () => {
      let checked = 0;
      LETTERS.forEach((letter, j) => {
        AQL_VALUES.forEach((aql, i) => {
          if (severity === 'reduced' && i > 15) return;
          expect(masterPlan(letter, severity, aql), `${severity} ${letter} ${aql}`).toEqual(expected(severity, j, i));
          checked += 1;
        });
      });
      expect(checked).toBe(severity === 'reduced' ? 16 * 16 : 16 * 26);
    });
  }

  it('matches the printed Re of MIL-STD-105E II-A and II-B for AQL 0.65–15 (↓ ↑ = follow the arrow)', () => {
    const columns = [0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15];
    // Letter, then the Re printed per column, or the arrow's direction; '*' marks the one cell where
    // the transcription prints ↑ in row A (normal, AQL 10): nothing is above it, the plan is C's.
    const normal = `A v v v v v 1 * v|B v v v v 1 ^ v 2|C v v v 1 ^ v 2 3|D v v 1 ^ v 2 3 4|E v 1 ^ v 2 3 4 6|F 1 ^ v 2 3 4 6 8
      |G ^ v 2 3 4 6 8 11|H v 2 3 4 6 8 11 15|J 2 3 4 6 8 11 15 22|K 3 4 6 8 11 15 22 ^|L 4 6 8 11 15 22 ^ ^|M 6 8 11 15 22 ^ ^ ^
      |N 8 11 15 22 ^ ^ ^ ^|P 11 15 22 ^ ^ ^ ^ ^|Q 15 22 ^ ^ ^ ^ ^ ^`;
    const tightened = `A v v v v v v v v|B v v v v v 1 v v|C v v v v 1 v v 2|D v v v 1 v v 2 3|E v v 1 v v 2 3 4|F v 1 v v 2 3 4 6
      |G 1 v v 2 3 4 6 9|H v v 2 3 4 6 9 13|J v 2 3 4 6 9 13 19|K 2 3 4 6 9 13 19 ^`;
    for (const [severity, text] of [['normal', normal], ['tightened', tightened]] as const) {
      for (const row of text.split('|')) {
        const [letter, ...cells] = row.trim().split(' ');
        cells.forEach((printed, k) => {
          const plan = masterPlan(letter as CodeLetter, severity, columns[k]);
          const own = plan.letter === letter;
          if (printed === 'v' || printed === '*') expect(LETTERS.indexOf(plan.letter as CodeLetter), `${severity} ${letter} ${columns[k]}`).toBeGreaterThan(LETTERS.indexOf(letter as CodeLetter));
          else if (printed === '^') expect(LETTERS.indexOf(plan.letter as CodeLetter), `${severity} ${letter} ${columns[k]}`).toBeLessThan(LETTERS.indexOf(letter as CodeLetter));
          else {
            expect(own, `${severity} ${letter} ${columns[k]}`).toBe(true);
            expect(plan.re).toBe(Number(printed));
          }
        });
      }
    }
  });

  it('follows the arrows to the plan they point at (its letter and n change)', () => {
    // Normal J (n 80) at AQL 0.25: ↑ to H, n 50, Ac 0 Re 1.
    expect(masterPlan('J', 'normal', 0.25)).toEqual({ letter: 'H', n: 50, ac: 0, re: 1 });
    // Normal J at 0.40: ↓ to K, n 125, Ac 1 Re 2.
    expect(masterPlan('J', 'normal', 0.4)).toEqual({ letter: 'K', n: 125, ac: 1, re: 2 });
    expect(masterPlan('J', 'normal', 2.5)).toEqual({ letter: 'J', n: 80, ac: 5, re: 6 });
    // A at 10 leads down through B to C.
    expect(masterPlan('A', 'normal', 10)).toEqual({ letter: 'C', n: 5, ac: 1, re: 2 });
    // R at 0.010 points up to Q's 0/1.
    expect(masterPlan('R', 'normal', 0.01)).toEqual({ letter: 'Q', n: 1250, ac: 0, re: 1 });
    // Tightened: Q and R at 0.025 lead to row S, n 3150.
    expect(masterPlan('Q', 'tightened', 0.025)).toEqual({ letter: 'S', n: 3150, ac: 1, re: 2 });
    expect(masterPlan('K', 'tightened', 1)).toEqual({ letter: 'K', n: 125, ac: 2, re: 3 });
    expect(masterPlan('L', 'tightened', 15)).toEqual({ letter: 'J', n: 80, ac: 18, re: 19 });
    // Reduced: the gap between Ac and Re; D at 4.0 leads down to E.
    expect(masterPlan('D', 'reduced', 4)).toEqual({ letter: 'E', n: 5, ac: 0, re: 2 });
    expect(masterPlan('K', 'reduced', 1)).toEqual({ letter: 'K', n: 50, ac: 1, re: 4 });
    expect(masterPlan('M', 'reduced', 1.5)).toEqual({ letter: 'M', n: 125, ac: 5, re: 8 });
    // Top right corner, AQL above 10 (nonconformities per 100 units).
    expect(masterPlan('B', 'normal', 1000)).toEqual({ letter: 'B', n: 3, ac: 44, re: 45 });
    expect(masterPlan('F', 'normal', 150)).toEqual({ letter: 'E', n: 13, ac: 30, re: 31 });
    expect(masterPlan('A', 'tightened', 1000)).toEqual({ letter: 'A', n: 2, ac: 27, re: 28 });
  });

  it('refuses an AQL that is not a column, and reduced inspection above AQL 10', () => {
    expect(keyOf(() => masterPlan('K', 'normal', 3))).toBe('errors.qcPlans.aql');
    expect(keyOf(() => masterPlan('K', 'reduced', 15))).toBe('errors.qcPlans.aql');
    expect(masterPlan('K', 'reduced', 10)).toEqual({ letter: 'K', n: 50, ac: 10, re: 13 });
  });
});

describe('planFor and fixedPlan', () => {
  it('takes the letter from the lot size and the plan from the master table', () => {
    expect(planFor({ lotSize: 1000, level: 'II', severity: 'normal', aql: 1 })).toEqual({ letter: 'J', n: 80, ac: 2, re: 3, hundredPercent: false });
    expect(planFor({ lotSize: 1000, level: 'II', severity: 'tightened', aql: 1 })).toEqual({ letter: 'J', n: 80, ac: 1, re: 2, hundredPercent: false });
    expect(planFor({ lotSize: 1000, level: 'II', severity: 'reduced', aql: 1 })).toEqual({ letter: 'J', n: 32, ac: 1, re: 3, hundredPercent: false });
    expect(planFor({ lotSize: 5000, level: 'I', severity: 'normal', aql: 0.065 })).toEqual({ letter: 'L', n: 200, ac: 0, re: 1, hundredPercent: false });
    // Lot of 300 at S-3 → D; AQL 4.0 points down to E.
    expect(planFor({ lotSize: 300, level: 'S-3', severity: 'normal', aql: 4 })).toEqual({ letter: 'E', n: 13, ac: 1, re: 2, hundredPercent: false });
  });
  it('inspects every unit with Ac 0 when n reaches the lot size', () => {
    // Lot of 10, level II → C; AQL 0.65 points down to F (n 20) ≥ 10.
    expect(planFor({ lotSize: 10, level: 'II', severity: 'normal', aql: 0.65 })).toEqual({ letter: 'F', n: 10, ac: 0, re: 1, hundredPercent: true });
    expect(planFor({ lotSize: 3, level: 'II', severity: 'normal', aql: 6.5 })).toEqual({ letter: 'A', n: 2, ac: 0, re: 1, hundredPercent: false });
    expect(planFor({ lotSize: 2, level: 'II', severity: 'normal', aql: 6.5 }).hundredPercent).toBe(true);
    expect(planFor({ lotSize: 1, level: 'III', severity: 'normal', aql: 1 })).toMatchObject({ n: 1, ac: 0, hundredPercent: true });
  });
  it('gives a fixed sample Ac 0, capped at the lot size', () => {
    expect(fixedPlan(5)).toEqual({ letter: null, n: 5, ac: 0, re: 1, hundredPercent: false });
    expect(fixedPlan(5, 3)).toEqual({ letter: null, n: 3, ac: 0, re: 1, hundredPercent: true });
    expect(keyOf(() => fixedPlan(0))).toBe('errors.qcPlans.fixedN');
    expect(keyOf(() => fixedPlan(2.5))).toBe('errors.qcPlans.fixedN');
  });
});
