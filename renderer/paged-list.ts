/**
 * A list read from the core a page at a time (Orders, Stock, Near expiry): the page, the whole
 * list's count when the core counts it, a search typed with a pause before it is asked, and the
 * list's head to scroll to when another page is shown.
 *
 * Only the newest request's answer is shown: a search typed letter by letter sends several, and
 * an older answer arriving last must not replace the list the desk now asks for.
 */
import { computed, ref, shallowRef } from 'vue';
import type { ErrorData } from '../src/domain/errors';
import { errorData } from './api';

export interface ListPage<Row> {
  rows: Row[];
  /** The whole list's count; null when the core did not count it (then `more` tells if a next page exists). */
  total: number | null;
  more?: boolean;
}

/** The pause after typing before a search is asked. */
export const SEARCH_PAUSE_MS = 250;

export function usePagedList<Page extends ListPage<unknown>>(pageSize: number, fetchPage: (offset: number, limit: number) => Promise<Page>) {
  const page = ref(1);
  /** The shown page's whole answer (some lists carry more than rows and count). */
  const answer = shallowRef<Page | null>(null);
  const rows = computed<Page['rows']>(() => answer.value?.rows ?? []);
  const total = computed(() => answer.value?.total ?? null);
  /** Pages of an uncounted list are known up to the next one. */
  const pageCount = computed(() => {
    const a = answer.value;
    if (a?.total === null) return page.value + (a.more ? 1 : 0);
    return Math.max(1, Math.ceil((a?.total ?? 0) / pageSize));
  });
  const loading = ref(false);
  const error = ref<ErrorData | null>(null);
  /** The list's head (search, filter, counts): another page starts there, not where the pager was clicked. */
  const listHead = ref<HTMLElement | null>(null);
  let request = 0;
  let pause: ReturnType<typeof setTimeout> | undefined;

  /** Reads the current page; false when a newer request overtook this one and its answer was dropped. */
  async function load(): Promise<boolean> {
    const mine = ++request;
    loading.value = true;
    try {
      const a = await fetchPage((page.value - 1) * pageSize, pageSize);
      if (mine !== request) return false;
      // Rows that left since (shipped orders, stock picked) can leave this page past the list's end: show its last page.
      const last = a.total === null ? page.value : Math.max(1, Math.ceil(a.total / pageSize));
      if (page.value > last) {
        page.value = last;
        return await load();
      }
      answer.value = a;
      error.value = null;
      return true;
    } catch (err) {
      if (mine === request) error.value = errorData(err);
      return false;
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  /** Shows another page, from its head. */
  async function goTo(to: number): Promise<void> {
    clearTimeout(pause);
    page.value = to;
    if (await load()) listHead.value?.scrollIntoView({ block: 'nearest' });
  }

  /** A search was typed: its first page once the typing pauses. */
  function afterTyping(): void {
    clearTimeout(pause);
    pause = setTimeout(() => void goTo(1), SEARCH_PAUSE_MS);
  }

  return { page, answer, rows, total, pageCount, loading, error, listHead, load, goTo, afterTyping };
}
