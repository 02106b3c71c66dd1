/**
 * Failed PIN/password checks per user (migrations 010, 012): the count since the last success,
 * the lock's end and the tries refused while locked. The lockout rules are src/app/people/secret-lockout.ts.
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

export function failuresOf(db: Db, userId: string): FailureRecord | null {
  const row = statement(db, 'SELECT failures, locked_until, locked_tries FROM secret_failures WHERE user_id = ?').get(userId) as
    | { failures: number; locked_until: string | null; locked_tries: number }
    | undefined;
  return row ? { failures: row.failures, lockedUntil: row.locked_until, lockedTries: row.locked_tries } : null;
}

/** Counts one more try while locked; null when the row is gone (a manager unlocked meanwhile). */
export function countLockedTry(db: Db, userId: string): number | null {
  const row = statement(db, 'UPDATE secret_failures SET locked_tries = locked_tries + 1 WHERE user_id = ? RETURNING locked_tries').get(userId) as { locked_tries: number } | undefined;
  return row?.locked_tries ?? null;
}

export function clearFailures(db: Db, userId: string): void {
  statement(db, 'DELETE FROM secret_failures WHERE user_id = ?').run(userId);
}

/** Writes the count after a wrong secret; a new lock starts its tries at 0. */
export function recordFailure(db: Db, userId: string, failures: number, at: string, lockedUntil: string | null): void {
  statement(
    db,
    `INSERT INTO secret_failures (user_id, failures, last_failed_at, locked_until, locked_tries) VALUES (@user, @failures, @at, @until, 0)
     ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until, locked_tries = 0`,
  ).run({ user: userId, failures, at, until: lockedUntil });
}

/** Ends a running lock; the lock's counts, or null when the user was not locked at `at`. */
export function liftLock(db: Db, userId: string, at: string): Pick<FailureRecord, 'failures' | 'lockedTries'> | null {
  const row = statement(db, 'DELETE FROM secret_failures WHERE user_id = ? AND locked_until > ? RETURNING failures, locked_tries').get(userId, at) as
    | { failures: number; locked_tries: number }
    | undefined;
  return row ? { failures: row.failures, lockedTries: row.locked_tries } : null;
}


/** Users locked at `at`, soonest unlocked first. */
export function lockedUsers(db: Db, at: string): LockedUser[] {
  return statement(
    db,
    `SELECT f.user_id AS userId, u.username, u.display_name AS displayName, u.role, f.failures, f.locked_until AS lockedUntil, f.locked_tries AS triesWhileLocked
     FROM secret_failures f JOIN users u ON u.id = f.user_id
     WHERE f.locked_until > ? ORDER BY f.locked_until, u.username`,
  ).all(at) as LockedUser[];
}
