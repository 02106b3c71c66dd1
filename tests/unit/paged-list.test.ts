import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/contract/client';
import { SEARCH_PAUSE_MS, usePagedList, type ListPage } from '../../renderer/paged-list';

/** A core whose answers the test releases one by one, in any order. */
function heldCore() {
  const asked: { offset: number; limit: number; answer: (page: ListPage<string>) => void; refuse: (err: unknown) => void }[] = [];
  const fetchPage = (offset: number, limit: number) =>
    new Promise<ListPage<string>>((answer, refuse) => {
      asked.push({ offset, limit, answer, refuse });
    });
  return { asked, fetchPage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('usePagedList', () => {
  it('shows the newest request answer when an older one arrives last', async () => {
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    const older = list.goTo(1);
    const newer = list.goTo(2);
    core.asked[1].answer({ rows: ['new'], total: 30 });
    await newer;
    core.asked[0].answer({ rows: ['old'], total: 30 });
    await older;
    expect(list.rows.value).toEqual(['new']);
    expect(list.page.value).toBe(2);
    expect(list.loading.value).toBe(false);
  });

  it('keeps an overtaken request error off the screen, and shows the newest one', async () => {
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    const older = list.load();
    const newer = list.load();
    core.asked[1].answer({ rows: ['a'], total: 1 });
    core.asked[0].refuse(new ApiError({ code: 'internal', key: 'errors.internal', params: {} }));
    await Promise.all([older, newer]);
    expect(list.error.value).toBeNull();
    const third = list.load();
    core.asked[2].refuse(new ApiError({ code: 'forbidden', key: 'errors.auth.forbidden', params: {} }));
    await third;
    expect(list.error.value?.key).toBe('errors.auth.forbidden');
    expect(list.rows.value).toEqual(['a']);
  });

  it('asks the page by offset and shows the last page when the list shrank under the one shown', async () => {
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    const going = list.goTo(4);
    expect(core.asked[0]).toMatchObject({ offset: 30, limit: 10 });
    core.asked[0].answer({ rows: [], total: 12 });
    await settle();
    expect(core.asked[1]).toMatchObject({ offset: 10, limit: 10 });
    core.asked[1].answer({ rows: ['k', 'l'], total: 12 });
    await going;
    expect(list.page.value).toBe(2);
    expect(list.rows.value).toEqual(['k', 'l']);
    expect(list.pageCount.value).toBe(2);
  });

  it('knows an uncounted list up to the page after the one shown', async () => {
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    const going = list.goTo(3);
    core.asked[0].answer({ rows: ['x'], total: null, more: true });
    await going;
    expect(list.pageCount.value).toBe(4);
    const last = list.goTo(4);
    core.asked[1].answer({ rows: ['y'], total: null, more: false });
    await last;
    expect(list.pageCount.value).toBe(4);
    expect(list.total.value).toBeNull();
  });

  it('asks a typed search once, for its first page, after the typing pauses', async () => {
    vi.useFakeTimers();
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    list.page.value = 5;
    list.afterTyping();
    vi.advanceTimersByTime(SEARCH_PAUSE_MS - 1);
    list.afterTyping();
    vi.advanceTimersByTime(SEARCH_PAUSE_MS - 1);
    expect(core.asked).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(core.asked).toHaveLength(1);
    expect(core.asked[0].offset).toBe(0);
    expect(list.page.value).toBe(1);
  });

  it('drops a pending typed search when a page is chosen', async () => {
    vi.useFakeTimers();
    const core = heldCore();
    const list = usePagedList(10, core.fetchPage);
    list.afterTyping();
    void list.goTo(2);
    vi.advanceTimersByTime(SEARCH_PAUSE_MS * 2);
    expect(core.asked.map((a) => a.offset)).toEqual([10]);
  });
});
