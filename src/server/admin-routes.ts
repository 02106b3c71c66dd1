/**
 * The central admin API: /central/v1/* behind central sign-in (cookie session). Stations and
 * enrolment codes, lot status, master data, exceptions, and the views across a site's desks.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SyncError } from '../sync-protocol/errors';
import {
  CENTRAL_PREFIX,
  EnrolmentCodeRequestSchema,
  LotStatusRequestSchema,
  MASTER_PATHS,
  MasterUpsertSchema,
  ResolveExceptionSchema,
  SignInRequestSchema,
} from '../sync-protocol/messages';
import { authenticateAdmin, endSession, startSession } from './auth';
import { deleteMaster, setLotStatus, upsertMaster, type MasterKind } from './central-data';
import { listExceptions, siteLots, siteStock, traceLot } from './central-views';
import type { CentralContext } from './context';
import { createEnrolmentCode } from './enrolment';
import { verifyPassword } from './secrets';
import { parseInput } from './validate';

const SiteSchema = z.object({ name: z.string().min(1).max(200) });

export const adminRoutes: FastifyPluginAsync<{ central: CentralContext }> = async (app, { central }) => {
  const { db, centreId } = central;
  const admin = (req: FastifyRequest) => authenticateAdmin(db, req);
  const P = CENTRAL_PREFIX;

  app.post(`${P}/sign-in`, async (req, reply) => {
    const { username, password } = parseInput(SignInRequestSchema, req.body);
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM central_users WHERE username = $1', [username]);
    if (!rows[0] || !(await verifyPassword(password, rows[0].password_hash))) throw new SyncError('adminUnauthenticated');
    await startSession(db, reply, username);
    return { username, centreId };
  });
  app.post(`${P}/sign-out`, async (req, reply) => {
    await endSession(db, req, reply);
    return { ok: true };
  });
  app.get(`${P}/me`, async (req) => ({ username: await admin(req), centreId }));

  app.get(`${P}/stations`, async (req) => {
    await admin(req);
    const { rows } = await db.query(
      `SELECT s.id, s.site_code AS "siteCode", s.name, s.enrolled_at AS "enrolledAt", s.revoked_at AS "revokedAt", s.last_seen_at AS "lastSeenAt", w.seq::text AS watermark
       FROM stations s LEFT JOIN station_watermarks w ON w.station_id = s.id ORDER BY s.site_code, s.id`,
    );
    return rows.map((r) => ({ ...r, watermark: Number(r.watermark ?? 0) }));
  });
  app.post(`${P}/stations/:id/revoke`, async (req) => {
    await admin(req);
    const { id } = req.params as { id: string };
    const done = await db.query('UPDATE stations SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1', [id]);
    if (done.rowCount === 0) throw new SyncError('notFound', { what: 'station', id });
    return { id, revoked: true };
  });

  app.get(`${P}/sites`, async (req) => {
    await admin(req);
    return (await db.query('SELECT code, name FROM sites ORDER BY code')).rows;
  });
  app.put(`${P}/sites/:code`, async (req) => {
    await admin(req);
    const { code } = req.params as { code: string };
    const { name } = parseInput(SiteSchema, req.body);
    await db.query('INSERT INTO sites (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name', [code, name]);
    return { code, name };
  });
  app.post(`${P}/enrolment-codes`, async (req) => {
    await admin(req);
    return createEnrolmentCode(db, parseInput(EnrolmentCodeRequestSchema, req.body).siteCode);
  });

  app.post(`${P}/lots/:lotId/status`, async (req) => {
    const by = await admin(req);
    const { lotId } = req.params as { lotId: string };
    const { status, reason } = parseInput(LotStatusRequestSchema, req.body);
    return setLotStatus(db, centreId, lotId, status, reason ?? null, by);
  });
  app.get(`${P}/sites/:code/lots`, async (req) => {
    await admin(req);
    return siteLots(db, (req.params as { code: string }).code);
  });
  app.get(`${P}/sites/:code/stock`, async (req) => {
    await admin(req);
    return siteStock(db, (req.params as { code: string }).code);
  });
  app.get(`${P}/trace/:lotId`, async (req) => {
    await admin(req);
    return traceLot(db, (req.params as { lotId: string }).lotId);
  });

  app.get(`${P}/exceptions`, async (req) => {
    await admin(req);
    const q = req.query as { site?: string; open?: string };
    return listExceptions(db, { siteCode: q.site, open: q.open === '1' || q.open === 'true' });
  });
  app.post(`${P}/exceptions/:id/resolve`, async (req) => {
    const by = await admin(req);
    const { id } = req.params as { id: string };
    const { resolution } = parseInput(ResolveExceptionSchema, req.body);
    if (!/^\d{1,18}$/.test(id)) throw new SyncError('notFound', { what: 'exception', id });
    const done = await db.query('UPDATE exceptions SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1::bigint AND resolved_at IS NULL', [id, by, resolution]);
    if (done.rowCount === 0) throw new SyncError('notFound', { what: 'exception', id });
    return { id, resolved: true };
  });

  for (const [kind, path] of Object.entries(MASTER_PATHS) as [MasterKind, string][]) {
    app.get(`${P}/${path}`, async (req) => {
      await admin(req);
      const { rows } = await db.query('SELECT key, site_code AS "siteCode", body FROM master_docs WHERE kind = $1 ORDER BY key', [kind]);
      return rows;
    });
    app.put(`${P}/${path}/:id`, async (req) => {
      await admin(req);
      const { id } = req.params as { id: string };
      const { body, siteCode } = parseInput(MasterUpsertSchema, req.body);
      await upsertMaster(db, centreId, kind, id, body, siteCode ?? null);
      return { kind, key: id };
    });
    app.delete(`${P}/${path}/:id`, async (req) => {
      await admin(req);
      const { id } = req.params as { id: string };
      await deleteMaster(db, centreId, kind, id);
      return { kind, key: id, deleted: true };
    });
  }
};
