/**
 * The single entry both transports call: check the session and the role, validate the input
 * against the contract schema, then run the handler — a command inside one immediate SQLite
 * transaction that also appends the audit record, so a failure writes nothing at all. The one
 * exception is what a handler hands to `onRefused` (a failed PIN check): written after the rollback.
 */
import type { z } from 'zod';
import { AppError, type ErrorData } from '../../domain/errors';
import { mayRun } from '../../domain/roles';
import { dateOf } from '../../domain/dates';
import { appendAudit } from './audit-log';
import type { AuthState, CallContext, CallUser, Handlers } from './context';
import type { Station } from './station';
import { contract, type Name } from '../../contract/contract';
import type { Envelope } from '../../contract/envelope';
import { loadCallUser } from './call-user';
import { messages } from '../../i18n/catalog';

export type Dispatch = (auth: AuthState, name: string, input: unknown) => Promise<Envelope>;

function schemaError(issues: z.core.$ZodIssue[]): AppError {
  const issue = issues[0];
  const field = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '');
  const key = issue.message.startsWith('errors.') ? issue.message : `errors.validation.${issue.code}`;
  if (key === 'errors.validation.required') return requiredError(issue.path, field);
  // A custom check may name what it found (the unsafe character of a text field, schemas.ts).
  const params = issue.code === 'custom' && issue.params ? { ...issue.params } : {};
  return new AppError('validation', key, params, field || undefined);
}

/**
 * "This field is required" names the field (a form may show it away from its input, in a dialog
 * or a banner), and the line when the field is on a numbered line: lines.1.itemId is line 2's item.
 */
function requiredError(path: readonly PropertyKey[], field: string): AppError {
  const what = path.filter((p): p is string => typeof p === 'string').pop();
  if (!what || !Object.prototype.hasOwnProperty.call(messages.en.fields, what)) return new AppError('validation', 'errors.validation.required', {}, field || undefined);
  const index = path.find((p): p is number => typeof p === 'number');
  return index === undefined
    ? new AppError('validation', 'errors.validation.requiredField', { what }, field)
    : new AppError('validation', 'errors.validation.requiredOnLine', { what, line: index + 1 }, field);
}

/** SQLite constraint failures that slip past a handler's own checks still become typed errors. */
function toErrorData(err: unknown): ErrorData {
  if (err instanceof AppError) return err.data;
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'conflict', key: 'errors.store.constraint', params: {} };
  if (code === 'SQLITE_BUSY') return { code: 'conflict', key: 'errors.store.busy', params: {} };
  console.error('lotdesk: unexpected error', err);
  return { code: 'internal', key: 'errors.internal', params: {} };
}

/** A refused call's own records, in a transaction of their own; losing them must not hide the refusal. */
function writeRefusals(station: Station, name: string, writes: (() => void)[]): void {
  if (writes.length === 0) return;
  try {
    station.db.transaction(() => writes.forEach((fn) => fn())).immediate();
  } catch (err) {
    console.error(`lotdesk: could not record the refusal of ${name}`, err);
  }
}

export function createDispatcher(station: Station, handlers: Handlers): Dispatch {
  return async (auth, name, rawInput) => {
    const refusals: (() => void)[] = [];
    try {
      if (!Object.prototype.hasOwnProperty.call(contract, name)) {
        throw new AppError('not_found', 'errors.api.unknownCall', { name });
      }
      const entry = contract[name as Name];
      const session = station.sessions.touch(auth.token);
      if (session === 'expired') auth.token = undefined;
      let user: CallUser | null = null;
      if (session && session !== 'expired') {
        user = loadCallUser(station.db, session.userId);
        if (!user) {
          station.sessions.close(auth.token);
          auth.token = undefined;
        }
      }
      if (entry.access !== 'public' && !user) {
        throw new AppError('unauthenticated', session === 'expired' ? 'errors.session.expired' : 'errors.session.required');
      }
      if (!mayRun(entry.access, user?.role)) {
        throw new AppError('forbidden', 'errors.auth.forbidden', { call: name, role: user?.role ?? '' });
      }
      // Input is validated after the session and role checks: a caller without rights learns nothing of the schema.
      const parsed = entry.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw schemaError(parsed.error.issues);

      const now = station.clock.now();
      const after: (() => void)[] = [];
      const ctx: CallContext = {
        station,
        user,
        now,
        today: dateOf(now),
        auth,
        actorId: user?.id ?? null,
        afterCommit: (fn) => after.push(fn),
        onRefused: (fn) => refusals.push(fn),
      };
      const handler = handlers[name as Name] as (c: CallContext, i: unknown) => unknown;
      let result: unknown;
      if (entry.kind === 'command') {
        result = station.db
          .transaction(() => {
            const r = handler(ctx, parsed.data);
            if (r instanceof Promise) throw new Error(`command ${name} must be synchronous`);
            appendAudit(station.db, {
              at: now.toISOString(),
              stationId: station.stationId,
              userId: ctx.actorId,
              command: name,
              input: parsed.data,
              result: 'ok',
              detail: ctx.auditDetail,
              changes: ctx.auditChanges,
            });
            return r;
          })
          .immediate();
        for (const fn of after) fn();
      } else {
        result = await handler(ctx, parsed.data);
      }
      return { ok: true, result: result ?? null };
    } catch (err) {
      writeRefusals(station, name, refusals);
      return { ok: false, error: toErrorData(err) };
    }
  };
}
