/**
 * The Users screen's rules: who may manage whom, the last active admin, secrets reset with a
 * reason or changed by their owner. SQL in src/store/users.ts. Every change's audit record
 * carries what changed (field, before → after), never a secret.
 */
import { AppError, fail } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import { countActiveAdmins, listUsers, setUserActive, setUserSecret, updateUserProfile, userById } from '../../store/users';
import { setSetting } from '../kernel/settings';
import { noteChanges } from '../kernel/audit-changes';
import type { CallContext, Handlers } from '../kernel/context';
import { setSigningHash } from '../../store/e-signatures';
import { signingSecretOf } from '../kernel/e-signature';
import { checkSecretRules, hashSecret } from './secret-hash';
import { checkSecret } from './secret-lockout';
import { createUser } from './users';

/** A manager manages the floor; only an admin creates, edits or promotes managers and admins. */
const MANAGER_MANAGES: readonly Role[] = ['clerk', 'inspector', 'lead'];

function checkMayManage(ctx: CallContext, role: Role, field = 'role'): void {
  if (ctx.user!.role === 'admin') return;
  if (!MANAGER_MANAGES.includes(role)) throw new AppError('forbidden', 'errors.users.onlyAdmin', {}, field);
}

const userRef = (user: { id: string; username: string }) => ({ object: 'user', id: user.id, label: user.username });

function target(ctx: CallContext, id: string) {
  const user = userById(ctx.station.db, id);
  if (!user) throw fail.notFound('errors.users.unknown', {}, 'userId');
  return user;
}

/** Refuses a change that would leave the station without an active admin. */
function keepAnAdmin(ctx: CallContext, user: { role: Role; active: boolean }): void {
  if (user.role === 'admin' && user.active && countActiveAdmins(ctx.station.db) <= 1) throw fail.rule('errors.users.lastAdmin', {}, 'userId');
}

/** The signed-in user, once their current secret is right. A wrong one counts toward the lock like a wrong sign-in: a desk left signed in is no guessing machine. */
function checkCurrent(ctx: CallContext, current: string, command: string) {
  const me = target(ctx, ctx.user!.id);
  checkSecret(ctx, { user: ctx.user!, secretHash: me.secretHash }, { username: me.username, secret: current, command, denied: fail.rule('errors.users.wrongCurrent', {}, 'current') });
  return me;
}

export const userAdminHandlers = {
  'users.list': (ctx) => listUsers(ctx.station.db, ctx.now.toISOString()),
  'users.create': (ctx, input) => {
    checkMayManage(ctx, input.role);
    const id = createUser(ctx.station.db, input, ctx.now.toISOString());
    noteChanges(ctx, userRef({ id, username: input.username }), null, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      secretKind: input.secretKind,
      active: true,
    });
    return { id };
  },
  'users.update': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    checkMayManage(ctx, input.role);
    if (input.role !== user.role) keepAnAdmin(ctx, user);
    if (input.displayName === user.displayName && input.role === user.role) throw fail.rule('errors.users.noChange', {}, 'displayName');
    updateUserProfile(ctx.station.db, user.id, input.displayName, input.role);
    noteChanges(ctx, userRef(user), { displayName: user.displayName, role: user.role }, { displayName: input.displayName, role: input.role });
    return { done: true };
  },
  'users.setActive': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    if (user.active === input.active) throw fail.conflict(input.active ? 'errors.users.alreadyActive' : 'errors.users.alreadyInactive', { user: user.displayName }, 'userId');
    if (!input.active) keepAnAdmin(ctx, user);
    setUserActive(ctx.station.db, user.id, input.active);
    noteChanges(ctx, userRef(user), { active: user.active }, { active: input.active });
    return { done: true };
  },
  'users.resetSecret': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    checkSecretRules(input.secretKind, input.secret);
    setUserSecret(ctx.station.db, user.id, input.secretKind, hashSecret(input.secret));
    // The kind and the reason, never the secret: "secret reset" is the fact, its value is nobody's business.
    noteChanges(ctx, userRef(user), { secretKind: user.secretKind, secretReset: null }, { secretKind: input.secretKind, secretReset: input.reason });
    return { done: true };
  },
  'users.changeOwnSecret': (ctx, input) => {
    const me = checkCurrent(ctx, input.current, 'users.changeOwnSecret');
    checkSecretRules(input.secretKind, input.secret);
    setUserSecret(ctx.station.db, me.id, input.secretKind, hashSecret(input.secret));
    noteChanges(ctx, userRef(me), { secretKind: me.secretKind, secretChanged: null }, { secretKind: input.secretKind, secretChanged: true });
    return { done: true };
  },
  /** Which secret the signed-in user signs with (kernel/e-signature.ts): the decide dialog says so, "My account" offers to set one. */
  'users.signingStatus': (ctx) => ({ uses: signingSecretOf(ctx.station.db, ctx.user!.id)?.uses ?? null }),
  /** One's own signing password (Part 11: a PIN does not sign), set by giving the current sign-in secret. */
  'users.setSigningPassword': (ctx, input) => {
    const me = checkCurrent(ctx, input.current, 'users.setSigningPassword');
    checkSecretRules('password', input.password, 'password');
    const had = signingSecretOf(ctx.station.db, me.id)?.uses === 'signing_password';
    setSigningHash(ctx.station.db, me.id, hashSecret(input.password));
    noteChanges(ctx, userRef(me), { signingPassword: had ? 'set' : null }, { signingPassword: had ? 'changed' : 'set' });
    return { done: true };
  },
  /** A manager's reset of someone's signing password (forgotten), with a reason; the value is nobody's business. */
  'users.resetSigningPassword': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    checkSecretRules('password', input.password, 'password');
    setSigningHash(ctx.station.db, user.id, hashSecret(input.password));
    noteChanges(ctx, userRef(user), { signingPasswordReset: null }, { signingPasswordReset: input.reason });
    return { done: true };
  },
  'settings.setIdleMinutes': (ctx, input) => {
    const before = ctx.station.idleMinutes();
    setSetting(ctx.station.db, 'session.idleMinutes', String(input.minutes));
    noteChanges(ctx, { object: 'setting', id: 'session.idleMinutes', label: 'session.idleMinutes' }, { value: before }, { value: input.minutes });
    return { done: true };
  },
} satisfies Partial<Handlers>;
