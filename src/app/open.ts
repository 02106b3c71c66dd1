/** Opening a station together with its dispatcher: what every entry point (serve, Electron, tests) does. */
import { createDispatcher, type Dispatch } from './kernel/dispatch';
import { handlers } from './handlers';
import { openStation, type Station, type StationOptions } from './kernel/station';
import { startBackupSchedule } from './admin/backup-schedule';
import { runnerOf, startSyncIfConnected, stopSync } from '../sync/desk-sync';
import type { SyncRunnerOptions } from '../sync/runner';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DeskOptions extends StationOptions {
  /** The sync runner's options (tests shorten its timers); it starts only when the desk is connected. */
  sync?: SyncRunnerOptions;
}

export function openDesk(file: string, options: DeskOptions = {}): { station: Station; dispatch: Dispatch } {
  const station = openStation(file, options);
  if (file !== ':memory:' && !options.readonly) {
    const stopSchedule = startBackupSchedule(station);
    startSyncIfConnected(station, options.sync);
    const close = station.close;
    station.close = () => {
      stopSchedule();
      void stopSync(station);
      close();
    };
  }
  const dispatch = createDispatcher(station, handlers);
  // A command that went through asks the sync runner (when connected) to push soon.
  const kicking: Dispatch = async (auth, name, input) => {
    const envelope = await dispatch(auth, name, input);
    if (envelope.ok && !name.startsWith('sync.')) runnerOf(station)?.kick();
    return envelope;
  };
  return { station, dispatch: kicking };
}

/** The database file: --db, else $LOTDESK_DATA/lotdesk.db, else ~/.lotdesk/lotdesk.db. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.LOTDESK_DATA || join(homedir(), '.lotdesk'), 'lotdesk.db');
}
