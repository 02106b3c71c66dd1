/** The lot an input of the trace screen's queries names, as trace.lot takes it (the contract's schema lets exactly one through). */
import type { ParsedInput } from '../../contract/contract';

export type LotNamed = { lotId: string } | { lotCode: string } | { scan: string; gsSubstitute?: string };

export function lotNamed(input: { lotId?: string; lotCode?: string; scan?: string; gsSubstitute?: string }): LotNamed {
  if (input.lotId !== undefined) return { lotId: input.lotId };
  if (input.lotCode !== undefined) return { lotCode: input.lotCode };
  return { scan: input.scan!, gsSubstitute: input.gsSubstitute };
}

/** The trace.lot input for a lot named so, in a direction. */
export function traceInputOf(lot: LotNamed, direction: 'forward' | 'backward' | 'both'): ParsedInput<'trace.lot'> {
  return { ...lot, direction } as ParsedInput<'trace.lot'>;
}
