/**
 * The dictionary's `ex=` (invalid pairings) and `req=` (mandatory associations) over the AIs of
 * one scan, with its pattern rules: "310n" stands for any other 310x, "31nn" for any other 31xx.
 */
import type { AiDef } from './ai-index';

export interface AssociationProblem {
  code: 'exclusive' | 'missing_required';
  /** Index into the list of AIs given. */
  index: number;
  params: Record<string, string>;
}

function present(pattern: string, self: string, ais: readonly string[]): boolean {
  if (ais.includes(pattern)) return true;
  if (pattern.length !== 4 || pattern[3] !== 'n') return false;
  const prefix = pattern.slice(0, pattern[2] === 'n' ? 2 : 3);
  return ais.some((ai) => ai !== self && ai.length === 4 && ai.startsWith(prefix));
}

/** "(01)+(21) or (02)" for a req rule, in the dictionary's order. */
function describe(rule: readonly (readonly string[])[]): string {
  return rule.map((alt) => alt.map((a) => `(${a})`).join('+')).join(' or ');
}

function satisfied(rule: readonly (readonly string[])[], self: string, ais: readonly string[]): boolean {
  for (const alternative of rule) {
    let all = true;
    for (const p of alternative) if (!(all = present(p, self, ais))) break;
    if (all) return true;
  }
  return false;
}

/** The first broken association, checking `ex=` for all AIs before `req=`; null when all hold. */
export function checkAssociations(
  defs: readonly AiDef[],
  ais: readonly string[],
  requireAssociations: boolean,
): AssociationProblem | null {
  for (let i = 0; i < defs.length; i++) {
    for (const other of defs[i].ex) if (present(other, ais[i], ais)) return { code: 'exclusive', index: i, params: { other } };
  }
  if (!requireAssociations) return null;
  for (let i = 0; i < defs.length; i++) {
    for (const rule of defs[i].req) {
      if (!satisfied(rule, ais[i], ais)) return { code: 'missing_required', index: i, params: { required: describe(rule) } };
    }
  }
  return null;
}
