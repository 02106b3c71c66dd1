/** A central screen's data for the chosen site: loaded when the site changes, refreshed every few seconds while shown. */
import { computed, onBeforeUnmount, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { ErrorData } from '../../src/domain/errors';
import { centralErrorData } from './central-api';
import { useCentral } from './store';

export const REFRESH_MS = 5_000;

export function useSiteData<T>(load: (site: string) => Promise<T[]>): { rows: Ref<T[]>; loading: Ref<boolean>; error: Ref<ErrorData | null>; reload: () => Promise<void> } {
  const central = useCentral();
  const rows = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const error = ref<ErrorData | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function reload(): Promise<void> {
    const site = central.site;
    if (!site) {
      rows.value = [];
      return;
    }
    loading.value = rows.value.length === 0;
    try {
      const next = await load(site);
      if (central.site === site) rows.value = next;
      error.value = null;
    } catch (err) {
      error.value = centralErrorData(err);
    } finally {
      loading.value = false;
    }
  }

  watch(() => central.site, () => void reload());
  onMounted(() => {
    void reload();
    timer = setInterval(() => void reload(), REFRESH_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return { rows, loading, error, reload };
}

/** The rows a typed text finds in any of a row's fields (case does not matter). */
export function useSearch<T>(rows: Ref<T[]>, fields: (row: T) => (string | null)[]): { search: Ref<string>; shown: ComputedRef<T[]> } {
  const search = ref('');
  const shown = computed(() => {
    const term = search.value.trim().toLowerCase();
    return term ? rows.value.filter((r) => fields(r).some((v) => v?.toLowerCase().includes(term))) : rows.value;
  });
  return { search, shown };
}
