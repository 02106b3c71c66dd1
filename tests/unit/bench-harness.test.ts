/** The bench harness's rows (issue 21): statistics of samples with their spread, never a constant or a best-of. */
import { describe, expect, it } from 'vitest';
import { countRow, derivedRow, onceRow, row, rowProblems } from '../bench/harness';

describe('bench rows', () => {
  it('judges the median, with the min–max of the samples beside it', () => {
    const r = row('x', [5, 1, 9, 3, 7], 'ms', { target: { below: 6 } });
    expect(r).toMatchObject({ value: 5, runs: 5, spread: 'min–max 1–9', target: '< 6 ms', ok: true });
  });

  it('judges the p99 when told, with the p90 and the max beside it', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    const r = row('x', samples, 'ms', { stat: 'p99', target: { below: 99 } });
    expect(r).toMatchObject({ value: 99, spread: 'p90 90, max 100', ok: false });
  });

  it('a derived figure is spread over five slices of the runs', () => {
    const a = [10, 10, 20, 20, 30, 30, 40, 40, 50, 50];
    const b = a.map(() => 10);
    const r = derivedRow('ratio', [[a, 'median'], [b, 'median']], (x, y) => x / y, '×', { atLeast: 2 });
    expect(r.value).toBe(3);
    expect(r.spread).toBe('5 slices 1–5');
    expect(r.ok).toBe(true);
  });

  it('a count says what it was counted over', () => {
    expect(countRow('threw', 0, 2000, 'inputs', { below: 1, text: '0' })).toMatchObject({ value: 0, runs: 2000, spread: 'of 2,000', target: '0', ok: true });
  });

  it('a judged row of one measurement is a problem; an unjudged one is not', () => {
    expect(rowProblems(onceRow('seed', 12, 's'))).toEqual([]);
    expect(rowProblems({ ...onceRow('seed', 12, 's'), target: '< 10 s', ok: false })).toEqual(['seed: judged on 1 measurement(s)']);
    expect(rowProblems(row('x', [1, 2, 3], 'ms', { target: { below: 5 } }))).toEqual([]);
  });

  it('refuses a row without samples', () => {
    expect(() => row('x', [], 'ms')).toThrow(/no samples/);
  });
});
