/**
 * Who is asking. A station: `Authorization: Bearer <stationId>.<secret>`, checked against the
 * sha256 kept at enrolment, refused once revoked. A central admin: the session cookie from
 * sign-in (its token's sha256 in central_sessions).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SyncError } from '../sync-protocol/errors';
import type { Db } from './pg';
import { newSecret, sameHash, sha256 } from './secrets';

export interface StationPrincipal {
  id: string;
  siteCode: string;
}

export async function authenticateStation(db: Db, req: FastifyRequest): Promise<StationPrincipal> {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer ([^.\s]+)\.(\S+)$/.exec(header);
  if (!m) throw new SyncError('unauthenticated');
  const [, id, secret] = m;
  const { rows } = await db.query<{ site_code: string; credential: string; revoked: boolean }>(
    'SELECT site_code, credential, revoked_at IS NOT NULL AS revoked FROM stations WHERE id = $1',
    [id],
  );
  const station = rows[0];
  if (!station || !sameHash(station.credential, sha256(secret))) throw new SyncError('unauthenticated');
  if (station.revoked) throw new SyncError('revoked');
  return { id, siteCode: station.site_code };
}

export const SESSION_COOKIE = 'lotdesk_central';
const SESSION_HOURS = 12;

export async function startSession(db: Db, reply: FastifyReply, username: string): Promise<void> {
  const token = newSecret();
  await db.query(`INSERT INTO central_sessions (token_hash, username, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [sha256(token), username]);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: SESSION_HOURS * 3600 });
}

export async function endSession(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await db.query('DELETE FROM central_sessions WHERE token_hash = $1', [sha256(token)]);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export const CENTRAL_ROLES = ['admin', 'manager'] as const;
export type CentralRole = (typeof CENTRAL_ROLES)[number];

export interface CentralPrincipal {
  username: string;
  role: CentralRole;
  /** The sites a manager may see; null: every site (always null for an admin). */
  sites: string[] | null;
}

/** The sha256 of the request's session token, if it has one. */
export function sessionTokenHash(req: FastifyRequest): string | null {
  const token = req.cookies[SESSION_COOKIE];
  return token ? sha256(token) : null;
}

/** The signed-in central user (admin or manager), or 401 adminUnauthenticated; role and sites are read on every request, so a change takes effect at once. */
export async function authenticateCentralUser(db: Db, req: FastifyRequest): Promise<CentralPrincipal> {
  const tokenHash = sessionTokenHash(req);
  if (!tokenHash) throw new SyncError('adminUnauthenticated');
  const { rows } = await db.query<CentralPrincipal>(
    `SELECT s.username, u.role, CASE WHEN u.role = 'admin' THEN NULL ELSE u.sites END AS sites
     FROM central_sessions s JOIN central_users u ON u.username = s.username WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  if (!rows[0]) throw new SyncError('adminUnauthenticated');
  return rows[0];
}

export const seesSite = (who: CentralPrincipal, siteCode: string): boolean => who.sites === null || who.sites.includes(siteCode);

/** 403 siteForbidden unless the user may see the site. */
export function requireSite(who: CentralPrincipal, siteCode: string): void {
  if (!seesSite(who, siteCode)) throw new SyncError('siteForbidden', { site: siteCode });
}

/** The signed-in central admin's user name: 401 when signed out, 403 roleForbidden for a manager. */
export async function authenticateAdmin(db: Db, req: FastifyRequest): Promise<string> {
  const who = await authenticateCentralUser(db, req);
  if (who.role !== 'admin') throw new SyncError('roleForbidden', { role: who.role });
  return who.username;
}
