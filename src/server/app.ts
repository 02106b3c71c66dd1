/**
 * The central server as a Fastify app. Stateless: every worker on one database is equal; what
 * one worker writes reaches the others' SSE clients through LISTEN/NOTIFY.
 *
 * Other modules plug in routes with `routes`: each is a Fastify plugin given the central context
 * (database, centre id, station/admin auth hooks), registered after the migrations ran:
 *
 *   buildCentral({ db, routes: [async (app, { central }) => { app.get('/erp/v1/x', …) }] })
 *
 * The instance's `central` decoration holds the same context once `ready()` resolved.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { CENTRAL_MODE } from '../sync-protocol/messages';
import { SyncError, SYNC_ERRORS } from '../sync-protocol/errors';
import type { Db } from './pg';
import { migrateCentral } from './migrations';
import { openCentralContext, type CentralContext } from './context';
import { syncRoutes } from './sync-routes';
import { adminRoutes } from './admin-routes';

export type CentralRoutes = FastifyPluginAsync<{ central: CentralContext }>;

export interface CentralOptions {
  db: Db;
  /** Extra route plugins (ERP API, …), registered after the central ones. */
  routes?: CentralRoutes[];
  /** Creates this central admin on start if it does not exist (`--admin USER:PASS`). */
  admin?: { username: string; password: string };
  logger?: boolean;
  /**
   * Folder of the built renderer (out/renderer): served at / so managers sign in to the central
   * views in the same renderer the desks run (it asks GET /mode and shows only the central screens).
   */
  rendererDir?: string;
  /** Largest request body in bytes (a push batch of MAX_BATCH events fits). */
  bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    central: CentralContext;
  }
}

export function buildCentral(options: CentralOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 64 * 1024 * 1024 });
  app.decorate('central', null as unknown as CentralContext);
  app.register(cookie);
  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof SyncError) return reply.status(error.status).send(error.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) return reply.status(413).send(new SyncError('batchTooLarge', { max: options.bodyLimit ?? 64 * 1024 * 1024 }).toBody());
    if (status !== undefined && status >= 400 && status < 500) return reply.status(400).send(new SyncError('malformed', { detail: error instanceof Error ? error.message : String(error) }).toBody());
    app.log.error(error);
    return reply.status(500).send({ error: { code: 'internal', key: SYNC_ERRORS.internal.key, params: {} } });
  });
  app.register(async (root) => {
    await migrateCentral(options.db);
    const central = await openCentralContext(options.db, { admin: options.admin });
    app.central = central;
    root.addHook('onClose', async () => central.close());
    root.get('/health', async () => ({ ok: true, centreId: central.centreId }));
    root.get('/mode', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { mode: CENTRAL_MODE, centreId: central.centreId };
    });
    await root.register(syncRoutes, { central });
    await root.register(adminRoutes, { central });
    for (const routes of options.routes ?? []) await root.register(routes, { central });
  });
  if (options.rendererDir !== undefined && existsSync(options.rendererDir)) {
    // The browser asks for it on every page; the renderer has none (hash routes need no fallback).
    app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());
    app.register(fastifyStatic, {
      root: options.rendererDir,
      setHeaders: (res) => {
        res.header('content-security-policy', CONTENT_SECURITY_POLICY);
        res.header('x-content-type-options', 'nosniff');
      },
    });
  }
  return app;
}
