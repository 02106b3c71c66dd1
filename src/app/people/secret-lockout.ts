/**
 * Every check of a user's PIN or password (sign-in, a lead's approval) goes through here, so
 * guessing is limited and leaves a trace: after MAX_FAILURES wrong secrets in a row from one
 * client (an HTTP client's address; the desk's own window) the user's secret is locked there for
 * LOCK_MINUTES — a stranger guessing from another device locks the name on that device only, not
 * the user at their own desk (migration 029) — and each refusal is an audit record with a result other
 * than 'ok' — except that of a lock's tries only the first is a record of its own: the rest are
 * counted on the user's row and the count is written into the trail when the lock ends (a
 * manager's unlock, or the next check after it ran out), so a script cannot flood the trail.
 * The refused command itself still writes nothing: the count and the record are handed to the
 * dispatcher (`onRefused`) and written after its rollback.
 */
import { AppError, fail } from '../../domain/errors';
import { clearFailures, countLockedTry, failuresOf, liftLock, lockedUsers, recordFailure, type FailureRecord } from '../../store/secret-failures';
import { userDisplayName } from '../../store/users';
import type { LockedUser } from '../../contract/results';
import { appendAudit } from '../kernel/audit-log';
import type { CallContext, CallUser, Handlers } from '../kernel/context';
import { verifyNothing, verifySecret } from './secret-hash';

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
  /** False: an unknown name's refusal is only counted, by the caller (sign-in-limits.ts), not a record of its own. */
  recordUnknown?: boolean;
}

/** Where a call comes from, as the failure counts key it: the HTTP client's address, '' for the desk's own window. */
export function clientOf(ctx: CallContext): string {
  return ctx.auth.client ?? '';
}

export interface Account {
  user: CallUser;
  secretHash: string;
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
function reportLockedTries(ctx: CallContext, userId: string, row: FailureRecord): void {
  if (row.lockedTries < 2) return;
  appendAudit(ctx.station.db, {
    at: ctx.now.toISOString(),
    stationId: ctx.station.stationId,
    userId,
    command: 'secrets.lockedTries',
    input: { lockedUntil: row.lockedUntil },
    result: 'locked',
    detail: { tries: row.lockedTries },
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
    // As long as a known user's check: the time of the answer must not tell which names exist.
    verifyNothing(attempt.secret);
    if (attempt.recordUnknown !== false) ctx.onRefused(() => record('denied'));
    throw attempt.denied;
  }
  const userId = account.user.id;
  const client = clientOf(ctx);
  const row = failuresOf(db, userId, client);
  // A locked secret is not even compared: a guess during the lock learns nothing.
  if (row?.lockedUntil && row.lockedUntil > at) {
    ctx.onRefused(() => {
      // Counted in the refusal's own transaction, so of tries from several desks exactly one is the first;
      // a row a manager's unlock deleted meanwhile leaves nothing to count on, so that try is recorded.
      const counted = countLockedTry(db, userId, client);
      if (counted === null || counted === 1) record('locked');
    });
    throw lockedError(attempt, account.user, row.lockedUntil, ctx.now);
  }
  if (verifySecret(attempt.secret, account.secretHash)) {
    if (row) {
      // A right secret clears the count even when the command then fails for another reason.
      const reset = () => {
        reportLockedTries(ctx, userId, row);
        clearFailures(db, userId, client);
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
    recordFailure(db, userId, client, failures, at, lockedUntil);
    record(lockedUntil ? 'lockout' : 'denied');
  });
  throw lockedUntil ? lockedError(attempt, account.user, lockedUntil, ctx.now) : attempt.denied;
}

export const secretLockHandlers = {
  'secrets.locked': (ctx): LockedUser[] => lockedUsers(ctx.station.db, ctx.now.toISOString()),
  /**
   * Lifts a lock before it runs out and clears the user's count, as a right secret would. The
   * audit record names whom it unlocked and carries the lock's counts, the tries while locked
   * that had no record of their own included.
   */
  'secrets.unlock': (ctx, input) => {
    const db = ctx.station.db;
    const user = userDisplayName(db, input.userId);
    if (user === null) throw fail.notFound('errors.auth.unlockUnknown', {}, 'userId');
    const lock = liftLock(db, input.userId, ctx.now.toISOString());
    if (!lock) throw fail.conflict('errors.auth.notLocked', { user }, 'userId');
    ctx.auditDetail = { user, failures: lock.failures, tries: lock.lockedTries };
    return { done: true };
  },
} satisfies Partial<Handlers>;
