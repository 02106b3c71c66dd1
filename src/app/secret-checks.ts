/**
 * Every check of a user's PIN or password (sign-in, a lead's approval) goes through here, so
 * guessing is limited and leaves a trace: after MAX_FAILURES wrong secrets in a row the user's
 * secret is locked for LOCK_MINUTES, and each refusal is an audit record with a result other
 * than 'ok'. The refused command itself still writes nothing: the count and the record are
 * handed to the dispatcher (`onRefused`) and written after its rollback.
 */
import { AppError } from '../domain/errors';
import { statement } from '../store/statements';
import { appendAudit } from './audit';
import type { CallContext, CallUser } from './context';
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
  /** The caller's refusal for a wrong secret, the same for an unknown user; a lock keeps its code and field. */
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
}

function lockedError(attempt: SecretAttempt, user: CallUser, until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new AppError(attempt.denied.data.code, 'errors.auth.locked', { user: user.displayName, minutes, until }, attempt.denied.data.field);
}

/** The account's user when the secret is right; otherwise records the refusal and throws. */
export function checkSecret(ctx: CallContext, account: Account | null, attempt: SecretAttempt): CallUser {
  const db = ctx.station.db;
  const at = ctx.now.toISOString();
  const refuse = (result: Refusal, count?: { failures: number; lockedUntil: string | null }): void =>
    ctx.onRefused(() => {
      if (account && count) {
        statement(
          db,
          `INSERT INTO secret_failures (user_id, failures, last_failed_at, locked_until) VALUES (@user, @failures, @at, @until)
           ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
        ).run({ user: account.user.id, failures: count.failures, at, until: count.lockedUntil });
      }
      // Named after the account whose secret was tried; the input digest covers the name typed, never the secret.
      appendAudit(db, { at, stationId: ctx.station.stationId, userId: account?.user.id ?? null, command: attempt.command, input: { username: attempt.username }, result });
      const asker = attempt.askedBy;
      if (asker) appendAudit(db, { at, stationId: ctx.station.stationId, userId: asker.userId, command: asker.command, input: { approver: attempt.username }, result });
    });

  if (!account) {
    refuse('denied');
    throw attempt.denied;
  }
  const row = statement(db, 'SELECT failures, locked_until FROM secret_failures WHERE user_id = ?').get(account.user.id) as FailureRow | undefined;
  // A locked secret is not even compared: a guess during the lock learns nothing.
  if (row?.locked_until && row.locked_until > at) {
    refuse('locked');
    throw lockedError(attempt, account.user, row.locked_until, ctx.now);
  }
  if (verifySecret(attempt.secret, account.secretHash)) {
    if (row) {
      // A right secret clears the count even when the command then fails for another reason.
      const reset = () => statement(db, 'DELETE FROM secret_failures WHERE user_id = ?').run(account.user.id);
      reset();
      ctx.onRefused(reset);
    }
    return account.user;
  }
  // Failures count until a success, so after a lock ends each further wrong secret locks again.
  const failures = (row?.failures ?? 0) + 1;
  if (failures < MAX_FAILURES) {
    refuse('denied', { failures, lockedUntil: null });
    throw attempt.denied;
  }
  const lockedUntil = new Date(ctx.now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  refuse('lockout', { failures, lockedUntil });
  throw lockedError(attempt, account.user, lockedUntil, ctx.now);
}
