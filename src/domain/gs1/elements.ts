/** Collects the elements of one scan: validates each, drops exact repeats, refuses differing ones. */
import type { AiDef } from './ai-index';
import { checkAssociations } from './associations';
import { decodeValue } from './decode';
import { failure, type Gs1Failure } from './errors';
import type { Gs1Element } from './types';
import { checkValue } from './validate';

export class ElementCollector {
  readonly elements: Gs1Element[] = [];
  private readonly ais: string[] = [];
  private readonly defs: AiDef[] = [];
  /** 0-based input offset of each element's AI, for association errors. */
  private readonly positions: number[] = [];

  constructor(private readonly currentYear: number) {}

  /**
   * Adds AI `def` with `value`. `aiIndex` and `valueIndex` are offsets in the input; when the value
   * was percent-decoded (`exact` false) errors point at the start of the value instead of the character.
   */
  add(def: AiDef, value: string, aiIndex: number, valueIndex: number, exact = true): Gs1Failure | null {
    const problem = checkValue(def, value, this.currentYear);
    if (problem) return failure(problem.code, valueIndex + (exact ? problem.offset : 0), def.ai, problem.params);
    const seen = this.ais.indexOf(def.ai);
    if (seen >= 0) return this.elements[seen].value === value ? null : failure('duplicate_ai', aiIndex, def.ai);
    const decoded = decodeValue(def, value, this.currentYear);
    this.elements.push(
      decoded === undefined ? { ai: def.ai, value, title: def.title } : { ai: def.ai, value, title: def.title, decoded },
    );
    this.ais.push(def.ai);
    this.defs.push(def);
    this.positions.push(aiIndex);
    return null;
  }

  /** The `ex=` / `req=` check over everything collected. */
  checkAssociations(requireAssociations: boolean): Gs1Failure | null {
    const problem = checkAssociations(this.defs, this.ais, requireAssociations);
    if (!problem) return null;
    const ai = this.ais[problem.index];
    return failure(problem.code, this.positions[problem.index], ai, problem.params);
  }
}
