/**
 * ERP orders pulled from the centre become desk documents (issue 20, item 8; docs/DESIGN.md,
 * "ERP orders at the desk"). A purchase order is what Receiving receives against, a sales order
 * what the desk allocates (FEFO), picks and ships; both keep the centre's ids for the document
 * and its lines, so a receipt line's source_line_id and a shipment's order_id name the ERP's
 * order when they flow back (src/server/erp/feed.ts).
 *
 * - Identity: the change key (the centre's id). A version equal to what the desk holds writes
 *   nothing, so a page or a snapshot read twice is harmless.
 * - A new version of an order the desk has not started replaces it (a cancel: status cancelled).
 *   Of a started one (something received, allocated, picked or shipped) it is refused: the desk
 *   keeps its order and its physical facts as they are, and the refusal is in the page's audit.
 * - A party or item the desk does not have, or an ERP number a desk document already uses:
 *   not written, the reason in the audit. Master data is published before the orders naming it,
 *   so in order pulls this means the desk refused that master data (e.g. a SKU of its own).
 *   An order waiting for an item or party is parked (sync_parked, migration 036) and applied
 *   again, in the transaction that brings what it waits for (`retryParkedOrders`); a newer
 *   version of the order pulled meanwhile replaces it.
 * - Every refusal names the version refused (`erpVersion`, when the centre sends it), so the
 *   centre records it once per desk and version and tells the ERP (src/server/erp/feed.ts).
 */
import { fromStored } from '../domain/quantity';
import type { Db } from '../store/db';
import { statement } from '../store/statements';
import { erpDocument, erpLines, insertErpDocument, orderStarted, rewriteErpDocument, type ErpDocument, type ErpLine, type ErpOrderKind } from '../store/erp-documents';
import { parkChange, parkedChange, parkedWaitingFor, sameBody, unpark } from '../store/sync-parked';
import { OrderBodySchema, type Change } from '../sync-protocol/messages';
import type { AuditChange } from '../app/kernel/audit-log';

/** Why an order change was not written (the `after` of its `syncRefused` audit change). */
export type OrderRefusal = 'malformed' | 'unknownParty' | 'unknownItem' | 'numberTaken' | 'orderStarted' | 'otherDocument';

const OBJECT: Record<ErpOrderKind, string> = { purchase_order: 'purchaseOrder', sales_order: 'salesOrder' };
const PARTY_KIND: Record<ErpOrderKind, string> = { purchase_order: 'supplier', sales_order: 'customer' };

/**
 * What the ERP decides of an order, in one comparable form (the status aside: the desk moves an
 * open order on to closed or shipped itself, and that is no new version of the ERP's).
 */
const version = (d: Pick<ErpDocument, 'number' | 'partyId' | 'reference' | 'expectedDate'> & { externalId: string | null }, lines: readonly ErpLine[]) =>
  JSON.stringify([d.number, d.partyId, d.reference, d.expectedDate, d.externalId, lines.map((l) => [l.id, l.lineNo, l.itemId, l.quantity, l.requestedDate])]);

/** The refusal in the audit, with the version refused beside it (the centre keys its record by it). */
function refuse(out: AuditChange[], kind: ErpOrderKind, key: string, label: string, reason: OrderRefusal, version?: number): false {
  out.push({ object: OBJECT[kind], objectId: key, label, field: 'syncRefused', before: null, after: reason });
  if (version !== undefined) out.push({ object: OBJECT[kind], objectId: key, label, field: 'erpVersion', before: null, after: String(version) });
  return false;
}

const isConstraint = (err: unknown) => String((err as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT');

/** Writes one order change; false (with the reason in `out`) when nothing was written. */
export function applyOrder(db: Db, change: Change & { kind: ErpOrderKind }, at: string, out: AuditChange[]): boolean {
  const kind = change.kind;
  // The same version parked already (a snapshot re-read): refused and recorded once.
  const parked = parkedChange(db, kind, change.key);
  if (parked && sameBody(parked, change)) return false;
  // Any other version pulled supersedes the parked one: what happens to it now decides.
  if (parked) unpark(db, kind, change.key);
  const parsed = OrderBodySchema.safeParse(change.body);
  // A deleted order (no centre path deletes one) or a body this desk cannot read.
  if (!parsed.success) return refuse(out, kind, change.key, change.key, 'malformed');
  const body = parsed.data;
  const no = (reason: OrderRefusal, label = body.number) => refuse(out, kind, change.key, label, reason, body.version);
  const doc: ErpDocument = {
    id: change.key,
    kind,
    number: body.number,
    partyId: body.partyId,
    status: body.status,
    reference: body.reference,
    expectedDate: kind === 'purchase_order' ? (body.expectedDate ?? null) : null,
    externalId: body.externalId,
  };
  const lines: ErpLine[] = body.lines.map((l) => ({ id: l.id, lineNo: l.lineNo, itemId: l.itemId, quantity: l.quantity, requestedDate: l.requestedDate ?? null }));
  const held = erpDocument(db, doc.id);
  if (held && held.kind !== kind) return no('otherDocument');
  const heldLines = held ? erpLines(db, doc.id) : [];
  if (held) {
    // A cancel, or the ERP reopening what it cancelled, is a change of status the ERP decides.
    const statusMoved = doc.status !== held.status && (doc.status === 'cancelled' || held.status === 'cancelled');
    if (!statusMoved && version(held, heldLines) === version(doc, lines)) return false;
    if (orderStarted(db, held)) return no('orderStarted', held.number);
  } else if (doc.status === 'cancelled') return false; // cancelled before this desk ever had it: nothing to write
  // What the order waits for: parked until each has arrived (pulled, or written at the desk).
  const partyMissing = !statement(db, 'SELECT 1 FROM parties WHERE id = ? AND kind = ?').get(doc.partyId, PARTY_KIND[kind]);
  const itemHere = statement(db, 'SELECT 1 FROM items WHERE id = ?');
  const itemsMissing = [...new Set(lines.map((l) => l.itemId))].filter((id) => !itemHere.get(id));
  if (partyMissing || itemsMissing.length > 0) {
    parkChange(db, kind, change.key, change, partyMissing ? 'unknownParty' : 'unknownItem', [...(partyMissing ? [doc.partyId] : []), ...itemsMissing], at);
    return no(partyMissing ? 'unknownParty' : 'unknownItem');
  }
  if (statement(db, 'SELECT 1 FROM documents WHERE number = ? AND id <> ?').get(doc.number, doc.id)) return no('numberTaken');

  const before = held ? linesText(db, heldLines) : null;
  if (held) rewriteErpDocument(db, doc, lines);
  else insertErpDocument(db, doc, lines, at);
  const note = (field: string, was: string | null, now: string | null) => {
    if (was !== now) out.push({ object: OBJECT[kind], objectId: doc.id, label: doc.number, field, before: was, after: now });
  };
  note('erpOrder', held?.externalId ?? null, doc.externalId);
  note('status', held?.status ?? null, doc.status);
  note('reference', held?.reference ?? null, doc.reference);
  note('expectedDate', held?.expectedDate ?? null, doc.expectedDate);
  note('lines', before, linesText(db, lines));
  return true;
}

/** The lines as the audit shows them: "1 TEA-250 24 pcs; 2 …". */
function linesText(db: Db, lines: readonly ErpLine[]): string {
  const item = statement(db, 'SELECT sku, unit FROM items WHERE id = ?');
  return lines
    .map((l) => {
      const it = item.get(l.itemId) as { sku: string; unit: string } | undefined;
      return `${l.lineNo} ${it?.sku ?? l.itemId} ${fromStored(l.quantity)} ${it?.unit ?? ''}`.trim();
    })
    .join('; ');
}

/**
 * The orders parked waiting for any of `arrived` (item or party ids just written, in the caller's
 * transaction), applied again. One applied: `syncRetried` (the reason it waited for → its version)
 * and what it wrote, in `out`. Still waiting (for another item): parked again, nothing said twice.
 * Refused now for another reason (its number taken meanwhile): that refusal, as a pull records it.
 */
export function retryParkedOrders(db: Db, arrived: readonly string[], at: string, out: AuditChange[]): number {
  let applied = 0;
  for (const p of parkedWaitingFor(db, arrived)) {
    if (p.kind !== 'purchase_order' && p.kind !== 'sales_order') continue;
    const change = JSON.parse(p.change) as Change & { kind: ErpOrderKind };
    unpark(db, p.kind, p.key);
    const tried: AuditChange[] = [];
    let done = false;
    try {
      done = db.transaction(() => applyOrder(db, change, at, tried))();
    } catch (err) {
      if (!isConstraint(err)) throw err;
      parkChange(db, p.kind, p.key, change, p.reason, arrived, at);
      continue;
    }
    if (done) {
      applied++;
      const body = change.body as { number?: string; version?: number };
      out.push({ object: OBJECT[change.kind], objectId: p.key, label: body.number ?? p.key, field: 'syncRetried', before: p.reason, after: body.version === undefined ? 'applied' : String(body.version) }, ...tried);
    } else if (tried.some((c) => c.field === 'syncRefused' && c.after !== p.reason)) out.push(...tried);
  }
  return applied;
}
