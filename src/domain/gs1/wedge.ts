/**
 * Keyboard-wedge scanners type their data. ScanDetector gets the renderer's key events as plain
 * objects and tells a scan from a person typing by the gaps between keys: a scanner types a whole
 * burst faster than anyone can. Ctrl+] is the key chord wedge scanners send for GS (FNC1).
 */

export interface KeyInput {
  /** KeyboardEvent.key: a character, or a key name such as "Enter", "Tab", "Shift". */
  key: string;
  ctrlKey?: boolean;
  /** Milliseconds (KeyboardEvent.timeStamp or performance.now()). */
  time: number;
}

export interface ScanDetectorOptions {
  /** Longest gap between two keys of one scan, in ms. Default 50: people rarely type faster than 80. */
  maxGapMs?: number;
  /** Fewest data characters a scan has (prefix and suffix not counted). Default 4. */
  minLength?: number;
  /** Characters the scanner is set to send before the data, stripped. Default none. */
  prefix?: string;
  /** Characters the scanner sends after the data, stripped; Enter is "\n", Tab "\t". Default "\n". */
  suffix?: string;
}

const GS = '\x1d';
const NAMED_KEYS: Record<string, string> = { Enter: '\n', Tab: '\t' };

export class ScanDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly prefix: string;
  private readonly suffix: string;
  private buffer = '';
  private lastTime = -Infinity;

  constructor(options: ScanDetectorOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 4;
    this.prefix = options.prefix ?? '';
    this.suffix = options.suffix ?? '\n';
  }

  /** The character a key event stands for, or '' for keys that type nothing (Shift, arrows…). */
  private static charOf(e: KeyInput): string {
    if (e.ctrlKey) return e.key === ']' ? GS : '';
    if (e.key.length === 1) return e.key;
    return NAMED_KEYS[e.key] ?? '';
  }

  /** Feeds one key event; returns the scan (prefix and suffix stripped) when this key completes one. */
  feed(e: KeyInput): string | null {
    const ch = ScanDetector.charOf(e);
    if (!ch) return null;
    // A slow key cannot belong to the burst before it: whatever was buffered was typed by a person.
    if (e.time - this.lastTime > this.maxGapMs) this.buffer = '';
    this.lastTime = e.time;
    this.buffer += ch;
    if (!this.suffix || !this.buffer.endsWith(this.suffix)) return null;
    const scan = this.take(this.buffer.slice(0, -this.suffix.length));
    this.buffer = '';
    return scan;
  }

  /**
   * For scanners set up without a suffix: call when time has passed (e.g. from a timer); returns
   * the buffered burst once it has been quiet for longer than the maximum gap.
   */
  flush(now: number): string | null {
    if (this.suffix || now - this.lastTime <= this.maxGapMs || !this.buffer) return null;
    const scan = this.take(this.buffer);
    this.buffer = '';
    return scan;
  }

  reset(): void {
    this.buffer = '';
    this.lastTime = -Infinity;
  }

  private take(burst: string): string | null {
    if (!burst.startsWith(this.prefix)) return null;
    const data = burst.slice(this.prefix.length);
    return data.length >= this.minLength ? data : null;
  }
}
