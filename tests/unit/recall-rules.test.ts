/** The pure recall rules: which open recall blocks a new one, which lots go on hold, the mass balance and its percentage. */
import { describe, expect, it } from 'vitest';
import { assertMayStart, assertReturnBin, goesOnHold, massBalance } from '../../src/domain/recall';

const keyOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { data: { key: string } }).data.key;
  }
};

describe('recall rules', () => {
  it('blocks a real recall only by an open real one, a mock recall by any open one', () => {
    const real = [{ mock: false, number: 'RCL-1' }];
    const drill = [{ mock: true, number: 'MRC-1' }];
    expect(keyOf(() => assertMayStart(false, real, 'L1', 'roots.0'))).toBe('errors.recall.rootUnderRecall');
    expect(keyOf(() => assertMayStart(false, drill, 'L1', 'roots.0'))).toBeNull();
    expect(keyOf(() => assertMayStart(true, real, 'L1', 'roots.0'))).toBe('errors.recall.rootUnderRecall');
    expect(keyOf(() => assertMayStart(true, drill, 'L1', 'roots.0'))).toBe('errors.recall.rootUnderRecall');
    expect(keyOf(() => assertMayStart(true, [], 'L1', 'roots.0'))).toBeNull();
  });

  it('puts on hold a lot with stock that is not recalled yet, whatever its status', () => {
    expect(goesOnHold('released', 1)).toBe(true);
    expect(goesOnHold('quarantine', 5)).toBe(true);
    expect(goesOnHold('on_hold', 5)).toBe(true);
    expect(goesOnHold('recalled', 5)).toBe(false);
    expect(goesOnHold('released', 0)).toBe(false);
  });

  it('takes returns only into an active quarantine bin', () => {
    expect(keyOf(() => assertReturnBin({ code: 'QA-01', quarantine: true, active: true }))).toBeNull();
    expect(keyOf(() => assertReturnBin({ code: 'A-01', quarantine: false, active: true }))).toBe('errors.recall.returnBin');
    expect(keyOf(() => assertReturnBin({ code: 'QA-09', quarantine: true, active: false }))).toBe('errors.recall.returnBin');
  });

  it('balances input against on hand, net shipments, consumption and adjustments', () => {
    expect(massBalance({ input: 20_000, onHand: 8_000, shipped: 0, returned: 0, consumed: 12_000, adjusted: 0 })).toEqual({ unaccounted: 0, accountedPercent: 100 });
    // 2 shipped, 2 returned: back on hand, nothing missing.
    expect(massBalance({ input: 10_000, onHand: 10_000, shipped: 2_000, returned: 2_000, consumed: 0, adjusted: 0 })).toEqual({ unaccounted: 0, accountedPercent: 100 });
    // A unit no record explains.
    expect(massBalance({ input: 10_000, onHand: 7_000, shipped: 2_000, returned: 0, consumed: 0, adjusted: 0 })).toEqual({ unaccounted: 1_000, accountedPercent: 90 });
    // More found than came in counts against the balance too.
    expect(massBalance({ input: 10_000, onHand: 10_500, shipped: 0, returned: 0, consumed: 0, adjusted: 0 })).toEqual({ unaccounted: -500, accountedPercent: 95 });
    expect(massBalance({ input: 0, onHand: 0, shipped: 0, returned: 0, consumed: 0, adjusted: 0 })).toEqual({ unaccounted: 0, accountedPercent: 100 });
  });
});
