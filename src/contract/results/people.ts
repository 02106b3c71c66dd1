/** Contract results: sessions, users and the audit trail. */
import type { Role } from '../../domain/roles';
import type { Locale } from '../../i18n/locales';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface SessionInfo {
  user: SessionUser;
  idleMinutes: number;
}

export interface RosterEntry {
  username: string;
  displayName: string;
  role: Role;
  secretKind: 'pin' | 'password';
}

export interface AuditRow {
  seq: number;
  at: string;
  user: string | null;
  command: string;
  result: string;
  /** Named values the record shows beside its result (ui.audit.details.<command>): whom an unlock unlocked, a lock's tries. */
  detail: Record<string, string | number> | null;
}

export type { LockedUser } from '../../domain/locked-user';

/** A row of the Users screen: never a secret, its kind only. */
export interface UserListEntry {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  secretKind: 'pin' | 'password';
  active: boolean;
  lastSignInAt: string | null;
  /** Until when the user's PIN/password is locked after wrong tries; null when not locked. */
  lockedUntil: string | null;
}

export interface UserCreated {
  id: string;
}
