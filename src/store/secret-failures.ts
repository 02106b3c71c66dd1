/**
 * Failed PIN/password checks per user and client (migrations 010, 012, 029): the count since the
 * last success, the lock's end and the tries refused while locked. `client` is where the tries came
 * from (an HTTP client's address, '' for the desk's own window). The lockout rules are
 * src/app/people/secret-lockout.ts.
 */
import type { LockedUser } from '../domain/locked-user';
import type { Db } from './db';
import { statement } from './statements';

export interface FailureRecord {
  failures: number;
  lockedUntil: string | null;
  /** Tries refused during the current (or last) lock; only the first has an audit record of its own. */
  lockedTries: number;
}

export function failuresOf(db: Db, userId: string, client: string): FailureRecord | null {
  const row = statement(db, 'SELECT failures, locked_until, locked_tries FROM secret_failures WHERE user_id = ? AND client = ?').get(userId, client) as
    | { failures: number; locked_until: string | null; locked_tries: number }
    | undefined;
  return row ? { failures: row.failures, lockedUntil: row.locked_until, lockedTries: row.locked_tries } : null;
}

/** Counts one more try while locked; null when the row is gone (a manager unlocked meanwhile). */
export function countLockedTry(db: Db, userId: string, client: string): number | null {
  const row = statement(db, 'UPDATE secret_failures SET locked_tries = locked_tries + 1 WHERE user_id = ? AND client = ? RETURNING locked_tries').get(userId, client) as { locked_tries: number } | undefined;
  return row?.locked_tries ?? null;
}

/** A right secret clears the count of the client it was typed at; a stranger's count elsewhere stays. */
export function clearFailures(db: Db, userId: string, client: string): void {
  statement(db, 'DELETE FROM secret_failures WHERE user_id = ? AND client = ?').run(userId, client);
}

/** Writes the count after a wrong secret; a new lock starts its tries at 0. */
export function recordFailure(db: Db, userId: string, client: string, failures: number, at: string, lockedUntil: string | null): void {
  statement(
    db,
    `INSERT INTO secret_failures (user_id, client, failures, last_failed_at, locked_until, locked_tries) VALUES (@user, @client, @failures, @at, @until, 0)
     ON CONFLICT (user_id, client) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until, locked_tries = 0`,
  ).run({ user: userId, client, failures, at, until: lockedUntil });
}

/**
 * Ends the user's running locks at every client, and clears their counts; the locks' counts (the
 * most failures of one client, the tries while locked of all), or null when the user was not locked at `at`.
 */
export function liftLock(db: Db, userId: string, at: string): Pick<FailureRecord, 'failures' | 'lockedTries'> | null {
  const locked = statement(db, 'SELECT max(failures) AS failures, sum(locked_tries) AS tries FROM secret_failures WHERE user_id = ? AND locked_until > ?').get(userId, at) as
    | { failures: number | null; tries: number | null }
    | undefined;
  if (!locked || locked.failures === null) return null;
  statement(db, 'DELETE FROM secret_failures WHERE user_id = ?').run(userId);
  return { failures: locked.failures, lockedTries: locked.tries ?? 0 };
}

/** Users locked at `at` (at any client: the latest lock, the most failures, all tries), soonest unlocked first. */
export function lockedUsers(db: Db, at: string): LockedUser[] {
  return statement(
    db,
    `SELECT f.user_id AS userId, u.username, u.display_name AS displayName, u.role, max(f.failures) AS failures, max(f.locked_until) AS lockedUntil, sum(f.locked_tries) AS triesWhileLocked
     FROM secret_failures f JOIN users u ON u.id = f.user_id
     WHERE f.locked_until > ? GROUP BY f.user_id ORDER BY lockedUntil, u.username`,
  ).all(at) as LockedUser[];
}
