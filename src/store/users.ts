/**
 * The users table: every query of it, each row mapped once to a camelCase record. The rules
 * (who may sign in, secret checks) live in src/app/people and src/app/kernel; this module only reads and writes.
 */
import type { Role } from '../domain/roles';
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';

export type SecretKind = 'pin' | 'password';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  secretKind: SecretKind;
  secretHash: string;
  locale: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  secret_kind: SecretKind;
  secret_hash: string;
  locale: string;
}

const COLUMNS = 'id, username, display_name, role, secret_kind, secret_hash, locale';

function toRecord(r: UserRow): UserRecord {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, secretKind: r.secret_kind, secretHash: r.secret_hash, locale: r.locale };
}

export function activeUserById(db: Db, id: string): UserRecord | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM users WHERE id = ? AND active = 1`).get(id) as UserRow | undefined;
  return row ? toRecord(row) : null;
}

export function activeUserByName(db: Db, username: string): UserRecord | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM users WHERE username = ? AND active = 1`).get(username) as UserRow | undefined;
  return row ? toRecord(row) : null;
}

/** A display name by id, active or not (the audit and the lock list name users who left). */
export function userDisplayName(db: Db, id: string): string | null {
  const row = statement(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as { display_name: string } | undefined;
  return row?.display_name ?? null;
}

export function usernameTaken(db: Db, username: string): boolean {
  return statement(db, 'SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
}

export function hasAnyUser(db: Db): boolean {
  return statement(db, 'SELECT 1 FROM users LIMIT 1').get() !== undefined;
}

export type NewUserRecord = Omit<UserRecord, 'id'>;

export function insertUser(db: Db, user: NewUserRecord, at: string): string {
  const id = newId();
  statement(
    db,
    `INSERT INTO users (id, username, display_name, role, secret_kind, secret_hash, locale, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, user.username, user.displayName, user.role, user.secretKind, user.secretHash, user.locale, at);
  return id;
}

export type RosterRecord = Pick<UserRecord, 'username' | 'displayName' | 'role' | 'secretKind'>;

/** Active users for the sign-in list, by display name. */
export function activeRoster(db: Db): RosterRecord[] {
  return (
    statement(db, 'SELECT username, display_name, role, secret_kind FROM users WHERE active = 1 ORDER BY display_name').all() as Pick<
      UserRow,
      'username' | 'display_name' | 'role' | 'secret_kind'
    >[]
  ).map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, secretKind: r.secret_kind }));
}

export function setUserLocale(db: Db, id: string, locale: string): void {
  statement(db, 'UPDATE users SET locale = ? WHERE id = ?').run(locale, id);
}

/** A user active or not, for the Users screen's edits. */
export function userById(db: Db, id: string): (UserRecord & { active: boolean }) | null {
  const row = statement(db, `SELECT ${COLUMNS}, active FROM users WHERE id = ?`).get(id) as (UserRow & { active: number }) | undefined;
  return row ? { ...toRecord(row), active: row.active === 1 } : null;
}

export interface UserListRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  secretKind: SecretKind;
  active: boolean;
  lastSignInAt: string | null;
  lockedUntil: string | null;
}

/** Every user, active first, by display name; with the lock of a locked secret (secret_failures). */
export function listUsers(db: Db, at: string): UserListRecord[] {
  const rows = statement(
    db,
    `SELECT u.id, u.username, u.display_name, u.role, u.secret_kind, u.active, u.last_sign_in_at,
            (SELECT max(f.locked_until) FROM secret_failures f WHERE f.user_id = u.id AND f.locked_until > ?) AS locked_until
     FROM users u
     ORDER BY u.active DESC, u.display_name, u.username`,
  ).all(at) as (Omit<UserRow, 'secret_hash' | 'locale'> & { active: number; last_sign_in_at: string | null; locked_until: string | null })[];
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    secretKind: r.secret_kind,
    active: r.active === 1,
    lastSignInAt: r.last_sign_in_at,
    lockedUntil: r.locked_until,
  }));
}

export function countActiveAdmins(db: Db): number {
  return (statement(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
}

export function updateUserProfile(db: Db, id: string, displayName: string, role: Role): void {
  statement(db, 'UPDATE users SET display_name = ?, role = ? WHERE id = ?').run(displayName, role, id);
}

export function setUserActive(db: Db, id: string, active: boolean): void {
  statement(db, 'UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}

export function setUserSecret(db: Db, id: string, secretKind: SecretKind, secretHash: string): void {
  statement(db, 'UPDATE users SET secret_kind = ?, secret_hash = ? WHERE id = ?').run(secretKind, secretHash, id);
}

export function recordSignIn(db: Db, id: string, at: string): void {
  statement(db, 'UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at, id);
}
