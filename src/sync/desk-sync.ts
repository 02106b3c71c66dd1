/**
 * The desk's sync at run time: the mode setting (`standalone` | `connected`) decides whether a
 * runner exists, so switching is a command, not a rebuild. Every entry point (serve mode, Electron,
 * the headless worker of the fault tests) calls `startSyncIfConnected` through `openDesk`.
 */
import type { Station } from '../app/kernel/station';
import { AppError } from '../domain/errors';
import { SyncError } from '../sync-protocol/errors';
import * as centre from './centre-client';
import { credentialPath, loadCredential, removeCredential, saveCredential } from './credential';
import { eventsWaiting } from './pusher';
import { startSync, type SyncRunner, type SyncRunnerOptions } from './runner';
import { getSetting, lastError, setSetting, syncMode, SYNC_KEYS, noteError, type SyncErrorNote, type SyncMode } from './sync-settings';
import { appendAudit } from '../app/kernel/audit-log';

const runners = new WeakMap<Station, SyncRunner>();
const optionsOf = new WeakMap<Station, SyncRunnerOptions>();

export interface DeskSyncStatus {
  mode: SyncMode;
  online: boolean;
  centreUrl: string | null;
  siteCode: string | null;
  eventsWaiting: number;
  lastSyncAt: string | null;
  lastError: SyncErrorNote | null;
}

/** Starts the runner when the desk is connected and has its credential; a no-op otherwise. */
export function startSyncIfConnected(station: Station, options: SyncRunnerOptions = {}): SyncRunner | null {
  optionsOf.set(station, options);
  if (syncMode(station.db) !== 'connected' || runners.has(station)) return runners.get(station) ?? null;
  const runner = startSync(station, options);
  runners.set(station, runner);
  return runner;
}

export async function stopSync(station: Station): Promise<void> {
  const runner = runners.get(station);
  runners.delete(station);
  await runner?.stop();
}

export function runnerOf(station: Station): SyncRunner | null {
  return runners.get(station) ?? null;
}

export function syncStatus(station: Station): DeskSyncStatus {
  const db = station.db;
  const credential = loadCredential(credentialFile(station));
  return {
    mode: syncMode(db),
    online: runners.get(station)?.online() ?? false,
    centreUrl: getSetting(db, SYNC_KEYS.centreUrl) || null,
    siteCode: credential?.siteCode ?? null,
    eventsWaiting: eventsWaiting(station),
    lastSyncAt: getSetting(db, SYNC_KEYS.lastSyncAt) || null,
    lastError: lastError(db),
  };
}

function credentialFile(station: Station): string {
  return optionsOf.get(station)?.credentialFile ?? credentialPath(station.file);
}

function record(station: Station, userId: string | null, command: string, input: unknown, write: () => void): void {
  const at = station.clock.now().toISOString();
  station.db
    .transaction(() => {
      write();
      appendAudit(station.db, { at, stationId: station.stationId, userId, command, input, result: 'ok' });
    })
    .immediate();
}

/**
 * Enrols this desk with a centre (one-time code), keeps the credential in its 0600 file, switches
 * the mode to connected and starts syncing. The centre's refusal comes back as its own key.
 */
export async function connect(station: Station, userId: string | null, input: { centreUrl: string; code: string }): Promise<DeskSyncStatus> {
  if (syncMode(station.db) === 'connected') throw new AppError('conflict', 'errors.syncDesk.alreadyConnected', { centreUrl: getSetting(station.db, SYNC_KEYS.centreUrl) ?? '' });
  let enrolled;
  try {
    enrolled = await centre.enrol(input.centreUrl, { code: input.code, stationId: station.stationId, name: getSetting(station.db, 'station.name') || station.stationId });
  } catch (err) {
    if (err instanceof SyncError) throw new AppError('rule', err.key, err.params);
    if (err instanceof centre.CentreUnreachable) throw new AppError('rule', 'errors.syncDesk.unreachable', { detail: err.detail }, 'centreUrl');
    throw err;
  }
  const at = station.clock.now().toISOString();
  saveCredential(credentialFile(station), { version: 1, stationId: station.stationId, centreId: enrolled.centreId, siteCode: enrolled.siteCode, centreUrl: input.centreUrl, secret: enrolled.secret, enrolledAt: at });
  record(station, userId, 'sync.connect', { centreUrl: input.centreUrl }, () => {
    const previous = getSetting(station.db, SYNC_KEYS.centreId);
    // Another centre is another history: its watermark and cursor start afresh (the outbox is pushed from seq 1).
    if (previous !== enrolled.centreId) {
      setSetting(station.db, SYNC_KEYS.pushedSeq, '0');
      setSetting(station.db, SYNC_KEYS.cursor, '');
    }
    setSetting(station.db, SYNC_KEYS.centreId, enrolled.centreId);
    setSetting(station.db, SYNC_KEYS.centreUrl, input.centreUrl);
    setSetting(station.db, SYNC_KEYS.mode, 'connected');
    noteError(station.db, null);
  });
  startSyncIfConnected(station, optionsOf.get(station));
  return syncStatus(station);
}

/** Back to standalone: the runner stops and the credential is removed; the outbox keeps filling. */
export async function disconnect(station: Station, userId: string | null): Promise<DeskSyncStatus> {
  await stopSync(station);
  removeCredential(credentialFile(station));
  record(station, userId, 'sync.disconnect', {}, () => {
    setSetting(station.db, SYNC_KEYS.mode, 'standalone');
    noteError(station.db, null);
  });
  return syncStatus(station);
}

/** A round now (connected desks); resolves with the status after it. */
export async function syncNow(station: Station): Promise<DeskSyncStatus> {
  const runner = runners.get(station);
  if (!runner) throw new AppError('rule', 'errors.syncDesk.notConnected', {});
  await runner.now();
  return syncStatus(station);
}
