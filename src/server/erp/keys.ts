/**
 * API keys of ERP integrations: `ldk_` + 32 random bytes (base64url). Only the SHA-256 of a key is
 * stored (a key is high-entropy, so a slow hash adds nothing; a lookup by hash finds it), with its
 * first characters so an admin can tell keys apart. A revoked key is refused from the next request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as newId } from 'uuid';
import { AppError } from '../../domain/errors';
import type { Sql } from './sql';

export const KEY_PREFIX = 'ldk_';

export interface Integration {
  id: string;
  name: string;
  siteCode: string;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(q: Sql, name: string, siteCode: string, createdBy: string | null): Promise<Integration & { key: string }> {
  const taken = await q.query('SELECT 1 FROM erp_integrations WHERE name = $1', [name]);
  if (taken.rows.length > 0) throw new AppError('conflict', 'errors.erp.nameTaken', { name }, 'name');
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const id = newId();
  await q.query('INSERT INTO erp_integrations (id, name, site_code, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    name,
    siteCode,
    key.slice(0, 10),
    hashKey(key),
    createdBy,
  ]);
  return { id, name, siteCode, key };
}

export async function revokeApiKey(q: Sql, name: string): Promise<void> {
  const done = await q.query('UPDATE erp_integrations SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id', [name]);
  if (done.rows.length === 0) throw new AppError('not_found', 'errors.erp.noSuchKey', { name }, 'name');
}

export interface KeyListing extends Integration {
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export async function listApiKeys(q: Sql): Promise<KeyListing[]> {
  const { rows } = await q.query<{ id: string; name: string; site_code: string; key_prefix: string; created_at: Date; revoked_at: Date | null; last_used_at: Date | null }>(
    'SELECT id, name, site_code, key_prefix, created_at, revoked_at, last_used_at FROM erp_integrations ORDER BY name',
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    siteCode: r.site_code,
    keyPrefix: r.key_prefix,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  }));
}

/** The integration an `Authorization: Bearer ldk_…` header names, or the typed refusal. */
export async function authenticate(q: Sql, header: string | undefined): Promise<Integration> {
  const m = /^Bearer\s+(ldk_[A-Za-z0-9_-]{20,})\s*$/.exec(header ?? '');
  if (!m) throw new AppError('unauthenticated', 'errors.erp.noKey');
  const { rows } = await q.query<{ id: string; name: string; site_code: string; revoked_at: Date | null }>(
    'SELECT id, name, site_code, revoked_at FROM erp_integrations WHERE key_hash = $1',
    [hashKey(m[1])],
  );
  const row = rows[0];
  if (!row) throw new AppError('unauthenticated', 'errors.erp.badKey');
  if (row.revoked_at) throw new AppError('unauthenticated', 'errors.erp.revokedKey', { name: row.name });
  // Coarse (one write a minute at most): the admin list shows whether a key is still in use.
  await q.query("UPDATE erp_integrations SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", [row.id]);
  return { id: row.id, name: row.name, siteCode: row.site_code };
}

export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
