/**
 * Puts the ERP API on the central Fastify server: every route of the table (routes.ts) checked
 * with its schemas, authenticated by an integration key or the central admin session, a write
 * in one transaction; the OpenAPI document at /erp/v1/openapi.json; and, when `pollMs` is set,
 * the worker loop that projects desk events (feed.ts) and delivers webhooks (webhooks.ts).
 * Registered as an encapsulated plugin, so its error handler answers only its own routes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../domain/errors';
import { errorBody, issueError, localeOf, STATUS, toErrorData } from './envelope';
import { runFeed, type FeedSource } from './feed';
import type { Publish } from './inbound';
import { authenticate } from './keys';
import { buildOpenApi, OPENAPI_PATH } from './openapi';
import { ERP_ROUTES, type ErpRoute } from './routes';
import type { ErpDb, Sql } from './sql';
import type { CentralAuditEntry } from '../central-audit';
import { DEFAULT_RETRY, deliverDue, type RetryPolicy } from './webhooks';

export interface ErpDeps {
  db: ErpDb;
  /** Writes a central change the desks pull, in the caller's transaction. */
  publish: Publish;
  /** The central admin of a request (their session), or a thrown AppError `unauthenticated`/`forbidden`. */
  requireAdmin: (req: FastifyRequest) => Promise<{ username: string }>;
  /** Writes a central audit row in the given transaction (the centre's `recordAudit`); none: no audit (a bare ERP database). */
  audit?: (q: Sql, entry: CentralAuditEntry) => Promise<void>;
  /** The server's events, stations and lot-status changes; without it no feed runs. */
  feed?: FeedSource;
  retry?: RetryPolicy;
  /** How often this worker runs the feed and the deliveries; 0 or none: never (tests call `tick`). */
  pollMs?: number;
  log?: (message: string, err: unknown) => void;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw issueError(r.error.issues);
  return r.data;
}

async function answer(deps: ErpDeps, r: ErpRoute, req: FastifyRequest, reply: FastifyReply) {
  const params = parse(r.params, req.params);
  const query = parse(r.query, req.query);
  const body = parse(r.body, req.body);
  // Before the transaction: the admin check may use its own connection (PGlite has only one).
  const admin = r.auth === 'admin' ? await deps.requireAdmin(req) : null;
  const run = async (q: Sql) => {
    const who = r.auth === 'key' ? await authenticate(q, req.headers.authorization) : { id: '', name: '', siteCode: '' };
    const by = admin?.username ?? `erp:${who.name}`;
    const audit = async (entry: Omit<CentralAuditEntry, 'by'>) => deps.audit?.(q, { ...entry, by });
    return r.handler({ q, params, query, body, who, admin, publish: deps.publish, audit });
  };
  const result = r.write ? await deps.db.tx(run) : await run(deps.db);
  reply.code(r.status);
  return r.response ? result : reply.send();
}

/** One pass of this worker's background work: the feed, then what deliveries are due. */
export async function tick(deps: ErpDeps): Promise<{ read: number; tried: number }> {
  const read = deps.feed ? await runFeed(deps.db, deps.feed) : 0;
  const tried = await deliverDue(deps.db, deps.retry ?? DEFAULT_RETRY);
  return { read, tried };
}

export async function registerErp(app: FastifyInstance, deps: ErpDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler((err, req, reply) => {
      const data = err instanceof AppError ? err.data : (err as { statusCode?: number }).statusCode === 400 ? new AppError('validation', 'errors.erp.badJson').data : toErrorData(err);
      if (data.code === 'internal') (deps.log ?? ((m, e) => req.log.error(e, m)))('erp api', err);
      reply.code(STATUS[data.code]).send(errorBody(data, localeOf(req.headers['accept-language'])));
    });
    const doc = buildOpenApi(ERP_ROUTES);
    scope.get(OPENAPI_PATH, async () => doc);
    for (const r of ERP_ROUTES) scope.route({ method: r.method, url: r.path, handler: (req, reply) => answer(deps, r, req, reply) });
  });

  if (deps.pollMs) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      tick(deps)
        .catch((err) => (deps.log ?? ((m, e) => app.log.error(e, m)))('erp worker', err))
        .finally(() => (busy = false));
    }, deps.pollMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}
