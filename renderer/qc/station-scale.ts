/**
 * The station's scale as the QC weight source: ⚖ asks the core for a stable reading
 * (devices.readScale, whatever scale the Devices screen set: HID, serial or the demo simulator)
 * and hands its value in the characteristic's unit with its reading id to qc.recordResult. A scale
 * that is missing, unsettled or unplugged says so through `onError`; nothing is recorded.
 */
import type { ErrorData } from '../../src/domain/errors';
import { fromGrams, isWeightUnit } from '../../src/domain/weight-units';
import { api, errorData } from '../api';
import type { WeightSource } from './weight-source';

export function stationScale(onError: (error: ErrorData | null) => void): WeightSource {
  return {
    source: 'scale',
    live: true,
    async read(unit) {
      if (!unit || !isWeightUnit(unit)) return null;
      try {
        const r = await api.call('devices.readScale');
        onError(null);
        return { value: fromGrams(r.grams, unit), readingId: r.readingId };
      } catch (err) {
        onError(errorData(err));
        return null;
      }
    },
  };
}
