/**
 * Items, parties, purchase and sales orders IN: an idempotent upsert by the ERP's own id. The same
 * body sent twice is `unchanged` and publishes nothing; a changed one bumps the version and
 * publishes one central change the desks pull (kinds item, party, purchase_order, sales_order —
 * SYNC-PROTOCOL.md, "Changes"). Bad input or a reference to an unknown record writes nothing.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { toStored, type Unit } from '../../domain/quantity';
import { v7 as newId } from 'uuid';
import type { z } from 'zod';
import type { Integration } from './keys';
import type { Sql } from './sql';
import type { itemIn, partyIn, purchaseOrderIn, salesOrderIn } from './schemas';

export type RecordKind = 'item' | 'party' | 'purchase_order' | 'sales_order';

/** Hands a central change to the server's change table (pg_current_xact_id() stamped, NOTIFY), in the caller's transaction. */
export type Publish = (q: Sql, change: { kind: RecordKind; key: string; body: Record<string, unknown> }) => Promise<void>;

export interface UpsertOutcome {
  externalId: string;
  id: string;
  version: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

interface Stored {
  id: string;
  body: Record<string, unknown>;
  body_hash: string;
  version: number;
}

/** JSON with sorted keys: two bodies that mean the same hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function lockRecord(q: Sql, site: string, kind: RecordKind, externalId: string): Promise<Stored | null> {
  const { rows } = await q.query<Stored>('SELECT id, body, body_hash, version FROM erp_records WHERE site_code = $1 AND kind = $2 AND external_id = $3 FOR UPDATE', [site, kind, externalId]);
  return rows[0] ?? null;
}

/**
 * The upsert itself. `shape` turns the ERP's body into the body the desks get (with the centre's
 * id); it may look up references and throw. A concurrent first PUT of the same id loses the
 * INSERT race and falls through to the update path, so either order ends with one record.
 */
async function upsert(
  q: Sql,
  who: Integration,
  kind: RecordKind,
  externalId: string,
  input: Record<string, unknown>,
  publish: Publish,
  shape: (id: string, before: Stored | null) => Promise<Record<string, unknown>>,
): Promise<UpsertOutcome> {
  const hash = createHash('sha256').update(canonical(input)).digest('hex');
  let before = await lockRecord(q, who.siteCode, kind, externalId);
  if (before && before.body_hash === hash) return { externalId, id: before.id, version: before.version, outcome: 'unchanged' };
  if (!before) {
    const id = newId();
    const body = await shape(id, null);
    const made = await q.query(
      `INSERT INTO erp_records (site_code, kind, external_id, id, body, body_hash, integration_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (site_code, kind, external_id) DO NOTHING RETURNING id`,
      [who.siteCode, kind, externalId, id, JSON.stringify(body), hash, who.id],
    );
    if (made.rows.length === 1) {
      await publish(q, { kind, key: id, body });
      return { externalId, id, version: 1, outcome: 'created' };
    }
    before = await lockRecord(q, who.siteCode, kind, externalId);
    if (!before) throw new AppError('internal', 'errors.internal');
    if (before.body_hash === hash) return { externalId, id: before.id, version: before.version, outcome: 'unchanged' };
  }
  const body = await shape(before.id, before);
  const version = before.version + 1;
  await q.query('UPDATE erp_records SET body = $1, body_hash = $2, version = $3, integration_id = $4, updated_at = now() WHERE id = $5', [
    JSON.stringify(body),
    hash,
    version,
    who.id,
    before.id,
  ]);
  await publish(q, { kind, key: before.id, body });
  return { externalId, id: before.id, version, outcome: 'updated' };
}

async function resolve(q: Sql, site: string, kind: RecordKind, externalId: string): Promise<Stored | null> {
  const { rows } = await q.query<Stored>('SELECT id, body, body_hash, version FROM erp_records WHERE site_code = $1 AND kind = $2 AND external_id = $3', [site, kind, externalId]);
  return rows[0] ?? null;
}

export function putItem(q: Sql, who: Integration, externalId: string, item: z.output<typeof itemIn>, publish: Publish) {
  return upsert(q, who, 'item', externalId, item, publish, async (id) => ({ id, externalId, siteCode: who.siteCode, ...item }));
}

export function putParty(q: Sql, who: Integration, externalId: string, party: z.output<typeof partyIn>, publish: Publish) {
  return upsert(q, who, 'party', externalId, party, publish, async (id) => ({ id, externalId, siteCode: who.siteCode, ...party }));
}

/**
 * A new version of an order a desk has received or shipped against (the centre knows it from the
 * feed's receipts and shipments) is refused: the desk would refuse it too, physical facts stand.
 * What a desk started but the centre has not heard of yet the desk refuses when it pulls it.
 */
async function refuseIfStarted(q: Sql, kind: 'purchase_order' | 'sales_order', id: string, number: string): Promise<void> {
  const { rows } = await q.query<{ number: string }>(
    `SELECT body->>'number' AS number FROM erp_events WHERE kind = $1 AND body->>$2 = $3 ORDER BY seq LIMIT 1`,
    kind === 'purchase_order' ? ['receipt', 'purchaseOrderId', id] : ['shipment', 'salesOrderId', id],
  );
  if (rows[0]) throw new AppError('conflict', 'errors.erp.orderStarted', { number, document: rows[0].number });
}

type OrderInput = z.output<typeof purchaseOrderIn> | z.output<typeof salesOrderIn>;

/** Resolves the party and the items of an order and writes its lines as the desks store them (thousandths). */
async function orderBody(q: Sql, who: Integration, kind: 'purchase_order' | 'sales_order', externalId: string, order: OrderInput, id: string, before: Stored | null) {
  const taken = await q.query(
    "SELECT 1 FROM erp_records WHERE site_code = $1 AND kind IN ('purchase_order', 'sales_order') AND body->>'number' = $2 AND id <> $3",
    [who.siteCode, order.number, id],
  );
  if (taken.rows.length > 0) throw new AppError('conflict', 'errors.erp.numberTaken', { number: order.number }, 'number');
  if (before) await refuseIfStarted(q, kind, id, String(before.body.number));
  const party = await resolve(q, who.siteCode, 'party', order.partyExternalId);
  const wanted = kind === 'purchase_order' ? 'supplier' : 'customer';
  if (!party) throw new AppError('validation', 'errors.erp.unknownParty', { externalId: order.partyExternalId }, 'partyExternalId');
  if (party.body.kind !== wanted) throw new AppError('validation', kind === 'purchase_order' ? 'errors.erp.notSupplier' : 'errors.erp.notCustomer', { externalId: order.partyExternalId }, 'partyExternalId');
  // A line keeps its id across updates (by line number), so a desk updates it in place.
  const oldLines = ((before?.body.lines as { id: string; lineNo: number }[] | undefined) ?? []).reduce((m, l) => m.set(l.lineNo, l.id), new Map<number, string>());
  const lines = [];
  for (const [i, line] of order.lines.entries()) {
    const item = await resolve(q, who.siteCode, 'item', line.itemExternalId);
    if (!item) throw new AppError('validation', 'errors.erp.unknownItem', { externalId: line.itemExternalId, line: i + 1 }, `lines.${i}.itemExternalId`);
    const unit = item.body.unit as Unit;
    lines.push({
      id: oldLines.get(i + 1) ?? newId(),
      lineNo: i + 1,
      itemId: item.id,
      itemExternalId: line.itemExternalId,
      quantity: toStored(line.quantity, unit, `lines.${i}.quantity`),
      unit,
      requestedDate: line.requestedDate ?? null,
    });
  }
  return {
    id,
    externalId,
    siteCode: who.siteCode,
    number: order.number,
    partyId: party.id,
    reference: order.reference ?? null,
    expectedDate: 'expectedDate' in order ? (order.expectedDate ?? null) : null,
    status: order.status,
    // The version this body is (upsert's: the record is locked), so a desk names what it refused.
    version: (before?.version ?? 0) + 1,
    lines,
  };
}

export function putOrder(q: Sql, who: Integration, kind: 'purchase_order' | 'sales_order', externalId: string, order: OrderInput, publish: Publish) {
  return upsert(q, who, kind, externalId, order, publish, (id, before) => orderBody(q, who, kind, externalId, order, id, before));
}
