/**
 * The ERP loop plugged into the central server: `buildCentral({ db, routes: [erpRoutes()] })`.
 * It wires the ERP plugin to the centre's tables — changes + master_docs for what the ERP sends,
 * stations/events/changes for the feed, the central session for admins — and applies the ERP
 * migration (020-erp.ts) under its own advisory lock and version table until the central
 * migration list carries it (SYNC-PROTOCOL.md, "Changes", wt-erp).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import type { CentralRoutes } from '../app';
import { recordAudit } from '../central-audit';
import { notifyChanges } from '../context';
import type { Db } from '../pg';
import { sha256 } from '../secrets';
import erpMigration from '../migrations/020-erp';
import { ERP_037 } from '../migrations/037-erp-refusals';
import { ERP_040 } from '../migrations/040-erp-applied';
import type { DeskEvent, FeedSource } from './feed';
import type { Publish } from './inbound';
import { registerErp } from './plugin';
import { deskRow } from './desk-rows';
import type { ErpDb } from './sql';
import type { RetryPolicy } from './webhooks';

export const ERP_MIGRATION_VERSION = 20;
const ERP_MIGRATION_LOCK = 0x6c6465727020; // "lderp "
export const CENTRAL_SESSION_COOKIE = 'lotdesk_central';

export async function migrateErp(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ERP_MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS erp_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = await tx.query('SELECT 1 FROM erp_schema_version WHERE version = $1', [ERP_MIGRATION_VERSION]);
    // Listed in the central migrations already: the tables exist, only the mark is missing.
    const exists = await tx.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'erp_integrations'");
    if (done.rows.length === 0 && exists.rows.length === 0) await tx.exec(erpMigration);
    await tx.query('INSERT INTO erp_schema_version (version) VALUES ($1) ON CONFLICT DO NOTHING', [ERP_MIGRATION_VERSION]);
    // The ERP halves of central migrations 37 (refusals are business events too) and 40 (so is an
    // order a desk applied later), in order, each once.
    for (const [version, sql] of [[37, ERP_037], [40, ERP_040]] as const) {
      const had = await tx.query('SELECT 1 FROM erp_schema_version WHERE version = $1', [version]);
      if (had.rows.length > 0) continue;
      await tx.exec(sql);
      await tx.query('INSERT INTO erp_schema_version (version) VALUES ($1)', [version]);
    }
  });
}

export const erpDb = (db: Db): ErpDb => ({ query: (text, params) => db.query(text, params), tx: (body) => db.transaction(body) });

/**
 * Master data from the ERP is central master data: the document the snapshot serves (as the
 * desks' row: desk-rows.ts), and a change the desks pull. Orders are kept in master_docs too, so a
 * desk that resyncs from a snapshot still gets its site's orders.
 */
export const centralPublish: Publish = async (q, c) => {
  const site = typeof c.body.siteCode === 'string' ? c.body.siteCode : null;
  const body = c.kind === 'item' || c.kind === 'party' ? deskRow(c.kind, c.body) : c.body;
  await q.query(
    `INSERT INTO master_docs (kind, key, site_code, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, key) DO UPDATE SET site_code = EXCLUDED.site_code, body = EXCLUDED.body, updated_at = now()`,
    [c.kind, c.key, site, JSON.stringify(body)],
  );
  await q.query('INSERT INTO changes (kind, key, site_code, body) VALUES ($1, $2, $3, $4)', [c.kind, c.key, site, JSON.stringify(body)]);
  await notifyChanges(q as Parameters<typeof notifyChanges>[0]);
};

/** The centre's tables as the feed reads them. */
export const centralFeed: FeedSource = {
  stations: async (q) => (await q.query<{ id: string; site_code: string }>('SELECT id, site_code FROM stations ORDER BY id')).rows.map((r) => ({ stationId: r.id, siteCode: r.site_code })),
  eventsAfter: async (q, stationId, seq, limit) =>
    (await q.query<{ body: DeskEvent }>('SELECT body FROM events WHERE station_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [stationId, seq, limit])).rows.map((r) => r.body),
  lotStatusAfter: async (q, mark, limit) => {
    const [x, i] = mark ? mark.split(':') : ['0', '0'];
    const { rows } = await q.query<{ x: string; id: string; key: string; site_code: string | null; body: { status: string; reason: string | null } | null; created_at: Date }>(
      `SELECT xact::text AS x, id::text AS id, key, site_code, body, created_at FROM changes
       WHERE kind = 'lot_status' AND (xact, id) > ($1::xid8, $2::bigint) AND xact < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY xact, id LIMIT $3`,
      [x, i, limit],
    );
    const last = rows[rows.length - 1];
    return {
      changes: rows
        .filter((r) => r.body)
        .map((r) => ({ id: `${r.x}:${r.id}`, lotId: r.key, status: r.body!.status, reason: r.body!.reason ?? null, at: r.created_at.toISOString?.() ?? String(r.created_at), siteCode: r.site_code })),
      mark: last ? `${last.x}:${last.id}` : mark,
    };
  },
};

/** A central admin: the session cookie of POST /central/v1/sign-in. */
export async function requireCentralAdmin(db: Db, req: FastifyRequest): Promise<{ username: string }> {
  const token = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[CENTRAL_SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated', 'errors.erp.adminOnly');
  // A central administrator's (not a manager's, nor a disabled user's) session: the ERP's keys and deliveries are admin work.
  const { rows } = await db.query<{ username: string }>(
    `SELECT s.username FROM central_sessions s JOIN central_users u ON u.username = s.username
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.role = 'admin' AND u.disabled_at IS NULL`,
    [sha256(token)],
  );
  if (!rows[0]) throw new AppError('unauthenticated', 'errors.erp.adminOnly');
  return rows[0];
}

export function erpRoutes(opts: { pollMs?: number; retry?: RetryPolicy } = {}): CentralRoutes {
  return async (app, { central }) => {
    await migrateErp(central.db);
    await registerErp(app, {
      db: erpDb(central.db),
      publish: centralPublish,
      feed: centralFeed,
      requireAdmin: (req) => requireCentralAdmin(central.db, req),
      audit: (q, entry) => recordAudit(q, entry),
      pollMs: opts.pollMs ?? 1000,
      retry: opts.retry,
    });
  };
}
