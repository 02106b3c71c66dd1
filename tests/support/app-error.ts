/** The typed error a call throws, for tests that check which rule refused it (null when nothing was thrown). */
import type { ErrorData } from '../../src/domain/errors';

export function errorOf(fn: () => unknown): ErrorData | null {
  try {
    fn();
    return null;
  } catch (err) {
    const data = (err as { data?: ErrorData }).data;
    if (!data) throw err;
    return data;
  }
}

export const keyOf = (fn: () => unknown): string | null => errorOf(fn)?.key ?? null;
export const fieldOf = (fn: () => unknown): string | undefined => errorOf(fn)?.field;
