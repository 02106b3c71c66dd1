/** Users, sign-in, quick switch and sign-out. */
import { newId } from '../store/ids';
import { AppError, fail } from '../domain/errors';
import type { Role } from '../domain/roles';
import { isLocale, type Locale } from '../i18n/locales';
import type { Db } from '../store/db';
import { statement } from '../store/statements';
import type { CallContext, CallUser, Handlers } from './context';
import { checkSecretRules, hashSecret, type SecretKind } from './secrets';
import { checkSecret, type SecretAttempt } from './secret-checks';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  secret_kind: SecretKind;
  secret_hash: string;
  locale: string;
  active: number;
}

function toCallUser(row: UserRow): CallUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locale: isLocale(row.locale) ? row.locale : 'en',
  };
}

export function loadCallUser(db: Db, id: string): CallUser | null {
  const row = statement(db, 'SELECT * FROM users WHERE id = ? AND active = 1').get(id) as UserRow | undefined;
  return row ? toCallUser(row) : null;
}

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
  const exists = db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username);
  if (exists) throw fail.conflict('errors.user.exists', { username: user.username }, 'username');
  const id = newId();
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, secret_kind, secret_hash, locale, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, user.username, user.displayName, user.role, user.secretKind, hashSecret(user.secret), user.locale ?? 'en', at);
  return id;
}

function sessionInfo(ctx: CallContext, user: CallUser) {
  return { user, idleMinutes: ctx.station.idleMinutes() };
}

/** The active user these credentials belong to; an unknown user, a wrong or a locked secret throw (secret-checks.ts). */
export function checkCredentials(ctx: CallContext, attempt: SecretAttempt): CallUser {
  const row = statement(ctx.station.db, 'SELECT * FROM users WHERE username = ? AND active = 1').get(attempt.username) as UserRow | undefined;
  return checkSecret(ctx, row ? { user: toCallUser(row), secretHash: row.secret_hash } : null, attempt);
}

export const userHandlers = {
  'session.signIn': (ctx, input) => {
    // One message for an unknown user and a wrong secret: the desk must not reveal which names exist.
    const denied = new AppError('unauthenticated', 'errors.session.badCredentials', {}, 'secret');
    const user = checkCredentials(ctx, { username: input.username, secret: input.secret, command: 'session.signIn', denied });
    ctx.actorId = user.id;
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
  'session.roster': (ctx) =>
    (
      ctx.station.db
        .prepare('SELECT username, display_name, role, secret_kind FROM users WHERE active = 1 ORDER BY display_name')
        .all() as Pick<UserRow, 'username' | 'display_name' | 'role' | 'secret_kind'>[]
    ).map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, secretKind: r.secret_kind })),
  'session.setLocale': (ctx, input) => {
    ctx.station.db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(input.locale, ctx.user!.id);
    return { done: true };
  },
} satisfies Partial<Handlers>;
