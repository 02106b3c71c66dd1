/**
 * Every check of a user's PIN or password (sign-in, a lead's approval) goes through here, so
 * guessing is limited and leaves a trace: after MAX_FAILURES wrong secrets in a row the user's
 * secret is locked for LOCK_MINUTES, and each refusal is an audit record with a result other
 * than 'ok' — except that of a lock's tries only the first is a record of its own: the rest are
 * counted on the user's row and the count is written into the trail when the lock ends (a
 * manager's unlock, or the next check after it ran out), so a script cannot flood the trail.
 * The refused command itself still writes nothing: the count and the record are handed to the
 * dispatcher (`onRefused`) and written after its rollback.
 */
import { AppError, fail } from '../domain/errors';
import { statement } from '../store/statements';
import type { LockedUser } from '../api/results';
import { appendAudit } from './audit';
import type { CallContext, CallUser, Handlers } from './context';
import { verifySecret } from './secrets';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

/** Audit results of a refused check: a wrong secret, the wrong secret that locked it, a try while locked. */
export const REFUSED_RESULTS = ['denied', 'lockout', 'locked'] as const;
type Refusal = (typeof REFUSED_RESULTS)[number];

export interface SecretAttempt {
  username: string;
  secret: string;
  /** The audit command the check is recorded under ('session.signIn', 'picking.override'). */
  command: string;
  /** The caller's refusal for a wrong secret, the same for an unknown user; a lock keeps its field. */
  denied: AppError;
  /** An approval typed at another user's desk: the refusal is recorded under their command too, so the trail shows who asked. */
  askedBy?: { userId: string; command: string };
}

export interface Account {
  user: CallUser;
  secretHash: string;
}

interface FailureRow {
  failures: number;
  locked_until: string | null;
  /** Tries refused during the current (or last) lock; only the first has an audit record of its own. */
  locked_tries: number;
}

function lockedError(attempt: SecretAttempt, user: CallUser, until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new AppError('locked', 'errors.auth.locked', { user: user.displayName, minutes, until }, attempt.denied.data.field);
}

/**
 * A lock that ran out with tries that have no record of their own: one record, in the name of
 * the user whose secret was locked, says how many tries it refused in all. Written by the check
 * that ends the lock's row (a right secret, or a wrong one that locks again).
 */
function reportLockedTries(ctx: CallContext, userId: string, row: FailureRow): void {
  if (row.locked_tries < 2) return;
  appendAudit(ctx.station.db, {
    at: ctx.now.toISOString(),
    stationId: ctx.station.stationId,
    userId,
    command: 'secrets.lockedTries',
    input: { lockedUntil: row.locked_until },
    result: 'locked',
    detail: { tries: row.locked_tries },
  });
}

/** The account's user when the secret is right; otherwise records the refusal and throws. */
export function checkSecret(ctx: CallContext, account: Account | null, attempt: SecretAttempt): CallUser {
  const db = ctx.station.db;
  const at = ctx.now.toISOString();
  // Named after the account whose secret was tried; the input digest covers the name typed, never the secret.
  const record = (result: Refusal): void => {
    appendAudit(db, { at, stationId: ctx.station.stationId, userId: account?.user.id ?? null, command: attempt.command, input: { username: attempt.username }, result });
    const asker = attempt.askedBy;
    if (asker) appendAudit(db, { at, stationId: ctx.station.stationId, userId: asker.userId, command: asker.command, input: { approver: attempt.username }, result });
  };

  if (!account) {
    ctx.onRefused(() => record('denied'));
    throw attempt.denied;
  }
  const userId = account.user.id;
  const row = statement(db, 'SELECT failures, locked_until, locked_tries FROM secret_failures WHERE user_id = ?').get(userId) as FailureRow | undefined;
  // A locked secret is not even compared: a guess during the lock learns nothing.
  if (row?.locked_until && row.locked_until > at) {
    ctx.onRefused(() => {
      // Counted in the refusal's own transaction, so of tries from several desks exactly one is the first;
      // a row a manager's unlock deleted meanwhile leaves nothing to count on, so that try is recorded.
      const counted = statement(db, 'UPDATE secret_failures SET locked_tries = locked_tries + 1 WHERE user_id = ? RETURNING locked_tries').get(userId) as Pick<FailureRow, 'locked_tries'> | undefined;
      if (!counted || counted.locked_tries === 1) record('locked');
    });
    throw lockedError(attempt, account.user, row.locked_until, ctx.now);
  }
  if (verifySecret(attempt.secret, account.secretHash)) {
    if (row) {
      // A right secret clears the count even when the command then fails for another reason.
      const reset = () => {
        reportLockedTries(ctx, userId, row);
        statement(db, 'DELETE FROM secret_failures WHERE user_id = ?').run(userId);
      };
      reset();
      ctx.onRefused(reset);
    }
    return account.user;
  }
  // Failures count until a success, so after a lock ends each further wrong secret locks again.
  const failures = (row?.failures ?? 0) + 1;
  const lockedUntil = failures < MAX_FAILURES ? null : new Date(ctx.now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  ctx.onRefused(() => {
    if (row && lockedUntil) reportLockedTries(ctx, userId, row);
    statement(
      db,
      `INSERT INTO secret_failures (user_id, failures, last_failed_at, locked_until, locked_tries) VALUES (@user, @failures, @at, @until, 0)
       ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until, locked_tries = 0`,
    ).run({ user: userId, failures, at, until: lockedUntil });
    record(lockedUntil ? 'lockout' : 'denied');
  });
  throw lockedUntil ? lockedError(attempt, account.user, lockedUntil, ctx.now) : attempt.denied;
}

export const secretLockHandlers = {
  'secrets.locked': (ctx) =>
    statement(
      ctx.station.db,
      `SELECT f.user_id AS userId, u.username, u.display_name AS displayName, u.role, f.failures, f.locked_until AS lockedUntil, f.locked_tries AS triesWhileLocked
       FROM secret_failures f JOIN users u ON u.id = f.user_id
       WHERE f.locked_until > ? ORDER BY f.locked_until, u.username`,
    ).all(ctx.now.toISOString()) as LockedUser[],
  /**
   * Lifts a lock before it runs out and clears the user's count, as a right secret would. The
   * audit record names whom it unlocked and carries the lock's counts, the tries while locked
   * that had no record of their own included.
   */
  'secrets.unlock': (ctx, input) => {
    const db = ctx.station.db;
    const user = statement(db, 'SELECT display_name FROM users WHERE id = ?').get(input.userId) as { display_name: string } | undefined;
    if (!user) throw fail.notFound('errors.auth.unlockUnknown', {}, 'userId');
    const lock = statement(db, 'DELETE FROM secret_failures WHERE user_id = ? AND locked_until > ? RETURNING failures, locked_tries').get(input.userId, ctx.now.toISOString()) as
      | Pick<FailureRow, 'failures' | 'locked_tries'>
      | undefined;
    if (!lock) throw fail.conflict('errors.auth.notLocked', { user: user.display_name }, 'userId');
    ctx.auditDetail = { user: user.display_name, failures: lock.failures, tries: lock.locked_tries };
    return { done: true };
  },
} satisfies Partial<Handlers>;
