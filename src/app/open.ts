/** Opening a station together with its dispatcher: what every entry point (serve, Electron, tests) does. */
import { createDispatcher, type Dispatch } from './kernel/dispatch';
import { handlers } from './handlers';
import { openStation, type Station, type StationOptions } from './kernel/station';
import { startBackupSchedule } from './admin/backup-schedule';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function openDesk(file: string, options: StationOptions = {}): { station: Station; dispatch: Dispatch } {
  const station = openStation(file, options);
  if (file !== ':memory:' && !options.readonly) {
    const stopSchedule = startBackupSchedule(station);
    const close = station.close;
    station.close = () => {
      stopSchedule();
      close();
    };
  }
  return { station, dispatch: createDispatcher(station, handlers) };
}

/** The database file: --db, else $LOTDESK_DATA/lotdesk.db, else ~/.lotdesk/lotdesk.db. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.LOTDESK_DATA || join(homedir(), '.lotdesk'), 'lotdesk.db');
}
