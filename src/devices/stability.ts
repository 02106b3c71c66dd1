/**
 * "Stable" as a desk needs it: the scale says so AND the last N readings agree. A postal scale
 * flags stability on the first settled reading, which can still be the previous parcel's
 * weight (usbscale reads twice for the same reason); N equal readings rule that out.
 */
import type { ScaleReading } from './types';

export class StabilityFilter {
  private run: ScaleReading[] = [];
  constructor(private readonly needed = 3) {}

  /** The reading once it has been stable N times in a row, else null. */
  push(reading: ScaleReading): ScaleReading | null {
    if (!reading.stable || reading.overload || reading.underZero) {
      this.run = [];
      return null;
    }
    const last = this.run[this.run.length - 1];
    if (last && (last.grams !== reading.grams || last.unit !== reading.unit)) this.run = [];
    this.run.push(reading);
    if (this.run.length > this.needed) this.run.shift();
    return this.run.length >= this.needed ? reading : null;
  }

  reset(): void {
    this.run = [];
  }
}
