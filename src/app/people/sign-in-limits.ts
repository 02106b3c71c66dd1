/**
 * Anonymous sign-in attempts, limited per client (docs/DESIGN.md, "The desk's edge"). The lock of
 * secret-lockout.ts is per user and client; this bounds what one client may try across every
 * name, unknown ones included:
 * - after CLIENT_FREE_TRIES failed sign-ins from a client, each further try must wait a delay that
 *   doubles with each failure (1 s, 2 s, 4 s … at most CLIENT_MAX_DELAY_MS); a try sooner is
 *   refused at once, nothing checked, nothing written. A right secret from the client, or an hour
 *   without failures, forgets its count.
 * - of the tries under unknown names from a client, the first of each hour is an audit record of
 *   its own and the rest are counted: one record per client and hour says how many there were
 *   (written by the next sign-in after the hour, or when the station closes). A script cannot
 *   grow the trail with made-up names.
 * Held in memory by the station, like the sessions: a restart forgets the delays, and writes the
 * pending counts first.
 */
import { AppError } from '../../domain/errors';
import { appendAudit } from '../kernel/audit-log';
import type { Db } from '../../store/db';

export const CLIENT_FREE_TRIES = 20;
export const CLIENT_MAX_DELAY_MS = 15 * 60_000;
/** A client's count is forgotten after this long without a failure; also the window of an unknown-name count. */
export const CLIENT_FORGET_MS = 60 * 60_000;

interface ClientTally {
  failures: number;
  lastFailedAt: number;
  /** Start of the current unknown-name window (its first try has a record of its own); null: none open. */
  unknownSince: number | null;
  /** Tries under unknown names in the window after its first. */
  unknownTries: number;
}

export interface UnknownTriesCount {
  client: string;
  tries: number;
  since: string;
}

export class SignInLimits {
  private readonly clients = new Map<string, ClientTally>();

  /** The delay a client waits before its next try, after `failures` failures. */
  static delayAfter(failures: number): number {
    if (failures < CLIENT_FREE_TRIES) return 0;
    return Math.min(1000 * 2 ** (failures - CLIENT_FREE_TRIES), CLIENT_MAX_DELAY_MS);
  }

  /** Throws the 429 refusal when the client must still wait. The desk's own window ('', a person at its keyboard) has the per-user lock only. */
  checkWait(client: string, now: Date): void {
    const tally = client === '' ? undefined : this.clients.get(client);
    if (!tally) return;
    const until = tally.lastFailedAt + SignInLimits.delayAfter(tally.failures);
    if (until > now.getTime()) {
      const seconds = Math.ceil((until - now.getTime()) / 1000);
      throw new AppError('locked', 'errors.auth.slowDown', { seconds, until: new Date(until).toISOString() }, 'secret');
    }
  }

  /** Counts a failed sign-in; for an unknown name, whether this try is to be a record of its own. */
  failed(client: string, now: Date, unknownName: boolean): boolean {
    const t = now.getTime();
    let tally = this.clients.get(client);
    if (!tally || (t - tally.lastFailedAt > CLIENT_FORGET_MS && tally.unknownSince === null)) {
      tally = { failures: 0, lastFailedAt: t, unknownSince: null, unknownTries: 0 };
      this.clients.set(client, tally);
    }
    if (t - tally.lastFailedAt > CLIENT_FORGET_MS) tally.failures = 0;
    tally.failures += 1;
    tally.lastFailedAt = t;
    if (!unknownName) return false;
    if (tally.unknownSince === null) {
      tally.unknownSince = t;
      return true;
    }
    tally.unknownTries += 1;
    return false;
  }

  succeeded(client: string): void {
    const tally = this.clients.get(client);
    if (!tally) return;
    if (tally.unknownSince === null) this.clients.delete(client);
    else tally.failures = 0;
  }

  /** The unknown-name counts whose hour is over (every open one with `all`), taken out; idle clients forgotten. */
  takeDue(now: Date, all = false): UnknownTriesCount[] {
    const t = now.getTime();
    const due: UnknownTriesCount[] = [];
    for (const [client, tally] of this.clients) {
      if (tally.unknownSince !== null && (all || t - tally.unknownSince >= CLIENT_FORGET_MS)) {
        if (tally.unknownTries > 0) due.push({ client, tries: tally.unknownTries, since: new Date(tally.unknownSince).toISOString() });
        tally.unknownSince = null;
        tally.unknownTries = 0;
      }
      if (tally.unknownSince === null && t - tally.lastFailedAt > CLIENT_FORGET_MS) this.clients.delete(client);
    }
    return due;
  }
}

/** One audit record per count: how many sign-ins under unknown names a client tried since when. */
export function writeUnknownTries(db: Db, stationId: string, at: string, counts: UnknownTriesCount[]): void {
  for (const c of counts) {
    appendAudit(db, { at, stationId, userId: null, command: 'secrets.unknownUserTries', input: { client: c.client, since: c.since }, result: 'denied', detail: { tries: c.tries, client: c.client || 'desk', since: c.since } });
  }
}
