/**
 * The central admin API: /central/v1/* behind central sign-in (cookie session). A central user
 * is an `admin` (stations and enrolment codes, master data, central users) or a `manager` (the
 * views across a site's desks, exceptions, lot status), who may do what a manager may as well.
 * A state change sent by a browser from another origin is refused (the cookie is SameSite=Strict
 * too): the centre serves the renderer's central views on its own origin.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SyncError } from '../sync-protocol/errors';
import {
  CENTRAL_PREFIX,
  CentralPasswordSchema,
  CentralUserRequestSchema,
  CentralUserUpdateSchema,
  EnrolmentCodeRequestSchema,
  LotStatusRequestSchema,
  MASTER_PATHS,
  MasterUpsertSchema,
  ResolveExceptionSchema,
  SignInRequestSchema,
} from '../sync-protocol/messages';
import { authenticateAdmin, authenticateCentralUser, endSession, requireSite, seesSite, sessionTokenHash, startSession, type CentralRole } from './auth';
import { centralQcPlanProblem } from '../contract/qc-plan-check';
import { deleteMaster, listQcPlans, RETIRED, retireQcPlan, setLotStatus, upsertMaster, type MasterKind } from './central-data';
import { createCentralUser, listCentralUsers, parseUserInput, resetCentralPassword, updateCentralUser } from './central-users';
import { listExceptions, siteLots, siteStock } from './central-views';
import { traceLot } from './central-trace';
import type { CentralContext } from './context';
import { createEnrolmentCode } from './enrolment';
import { listAudit, parseAuditQuery, recordAudit } from './central-audit';
import { verifyCentralAudit } from './central-audit-chain';
import { verifyPassword } from './secrets';
import { parseInput } from './validate';

const SiteSchema = z.object({ name: z.string().min(1).max(200) });

export const adminRoutes: FastifyPluginAsync<{ central: CentralContext }> = async (app, { central }) => {
  const { db, centreId } = central;
  const admin = (req: FastifyRequest) => authenticateAdmin(db, req);
  /** Any signed-in central user: a manager or an admin (with the sites they may see). */
  const viewer = (req: FastifyRequest) => authenticateCentralUser(db, req);
  /** A manager limited to some sites asks only for those. */
  const siteViewer = async (req: FastifyRequest) => {
    const who = await viewer(req);
    requireSite(who, (req.params as { code: string }).code);
    return who;
  };
  const P = CENTRAL_PREFIX;

  app.addHook('onRequest', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.url.startsWith(P)) return;
    if (!sameOrigin(req.headers.origin, req.headers['sec-fetch-site'], req.headers.host)) throw new SyncError('forbidden', { detail: 'a request from another site' });
  });

  app.post(`${P}/sign-in`, async (req, reply) => {
    const { username, password } = parseInput(SignInRequestSchema, req.body);
    const { rows } = await db.query<{ password_hash: string; role: CentralRole; disabled: boolean }>(
      'SELECT password_hash, role, disabled_at IS NOT NULL AS disabled FROM central_users WHERE username = $1',
      [username],
    );
    if (!rows[0] || !(await verifyPassword(password, rows[0].password_hash))) throw new SyncError('adminUnauthenticated');
    // Said only to whoever knows the password: the user exists but may not sign in.
    if (rows[0].disabled) throw new SyncError('userDisabled');
    await startSession(db, reply, username);
    return { username, role: rows[0].role, centreId };
  });
  app.post(`${P}/sign-out`, async (req, reply) => {
    await endSession(db, req, reply);
    return { ok: true };
  });
  app.get(`${P}/me`, async (req) => ({ ...(await authenticateCentralUser(db, req)), centreId }));

  app.get(`${P}/central-users`, async (req) => {
    await admin(req);
    return listCentralUsers(db);
  });
  app.post(`${P}/central-users`, async (req) => {
    const by = await admin(req);
    return createCentralUser(db, parseUserInput(CentralUserRequestSchema, req.body), by);
  });
  app.post(`${P}/central-users/:username`, async (req) => {
    const by = await admin(req);
    return updateCentralUser(db, (req.params as { username: string }).username, parseUserInput(CentralUserUpdateSchema, req.body), by);
  });
  app.post(`${P}/central-users/:username/password`, async (req) => {
    const by = await admin(req);
    const { username } = req.params as { username: string };
    await resetCentralPassword(db, username, parseUserInput(CentralPasswordSchema, req.body).password, sessionTokenHash(req), by);
    return { username, reset: true };
  });

  app.get(`${P}/stations`, async (req) => {
    await admin(req);
    const { rows } = await db.query(
      `SELECT s.id, s.site_code AS "siteCode", s.name, s.enrolled_at AS "enrolledAt", s.revoked_at AS "revokedAt", s.last_seen_at AS "lastSeenAt", w.seq::text AS watermark
       FROM stations s LEFT JOIN station_watermarks w ON w.station_id = s.id ORDER BY s.site_code, s.id`,
    );
    return rows.map((r) => ({ ...r, watermark: Number(r.watermark ?? 0) }));
  });
  app.post(`${P}/stations/:id/revoke`, async (req) => {
    const by = await admin(req);
    const { id } = req.params as { id: string };
    await db.transaction(async (tx) => {
      const found = await tx.query<{ site_code: string; name: string; revoked: boolean }>('SELECT site_code, name, revoked_at IS NOT NULL AS revoked FROM stations WHERE id = $1 FOR UPDATE', [id]);
      const station = found.rows[0];
      if (!station) throw new SyncError('notFound', { what: 'station', id });
      // Revoking a revoked desk changes nothing, so it is no new action in the audit.
      if (station.revoked) return;
      await tx.query('UPDATE stations SET revoked_at = now() WHERE id = $1', [id]);
      await recordAudit(tx, { by, action: 'station_revoked', object: 'station', objectId: id, before: { siteCode: station.site_code, name: station.name, revoked: false }, after: { revoked: true } });
    });
    return { id, revoked: true };
  });

  app.get(`${P}/sites`, async (req) => {
    const who = await viewer(req);
    return (await db.query<{ code: string; name: string }>('SELECT code, name FROM sites ORDER BY code')).rows.filter((s) => seesSite(who, s.code));
  });
  app.put(`${P}/sites/:code`, async (req) => {
    const by = await admin(req);
    const { code } = req.params as { code: string };
    const { name } = parseInput(SiteSchema, req.body);
    await db.transaction(async (tx) => {
      const before = await tx.query<{ name: string }>('SELECT name FROM sites WHERE code = $1 FOR UPDATE', [code]);
      if (before.rows[0]?.name === name) return;
      await tx.query('INSERT INTO sites (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name', [code, name]);
      await recordAudit(tx, { by, action: 'site_saved', object: 'site', objectId: code, before: before.rows[0] ?? null, after: { name } });
    });
    return { code, name };
  });
  app.post(`${P}/enrolment-codes`, async (req) => {
    const by = await admin(req);
    return createEnrolmentCode(db, parseInput(EnrolmentCodeRequestSchema, req.body).siteCode, by);
  });

  app.post(`${P}/lots/:lotId/status`, async (req) => {
    const who = await viewer(req);
    const { lotId } = req.params as { lotId: string };
    const { status, reason } = parseInput(LotStatusRequestSchema, req.body);
    const lot = await db.query<{ site_code: string }>('SELECT site_code FROM central_lots WHERE lot_id = $1', [lotId]);
    if (lot.rows[0]) requireSite(who, lot.rows[0].site_code);
    return setLotStatus(db, centreId, lotId, status, reason ?? null, who.username);
  });

  app.get(`${P}/audit`, async (req) => {
    await admin(req);
    return listAudit(db, parseAuditQuery(req.query));
  });
  // The audit's hash chain walked to its head (admin only): ok, rows, head, the first broken row.
  app.get(`${P}/audit/verify`, async (req) => {
    await admin(req);
    return verifyCentralAudit(db);
  });
  app.get(`${P}/sites/:code/lots`, async (req) => {
    await siteViewer(req);
    return siteLots(db, (req.params as { code: string }).code);
  });
  app.get(`${P}/sites/:code/stock`, async (req) => {
    await siteViewer(req);
    return siteStock(db, (req.params as { code: string }).code);
  });
  app.get(`${P}/trace/:lotId`, async (req) => {
    const who = await viewer(req);
    return traceLot(db, (req.params as { lotId: string }).lotId, who.sites);
  });

  app.get(`${P}/exceptions`, async (req) => {
    const who = await viewer(req);
    const q = req.query as { site?: string; open?: string };
    if (q.site !== undefined) requireSite(who, q.site);
    return listExceptions(db, { siteCode: q.site, sites: who.sites, open: q.open === '1' || q.open === 'true' });
  });
  app.post(`${P}/exceptions/:id/resolve`, async (req) => {
    const who = await viewer(req);
    const { id } = req.params as { id: string };
    const { resolution } = parseInput(ResolveExceptionSchema, req.body);
    if (!/^\d{1,18}$/.test(id)) throw new SyncError('notFound', { what: 'exception', id });
    await db.transaction(async (tx) => {
      const done = await tx.query<{ kind: string; site_code: string; lot_id: string | null }>(
        `UPDATE exceptions SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE id = $1::bigint AND resolved_at IS NULL AND ($4::text[] IS NULL OR site_code = ANY($4::text[]))
         RETURNING kind, site_code, lot_id`,
        [id, who.username, resolution, who.sites],
      );
      const ex = done.rows[0];
      if (!ex) throw new SyncError('notFound', { what: 'exception', id });
      await recordAudit(tx, { by: who.username, action: 'exception_resolved', object: 'exception', objectId: id, before: { kind: ex.kind, siteCode: ex.site_code, lotId: ex.lot_id, resolved: false }, after: { resolved: true, resolution } });
    });
    return { id, resolved: true };
  });

  /** Retire a central QC plan: kept (a tombstone the snapshot serves), and every desk retires its version of it. */
  app.post(`${P}/${MASTER_PATHS.qc_plan}/:id/retire`, async (req) => {
    const by = await admin(req);
    const { id } = req.params as { id: string };
    await retireQcPlan(db, centreId, id, by);
    return { kind: 'qc_plan', key: id, retired: true };
  });

  for (const [kind, path] of Object.entries(MASTER_PATHS) as [MasterKind, string][]) {
    app.get(`${P}/${path}`, async (req) => {
      await admin(req);
      if (kind === 'qc_plan') return listQcPlans(db);
      const { rows } = await db.query('SELECT key, site_code AS "siteCode", body FROM master_docs WHERE kind = $1 ORDER BY key', [kind]);
      return rows;
    });
    app.put(`${P}/${path}/:id`, async (req) => {
      const by = await admin(req);
      const { id } = req.params as { id: string };
      const { body, siteCode } = parseInput(MasterUpsertSchema, req.body);
      if (kind === 'qc_plan') refuseBadPlan(body);
      await upsertMaster(db, centreId, kind, id, body, siteCode ?? null, by);
      return { kind, key: id };
    });
    app.delete(`${P}/${path}/:id`, async (req) => {
      const by = await admin(req);
      const { id } = req.params as { id: string };
      await deleteMaster(db, centreId, kind, id, by);
      return { kind, key: id, deleted: true };
    });
  }
};

/** A QC plan the desks would refuse is refused here, by the same check, before anything is written. */
function refuseBadPlan(body: Record<string, unknown>): void {
  // The centre's own marks: it sets `id` (the key) and `retired`; a desk drops them before its check too.
  const { id: _id, [RETIRED]: _retired, ...plan } = body;
  const problem = centralQcPlanProblem(plan);
  if (problem) throw new SyncError('qcPlanInvalid', { ...problem.params, field: problem.field ?? '' }, problem.key);
}

/** A browser's state change must come from the centre's own page: same Origin as the Host it names, or no browser markers at all (desks, scripts). */
export function sameOrigin(origin: string | undefined, fetchSite: string | string[] | undefined, host: string | undefined): boolean {
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
