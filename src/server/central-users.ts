/**
 * Central user management (admin only): create, change role, limit a manager to some sites,
 * disable or enable, reset the password. Bad input is refused with a code of its own (translated
 * at the screen) before anything is written. The centre never runs without an active admin: a
 * change that would disable or demote the last one is refused, under a lock on the active admins'
 * rows so two admins demoting each other at once cannot both pass.
 */
import type { z } from 'zod';
import { SyncError, type SyncErrorCode } from '../sync-protocol/errors';
import type { CentralUserRequestSchema, CentralUserUpdateSchema } from '../sync-protocol/messages';
import type { CentralRole } from './auth';
import { recordAudit } from './central-audit';
import type { Db, Queryable } from './pg';
import { hashPassword } from './secrets';
import { parseInput } from './validate';

export interface CentralUserRow {
  username: string;
  role: CentralRole;
  sites: string[] | null;
  disabled: boolean;
  createdAt: string;
}

const FIELD_ERRORS: Record<string, SyncErrorCode> = { username: 'usernameInvalid', password: 'passwordInvalid', role: 'roleInvalid' };

/** Like parseInput, with a translated error of its own for each field a person types. */
export function parseUserInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const code = FIELD_ERRORS[String(parsed.error.issues[0]?.path[0])];
  if (code) throw new SyncError(code);
  return parseInput(schema, value);
}

const USER_SELECT = 'SELECT username, role, sites, disabled_at IS NOT NULL AS disabled, created_at AS "createdAt" FROM central_users';

export async function listCentralUsers(db: Queryable): Promise<CentralUserRow[]> {
  return (await db.query<CentralUserRow>(`${USER_SELECT} ORDER BY username`)).rows;
}

/** Every site named must exist; an empty list is "no site" (a manager who sees nothing), kept as given. */
async function checkSites(tx: Queryable, sites: string[] | null | undefined): Promise<string[] | null> {
  if (!sites) return null;
  const unique = [...new Set(sites)].sort();
  const { rows } = await tx.query<{ code: string }>('SELECT code FROM sites WHERE code = ANY($1::text[])', [unique]);
  const known = new Set(rows.map((r) => r.code));
  const unknown = unique.find((s) => !known.has(s));
  if (unknown !== undefined) throw new SyncError('sitesInvalid', { site: unknown });
  return unique;
}

export async function createCentralUser(db: Db, input: z.infer<typeof CentralUserRequestSchema>, by: string): Promise<CentralUserRow> {
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const sites = await checkSites(tx, input.sites);
    const done = await tx.query<CentralUserRow>(
      `INSERT INTO central_users (username, password_hash, role, sites) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING
       RETURNING username, role, sites, false AS disabled, created_at AS "createdAt"`,
      [input.username, hash, input.role, sites],
    );
    if (done.rowCount === 0) throw new SyncError('userExists', { username: input.username });
    await recordAudit(tx, { by, action: 'user_created', object: 'user', objectId: input.username, before: null, after: { role: input.role, sites } });
    return done.rows[0];
  });
}

export async function updateCentralUser(db: Db, username: string, change: z.infer<typeof CentralUserUpdateSchema>, by: string): Promise<CentralUserRow> {
  return db.transaction(async (tx) => {
    // Lock the active admins first (then the user), in one order for every writer.
    const admins = await tx.query<{ username: string }>("SELECT username FROM central_users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY username FOR UPDATE");
    const found = await tx.query<{ role: CentralRole; disabled: boolean; sites: string[] | null }>(
      'SELECT role, disabled_at IS NOT NULL AS disabled, sites FROM central_users WHERE username = $1 FOR UPDATE',
      [username],
    );
    const user = found.rows[0];
    if (!user) throw new SyncError('notFound', { what: 'user', id: username });
    const role = change.role ?? user.role;
    const disabled = change.disabled ?? user.disabled;
    const staysActiveAdmin = role === 'admin' && !disabled;
    const others = admins.rows.filter((a) => a.username !== username).length;
    if (!staysActiveAdmin && others === 0) throw new SyncError('lastAdmin', { username });
    const sites = change.sites === undefined ? undefined : await checkSites(tx, change.sites);
    await tx.query(
      `UPDATE central_users SET role = $2, disabled_at = CASE WHEN $3::boolean THEN COALESCE(disabled_at, now()) END,
         sites = CASE WHEN $4::boolean THEN $5::text[] ELSE sites END WHERE username = $1`,
      [username, role, disabled, sites !== undefined, sites ?? null],
    );
    // A disabled user is signed out everywhere at once; a role change is read on every request.
    if (disabled) await tx.query('DELETE FROM central_sessions WHERE username = $1', [username]);
    const after = (await tx.query<CentralUserRow>(`${USER_SELECT} WHERE username = $1`, [username])).rows[0];
    await recordAudit(tx, {
      by,
      action: 'user_updated',
      object: 'user',
      objectId: username,
      before: { role: user.role, sites: user.sites, disabled: user.disabled },
      after: { role: after.role, sites: after.sites, disabled: after.disabled },
    });
    return after;
  });
}

/** A new password; the user's sessions end, except the one asking (an admin resetting their own). */
export async function resetCentralPassword(db: Db, username: string, password: string, keepTokenHash: string | null, by: string): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const done = await tx.query('UPDATE central_users SET password_hash = $2 WHERE username = $1', [username, hash]);
    if (done.rowCount === 0) throw new SyncError('notFound', { what: 'user', id: username });
    const ended = await tx.query('DELETE FROM central_sessions WHERE username = $1 AND token_hash IS DISTINCT FROM $2', [username, keepTokenHash]);
    // Never the password or its hash: only that it was set, and how many sessions it ended.
    await recordAudit(tx, { by, action: 'user_password_reset', object: 'user', objectId: username, before: null, after: { sessionsEnded: ended.rowCount } });
  });
}
