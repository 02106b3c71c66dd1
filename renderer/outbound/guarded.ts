/** One call at a time on a desk, with the error of the last one kept for display. */
import { ref } from 'vue';
import type { ErrorData } from '../../src/domain/errors';
import { errorData } from '../api';

/** `after` runs once each call is over, failed or not (e.g. to give the scan field back). */
export function useGuarded(after?: () => void | Promise<void>) {
  const busy = ref(false);
  const error = ref<ErrorData | null>(null);
  async function guarded(work: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (err) {
      error.value = errorData(err);
    } finally {
      busy.value = false;
      void after?.();
    }
  }
  return { busy, error, guarded };
}
