/**
 * ISO 2859-1 single sampling by attributes (identical in its tables to ANSI/ASQ Z1.4 and the
 * withdrawn MIL-STD-105E): Table 1 gives the sample-size code letter for a lot size and an
 * inspection level, Tables 2-A (normal), 2-B (tightened) and 2-C (reduced) give, per code letter,
 * the sample size n and, per AQL, the acceptance number Ac and the rejection number Re — or an
 * arrow: use the first sampling plan below (↓) or above (↑) it in the same column, whose code
 * letter and sample size then apply. If n reaches the lot size, every unit is inspected.
 *
 * The tables are transcribed as the standard prints them (one string per code letter, one cell
 * per AQL column) and never computed. Sources, cross-checked cell by cell after following the
 * arrows (tests/unit/qc-sampling.test.ts holds the same figures):
 *  - ANSI/ASQ Z1.4-2003 (R2013) / MIL-STD-105E Tables I, II-A, II-B, II-C, as reproduced in
 *    J. Lawson's CRAN package AQLSchemes 1.7-2 (R/AAZ14Single.R: the tables with their arrows
 *    already followed: n, Ac, Re per code letter and AQL);
 *  - MIL-STD-105E Table II-A and II-B as transcribed for AQL 0.65–15 in the NIBS FMOC
 *    acceptance-table text (nibs.org/FMOC/DPW_AC/AC-TABLE.ASC), and Table I in the
 *    "ANSI/ASQC Z1.4 / MIL-STD-105E / ISO 2859" AQL chart (pdfcoffee.com/aql-sampling-chart).
 * Where the printed arrow points off the table (an ↑ in the first row, a ↓ in the last), the cell
 * is written as the arrow that leads to a plan, as AQLSchemes resolves it (normal and reduced
 * A at AQL 10: ↓; R at 0.015: ↑). Reduced inspection is transcribed for AQL 0.010–10 only: above
 * 10 (nonconformities per hundred units) the two sources disagree, so those AQLs are refused with
 * reduced inspection rather than guessed.
 */
import { fail } from '../errors';

export type InspectionLevel = 'S-1' | 'S-2' | 'S-3' | 'S-4' | 'I' | 'II' | 'III';
export type Severity = 'normal' | 'tightened' | 'reduced';
export type CodeLetter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'J' | 'K' | 'L' | 'M' | 'N' | 'P' | 'Q' | 'R' | 'S';

export const INSPECTION_LEVELS: readonly InspectionLevel[] = ['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4'];
export const SEVERITIES: readonly Severity[] = ['normal', 'tightened', 'reduced'];

/** The AQL columns of Tables 2-A/B/C, in percent nonconforming (≤ 10) or nonconformities per 100 units. */
export const AQL_VALUES: readonly number[] = [
  0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
];

/** What the table yields for one characteristic: Ac or fewer nonconforming in n samples accepts, Re or more rejects. */
export interface SamplePlan {
  /** The code letter whose plan applies after following the arrows (null for a fixed n). */
  letter: CodeLetter | null;
  n: number;
  ac: number;
  re: number;
  /** n reached the lot size: every unit is inspected (and none may be nonconforming). */
  hundredPercent: boolean;
}

/** Table 1: the upper bound of each lot-size range, and its code letter per level (S-1, S-2, S-3, S-4, I, II, III). */
const TABLE_1: readonly (readonly [number, string])[] = [
  [8, 'A A A A A A B'],
  [15, 'A A A A A B C'],
  [25, 'A A B B B C D'],
  [50, 'A B B C C D E'],
  [90, 'B B C C C E F'],
  [150, 'B B C D D F G'],
  [280, 'B C D E E G H'],
  [500, 'B C D E F H J'],
  [1200, 'C C E F G J K'],
  [3200, 'C D E G H K L'],
  [10000, 'C D F G J L M'],
  [35000, 'C D F H K M N'],
  [150000, 'D E G J L N P'],
  [500000, 'D E G J M P Q'],
  [Infinity, 'D E H K N Q R'],
];
const TABLE_1_LEVELS: readonly InspectionLevel[] = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'];

type MasterRow = readonly [CodeLetter, number, string];

// Cells: "Ac/Re", ↓ or ↑ (follow the arrow), · (no plan: the tightened table's row S has one plan only).
// Columns: 0.010 0.015 0.025 0.040 0.065 0.10 0.15 0.25 0.40 0.65 1.0 1.5 2.5 4.0 6.5 10 15 25 40 65 100 150 250 400 650 1000
/** Table 2-A, single sampling plans for normal inspection. */
const TABLE_2A: readonly MasterRow[] = [
  ['A', 2,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 30/31'],
  ['B', 3,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 30/31 44/45'],
  ['C', 5,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 30/31 44/45 ↑'],
  ['D', 8,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 30/31 44/45 ↑     ↑'],
  ['E', 13,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 30/31 44/45 ↑     ↑     ↑'],
  ['F', 20,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑'],
  ['G', 32,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['H', 50,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['J', 80,   '↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['K', 125,  '↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['L', 200,  '↓     ↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['M', 315,  '↓     ↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['N', 500,  '↓     ↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['P', 800,  '↓     0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['Q', 1250, '0/1   ↑     ↓     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['R', 2000, '↑     ↑     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
];

/** Table 2-B, single sampling plans for tightened inspection (row S, n = 3150, has one plan, at AQL 0.025). */
const TABLE_2B: readonly MasterRow[] = [
  ['A', 2,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 27/28'],
  ['B', 3,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 27/28 41/42'],
  ['C', 5,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 27/28 41/42 ↑'],
  ['D', 8,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 27/28 41/42 ↑     ↑'],
  ['E', 13,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 27/28 41/42 ↑     ↑     ↑'],
  ['F', 20,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑'],
  ['G', 32,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['H', 50,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['J', 80,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['K', 125,  '↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['L', 200,  '↓     ↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['M', 315,  '↓     ↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['N', 500,  '↓     ↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['P', 800,  '↓     ↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['Q', 1250, '↓     0/1   ↓     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['R', 2000, '0/1   ↑     ↓     1/2   2/3   3/4   5/6   8/9   12/13 18/19 ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑     ↑'],
  ['S', 3150, '·     ·     1/2   ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·     ·'],
];

/** Table 2-C, single sampling plans for reduced inspection, AQL 0.010–10 (Re above Ac + 1: between them the lot is accepted but normal inspection is reinstated). */
const TABLE_2C: readonly MasterRow[] = [
  ['A', 2,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↓'],
  ['B', 2,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓'],
  ['C', 2,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2'],
  ['D', 3,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3'],
  ['E', 5,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4'],
  ['F', 8,    '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5'],
  ['G', 13,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6'],
  ['H', 20,   '↓     ↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8'],
  ['J', 32,   '↓     ↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10'],
  ['K', 50,   '↓     ↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13'],
  ['L', 80,   '↓     ↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑'],
  ['M', 125,  '↓     ↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑     ↑'],
  ['N', 200,  '↓     ↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑     ↑     ↑'],
  ['P', 315,  '↓     0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑     ↑     ↑     ↑'],
  ['Q', 500,  '0/1   ↑     ↓     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑     ↑     ↑     ↑     ↑'],
  ['R', 800,  '↑     ↑     0/2   1/3   1/4   2/5   3/6   5/8   7/10  10/13 ↑     ↑     ↑     ↑     ↑     ↑'],
];

const MASTER: Record<Severity, readonly (readonly [CodeLetter, number, readonly string[]])[]> = {
  normal: split(TABLE_2A),
  tightened: split(TABLE_2B),
  reduced: split(TABLE_2C),
};

function split(rows: readonly MasterRow[]): (readonly [CodeLetter, number, readonly string[]])[] {
  return rows.map(([letter, n, cells]) => [letter, n, cells.trim().split(/\s+/)] as const);
}

/** The index of an AQL column, or -1 when the value is not one of the standard's AQLs. */
export function aqlColumn(aql: number): number {
  return AQL_VALUES.findIndex((value) => Math.abs(value - aql) < 1e-9);
}

/** Whether the AQL is a column of the table for this severity (reduced inspection stops at 10). */
export function aqlTabulated(aql: number, severity: Severity): boolean {
  const column = aqlColumn(aql);
  return column >= 0 && column < MASTER[severity][0][2].length;
}

/** Table 1: the sample-size code letter of a lot size at an inspection level. */
export function codeLetter(lotSize: number, level: InspectionLevel): CodeLetter {
  assertLotSize(lotSize);
  const levelIndex = TABLE_1_LEVELS.indexOf(level);
  if (levelIndex < 0) throw fail.validation('errors.qcPlans.level', 'level', { level: String(level) });
  const row = TABLE_1.find(([upTo]) => lotSize <= upTo) as readonly [number, string];
  return row[1].split(' ')[levelIndex] as CodeLetter;
}

/** Tables 2-A/B/C: the plan for a code letter and an AQL, following the arrows to the plan they point at. */
export function masterPlan(letter: CodeLetter, severity: Severity, aql: number): Omit<SamplePlan, 'hundredPercent'> {
  const rows = MASTER[severity];
  const column = aqlColumn(aql);
  if (!aqlTabulated(aql, severity)) throw fail.validation('errors.qcPlans.aql', 'aql', { aql, severity });
  let index = rows.findIndex(([l]) => l === letter);
  if (index < 0) throw fail.validation('errors.qcPlans.letter', 'letter', { letter: String(letter) });
  const arrow = rows[index][2][column];
  const step = arrow === '↓' ? 1 : arrow === '↑' ? -1 : 0;
  while (step !== 0 && !rows[index][2][column].includes('/')) index += step;
  const [planLetter, n, cells] = rows[index];
  if (!cells[column].includes('/')) throw fail.validation('errors.qcPlans.letter', 'letter', { letter: String(letter) });
  const [ac, re] = cells[column].split('/').map(Number);
  return { letter: planLetter, n, ac, re };
}

/**
 * The plan a lot of this size gets: Table 1's letter, then the master table's n, Ac, Re. When n
 * reaches the lot size the whole lot is inspected with Ac 0 (the tables' note: "if the sample
 * size equals or exceeds the lot size, carry out 100 % inspection").
 */
export function planFor(input: { lotSize: number; level: InspectionLevel; severity: Severity; aql: number }): SamplePlan {
  const plan = masterPlan(codeLetter(input.lotSize, input.level), input.severity, input.aql);
  if (plan.n >= input.lotSize) return { letter: plan.letter, n: input.lotSize, ac: 0, re: 1, hundredPercent: true };
  return { ...plan, hundredPercent: false };
}

/** A fixed sample of n units, none of which may be nonconforming; capped at the lot size when one is given. */
export function fixedPlan(n: number, lotSize?: number): SamplePlan {
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw fail.validation('errors.qcPlans.fixedN', 'sampling.n', { max: 10000 });
  if (lotSize !== undefined) {
    assertLotSize(lotSize);
    if (n >= lotSize) return { letter: null, n: lotSize, ac: 0, re: 1, hundredPercent: true };
  }
  return { letter: null, n, ac: 0, re: 1, hundredPercent: false };
}

function assertLotSize(lotSize: number): void {
  if (!Number.isInteger(lotSize) || lotSize < 1) throw fail.validation('errors.qcPlans.lotSize', 'lotSize', { lotSize: String(lotSize) });
}
