/**
 * Where a weight result comes from: one interface for the weight field of the results grid. Until
 * the devices work lands the source is the manual one (the inspector types the weight; source
 * 'typed'); a scale plugs in by `useWeightSource(scale)` with a source whose `read()` resolves to
 * a stable reading, recorded with source 'scale'. Either way the core judges the value with the
 * same check (domain/qc/characteristic.ts), so a scale's 12-decimal float is refused like typed text.
 */
import { shallowRef } from 'vue';

export interface WeightSource {
  readonly source: 'typed' | 'scale';
  /** Whether a reading can be taken now (the manual source has none: the field is typed). */
  readonly live: boolean;
  /**
   * A stable reading in the characteristic's unit, or null when there is none; a scale's comes with
   * the id the core records it by (the weight and device are the core's, not the renderer's).
   */
  read(unit: string | null): Promise<{ value: number; readingId?: string } | null>;
}

export const manualWeight: WeightSource = { source: 'typed', live: false, read: async () => null };

const current = shallowRef<WeightSource>(manualWeight);

export function weightSource(): WeightSource {
  return current.value;
}

export function useWeightSource(source: WeightSource): void {
  current.value = source;
}
