/**
 * The site's bins for a scanning desk, read once when the screen opens. A bin scanned in the
 * screen's first moment (a loaded desk answers the list late) waits for the list instead of
 * reading as an unknown bin or a lot label.
 */
import { ref } from 'vue';
import type { LocationView } from '../../src/contract/results';
import { api } from '../api';

export function useSiteBins() {
  const bins = ref<LocationView[]>([]);
  let loading: Promise<LocationView[]> | null = null;
  /** The bins, once read; a failed read is tried again by the next caller. */
  function ready(): Promise<LocationView[]> {
    loading ??= api.call('catalog.locations').then(
      (list) => (bins.value = list),
      (err: unknown) => {
        loading = null;
        throw err;
      },
    );
    return loading;
  }
  /** The bin with this code, in any case. */
  async function byCode(code: string): Promise<LocationView | undefined> {
    const c = code.trim().toUpperCase();
    return (await ready()).find((b) => b.code.toUpperCase() === c);
  }
  void ready().catch(() => undefined);
  return { bins, ready, byCode };
}
