/**
 * The HTTP transport of the contract (serve mode: browsers, PDAs, end-to-end tests).
 * POST /api/<name> with a JSON body; the session lives in an HttpOnly, SameSite=Strict cookie
 * (Secure under TLS), and every call must carry the x-lotdesk header, which a cross-site page
 * cannot send. Requests naming a foreign Host, and state changes from a foreign Origin, are
 * refused before anything else (edge.ts). Every answer, fastify's own errors included, is an envelope.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { ErrorCode, ErrorData } from '../domain/errors';
import type { AuthState } from '../app/kernel/context';
import type { Dispatch } from '../app/kernel/dispatch';
import { CONTENT_SECURITY_POLICY } from './csp';
import { HTTP_GUARD_HEADER, HTTP_PREFIX, SESSION_COOKIE, type Envelope } from '../contract/envelope';
import { LOOPBACK_NAMES, hostAllowed, hostName, originAllowed } from './edge';

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
  /** Mark the session cookie Secure (behind TLS); implied by `tls`. */
  secureCookie?: boolean;
  /** Serve HTTPS with this key and certificate (PEM): `lotdesk serve --lan`. */
  tls?: { key: string; cert: string };
  /** Names besides loopback that requests may name in Host (the --lan names, the machine's addresses). */
  hosts?: readonly string[];
}

function errorEnvelope(error: ErrorData): Envelope {
  return { ok: false, error };
}

function refuse(reply: FastifyReply, status: number, code: ErrorCode, key: string): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').send(errorEnvelope({ code, key, params: {} }));
}

/** Fastify's own 4xx errors (framework, parser, body limit) in the contract's words. */
function frameworkError(status: number, fastifyCode: string | undefined): { code: ErrorCode; key: string } {
  if (status === 413) return { code: 'validation', key: 'errors.api.tooLarge' };
  if (status === 414 || fastifyCode === 'FST_ERR_MAX_PARAM_LENGTH') return { code: 'not_found', key: 'errors.api.tooLong' };
  if (status === 415) return { code: 'validation', key: 'errors.api.contentType' };
  if (status === 404) return { code: 'not_found', key: 'errors.api.notFound' };
  if (status === 405) return { code: 'not_found', key: 'errors.api.notFound' };
  return { code: 'validation', key: 'errors.api.badRequest' };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** A request Node's parser refused before fastify saw it (oversized headers, garbage): still an envelope. */
function clientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(errorEnvelope({ code: 'validation', key: status === 431 ? 'errors.api.tooLarge' : 'errors.api.badRequest', params: {} }));
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy(err);
}

export async function createHttpServer(dispatch: Dispatch, options: HttpOptions = {}): Promise<FastifyInstance> {
  // Large enough for a master-data file of 20,000 rows and its checked records (issue 15); every other call is small.
  const secure = options.tls !== undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: 48 * 1024 * 1024,
    ...(options.tls ? { https: options.tls } : {}),
    // A malformed path or a call name longer than any the contract has: the contract's envelope, not fastify's.
    frameworkErrors: (err, _req, reply) => {
      const status = (err as { statusCode?: number }).statusCode ?? 400;
      const { code, key } = frameworkError(status, (err as { code?: string }).code);
      void refuse(reply, status >= 400 && status < 500 ? status : 400, code, key);
    },
    clientErrorHandler: clientError,
  }) as unknown as FastifyInstance;
  await app.register(cookie);
  // Only JSON reaches the contract: a text/plain body (what a cross-site form can send) is refused as 415.
  app.removeContentTypeParser('text/plain');

  const names = new Set([...LOOPBACK_NAMES, ...(options.hosts ?? []).map(hostName)]);
  // When each request arrived, for its Server-Timing (fastify's own clock runs only with its logger).
  const arrived = new WeakMap<object, number>();
  app.addHook('onRequest', async (req, reply) => {
    arrived.set(req, performance.now());
    if (!hostAllowed(req.headers.host, req.socket.localPort ?? 0, names, secure)) {
      // 421 Misdirected Request: this desk is not the host the page thinks it talks to.
      return refuse(reply, 421, 'forbidden', 'errors.api.foreignHost');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const fetchSite = req.headers['sec-fetch-site'];
      if (!originAllowed(req.headers.origin, typeof fetchSite === 'string' ? fetchSite : undefined, req.headers.host, secure)) {
        return refuse(reply, 403, 'forbidden', 'errors.api.foreignOrigin');
      }
    }
  });

  // A malformed body or an unreadable request still answers with the contract's error shape.
  app.setErrorHandler((err, _req, reply) => {
    const code = (err as { statusCode?: number }).statusCode;
    if (code && code >= 400 && code < 500) {
      const mapped = frameworkError(code, (err as { code?: string }).code);
      return refuse(reply, code, mapped.code, mapped.key);
    }
    console.error('lotdesk: unexpected HTTP error', err);
    return refuse(reply, 500, 'internal', 'errors.internal');
  });

  // The one renderer asks which server it talks to (the centre answers 'central', renderer/central/mode.ts).
  app.get('/mode', async (_req, reply) => reply.header('cache-control', 'no-store').send({ mode: 'desk' }));

  app.post<{ Params: { name: string } }>(`${HTTP_PREFIX}:name`, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (req.headers[HTTP_GUARD_HEADER] !== '1') {
      return reply.status(403).send(errorEnvelope({ code: 'forbidden', key: 'errors.api.missingGuard', params: {} }));
    }
    const before = req.cookies[SESSION_COOKIE];
    // The client's address keys the sign-in limits (people/sign-in-limits.ts).
    const auth: AuthState = { token: before, client: req.ip };
    const started = performance.now();
    const envelope = await dispatch(auth, req.params.name, req.body ?? {});
    // What the desk spent on the call (`call`) and since the request arrived (`edge`): a client's
    // latency beyond them is the network, its own work or a CPU it waited for (docs/PERFORMANCE.md).
    // Never on session calls: a sign-in's time must say nothing of which names exist (issue 18).
    if (!req.params.name.startsWith('session.')) {
      const now = performance.now();
      reply.header('server-timing', `call;dur=${(now - started).toFixed(2)}, edge;dur=${(now - (arrived.get(req) ?? started)).toFixed(2)}`);
    }
    if (auth.token !== before) {
      if (auth.token) {
        reply.setCookie(SESSION_COOKIE, auth.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookie ?? secure });
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookie ?? secure });
      }
    }
    if (!envelope.ok && envelope.error.code === 'locked' && typeof envelope.error.params.until === 'string') {
      reply.header('retry-after', new Date(envelope.error.params.until).toUTCString());
    }
    return reply.status(envelope.ok ? 200 : STATUS[envelope.error.code]).send(envelope);
  });

  const withRenderer = options.rendererDir !== undefined && existsSync(options.rendererDir);
  if (withRenderer) {
    await app.register(fastifyStatic, {
      root: options.rendererDir!,
      setHeaders: (res) => {
        res.header('content-security-policy', CONTENT_SECURITY_POLICY);
        res.header('x-content-type-options', 'nosniff');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes fall back to the app shell.
    if (withRenderer && req.method === 'GET' && !req.url.startsWith(HTTP_PREFIX)) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      return reply.sendFile('index.html');
    }
    // The path is not echoed: it may be anything, of any length.
    return refuse(reply, 404, 'not_found', 'errors.api.notFound');
  });
  return app;
}
