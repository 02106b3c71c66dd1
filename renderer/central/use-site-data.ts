/** A central screen's data for the chosen site: loaded when the site changes, refreshed every few seconds while shown. */
import { computed, onBeforeUnmount, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue';
import type { ErrorData } from '../../src/domain/errors';
import { centralErrorData } from './central-api';
import { useCentral } from './store';

export const REFRESH_MS = 5_000;

type Rows<T> = { rows: Ref<T[]>; loading: Ref<boolean>; error: Ref<ErrorData | null>; reload: () => Promise<void> };

/** The rows of one central call, its loading state and its error (translated on display); `load` answering null keeps the rows shown. */
export function useCentralRows<T>(load: () => Promise<T[] | null>): Rows<T> {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const error = ref<ErrorData | null>(null);
  async function reload(): Promise<void> {
    loading.value = rows.value.length === 0;
    try {
      const next = await load();
      if (next) rows.value = next;
      error.value = null;
    } catch (err) {
      error.value = centralErrorData(err);
    } finally {
      loading.value = false;
    }
  }
  return { rows, loading, error, reload };
}

export function useSiteData<T>(load: (site: string) => Promise<T[]>): Rows<T> {
  const central = useCentral();
  const list = useCentralRows<T>(async () => {
    const site = central.site;
    if (!site) return [];
    const next = await load(site);
    // The user chose another site meanwhile: that site's answer is on its way.
    return central.site === site ? next : null;
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(() => central.site, () => void list.reload());
  onMounted(() => {
    void list.reload();
    timer = setInterval(() => void list.reload(), REFRESH_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return list;
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
