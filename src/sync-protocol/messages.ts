/**
 * Request and response bodies of every sync endpoint (docs/SYNC-PROTOCOL.md). The centre
 * validates requests with these; the desk validates responses with them.
 */
import { z } from 'zod';

export const SYNC_PREFIX = '/sync/v1';
export const CENTRAL_PREFIX = '/central/v1';
/** Most events the centre takes in one push (a larger batch is refused whole: 413 batchTooLarge). */
export const MAX_BATCH = 5000;
/** Most changes one pull page returns, whatever `limit` asks. */
export const MAX_PULL_LIMIT = 5000;
/** The SSE channel of nudges and the PostgreSQL NOTIFY channel between workers. */
export const NUDGE_CHANNEL = 'lotdesk_changes';

export const StationIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/);

// POST /sync/v1/enrol (no auth)
export const EnrolRequestSchema = z.object({ code: z.string().min(1).max(64), stationId: StationIdSchema, name: z.string().min(1).max(200) });
export const EnrolResponseSchema = z.object({ centreId: z.string(), siteCode: z.string(), secret: z.string() });
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/** The Authorization header value of a station: `Bearer <stationId>.<secret>`. */
export function stationAuthHeader(stationId: string, secret: string): string {
  return `Bearer ${stationId}.${secret}`;
}

// POST /sync/v1/push — events are checked one by one (parseEvent) so a refusal names the seq.
export const PushRequestSchema = z.object({ centreId: z.string().min(1), from: z.number().int().positive(), events: z.array(z.unknown()) });
export const PushResponseSchema = z.object({ acked: z.number().int().nonnegative(), exceptions: z.number().int().nonnegative() });
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type PushResponse = z.infer<typeof PushResponseSchema>;

// GET /sync/v1/pull?cursor=C&limit=N
/** purchase_order / sales_order: orders an ERP sent the centre (src/server/erp), for the desks to receive and ship against. */
export const CHANGE_KINDS = ['lot_status', 'item', 'party', 'location', 'user', 'bom', 'qc_plan', 'purchase_order', 'sales_order'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** Orders come from an ERP (src/server/erp), never authored as master data at the centre. */
export type OrderKind = 'purchase_order' | 'sales_order';
export const ChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(CHANGE_KINDS),
  key: z.string(),
  /** The full document after the change (null: deleted). lot_status: `{lotId, status, reason}`. */
  body: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof ChangeSchema>;
export const PullQuerySchema = z.object({ cursor: z.string().max(400).optional(), limit: z.coerce.number().int().positive().optional() });
export const PullResponseSchema = z.object({ centreId: z.string(), changes: z.array(ChangeSchema), cursor: z.string(), hasMore: z.boolean() });
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** The central lot status a desk enforces: hold → on_hold, recall → recalled, release → released. */
export const CENTRAL_LOT_STATUSES = ['on_hold', 'recalled', 'released'] as const;
export const LotStatusBodySchema = z.object({ lotId: z.string(), status: z.enum(CENTRAL_LOT_STATUSES), reason: z.string().nullable() });
export type LotStatusBody = z.infer<typeof LotStatusBodySchema>;

/**
 * The body of a purchase_order / sales_order change (src/server/erp/inbound.ts `orderBody`): the
 * centre's id is the change key and the desk document's id; line ids are stable across versions
 * and become the desk's line ids, so what the desk receives or ships names the ERP's lines.
 */
export const OrderBodySchema = z.object({
  externalId: z.string().min(1),
  number: z.string().min(1).max(32),
  partyId: z.string().min(1),
  reference: z.string().nullable(),
  expectedDate: z.string().nullable().optional(),
  status: z.enum(['open', 'cancelled']),
  /** The ERP record's version (1, 2, …): a desk's refusal names it (absent from an older centre). */
  version: z.number().int().positive().optional(),
  lines: z
    .array(
      z.object({
        id: z.string().min(1),
        lineNo: z.number().int().positive(),
        itemId: z.string().min(1),
        /** Thousandths of the item's unit, as the desk stores quantities. */
        quantity: z.number().int().positive(),
        requestedDate: z.string().nullable().optional(),
      }),
    )
    .min(1),
});
export type OrderBody = z.infer<typeof OrderBodySchema>;

// GET /sync/v1/snapshot?after=A — pages; every page carries the cursor of the FIRST page, which
// the desk pulls from after the last page (changes in between are re-read: bodies are whole, so
// applying one twice is harmless). `after` null: this was the last page.
const DocSchema = z.object({ key: z.string(), body: z.record(z.string(), z.unknown()) });
export const SnapshotResponseSchema = z.object({
  centreId: z.string(),
  cursor: z.string(),
  items: z.array(DocSchema),
  parties: z.array(DocSchema),
  locations: z.array(DocSchema),
  users: z.array(DocSchema),
  boms: z.array(DocSchema),
  qcPlans: z.array(DocSchema),
  lotStatus: z.array(LotStatusBodySchema),
  /** ERP orders of the station's site (an older centre sends none). */
  purchaseOrders: z.array(DocSchema).default([]),
  salesOrders: z.array(DocSchema).default([]),
  after: z.string().nullable(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponseSchema>;

// GET /sync/v1/nudges (SSE): `event: change` with this data; `: ping` every 15 s.
export const NudgeSchema = z.object({ cursor: z.string() });
export const NUDGE_PING_MS = 15_000;

// Central admin API (cookie session from sign-in).
export const SignInRequestSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const EnrolmentCodeRequestSchema = z.object({ siteCode: z.string().min(1).max(64) });
export const EnrolmentCodeResponseSchema = z.object({ code: z.string(), siteCode: z.string(), expiresAt: z.string() });
export const LotStatusRequestSchema = z.object({ status: z.enum(CENTRAL_LOT_STATUSES), reason: z.string().max(500).nullable().optional() });
/** PUT /central/v1/<kind path>/:id — the whole document; `siteCode` scopes it to one site (bins). */
export const MasterUpsertSchema = z.object({ body: z.record(z.string(), z.unknown()), siteCode: z.string().min(1).max(64).nullable().optional() });
/** A central user (admin: runs the centre; manager: the central views, lot status, exceptions). */
export const CENTRAL_USERNAME = z.string().min(1).max(100).regex(/^[A-Za-z0-9._@-]+$/);
export const CENTRAL_PASSWORD = z.string().min(8).max(200);
export const CENTRAL_ROLE = z.enum(['admin', 'manager']);
/** The sites a manager may see; null (or absent): every site. An admin sees every site whatever it holds. */
export const CENTRAL_SITES = z.array(z.string().min(1).max(64)).max(500).nullable();
export const CentralUserRequestSchema = z.object({ username: CENTRAL_USERNAME, password: CENTRAL_PASSWORD, role: CENTRAL_ROLE, sites: CENTRAL_SITES.optional() });
/** POST /central/v1/central-users/:username — what changes (each field optional; none: nothing to do). */
export const CentralUserUpdateSchema = z.object({ role: CENTRAL_ROLE.optional(), disabled: z.boolean().optional(), sites: CENTRAL_SITES.optional() });
/** POST /central/v1/central-users/:username/password — an admin sets a new password (the user's sessions end). */
export const CentralPasswordSchema = z.object({ password: CENTRAL_PASSWORD });
/** What a server reports at GET /mode, so the one renderer knows whether it talks to a desk or a centre. */
export const CENTRAL_MODE = 'central';
export const ResolveExceptionSchema = z.object({ resolution: z.string().min(1).max(1000) });
/** URL path segment of each centrally authored master data kind. */
export const MASTER_PATHS: Record<Exclude<ChangeKind, 'lot_status' | OrderKind>, string> = {
  item: 'items',
  party: 'parties',
  location: 'locations',
  user: 'users',
  bom: 'boms',
  qc_plan: 'qc-plans',
};
