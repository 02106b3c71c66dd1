/** Shared shape of a benchmark: each tests/bench/*.bench.ts default-exports a function returning rows. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 10 ms". */
  target?: string;
  /** Whether the measured value meets the target (omit when there is no target). */
  ok?: boolean;
}

export interface BenchReport {
  name: string;
  rows: BenchRow[];
  notes?: string[];
}

export type Bench = () => Promise<BenchReport>;

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/**
 * Garbage-collector pauses that fall inside measured windows: a percentile is only read right
 * with them in view (a p99 of 200 samples is the third-worst run).
 */
export function watchGc(): { inside(from: number, to: number): number; stop(): void } {
  const pauses: { at: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ at: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    inside: (from, to) => pauses.filter((p) => p.at >= from && p.at < to).reduce((sum, p) => sum + p.ms, 0),
    stop: () => observer.disconnect(),
  };
}
