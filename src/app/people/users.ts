/** Users, sign-in, quick switch and sign-out. */
import { AppError, fail } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import type { Locale } from '../../i18n/locales';
import type { Db } from '../../store/db';
import { activeRoster, activeUserByName, insertUser, recordSignIn, setUserLocale, usernameTaken } from '../../store/users';
import { noteChanges } from '../kernel/audit-changes';
import { toCallUser } from '../kernel/call-user';
import type { CallContext, CallUser, Handlers } from '../kernel/context';
import { checkSecretRules, hashSecret, type SecretKind } from './secret-hash';
import { checkSecret, clientOf, type SecretAttempt } from './secret-lockout';
import { writeUnknownTries } from './sign-in-limits';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  secretKind: SecretKind;
  secret: string;
  locale?: Locale;
}

export function createUser(db: Db, user: NewUser, at: string): string {
  checkSecretRules(user.secretKind, user.secret);
  if (usernameTaken(db, user.username)) throw fail.conflict('errors.user.exists', { username: user.username }, 'username');
  return insertUser(db, { username: user.username, displayName: user.displayName, role: user.role, secretKind: user.secretKind, secretHash: hashSecret(user.secret), locale: user.locale ?? 'en' }, at);
}

function sessionInfo(ctx: CallContext, user: CallUser) {
  return { user, idleMinutes: ctx.station.idleMinutes() };
}

/** The active user these credentials belong to; an unknown user, a wrong or a locked secret throw (secret-lockout.ts). */
export function checkCredentials(ctx: CallContext, attempt: SecretAttempt): CallUser {
  const row = activeUserByName(ctx.station.db, attempt.username);
  return checkSecret(ctx, row ? { user: toCallUser(row), secretHash: row.secretHash } : null, attempt);
}

export const userHandlers = {
  'session.signIn': (ctx, input) => {
    const limits = ctx.station.signInLimits;
    const client = clientOf(ctx);
    // Counts of unknown-name tries whose hour is over: written whether this sign-in succeeds or not.
    const due = limits.takeDue(ctx.now);
    if (due.length > 0) {
      const write = () => writeUnknownTries(ctx.station.db, ctx.station.stationId, ctx.now.toISOString(), due);
      write();
      ctx.onRefused(write);
    }
    // A client that failed too often waits first (sign-in-limits.ts): refused unchecked, unrecorded.
    limits.checkWait(client, ctx.now);
    // One message for an unknown user and a wrong secret: the desk must not reveal which names exist.
    const denied = new AppError('unauthenticated', 'errors.session.badCredentials', {}, 'secret');
    const row = activeUserByName(ctx.station.db, input.username);
    const recordUnknown = row ? true : limits.failed(client, ctx.now, true);
    let user: CallUser;
    try {
      user = checkSecret(ctx, row ? { user: toCallUser(row), secretHash: row.secretHash } : null, { username: input.username, secret: input.secret, command: 'session.signIn', denied, recordUnknown });
    } catch (err) {
      if (row) limits.failed(client, ctx.now, false);
      throw err;
    }
    limits.succeeded(client);
    ctx.actorId = user.id;
    recordSignIn(ctx.station.db, user.id, ctx.now.toISOString());
    ctx.afterCommit(() => {
      // Quick user switch: signing in on a desk replaces whoever was signed in there.
      ctx.station.sessions.close(ctx.auth.token);
      ctx.auth.token = ctx.station.sessions.open(user.id, user.role);
    });
    return sessionInfo(ctx, user);
  },
  'session.signOut': (ctx) => {
    ctx.afterCommit(() => {
      ctx.station.sessions.close(ctx.auth.token);
      ctx.auth.token = undefined;
    });
    return { done: true };
  },
  'session.current': (ctx) => (ctx.user ? sessionInfo(ctx, ctx.user) : null),
  'session.roster': (ctx) => activeRoster(ctx.station.db),
  'session.setLocale': (ctx, input) => {
    const user = ctx.user!;
    setUserLocale(ctx.station.db, user.id, input.locale);
    noteChanges(ctx, { object: 'user', id: user.id, label: user.username }, { locale: user.locale }, { locale: input.locale });
    return { done: true };
  },
} satisfies Partial<Handlers>;
