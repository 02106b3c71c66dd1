/**
 * Enrolment: a central admin makes a one-time code for a site (valid 24 h); a desk trades it,
 * once, for its own credential. The code and the secret are stored only as sha256.
 */
import { SyncError } from '../sync-protocol/errors';
import type { EnrolRequest, EnrolResponse } from '../sync-protocol/messages';
import type { Db } from './pg';
import { recordAudit } from './central-audit';
import { newEnrolmentCode, newSecret, normaliseCode, sha256 } from './secrets';

export const CODE_HOURS = 24;

/** A new code for a site (the site is created on first use, named by its code); `by` is audited (never the code). */
export async function createEnrolmentCode(db: Db, siteCode: string, by: string): Promise<{ code: string; siteCode: string; expiresAt: string }> {
  const code = newEnrolmentCode();
  const expiresAt = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO sites (code, name) VALUES ($1, $1) ON CONFLICT (code) DO NOTHING', [siteCode]);
    const { rows } = await tx.query<{ expires_at: Date }>(
      `INSERT INTO enrolment_codes (code_hash, site_code, expires_at) VALUES ($1, $2, now() + interval '${CODE_HOURS} hours') RETURNING expires_at`,
      [sha256(normaliseCode(code)), siteCode],
    );
    const at = new Date(rows[0].expires_at).toISOString();
    await recordAudit(tx, { by, action: 'enrolment_code_issued', object: 'site', objectId: siteCode, before: null, after: { expiresAt: at } });
    return at;
  });
  return { code, siteCode, expiresAt };
}

export async function enrolStation(db: Db, centreId: string, req: EnrolRequest): Promise<EnrolResponse> {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    // FOR UPDATE: two desks racing with one code — the second waits and then sees it used.
    const { rows } = await tx.query<{ site_code: string; used: boolean; expired: boolean }>(
      'SELECT site_code, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE',
      [sha256(normaliseCode(req.code))],
    );
    const code = rows[0];
    if (!code || code.expired) throw new SyncError('codeInvalid');
    if (code.used) throw new SyncError('codeUsed');
    const inserted = await tx.query(
      'INSERT INTO stations (id, site_code, name, credential) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [req.stationId, code.site_code, req.name, sha256(secret)],
    );
    if (inserted.rowCount === 0) throw new SyncError('stationEnrolled', { stationId: req.stationId });
    await tx.query('INSERT INTO station_watermarks (station_id) VALUES ($1)', [req.stationId]);
    await tx.query('UPDATE enrolment_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1', [sha256(normaliseCode(req.code)), req.stationId]);
    return { centreId, siteCode: code.site_code, secret };
  });
}
