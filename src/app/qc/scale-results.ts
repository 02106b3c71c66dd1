/**
 * A QC sample weight from the station's scale: the value is the stable reading the scale gave
 * (devices.readScale), in the characteristic's unit, and the audit names the device. A result
 * marked 'scale' without a reading is refused: the source must be what recorded the weight.
 */
import { fail } from '../../domain/errors';
import type { Characteristic } from '../../domain/qc/characteristic';
import { fromGrams, isWeightUnit } from '../../domain/weight-units';
import type { CallContext } from '../kernel/context';
import { takeReading } from '../devices/weighings';

export function scaleWeight(
  ctx: CallContext,
  c: Characteristic,
  input: { source: 'typed' | 'scale'; readingId?: string; value: unknown },
): { value: number; deviceId: string } | null {
  if (!input.readingId) {
    if (input.source === 'scale') throw fail.validation('errors.qc.scaleNeedsReading', 'readingId', { code: c.code });
    return null;
  }
  if (input.source !== 'scale' || c.kind !== 'weight' || !c.unit || !isWeightUnit(c.unit)) throw fail.validation('errors.qc.readingNotWeight', 'readingId', { code: c.code });
  const r = takeReading(ctx, input.readingId, 'readingId');
  const value = fromGrams(r.grams, c.unit);
  // The desk shows the reading before it is recorded: a different value is not the scale's.
  if (typeof input.value !== 'number' || Math.abs(input.value - value) > 1e-9) throw fail.validation('errors.qc.readingMismatch', 'value', { code: c.code, value: `${value} ${c.unit}` });
  return { value, deviceId: r.deviceId };
}
