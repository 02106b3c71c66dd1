/**
 * The statistics of the supplier-quality dashboard (issue 17, item 7), pure so a test can hold
 * them to hand-worked figures. A lot's measured values of one characteristic form a subgroup; the
 * control chart plots each subgroup's mean (X̄) in receipt order, its centre line is the mean of
 * those means and its control limits lie 3σ either side, σ being the sample standard deviation of
 * the plotted means: where 99.7 % of lot means fall while the supplier's process is stable. The
 * spec limits are drawn beside them; a lot mean can be in control yet out of spec, or the reverse.
 */

/** One subgroup (a lot) as SQLite sums it: count, sum, sum of squares, lowest and highest value. */
export interface Subgroup {
  n: number;
  sum: number;
  sumSquares: number;
  min: number;
  max: number;
}

export interface Spread {
  /** Values measured. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  min: number;
  max: number;
}

export interface ControlLimits {
  centre: number;
  /** Sample standard deviation of the subgroup means; null below two subgroups (no limits then). */
  sigma: number | null;
  ucl: number | null;
  lcl: number | null;
}

/** Mean and spread of every value of the subgroups together. */
export function spreadOf(groups: readonly Subgroup[]): Spread | null {
  let n = 0;
  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const g of groups) {
    n += g.n;
    sum += g.sum;
    squares += g.sumSquares;
    min = Math.min(min, g.min);
    max = Math.max(max, g.max);
  }
  if (n === 0) return null;
  const mean = sum / n;
  // Rounding can leave the difference a hair below zero when every value is the same.
  const sd = n < 2 ? null : Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
  return { n, mean, sd, min, max };
}

/** Centre line and ±3σ control limits of the subgroup means. */
export function controlLimits(means: readonly number[]): ControlLimits | null {
  if (means.length === 0) return null;
  const centre = means.reduce((a, b) => a + b, 0) / means.length;
  if (means.length < 2) return { centre, sigma: null, ucl: null, lcl: null };
  const sigma = Math.sqrt(means.reduce((a, m) => a + (m - centre) ** 2, 0) / (means.length - 1));
  return { centre, sigma, ucl: centre + 3 * sigma, lcl: centre - 3 * sigma };
}

/** Share of the decided lots released on their first decision, never reopened; null when none was decided. */
export function firstPassYield(firstPass: number, decided: number): number | null {
  return decided === 0 ? null : firstPass / decided;
}

/** Outside [lower, upper] (either may be open). */
export function outside(value: number, lower: number | null, upper: number | null): boolean {
  return (lower !== null && value < lower) || (upper !== null && value > upper);
}
