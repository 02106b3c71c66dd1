import { describe, expect, it } from 'vitest';
import { ScanDetector, type KeyInput } from '../../../src/domain/gs1';

/** Key events for `text` starting at `t0`, `gap` ms apart; "\x1d" is typed as Ctrl+], "\n" as Enter. */
function keys(text: string, t0: number, gap: number): KeyInput[] {
  return [...text].map((ch, i) => {
    const time = t0 + i * gap;
    if (ch === '\x1d') return { key: ']', ctrlKey: true, time };
    if (ch === '\n') return { key: 'Enter', time };
    return { key: ch, time };
  });
}

function feedAll(d: ScanDetector, events: KeyInput[]): string[] {
  return events.map((e) => d.feed(e)).filter((s): s is string => s !== null);
}

describe('ScanDetector', () => {
  it('emits a fast burst ending in Enter, without the Enter', () => {
    expect(feedAll(new ScanDetector(), keys('0109506000134352\n', 1000, 5))).toEqual(['0109506000134352']);
  });

  it('turns Ctrl+] into GS', () => {
    expect(feedAll(new ScanDetector(), keys('10ABC\x1d17271231\n', 0, 4))).toEqual(['10ABC\x1d17271231']);
  });

  it('ignores keys that type nothing, such as Shift, inside a burst', () => {
    const events = keys('10ABC\n', 0, 5);
    events.splice(2, 0, { key: 'Shift', time: 9 });
    expect(feedAll(new ScanDetector(), events)).toEqual(['10ABC']);
  });

  it('does not treat typing as a scan', () => {
    expect(feedAll(new ScanDetector(), keys('12345678\n', 0, 120))).toEqual([]);
  });

  it('drops what was typed slowly before a fast burst', () => {
    const typed = keys('abc', 0, 200);
    const scanned = keys('95011011\n', 1000, 5);
    expect(feedAll(new ScanDetector(), [...typed, ...scanned])).toEqual(['95011011']);
  });

  it('honours the configured maximum gap', () => {
    expect(feedAll(new ScanDetector({ maxGapMs: 100 }), keys('95011011\n', 0, 80))).toEqual(['95011011']);
    expect(feedAll(new ScanDetector({ maxGapMs: 30 }), keys('95011011\n', 0, 40))).toEqual([]);
  });

  it('requires the minimum length', () => {
    expect(feedAll(new ScanDetector({ minLength: 8 }), keys('1234567\n', 0, 5))).toEqual([]);
    expect(feedAll(new ScanDetector({ minLength: 8 }), keys('12345678\n', 0, 5))).toEqual(['12345678']);
  });

  it('strips a configured prefix and refuses bursts without it', () => {
    const d = new ScanDetector({ prefix: '$$' });
    expect(feedAll(d, keys('$$95011011\n', 0, 5))).toEqual(['95011011']);
    expect(feedAll(d, keys('95011011\n', 1000, 5))).toEqual([]);
  });

  it('strips a configured suffix such as Tab', () => {
    const events = keys('95011011', 0, 5);
    events.push({ key: 'Tab', time: 40 });
    expect(feedAll(new ScanDetector({ suffix: '\t' }), events)).toEqual(['95011011']);
  });

  it('without a suffix, flush() hands over the burst once it has been quiet for longer than the gap', () => {
    const d = new ScanDetector({ suffix: '' });
    expect(feedAll(d, keys('95011011', 0, 5))).toEqual([]);
    expect(d.flush(40)).toBeNull();
    expect(d.flush(200)).toBe('95011011');
    expect(d.flush(300)).toBeNull();
  });

  it('reset() forgets a half-read burst', () => {
    const d = new ScanDetector();
    feedAll(d, keys('9501', 0, 5));
    d.reset();
    expect(feedAll(d, keys('1011\n', 20, 5))).toEqual(['1011']);
  });
});
