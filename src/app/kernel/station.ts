/**
 * A station: one desk's database, clock and sessions. Both transports and the CLI open one
 * and call it through the dispatcher.
 */
import { tuneGcForStation } from './gc-tuning';
import { newId } from '../../store/ids';
import { openDatabase, type Db, type OpenOptions } from '../../store/db';
import { startCheckpointer } from '../../store/checkpointer';
import { systemClock, type Clock } from './clock';
import { SessionStore } from './sessions';
import { getSetting, setSetting } from './settings';
import { defaultKeyPath, fileKeyStore, memoryKeyStore, type KeyStore } from './chain-keys';
import { openChain } from './chain-open';
import { defaultCheckpointPath, writeCheckpoint } from './checkpoints';
import type { ChainAnchor } from './chain-anchor';

/** How often the chain's head is signed into the checkpoint file when it moved (and at close). */
export const CHECKPOINT_MS = 10_000;

export const VERSION = '0.1.0';
export const DEFAULT_IDLE_MINUTES = 15;

export interface Station {
  db: Db;
  clock: Clock;
  stationId: string;
  sessions: SessionStore;
  idleMinutes(): number;
  /** Site code this desk works for (set by setup or the demo data set). */
  site(): string | null;
  /** The keyed chain: its keys and checkpoint file (null on a read-only station). */
  chain: ChainAnchor | null;
  close(): void;
}

export interface StationOptions extends OpenOptions {
  clock?: Clock;
  /** Where the chain keys live; by default a 0600 file in `keys/` beside the database (Electron passes a safeStorage one). */
  keyStore?: KeyStore;
  /**
   * Writes the plain SHA-256 chain of LotDesk before issue 18 (no key, no facts): only for tests
   * that build a desk as an earlier version left it. Never set by an entry point.
   */
  plainChain?: boolean;
}

export function openStation(file: string, options: StationOptions = {}): Station {
  tuneGcForStation();
  const db = openDatabase(file, options);
  const checkpointer = file === ':memory:' || options.readonly ? null : startCheckpointer(db, file, options);
  const clock = options.clock ?? systemClock;
  let stationId = getSetting(db, 'station.id');
  if (!stationId) {
    stationId = newId();
    setSetting(db, 'station.id', stationId);
  }
  const chain = options.readonly || options.plainChain
    ? null
    : openChain(db, {
        keyStore: options.keyStore ?? (file === ':memory:' ? memoryKeyStore() : fileKeyStore(defaultKeyPath(file))),
        checkpointFile: file === ':memory:' ? null : defaultCheckpointPath(file),
        stationId,
        now: clock.now(),
      });
  const checkpoint = () => {
    try {
      writeCheckpoint(db, clock.now());
    } catch (err) {
      console.error('lotdesk: could not write the audit checkpoint', err);
    }
  };
  const timer = chain?.checkpointFile ? setInterval(checkpoint, CHECKPOINT_MS) : null;
  timer?.unref();
  const idleMinutes = () => Number(getSetting(db, 'session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  return {
    db,
    clock,
    stationId,
    sessions: new SessionStore(clock, () => idleMinutes() * 60_000),
    idleMinutes,
    site: () => getSetting(db, 'station.site'),
    chain,
    close: () => {
      if (timer) clearInterval(timer);
      if (chain?.checkpointFile && db.open) checkpoint();
      checkpointer?.stop();
      db.close();
    },
  };
}
