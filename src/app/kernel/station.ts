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
  close(): void;
}

export interface StationOptions extends OpenOptions {
  clock?: Clock;
}

export function openStation(file: string, options: StationOptions = {}): Station {
  tuneGcForStation();
  const open = () => {
    const db = openDatabase(file, options);
    const checkpointer = file === ':memory:' || options.readonly ? null : startCheckpointer(db, file, options);
    let stationId = getSetting(db, 'station.id');
    if (!stationId) {
      stationId = newId();
      setSetting(db, 'station.id', stationId);
    }
    return { db, checkpointer, stationId };
  };
  let current = open();
  const clock = options.clock ?? systemClock;
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
    swapping: null,
    replaceDatabase: (swap) => {
      const run = (async () => {
        await current.checkpointer?.stop();
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
      // Counted tries under unknown names are written before the counts are lost.
      const { db, stationId } = current;
      const pending = db.open && !db.readonly ? signInLimits.takeDue(clock.now(), true) : [];
      if (pending.length > 0) db.transaction(() => writeUnknownTries(db, stationId, clock.now().toISOString(), pending)).immediate();
      void current.checkpointer?.stop();
      db.close();
    },
  };
  return station;
}
