/** What crosses either transport: a result or a typed error. */
import type { ErrorData } from '../domain/errors';

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorData };

/** Name of the single IPC channel, and the HTTP path prefix, shared by both sides. */
export const IPC_CHANNEL = 'lotdesk:call';
export const HTTP_PREFIX = '/api/';
/** Header every HTTP call must carry: a cross-site form or image cannot set it (CSRF guard). */
export const HTTP_GUARD_HEADER = 'x-lotdesk';
export const SESSION_COOKIE = 'lotdesk_session';
