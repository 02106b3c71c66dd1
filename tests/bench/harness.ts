/**
 * Shared shape of a benchmark: each tests/bench/*.bench.ts default-exports a function returning rows,
 * and every row is made by one of the helpers below, so a row is always a measurement: its value
 * is a statistic of samples taken in this run (the median, or the p99 where the target says so),
 * shown with its spread and the number of samples (issue 21: no constants, no best-of).
 */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 10 ms". */
  target?: string;
  /** Whether the measured value meets the target (omit when there is no target). */
  ok?: boolean;
  /** How many measurements the value summarises (calls, runs, inputs). */
  runs: number;
  /** Their spread: "min–max a–b" under a median, "p90 a, max b" under a p99. */
  spread: string;
}

export interface BenchReport {
  name: string;
  rows: BenchRow[];
  notes?: string[];
}

export type Bench = () => Promise<BenchReport>;

/**
 * `LOTDESK_BENCH_TINY=1` runs every bench at a tiny scale (a few hundred lots, a few dozen calls):
 * tests/integration/bench-tiny.test.ts runs them so in CI, so bench code cannot rot. The figures
 * of a tiny run mean nothing.
 */
export const TINY = process.env.LOTDESK_BENCH_TINY === '1';

/** A size: the environment variable when set, else `full` (or `tiny` in a tiny run). */
export function benchSize(envName: string | null, full: number, tiny: number): number {
  const set = envName ? process.env[envName] : undefined;
  if (set !== undefined && set !== '') return Number(set);
  return TINY ? tiny : full;
}

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

export type Stat = 'median' | 'p99';

/** What a row is judged against: below (or at least) a bound, on its median unless told p99. */
export interface Target {
  below?: number;
  atLeast?: number;
  /** The target's own words when they say more than the bound ("< 250 ms (no hang)"). */
  text?: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(1) : n.toFixed(3));

function stat(samples: number[], s: Stat): number {
  return s === 'p99' ? percentile(samples, 99) : median(samples);
}

function spreadOf(samples: number[], s: Stat): string {
  if (s === 'p99') return `p90 ${fmt(percentile(samples, 90))}, max ${fmt(Math.max(...samples))}`;
  return `min–max ${fmt(Math.min(...samples))}–${fmt(Math.max(...samples))}`;
}

function judged(value: number, unit: string, target: Target): { target: string; ok: boolean } {
  if (target.below !== undefined) return { target: target.text ?? `< ${target.below.toLocaleString('en')} ${unit}`.trim(), ok: value < target.below };
  if (target.atLeast !== undefined) return { target: target.text ?? `≥ ${target.atLeast.toLocaleString('en')} ${unit}`.trim(), ok: value >= target.atLeast };
  throw new Error('a target needs a bound');
}

/** A row of samples: their median (or p99) with its spread, judged when a target is given. */
export function row(metric: string, samples: number[], unit: string, options: { stat?: Stat; target?: Target } = {}): BenchRow {
  if (samples.length === 0) throw new Error(`${metric}: no samples`);
  const s = options.stat ?? 'median';
  const value = stat(samples, s);
  return { metric, value, unit, runs: samples.length, spread: spreadOf(samples, s), ...(options.target ? judged(value, unit, options.target) : {}) };
}

/**
 * A figure derived from several sample sets (a ratio, a difference), each read by its own
 * statistic: its value is `f` of their whole-run statistics, its spread `f` over five consecutive
 * slices of the runs (as if the run had been five shorter ones).
 */
export function derivedRow(metric: string, sets: [samples: number[], stat: Stat][], f: (...stats: number[]) => number, unit: string, target?: Target): BenchRow {
  const value = f(...sets.map(([x, s]) => stat(x, s)));
  const slice = (x: number[], k: number) => x.slice(Math.floor((k * x.length) / 5), Math.floor(((k + 1) * x.length) / 5));
  const slices = [0, 1, 2, 3, 4].map((k) => f(...sets.map(([x, s]) => stat(slice(x, k), s)))).filter(Number.isFinite);
  const spread = slices.length > 0 ? `5 slices ${fmt(Math.min(...slices))}–${fmt(Math.max(...slices))}` : 'n/a';
  return { metric, value, unit, runs: Math.min(...sets.map(([x]) => x.length)), spread, ...(target ? judged(value, unit, target) : {}) };
}

/** A count observed over `of` trials (inputs that threw, inputs actually run): no spread, the count itself. */
export function countRow(metric: string, count: number, of: number, unit: string, target?: Target): BenchRow {
  return { metric, value: count, unit, runs: of, spread: `of ${of.toLocaleString('en')}`, ...(target ? judged(count, unit, target) : {}) };
}

/** One measurement of a whole run (a seed's wall time, a file's size): said to be one, not judged. */
export function onceRow(metric: string, value: number, unit: string): BenchRow {
  return { metric, value, unit, runs: 1, spread: 'one run' };
}

/**
 * The problems of a row as tests/integration/bench-tiny.test.ts checks them: a finite value, and a
 * judged row summarising several measurements with their spread.
 */
export function rowProblems(r: BenchRow): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(r.value)) problems.push(`${r.metric}: value ${r.value}`);
  if (r.ok !== undefined && !(r.runs >= 3)) problems.push(`${r.metric}: judged on ${r.runs} measurement(s)`);
  if (r.ok !== undefined && !r.spread) problems.push(`${r.metric}: judged without a spread`);
  return problems;
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
