/** What a handler gets: the station, the signed-in user, the instant of the call. */
import type { Role } from '../../domain/roles';
import type { Locale } from '../../i18n/locales';
import type { Contract, Name, ParsedInput, Result } from '../../contract/contract';
import type { Station } from './station';
import type { AuditChange, AuditDetail } from './audit-log';

/** Owned by a transport: the session token of one browser (cookie) or one window (IPC). */
export interface AuthState {
  token?: string;
  /** Where the calls come from (the HTTP client's address; none: this desk's own window): keys the sign-in limits. */
  client?: string;
}

export interface CallUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface CallContext {
  station: Station;
  user: CallUser | null;
  now: Date;
  /** Calendar date (UTC) of the call: the day expiry is judged against. */
  today: string;
  auth: AuthState;
  /** User the audit record names; sign-in sets it to the user who signed in. */
  actorId: string | null;
  /** What the command's audit record shows beside its result (an unlock names whom it unlocked). */
  auditDetail?: AuditDetail;
  /** What the command changed, field by field (noteChanges in audit-changes.ts): shown and filtered on the Audit screen. */
  auditChanges?: AuditChange[];
  afterCommit(fn: () => void): void;
  /**
   * Writes that must outlast this call's refusal (a failed PIN check and its audit record): the
   * dispatcher runs them, only when the call fails, after the rollback in a transaction of their own.
   */
  onRefused(fn: () => void): void;
}

/** Commands run inside one synchronous SQLite transaction; queries may await (PDF rendering). */
export type Handler<N extends Name> = Contract[N]['kind'] extends 'command'
  ? (ctx: CallContext, input: ParsedInput<N>) => Result<N>
  : (ctx: CallContext, input: ParsedInput<N>) => Result<N> | Promise<Result<N>>;

export type Handlers = { [N in Name]: Handler<N> };

export function requireUser(ctx: CallContext): CallUser {
  if (!ctx.user) throw new Error('handler needs a signed-in user; the contract entry must not be public');
  return ctx.user;
}
