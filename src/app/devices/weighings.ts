/**
 * Stable weights handed from the scale to a command. Reading a scale is asynchronous and commands
 * are synchronous SQLite transactions, so `devices.readScale` keeps the stable reading here under
 * an id and the command that records it (receiving's net weight, a QC sample weight) takes it by
 * that id. The weight and its device come from the station's own scale code, never from what the
 * renderer claims: a command cannot record an unstable or made-up "scale" weight. A reading is
 * used once (consumed when the command commits) and expires after ten minutes.
 */
import { fail } from '../../domain/errors';
import { newId } from '../../store/ids';
import type { ScaleReading } from '../../devices/types';
import type { CallContext } from '../kernel/context';
import type { Station } from '../kernel/station';

export const READING_TTL_MS = 10 * 60_000;
const MAX_KEPT = 200;

export interface KeptReading {
  id: string;
  grams: number;
  deviceId: string;
  source: string;
  at: number;
}

const kept = new WeakMap<Station, Map<string, KeptReading>>();

function readingsOf(station: Station): Map<string, KeptReading> {
  let m = kept.get(station);
  if (!m) kept.set(station, (m = new Map()));
  return m;
}

/** Keeps a stable reading for a command to take; returns its id. */
export function keepReading(station: Station, reading: ScaleReading, now: Date): string {
  if (!reading.stable) throw new Error('only stable readings are kept');
  const m = readingsOf(station);
  const id = newId();
  m.set(id, { id, grams: reading.grams, deviceId: reading.deviceId, source: reading.source, at: now.getTime() });
  // Oldest first in a Map: drop beyond the cap.
  while (m.size > MAX_KEPT) m.delete(m.keys().next().value!);
  return id;
}

/**
 * The reading a command records, refused when unknown or expired (weigh again); consumed when the
 * command commits, so one reading is never recorded twice and a refused command leaves it usable.
 */
export function takeReading(ctx: CallContext, readingId: string, field: string): KeptReading {
  const m = readingsOf(ctx.station);
  const r = m.get(readingId);
  if (!r || ctx.now.getTime() - r.at > READING_TTL_MS) throw fail.rule('errors.devices.readingGone', {}, field);
  ctx.afterCommit(() => m.delete(readingId));
  return r;
}

/** "25.04 kg" for the audit: the weight as recorded, in kilograms. */
export function kgText(kg: number): string {
  return `${Number(kg.toFixed(6))} kg`;
}
