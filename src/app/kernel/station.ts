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
  db: Db;
  clock: Clock;
  stationId: string;
  sessions: SessionStore;
  /** Anonymous sign-in attempts per client (people/sign-in-limits.ts). */
  signInLimits: SignInLimits;
  idleMinutes(): number;
  /** Site code this desk works for (set by setup or the demo data set). */
  site(): string | null;
  close(): void;
}

export interface StationOptions extends OpenOptions {
  clock?: Clock;
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
  const idleMinutes = () => Number(getSetting(db, 'session.idleMinutes') ?? DEFAULT_IDLE_MINUTES);
  const signInLimits = new SignInLimits();
  return {
    db,
    clock,
    stationId,
    sessions: new SessionStore(clock, () => idleMinutes() * 60_000),
    signInLimits,
    idleMinutes,
    site: () => getSetting(db, 'station.site'),
    close: () => {
      // Counted tries under unknown names are written before the counts are lost.
      const pending = db.open && !db.readonly ? signInLimits.takeDue(clock.now(), true) : [];
      if (pending.length > 0) db.transaction(() => writeUnknownTries(db, stationId, clock.now().toISOString(), pending)).immediate();
      checkpointer?.stop();
      db.close();
    },
  };
}
