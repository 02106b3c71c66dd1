/**
 * The Users screen's rules: who may manage whom, the last active admin, secrets reset with a
 * reason or changed by their owner. SQL in src/store/users.ts. Every change's audit record
 * carries what changed (field, before → after), never a secret.
 */
import { AppError, fail } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import { countActiveAdmins, listUsers, setUserActive, setUserSecret, updateUserProfile, userById } from '../../store/users';
import { setSetting } from '../kernel/settings';
import type { CallContext, Handlers } from '../kernel/context';
import { checkSecretRules, hashSecret, verifySecret } from './secret-hash';
import { createUser } from './users';

/** A manager manages the floor; only an admin creates, edits or promotes managers and admins. */
const MANAGER_MANAGES: readonly Role[] = ['clerk', 'inspector', 'lead'];

function checkMayManage(ctx: CallContext, role: Role, field = 'role'): void {
  if (ctx.user!.role === 'admin') return;
  if (!MANAGER_MANAGES.includes(role)) throw new AppError('forbidden', 'errors.users.onlyAdmin', {}, field);
}

function target(ctx: CallContext, id: string) {
  const user = userById(ctx.station.db, id);
  if (!user) throw fail.notFound('errors.users.unknown', {}, 'userId');
  return user;
}

/** Refuses a change that would leave the station without an active admin. */
function keepAnAdmin(ctx: CallContext, user: { role: Role; active: boolean }): void {
  if (user.role === 'admin' && user.active && countActiveAdmins(ctx.station.db) <= 1) throw fail.rule('errors.users.lastAdmin', {}, 'userId');
}

export const userAdminHandlers = {
  'users.list': (ctx) => listUsers(ctx.station.db, ctx.now.toISOString()),
  'users.create': (ctx, input) => {
    checkMayManage(ctx, input.role);
    const id = createUser(ctx.station.db, input, ctx.now.toISOString());
    ctx.auditDetail = { user: input.username, role: input.role };
    return { id };
  },
  'users.update': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    checkMayManage(ctx, input.role);
    if (input.role !== user.role) keepAnAdmin(ctx, user);
    const changes: string[] = [];
    if (input.displayName !== user.displayName) changes.push(`displayName: ${user.displayName} → ${input.displayName}`);
    if (input.role !== user.role) changes.push(`role: ${user.role} → ${input.role}`);
    if (changes.length === 0) throw fail.rule('errors.users.noChange', {}, 'displayName');
    updateUserProfile(ctx.station.db, user.id, input.displayName, input.role);
    ctx.auditDetail = { user: user.username, changes: changes.join('; ') };
    return { done: true };
  },
  'users.setActive': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    if (user.active === input.active) throw fail.conflict(input.active ? 'errors.users.alreadyActive' : 'errors.users.alreadyInactive', { user: user.displayName }, 'userId');
    if (!input.active) keepAnAdmin(ctx, user);
    setUserActive(ctx.station.db, user.id, input.active);
    ctx.auditDetail = { user: user.username, changes: `active: ${user.active} → ${input.active}` };
    return { done: true };
  },
  'users.resetSecret': (ctx, input) => {
    const user = target(ctx, input.userId);
    checkMayManage(ctx, user.role, 'userId');
    checkSecretRules(input.secretKind, input.secret);
    setUserSecret(ctx.station.db, user.id, input.secretKind, hashSecret(input.secret));
    ctx.auditDetail = { user: user.username, kind: input.secretKind, reason: input.reason };
    return { done: true };
  },
  'users.changeOwnSecret': (ctx, input) => {
    const me = target(ctx, ctx.user!.id);
    if (!verifySecret(input.current, me.secretHash)) throw fail.rule('errors.users.wrongCurrent', {}, 'current');
    checkSecretRules(input.secretKind, input.secret);
    setUserSecret(ctx.station.db, me.id, input.secretKind, hashSecret(input.secret));
    ctx.auditDetail = { kind: input.secretKind };
    return { done: true };
  },
  'settings.setIdleMinutes': (ctx, input) => {
    const before = ctx.station.idleMinutes();
    setSetting(ctx.station.db, 'session.idleMinutes', String(input.minutes));
    ctx.auditDetail = { changes: `idleMinutes: ${before} → ${input.minutes}` };
    return { done: true };
  },
} satisfies Partial<Handlers>;
