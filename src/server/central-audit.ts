/**
 * The centre's audit of administrative actions (central migration 038): every action that changes
 * how the centre is run — central users, sites, enrolment codes, desks, master data and QC plans,
 * lot status, exception resolutions, ERP keys, webhooks and deliveries — writes one row in the
 * action's own transaction (`recordAudit(tx, …)` just before it returns), so a refused or failed
 * action writes none and a committed one always has its row, on any worker. Secrets never enter
 * it: no password, enrolment code, API key or webhook secret, only that one was set.
 *
 * The list is newest first by id, paged by keyset (`before` = the last id shown): ids come from
 * one sequence, so a row of a transaction that committed late on another worker still falls in
 * the page its id belongs to and is never skipped by paging on. Since migration 041 the rows are
 * hash-chained (central-audit-chain.ts): the id is drawn under the chain's lock, so id order is
 * chain order.
 */
import { z } from 'zod';
import { SyncError } from '../sync-protocol/errors';
import type { Queryable } from './pg';
import { CHAIN_GENESIS, CHAIN_LOCK_SQL, chainHashSql } from './central-audit-chain';

export const CENTRAL_AUDIT_ACTIONS = [
  'user_created',
  'user_updated',
  'user_password_reset',
  'site_saved',
  'enrolment_code_issued',
  'station_revoked',
  'master_saved',
  'master_deleted',
  'qc_plan_published',
  'qc_plan_retired',
  'lot_status_set',
  'exception_resolved',
  'erp_key_created',
  'erp_key_revoked',
  'erp_delivery_retried',
  'erp_webhook_added',
  'erp_webhook_removed',
] as const;
export type CentralAuditAction = (typeof CENTRAL_AUDIT_ACTIONS)[number];

/** Who the audit names for the `lotdesk central` command line (no central user can be called so: `~` is not allowed in names). */
export const CLI_ACTOR = '~cli';

export interface CentralAuditEntry {
  /** The central user (or `erp:<integration>` for an ERP integration's own webhooks). */
  by: string;
  action: CentralAuditAction;
  /** The kind of object (user, site, station, item, qc_plan, lot, exception, erp_key, webhook, delivery…). */
  object: string;
  objectId: string;
  before: unknown;
  after: unknown;
}

/**
 * Writes the audit row of an action in the action's transaction `tx`, chained to the row before it
 * (central-audit-chain.ts): under the chain's advisory lock, held to the end of `tx`, it reads the
 * head in a statement of its own (so it sees a row another worker committed while it waited) and
 * draws the id, the time and the hash in the INSERT.
 */
export async function recordAudit(tx: { query(sql: string, params?: unknown[]): Promise<unknown> }, e: CentralAuditEntry): Promise<void> {
  await tx.query(CHAIN_LOCK_SQL);
  await tx.query(
    `INSERT INTO central_audit (id, at, username, action, object, object_id, before, after, prev_hash, hash)
     SELECT r.id, r.at, r.username, r.action, r.object, r.object_id, r.before, r.after, r.prev_hash, ${chainHashSql('r')}
     FROM (SELECT nextval(pg_get_serial_sequence('central_audit', 'id')) AS id, now() AS at, $1::text AS username, $2::text AS action,
                  $3::text AS object, $4::text AS object_id, $5::jsonb AS before, $6::jsonb AS after,
                  coalesce((SELECT hash FROM central_audit ORDER BY id DESC LIMIT 1), '${CHAIN_GENESIS}') AS prev_hash) r`,
    [
      e.by,
      e.action,
      e.object,
      e.objectId,
      e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));

/** GET /central/v1/audit query: every filter optional; days are UTC calendar days, both ends included. */
export const AuditQuerySchema = z
  .object({
    action: z.enum(CENTRAL_AUDIT_ACTIONS).optional(),
    user: z.string().min(1).max(100).optional(),
    from: DAY.optional(),
    to: DAY.optional(),
    before: z.string().regex(/^\d{1,18}$/).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The query parsed, or 400 auditFilterInvalid naming the first bad filter (nothing read). */
export function parseAuditQuery(value: unknown): AuditQuery {
  const parsed = AuditQuerySchema.safeParse(value ?? {});
  if (!parsed.success) throw new SyncError('auditFilterInvalid', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
  const q = parsed.data;
  if (q.from && q.to && q.from > q.to) throw new SyncError('auditFilterInvalid', { field: 'to' });
  return q;
}

export interface CentralAuditRow {
  id: string;
  at: string;
  username: string;
  action: CentralAuditAction;
  object: string;
  objectId: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(db: Queryable, q: AuditQuery): Promise<{ items: CentralAuditRow[]; next: string | null }> {
  const limit = q.limit ?? 50;
  const { rows } = await db.query<CentralAuditRow & { at: Date | string }>(
    `SELECT id::text AS id, at, username, action, object, object_id AS "objectId", before, after FROM central_audit
     WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR username = $2)
       AND ($3::date IS NULL OR at >= $3::date::timestamp AT TIME ZONE 'UTC')
       AND ($4::date IS NULL OR at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC')
       AND ($5::bigint IS NULL OR id < $5::bigint)
     ORDER BY central_audit.id DESC LIMIT $6`,
    [q.action ?? null, q.user ?? null, q.from ?? null, q.to ?? null, q.before ?? null, limit + 1],
  );
  const page = rows.slice(0, limit).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  return { items: page, next: rows.length > limit ? page[page.length - 1].id : null };
}
