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
  /** Who did it (null: the system, or a refused sign-in under a name nobody has). */
  userId: string | null;
  /** What the command changed, field by field (issue 15); null for a record without changes (a movement: its facts are in the ledger). */
  changes: AuditChangeView[] | null;
}

/** One field of one object as a command left it: `before` null on a create. */
export interface AuditChangeView {
  object: string;
  objectId: string;
  label: string;
  field: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

/** A page of the Audit screen, newest first; `nextBefore` asks for the next (older) page, null at the end. */
export interface AuditPage {
  rows: AuditRow[];
  nextBefore: number | null;
}

/** The hash chain walked end to end: how many records and which were edited or follow a deleted one. */
/** What `audit verify` can name (issue 18; src/app/kernel/audit-verify.ts). */
export type AuditProblemKind =
  | 'hash_mismatch'
  | 'broken_link'
  | 'missing_before'
  | 'downgraded'
  | 'key_missing'
  | 'tail_cut'
  | 'trail_emptied'
  | 'checkpoint_mismatch'
  | 'checkpoint_forged'
  | 'fact_unrecorded'
  | 'fact_edited'
  | 'fact_deleted';

export interface AuditChainProblem {
  seq: number;
  problem: AuditProblemKind;
  /** A fact's table and key (fact_*). */
  table?: string;
  key?: string;
  /** tail_cut / trail_emptied: the newest record a signed checkpoint vouches for. */
  expected?: number;
}

export interface AuditChainStatus {
  records: number;
  problems: AuditChainProblem[];
  /** Problems beyond the listed ones. */
  more: number;
  /** Records checked with the station key (HMAC), not only plain SHA-256. */
  keyed: boolean;
  /** Ledger, lot, signature and master-data rows checked against the chain. */
  facts: number;
  /** The newest signed checkpoint the chain matches. */
  checkpoint: { seq: number; at: string } | null;
}

/** A signed checkpoint of the chain's head, as the manager prints or files it (`audit.checkpoint`). */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  fingerprint: string;
  /** The printable text; its last line is what `lotdesk audit verify --checkpoint` reads back. */
  text: string;
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

/** Which secret the signed-in user signs e-signatures with; null: a PIN user without a signing password (they set one first). */
export interface SigningStatus {
  uses: 'signing_password' | 'sign_in_password' | null;
}
