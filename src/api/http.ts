/**
 * The HTTP transport of the contract (serve mode: browsers, PDAs, end-to-end tests).
 * POST /api/<name> with a JSON body; the session lives in an HttpOnly, SameSite=Strict cookie,
 * and every call must carry the x-lotdesk header, which a cross-site page cannot send.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { ErrorCode, ErrorData } from '../domain/errors';
import type { AuthState } from '../app/kernel/context';
import type { Dispatch } from '../app/kernel/dispatch';
import { CONTENT_SECURITY_POLICY } from './csp';
import { HTTP_GUARD_HEADER, HTTP_PREFIX, SESSION_COOKIE, type Envelope } from '../contract/envelope';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  // Too Many Requests with Retry-After (RFC 6585): the secret is refused until then, right or wrong.
  locked: 429,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  internal: 500,
};

export interface HttpOptions {
  /** Folder of the built renderer to serve at /, when present. */
  rendererDir?: string;
  /** Mark the session cookie Secure (behind TLS). */
  secureCookie?: boolean;
}

function errorEnvelope(error: ErrorData): Envelope {
  return { ok: false, error };
}

export async function createHttpServer(dispatch: Dispatch, options: HttpOptions = {}): Promise<FastifyInstance> {
  // Large enough for a master-data file of 20,000 rows and its checked records (issue 15); every other call is small.
  const app = Fastify({ logger: false, bodyLimit: 48 * 1024 * 1024 });
  await app.register(cookie);

  // A malformed body or an unreadable request still answers with the contract's error shape.
  app.setErrorHandler((err, _req, reply) => {
    const code = (err as { statusCode?: number }).statusCode;
    const status = code && code >= 400 && code < 500 ? code : 500;
    reply.status(status).send(errorEnvelope({ code: status === 500 ? 'internal' : 'validation', key: status === 500 ? 'errors.internal' : 'errors.api.badRequest', params: {} }));
  });

  app.post<{ Params: { name: string } }>(`${HTTP_PREFIX}:name`, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (req.headers[HTTP_GUARD_HEADER] !== '1') {
      return reply.status(403).send(errorEnvelope({ code: 'forbidden', key: 'errors.api.missingGuard', params: {} }));
    }
    const before = req.cookies[SESSION_COOKIE];
    const auth: AuthState = { token: before };
    const envelope = await dispatch(auth, req.params.name, req.body ?? {});
    if (auth.token !== before) {
      if (auth.token) {
        reply.setCookie(SESSION_COOKIE, auth.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookie ?? false });
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (!envelope.ok && envelope.error.code === 'locked' && typeof envelope.error.params.until === 'string') {
      reply.header('retry-after', new Date(envelope.error.params.until).toUTCString());
    }
    return reply.status(envelope.ok ? 200 : STATUS[envelope.error.code]).send(envelope);
  });

  if (options.rendererDir && existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, {
      root: options.rendererDir,
      setHeaders: (res) => {
        res.header('content-security-policy', CONTENT_SECURITY_POLICY);
        res.header('x-content-type-options', 'nosniff');
      },
    });
    // Client-side routes fall back to the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith(HTTP_PREFIX)) {
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        return reply.sendFile('index.html');
      }
      return reply.status(404).send(errorEnvelope({ code: 'not_found', key: 'errors.api.unknownCall', params: { name: req.url } }));
    });
  }
  return app;
}
