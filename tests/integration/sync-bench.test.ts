/**
 * The sync benchmark (tests/bench/sync.bench.ts) at a tiny scale, so CI runs its code paths —
 * a kill -9 and resume, concurrent desks, nudged recalls, a first pull — and its correctness
 * rows (nothing lost, nothing duplicated, every listening desk got the recall) must hold.
 */
import { describe, expect, it } from 'vitest';
import { syncBench, TINY } from '../bench/sync.bench';

describe('sync benchmark, tiny scale', () => {
  it('runs and loses or duplicates nothing', { timeout: 120_000 }, async () => {
    const report = await syncBench(TINY);
    // Timings may miss their target on a loaded machine; counts may not.
    const failed = report.rows.filter((r) => r.ok === false && !['ms', 's', 'events/s'].includes(r.unit));
    expect(failed).toEqual([]);
    const lost = report.rows.find((r) => r.metric === 'events lost');
    const duplicated = report.rows.find((r) => r.metric === 'events duplicated or out of seq');
    expect([lost?.value, duplicated?.value]).toEqual([0, 0]);
    expect(report.rows.find((r) => r.metric.startsWith('resume after kill'))?.ok).toBe(true);
    expect(report.rows.find((r) => r.metric === 'lots missing from the first pull')?.ok).toBe(true);
    expect(report.rows.some((r) => r.metric.startsWith('recall reaches'))).toBe(true);
  });
});
