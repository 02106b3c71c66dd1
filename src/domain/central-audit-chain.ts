/**
 * What a check of the central audit's hash chain finds (src/server/central-audit-chain.ts), and
 * the sentence a person reads about it: the same for `lotdesk central audit-verify` and the
 * centre's Audit screen, each with its own translate function.
 */

/**
 * How a chain breaks at a row, the first such row named:
 * - edited: the row's fields (or its hash) are not what its hash says;
 * - missing: the row before it is gone (deleted), or was rewritten with a new hash;
 * - inserted: it links past the rows before it, which were put in behind the application's back;
 * - reordered: it links to a row that comes after it.
 */
export type ChainProblemKind = 'edited' | 'missing' | 'inserted' | 'reordered';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The row named: the edited or reordered one, the first inserted one, the one after the missing one. */
  id: string;
  /** The row it should follow (the row before it in id order), null at the start. */
  after: string | null;
}

export interface ChainVerification {
  ok: boolean;
  /** Rows checked (up to and including the broken one). */
  rows: number;
  /** The last row checked and its hash: the head when ok, to write down and compare later. */
  head: { id: string; hash: string } | null;
  problem: ChainProblem | null;
}

const M = 'ui.central.audit.chain';

/** The result in one sentence (messages ui.central.audit.chain.*). */
export function chainSentence(v: ChainVerification, t: (key: string, params?: Record<string, unknown>) => string): string {
  if (v.problem) return t(`${M}.broken`, { rows: v.rows, problem: t(`${M}.problem.${v.problem.kind}`, { ...v.problem }) });
  return v.head ? t(`${M}.intact`, { rows: v.rows, head: v.head.id, hash: v.head.hash }) : t(`${M}.empty`);
}
