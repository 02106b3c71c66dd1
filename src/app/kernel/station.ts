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
import { SignInLimits, writeUnknownTries } from '../people/sign-in-limits';
import { defaultKeyPath, fileKeyStore, memoryKeyStore, type KeyStore } from './chain-keys';
import { openChain } from './chain-open';
import { defaultCheckpointPath, writeCheckpoint } from './checkpoints';
import type { ChainAnchor } from './chain-anchor';
import { installSyncCapture } from '../../store/sync-outbox';
import { dropTraceIndex } from '../../store/trace-index';

/** How often the chain's head is signed into the checkpoint file when it moved (and at close). */
export const CHECKPOINT_MS = 10_000;

export const VERSION = '0.1.0';
export const DEFAULT_IDLE_MINUTES = 15;

export interface Station {
  /** The open connection; a restore replaces it (replaceDatabase), so read it per call, never keep it. */
  readonly db: Db;
  /** The database file and the native binding it was opened with (a backup check opens files the same way). */
  readonly file: string;
  readonly nativeBinding?: string;
  clock: Clock;
  stationId: string;
  sessions: SessionStore;
  /** Anonymous sign-in attempts per client (people/sign-in-limits.ts). */
  signInLimits: SignInLimits;
  idleMinutes(): number;
  /** Site code this desk works for (set by setup or the demo data set). */
  site(): string | null;
  /**
   * Closes the database (its checkpointer too, waited for), runs `swap` on the closed file, opens it
   * again (migrated) and ends every session. Calls arriving meanwhile wait for `swapping`.
   */
  replaceDatabase(swap: () => Promise<void>): Promise<void>;
  swapping: Promise<void> | null;
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
  const clock = options.clock ?? systemClock;
  const open = () => {
    const db = openDatabase(file, options);
    const checkpointer = file === ':memory:' || options.readonly ? null : startCheckpointer(db, file, options);
    let stationId = getSetting(db, 'station.id');
    if (!stationId) {
      stationId = newId();
      setSetting(db, 'station.id', stationId);
    }
    // The keyed chain is opened on every connection (a restore opens a new one): keys, seal, fact triggers.
    const chain = options.readonly || options.plainChain
      ? null
      : openChain(db, {
          keyStore: options.keyStore ?? (file === ':memory:' ? memoryKeyStore() : fileKeyStore(defaultKeyPath(file))),
          checkpointFile: file === ':memory:' ? null : defaultCheckpointPath(file),
          stationId,
          now: clock.now(),
        });
    // The sync outbox is filled in both modes (a desk connected later pushes what it wrote since).
    if (!options.readonly) installSyncCapture(db);
    return { db, checkpointer, stationId, chain };
  };
  let current = open();
  const checkpoint = () => {
    if (!current.chain?.checkpointFile || !current.db.open) return;
    try {
      writeCheckpoint(current.db, clock.now());
    } catch (err) {
      console.error('lotdesk: could not write the audit checkpoint', err);
    }
  };
  const timer = current.chain?.checkpointFile ? setInterval(checkpoint, CHECKPOINT_MS) : null;
  timer?.unref();
  const idleMinutes = () => Number(getSetting(current.db, 'session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  const signInLimits = new SignInLimits();
  const station: Station = {
    get db() {
      return current.db;
    },
    file,
    nativeBinding: options.nativeBinding,
    clock,
    get stationId() {
      return current.stationId;
    },
    sessions: new SessionStore(clock, () => idleMinutes() * 60_000),
    signInLimits,
    idleMinutes,
    site: () => getSetting(current.db, 'station.site'),
    get chain() {
      return current.chain;
    },
    swapping: null,
    replaceDatabase: (swap) => {
      const run = (async () => {
        checkpoint();
        await current.checkpointer?.stop();
        dropTraceIndex(current.db);
        current.db.close();
        try {
          await swap();
        } finally {
          current = open();
          station.sessions.closeAll();
        }
      })();
      station.swapping = run.finally(() => {
        station.swapping = null;
      });
      return station.swapping;
    },
    close: () => {
      if (timer) clearInterval(timer);
      // Counted tries under unknown names are written before the counts are lost.
      const { db, stationId } = current;
      const pending = db.open && !db.readonly ? signInLimits.takeDue(clock.now(), true) : [];
      if (pending.length > 0) db.transaction(() => writeUnknownTries(db, stationId, clock.now().toISOString(), pending)).immediate();
      checkpoint();
      void current.checkpointer?.stop();
      // Its reader row goes, so the trace change log is pruned past it.
      dropTraceIndex(db);
      db.close();
    },
  };
  return station;
}
