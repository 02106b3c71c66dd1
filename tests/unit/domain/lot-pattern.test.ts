import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLotPattern, isValidLotCode, prepareLotCode, DEFAULT_LOT_PATTERN } from '../../../src/domain/lot-pattern';

describe('lot numbering patterns', () => {
  it('renders the default pattern from date, site and sequence', () => {
    const { scope, complete } = prepareLotCode(DEFAULT_LOT_PATTERN, { date: '2026-03-07', site: 'wh1', sku: 'TEA' });
    expect(complete(1)).toBe('260307-WH1-0001');
    expect(complete(9999)).toBe('260307-WH1-9999');
    // A sequence that outgrows its width keeps its digits rather than colliding.
    expect(complete(12345)).toBe('260307-WH1-12345');
    expect(scope).toBe('260307-WH1-\u0000');
  });

  it('supports year, Julian day and SKU tokens', () => {
    const { complete } = prepareLotCode('{SKU}{YYYY}{JJJ}{SEQ:2}', { date: '2028-12-31', site: 'X', sku: 'ab' });
    expect(complete(3)).toBe('AB202836603');
  });

  it('gives different scopes to different days and items, the same scope within one day', () => {
    const p = '{YY}{MM}{DD}-{SEQ:3}';
    const a = prepareLotCode(p, { date: '2026-01-01', site: 'S', sku: 'A' }).scope;
    expect(prepareLotCode(p, { date: '2026-01-01', site: 'S', sku: 'B' }).scope).toBe(a);
    expect(prepareLotCode(p, { date: '2026-01-02', site: 'S', sku: 'A' }).scope).not.toBe(a);
  });

  it('rejects patterns that cannot produce unique GS1 lot codes', () => {
    expect(checkLotPattern(DEFAULT_LOT_PATTERN)).toBeNull();
    expect(checkLotPattern('{YY}{MM}')).toBe('needsOneSeq');
    expect(checkLotPattern('{SEQ:3}{SEQ:3}')).toBe('needsOneSeq');
    expect(checkLotPattern('{FOO}{SEQ:3}')).toBe('unknownToken');
    expect(checkLotPattern('{SEQ:0}')).toBe('badWidth');
    expect(checkLotPattern('LOT #{SEQ:3}')).toBe('badCharacters');
  });

  it('accepts exactly the codes AI (10) can carry', () => {
    expect(isValidLotCode('ABC-123/4')).toBe(true);
    expect(isValidLotCode('')).toBe(false);
    expect(isValidLotCode('A'.repeat(21))).toBe(false);
    expect(isValidLotCode('批次1')).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 6 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (seq, d) => {
        const code = prepareLotCode(DEFAULT_LOT_PATTERN, { date: d.toISOString().slice(0, 10), site: 'WH1', sku: 'X' }).complete(seq);
        return isValidLotCode(code);
      }),
    );
  });
});
