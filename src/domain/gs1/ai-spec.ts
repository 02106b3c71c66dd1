/** Shape of the generated AI table (ai-table.generated.ts): one row per dictionary entry. */

/** N numeric, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Cset = 'N' | 'X' | 'Y' | 'Z';

export interface AiPart {
  cset: Cset;
  min: number;
  max: number;
  /** Optional trailing component ("[N6]"). */
  opt: boolean;
  /** Names of the dictionary's linter procedures, applied in order. */
  linters: readonly string[];
}

export interface AiRow {
  /** First and last AI of the range (equal for a single AI). */
  from: string;
  to: string;
  title: string;
  /** Pre-defined length ("*"): no FNC1 separator needed after it. */
  predefined: boolean;
  /** Permitted as a Digital Link query attribute ("?"). */
  dlAttr: boolean;
  parts: readonly AiPart[];
  /** Each `req=` is one rule; a rule is satisfied by any alternative; an alternative is all of its AIs/patterns. */
  req: readonly (readonly (readonly string[])[])[];
  /** AIs or patterns ("310n", "31nn") that must not appear together with this AI. */
  ex: readonly string[];
  /** Digital Link primary key: alternative ordered qualifier sequences ([[]] = key without qualifiers). */
  dlpkey?: readonly (readonly string[])[];
  /** Decimal-position AI: the last AI digit is the number of decimals. */
  decimals?: boolean;
  /** Unit of a decimal-position measure (kg, m2, lb …). */
  unit?: string;
}
