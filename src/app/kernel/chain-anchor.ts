/** The station's chain keys and checkpoint file, attached to its connection so every writer of the audit finds them. */
import type { Db } from '../../store/db';
import type { ChainKeys } from './chain-keys';

/** What a station attaches to its connection: the keys, and where its checkpoints go (checkpoints.ts). */
export interface ChainAnchor {
  keys: ChainKeys;
  where: string;
  checkpointFile: string | null;
  stationId: string;
}

const anchors = new WeakMap<Db, ChainAnchor>();

export function attachChain(db: Db, anchor: ChainAnchor): void {
  anchors.set(db, anchor);
}

export function chainOf(db: Db): ChainAnchor | null {
  return anchors.get(db) ?? null;
}

