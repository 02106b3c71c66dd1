/**
 * The ERP's read model of the desk events: lots, stock per desk, genealogy links, document
 * headers, and the business events an ERP cares about (a receipt, a shipment, a recall, a desk
 * refusing an order version and applying it later), each queued at once for every webhook that
 * wants it. One feed pass runs under a transaction-level advisory lock, so several central
 * workers never project twice, and erp_events.seq grows in commit order. It reads each desk's events by their gap-free seq and stops at the last audit
 * event it has (the audit record closes a desk transaction: SYNC-PROTOCOL.md), so a receipt's
 * header, lines and lots are always read together; the mark moves in the same transaction.
 */
import { createHash } from 'node:crypto';
import { fromStored } from '../../domain/quantity';
import { v7 as newId } from 'uuid';
import { recordAudit } from '../central-audit';
import { DESK_RETRY_RESOLVER } from '../../domain/system-actors';
import type { ErpDb, Sql } from './sql';
import type { WebhookEventType } from './schemas';

export interface DeskEvent {
  id: string;
  station: string;
  seq: number;
  at: string;
  kind: 'row' | 'audit';
  table?: string;
  key?: string;
  op?: 'put' | 'delete';
  row?: Record<string, unknown> | null;
  /** An audit event's record (its `changes`: canonical JSON text). */
  record?: Record<string, unknown>;
}

export interface LotStatusChange {
  /** The change row's id: the recall event's id derives from it. */
  id: string;
  lotId: string;
  status: string;
  reason: string | null;
  at: string;
}

/** Where the feed reads the server's tables; the plugin wires it to the sync server (SYNC-PROTOCOL.md, "Changes"). */
export interface FeedSource {
  stations(q: Sql): Promise<{ stationId: string; siteCode: string }[]>;
  eventsAfter(q: Sql, stationId: string, seq: number, limit: number): Promise<DeskEvent[]>;
  /** Central lot-status changes after `mark` (null: from the start), in commit-safe order, and the mark after them. */
  lotStatusAfter(q: Sql, mark: string | null, limit: number): Promise<{ changes: (LotStatusChange & { siteCode: string | null })[]; mark: string | null }>;
}

const FEED_LOCK = 7_320_020; // any constant: the feed's advisory lock id
/**
 * Events (or central status changes) one feed transaction reads at most. Each transaction that
 * writes holds back the desks' pull horizon while it runs (a change is pulled once every older
 * transaction has ended: changes.ts), so a feed transaction stays well under a second.
 */
const BATCH = 500;

/** A stable event id (UUID-shaped) from what the event is about, so a replayed projection never makes a second one. */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type EventKind = 'receipt' | 'shipment' | 'recall' | 'refusal' | 'applied';
const EVENT_TYPE: Record<EventKind, WebhookEventType> = {
  receipt: 'receipt.created',
  shipment: 'shipment.created',
  recall: 'lot.recalled',
  refusal: 'order.refused',
  applied: 'order.applied',
};

/** Stores a business event once and queues a delivery to every live webhook of the site that asked for it. */
async function emit(q: Sql, site: string, kind: EventKind, id: string, subject: string, body: Record<string, unknown>): Promise<boolean> {
  const made = await q.query('INSERT INTO erp_events (id, site_code, kind, subject_id, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id', [
    id,
    site,
    kind,
    subject,
    JSON.stringify({ eventId: id, ...body }),
  ]);
  if (made.rows.length === 0) return false;
  const hooks = await q.query<{ id: string }>(
    `SELECT w.id FROM erp_webhooks w JOIN erp_integrations i ON i.id = w.integration_id
     WHERE i.site_code = $1 AND i.revoked_at IS NULL AND w.deleted_at IS NULL AND $2 = ANY (w.events)`,
    [site, EVENT_TYPE[kind]],
  );
  for (const h of hooks.rows) await q.query('INSERT INTO erp_deliveries (id, webhook_id, event_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [newId(), h.id, id]);
  return true;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function externalIdOf(q: Sql, id: string | null): Promise<string | null> {
  if (!id) return null;
  const { rows } = await q.query<{ external_id: string }>('SELECT external_id FROM erp_records WHERE id = $1', [id]);
  return rows[0]?.external_id ?? null;
}

/** The ERP order one of whose lines a desk line counts against (a receipt line's source_line_id is a PO line). */
async function orderOfLine(q: Sql, kind: 'purchase_order' | 'sales_order', lineId: string | null): Promise<{ id: string; external_id: string } | null> {
  if (!lineId) return null;
  const { rows } = await q.query<{ id: string; external_id: string }>('SELECT id, external_id FROM erp_records WHERE kind = $1 AND body @> $2::jsonb', [
    kind,
    JSON.stringify({ lines: [{ id: lineId }] }),
  ]);
  return rows[0] ?? null;
}

async function movedLines(q: Sql, lines: Row[]) {
  const out = [];
  for (const l of lines) {
    const lotId = str(l.lot_id);
    const lot = lotId ? (await q.query<{ code: string; expiry_date: string | null }>('SELECT code, expiry_date FROM erp_lots WHERE id = $1', [lotId])).rows[0] : undefined;
    out.push({
      lotId: lotId ?? '',
      lotCode: lot?.code ?? '',
      itemId: String(l.item_id),
      itemExternalId: await externalIdOf(q, String(l.item_id)),
      quantity: fromStored(Number(l.quantity)),
      expiryDate: lot?.expiry_date ?? null,
      sourceLineId: str(l.source_line_id),
    });
  }
  return out;
}

/** Projects one desk transaction (its row events, the audit event last) for a desk of `site`. */
async function projectTransaction(q: Sql, site: string, station: string, group: DeskEvent[]): Promise<void> {
  const docs = new Map<string, Row>();
  const lines: Row[] = [];
  const shipments = new Map<string, Row>();
  for (const e of group) {
    if (e.kind === 'audit') await announceOrderOutcomes(q, site, station, e);
    if (e.kind !== 'row' || e.op !== 'put' || !e.row) continue;
    const r = e.row;
    if (e.table === 'lots') {
      const before = await q.query<{ status: string }>('SELECT status FROM erp_lots WHERE id = $1', [r.id]);
      await q.query(
        `INSERT INTO erp_lots (id, site_code, item_id, code, status, expiry_date, supplier_lot) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET item_id = EXCLUDED.item_id, code = EXCLUDED.code,
           status = COALESCE(erp_lots.central_status, EXCLUDED.status), expiry_date = EXCLUDED.expiry_date, supplier_lot = EXCLUDED.supplier_lot, updated_at = now()`,
        [r.id, site, r.item_id, r.code, r.status, str(r.expiry_date), str(r.supplier_lot)],
      );
      if (r.status === 'recalled' && before.rows[0]?.status !== 'recalled') {
        await emit(q, site, 'recall', derivedId('recall', e.id, String(r.id)), String(r.id), {
          lotId: r.id,
          lotCode: r.code,
          itemId: r.item_id,
          status: 'recalled',
          reason: null,
          source: 'desk',
          station,
          at: e.at,
        });
      }
    } else if (e.table === 'movements') {
      const q3 = Number(r.quantity);
      const delta = (r.to_location_id ? q3 : 0) - (r.from_location_id ? q3 : 0);
      if (delta !== 0) {
        await q.query('INSERT INTO erp_stock (lot_id, station_id, quantity) VALUES ($1, $2, $3) ON CONFLICT (lot_id, station_id) DO UPDATE SET quantity = erp_stock.quantity + EXCLUDED.quantity', [
          r.lot_id,
          station,
          delta,
        ]);
      }
    } else if (e.table === 'lot_links') {
      await q.query('INSERT INTO erp_lot_links (station_id, key, parent_lot_id, child_lot_id, quantity) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
        station,
        e.key ?? e.id,
        r.parent_lot_id,
        r.child_lot_id,
        r.quantity,
      ]);
    } else if (e.table === 'documents') {
      docs.set(String(r.id), r);
      await q.query(
        `INSERT INTO erp_documents (id, site_code, kind, number, party_id, source_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET party_id = EXCLUDED.party_id, source_id = EXCLUDED.source_id`,
        [r.id, site, r.kind, r.number, str(r.party_id), str(r.source_id)],
      );
    } else if (e.table === 'document_lines') lines.push(r);
    else if (e.table === 'shipments') shipments.set(String(r.document_id), r);
  }
  await announceDocuments(q, site, station, group, lines, shipments);
}

type AuditChange = { object?: unknown; objectId?: unknown; field?: unknown; before?: unknown; after?: unknown };
const ORDER_OBJECT: Record<string, 'purchase_order' | 'sales_order'> = { purchaseOrder: 'purchase_order', salesOrder: 'sales_order' };

/** The changes of a pushed audit record (stored as canonical JSON text, or none). */
function auditChanges(e: DeskEvent): AuditChange[] {
  const raw = e.record?.changes;
  if (typeof raw !== 'string') return Array.isArray(raw) ? (raw as AuditChange[]) : [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as AuditChange[]) : [];
  } catch {
    return [];
  }
}


/** A whole number the desk wrote as text (or a number); null when it names no version. */
const versionOf = (v: unknown): number | null => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? Number(v) : null);

/**
 * What a desk did with an ERP order version it pulled, told to the ERP, each keyed by (desk,
 * order, version), so a replay or the desk saying it again (a snapshot re-read) adds nothing:
 * - refused (src/sync/apply-orders.ts: a `syncRefused` change on the order, its `erpVersion`
 *   beside it): a business event `refusal` (webhook order.refused, GET of the order) and a central
 *   exception `order_refused`;
 * - applied later, once what it waited for arrived (`retryParkedOrders`: `syncRetried`, the reason
 *   waited for → the version applied): a business event `applied` (webhook order.applied), and
 *   that version's open `order_refused` exception of the desk resolved by `~desk-retry`.
 * An older desk names no version: the one the centre holds is the newest it can have pulled.
 */
async function announceOrderOutcomes(q: Sql, site: string, station: string, e: DeskEvent): Promise<void> {
  const changes = auditChanges(e);
  for (const c of changes) {
    const kind = ORDER_OBJECT[String(c.object)];
    const outcome = c.field === 'syncRefused' ? 'refusal' : c.field === 'syncRetried' ? 'applied' : null;
    if (!kind || !outcome || typeof c.objectId !== 'string') continue;
    const { rows } = await q.query<{ external_id: string; version: number; number: string }>(
      "SELECT external_id, version, body->>'number' AS number FROM erp_records WHERE id = $1 AND kind = $2 AND site_code = $3",
      [c.objectId, kind, site],
    );
    const order = rows[0];
    if (!order) continue;
    const named = outcome === 'refusal' ? changes.find((v) => v.objectId === c.objectId && v.field === 'erpVersion')?.after : c.after;
    const version = versionOf(named) ?? Number(order.version);
    const refusalId = derivedId('refusal', station, c.objectId, String(version));
    const about = { orderId: c.objectId, orderExternalId: order.external_id, kind, number: order.number, version, station };
    if (outcome === 'refusal') {
      const body = { ...about, reason: String(c.after), refusedAt: e.at };
      if (!(await emit(q, site, 'refusal', refusalId, c.objectId, body))) continue;
      await q.query(
        `INSERT INTO exceptions (kind, event_id, station_id, site_code, lot_id, detail) VALUES ('order_refused', $1, $2, $3, NULL, $4) ON CONFLICT (event_id, kind) DO NOTHING`,
        [refusalId, station, site, JSON.stringify(body)],
      );
      continue;
    }
    const body = { ...about, reason: String(c.before), appliedAt: e.at };
    if (!(await emit(q, site, 'applied', derivedId('applied', station, c.objectId, String(version)), c.objectId, body))) continue;
    // The screen words it by the resolver (CentralExceptions.vue); the text is for any other reader.
    const resolution = `Applied later at the desk: version ${version} at ${e.at}, once what it waited for (${body.reason}) arrived; the ERP was told (order.applied).`;
    const closed = await q.query<{ id: string }>(
      `UPDATE exceptions SET resolved_at = now(), resolved_by = $2, resolution = $3 WHERE event_id = $1 AND kind = 'order_refused' AND resolved_at IS NULL RETURNING id::text AS id`,
      [refusalId, DESK_RETRY_RESOLVER, resolution],
    );
    // Audited as a lead's resolution is (admin-routes.ts), by the system name.
    for (const x of closed.rows) {
      await recordAudit(q, { by: DESK_RETRY_RESOLVER, action: 'exception_resolved', object: 'exception', objectId: x.id, before: { kind: 'order_refused', siteCode: site, lotId: null, resolved: false }, after: { resolved: true, resolution } });
    }
  }
}

async function announceDocuments(q: Sql, site: string, station: string, group: DeskEvent[], lines: Row[], shipments: Map<string, Row>): Promise<void> {
  const byDoc = new Map<string, Row[]>();
  for (const l of lines) byDoc.set(String(l.document_id), [...(byDoc.get(String(l.document_id)) ?? []), l]);
  const at = group[group.length - 1].at;
  for (const [docId, docLines] of byDoc) {
    const { rows } = await q.query<{ kind: string; number: string; party_id: string | null; source_id: string | null }>('SELECT kind, number, party_id, source_id FROM erp_documents WHERE id = $1', [docId]);
    const doc = rows[0];
    if (!doc || (doc.kind !== 'receipt' && doc.kind !== 'shipment')) continue;
    const moved = await movedLines(q, docLines);
    const header = { id: docId, number: doc.number, station, partyId: doc.party_id, partyExternalId: await externalIdOf(q, doc.party_id) };
    if (doc.kind === 'receipt') {
      // A receipt grows a line per desk transaction: each transaction's lines are one receipt event.
      const po = await orderOfLine(q, 'purchase_order', moved[0]?.sourceLineId ?? null);
      const first = docLines.map((l) => String(l.id)).sort()[0];
      await emit(q, site, 'receipt', derivedId('receipt', docId, first), docId, {
        ...header,
        receivedAt: at,
        purchaseOrderId: po?.id ?? null,
        purchaseOrderExternalId: po?.external_id ?? null,
        lines: moved.map(({ sourceLineId: _, ...l }) => l),
      });
    } else {
      const orderId = str(shipments.get(docId)?.order_id) ?? doc.source_id;
      await emit(q, site, 'shipment', derivedId('shipment', docId), docId, {
        ...header,
        shippedAt: str(shipments.get(docId)?.shipped_at) ?? at,
        salesOrderId: orderId,
        salesOrderExternalId: await externalIdOf(q, orderId),
        lines: moved.map(({ sourceLineId: _, ...l }) => l),
      });
    }
  }
}

/**
 * What one feed step did: how many events (or central changes) it projected, and whether it
 * moved its source's mark — a step that moved it may have left more behind, one that did not has
 * read its source to the end (or to a desk transaction still incomplete).
 */
export interface Step {
  read: number;
  moved: boolean;
}

/** Projects what is new of one desk: its events up to the last complete transaction. */
export async function projectStation(q: Sql, source: FeedSource, stationId: string, siteCode: string): Promise<Step> {
  const markRow = await q.query<{ mark: string }>('SELECT mark FROM erp_feed_marks WHERE source = $1', [`station:${stationId}`]);
  const mark = Number(markRow.rows[0]?.mark ?? 0);
  const events = await source.eventsAfter(q, stationId, mark, BATCH);
  let end = events.findLastIndex((e) => e.kind === 'audit');
  // A transaction larger than a batch has no audit in it: take the batch whole rather than stall.
  if (end < 0 && events.length === BATCH) end = events.length - 1;
  if (end < 0) return { read: 0, moved: false };
  let group: DeskEvent[] = [];
  for (const e of events.slice(0, end + 1)) {
    group.push(e);
    if (e.kind === 'audit') {
      await projectTransaction(q, siteCode, stationId, group);
      group = [];
    }
  }
  if (group.length > 0) await projectTransaction(q, siteCode, stationId, group);
  await q.query('INSERT INTO erp_feed_marks (source, mark) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET mark = EXCLUDED.mark', [
    `station:${stationId}`,
    String(events[end].seq),
  ]);
  return { read: end + 1, moved: true };
}

/** Central lot-status changes: a recall decided at the centre is announced like one from a desk. */
async function projectCentralStatus(q: Sql, source: FeedSource): Promise<Step> {
  const markRow = await q.query<{ mark: string }>("SELECT mark FROM erp_feed_marks WHERE source = 'centre:lot_status'");
  const before = markRow.rows[0]?.mark ?? null;
  const { changes, mark } = await source.lotStatusAfter(q, before, BATCH);
  for (const c of changes) {
    const lot = (await q.query<{ site_code: string; code: string; item_id: string; status: string }>('SELECT site_code, code, item_id, status FROM erp_lots WHERE id = $1', [c.lotId])).rows[0];
    const site = c.siteCode ?? lot?.site_code;
    if (site) {
      await q.query(
        `INSERT INTO erp_lots (id, site_code, status, central_status) VALUES ($1, $2, $3, $3)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, central_status = EXCLUDED.status, updated_at = now()`,
        [c.lotId, site, c.status],
      );
    }
    if (c.status === 'recalled' && site && lot?.status !== 'recalled') {
      await emit(q, site, 'recall', derivedId('recall', c.id, c.lotId), c.lotId, {
        lotId: c.lotId,
        lotCode: lot?.code ?? null,
        itemId: lot?.item_id ?? null,
        status: 'recalled',
        reason: c.reason,
        source: 'centre',
        station: null,
        at: c.at,
      });
    }
  }
  const moved = mark !== null && mark !== before;
  if (moved) {
    await q.query("INSERT INTO erp_feed_marks (source, mark) VALUES ('centre:lot_status', $1) ON CONFLICT (source) DO UPDATE SET mark = EXCLUDED.mark", [mark]);
  }
  return { read: changes.length, moved };
}

/**
 * One feed pass over the centre's lot status and every desk, until each is read to its end. Each
 * step (a batch of one source) is its own short transaction under the feed's lock: steps of two
 * workers never overlap and commit in lock order, so erp_events.seq still grows in commit order,
 * and each step reads its mark after the one before committed. Every source drains by one rule:
 * step again while the step moved the mark (a count would mislead: a batch of central changes
 * may hold deletions it skips, a desk batch stops at its last complete transaction). Another
 * worker holding the lock → this pass stops (that worker goes on with the work).
 */
export async function runFeed(db: ErpDb, source: FeedSource): Promise<number> {
  const step = (fn: (q: Sql) => Promise<Step>): Promise<Step | null> =>
    db.tx(async (q) => {
      const got = await q.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [FEED_LOCK]);
      return got.rows[0]?.ok ? fn(q) : null;
    });
  // The centre first: a desk's lot turns recalled after it pulled a central recall, and that is no second recall.
  const sources: ((q: Sql) => Promise<Step>)[] = [
    (q) => projectCentralStatus(q, source),
    ...(await source.stations(db)).map((s) => (q: Sql) => projectStation(q, source, s.stationId, s.siteCode)),
  ];
  let read = 0;
  for (const fn of sources) {
    for (;;) {
      const done = await step(fn);
      if (done === null) return read;
      read += done.read;
      if (!done.moved) break;
    }
  }
  return read;
}
