/**
 * The net weight of the case at the receiving desk: a stable reading of the station's scale
 * (Weigh, F6) recorded by its reading id — the core takes the weight and device from its own
 * scale code — or kilograms typed into the field. Typing replaces the reading; Weigh replaces
 * what was typed. An item counted in kg takes the weighed kilograms as its quantity when empty.
 */
import { reactive } from 'vue';
import type { Input } from '../../src/contract/contract';
import type { WeightView } from '../../src/contract/results';
import type { ErrorData } from '../../src/domain/errors';
import { api, errorData } from '../api';
import { parseQuantity } from '../format';

export function useWeighing() {
  const weight = reactive({ reading: null as WeightView | null, typed: '', busy: false, error: null as ErrorData | null });

  async function weigh(): Promise<WeightView | null> {
    weight.busy = true;
    weight.error = null;
    try {
      weight.reading = await api.call('devices.readScale');
      weight.typed = '';
      return weight.reading;
    } catch (err) {
      weight.reading = null;
      weight.error = errorData(err);
      return null;
    } finally {
      weight.busy = false;
    }
  }

  function onTyped(): void {
    weight.reading = null;
    weight.error = null;
  }

  function clearWeight(): void {
    Object.assign(weight, { reading: null, typed: '', error: null });
  }

  /** The receive command's weight fields: the reading's id, the typed kilograms, or none. */
  function weightInput(): Pick<Input<'receiving.receive'>, 'weightReadingId' | 'netWeightKg'> {
    if (weight.reading) return { weightReadingId: weight.reading.readingId };
    return weight.typed.trim() ? { netWeightKg: parseQuantity(weight.typed) } : {};
  }

  return { weight, weigh, onTyped, clearWeight, weightInput };
}
