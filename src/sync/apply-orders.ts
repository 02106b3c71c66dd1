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
 */
import { fromStored } from '../domain/quantity';
import type { Db } from '../store/db';
import { statement } from '../store/statements';
import { erpDocument, erpLines, insertErpDocument, orderStarted, rewriteErpDocument, type ErpDocument, type ErpLine, type ErpOrderKind } from '../store/erp-documents';
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

function refuse(out: AuditChange[], kind: ErpOrderKind, key: string, label: string, reason: OrderRefusal): false {
  out.push({ object: OBJECT[kind], objectId: key, label, field: 'syncRefused', before: null, after: reason });
  return false;
}

/** Writes one order change; false (with the reason in `out`) when nothing was written. */
export function applyOrder(db: Db, change: Change & { kind: ErpOrderKind }, at: string, out: AuditChange[]): boolean {
  const kind = change.kind;
  const parsed = OrderBodySchema.safeParse(change.body);
  // A deleted order (no centre path deletes one) or a body this desk cannot read.
  if (!parsed.success) return refuse(out, kind, change.key, change.key, 'malformed');
  const body = parsed.data;
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
  if (held && held.kind !== kind) return refuse(out, kind, doc.id, doc.number, 'otherDocument');
  const heldLines = held ? erpLines(db, doc.id) : [];
  if (held) {
    // A cancel, or the ERP reopening what it cancelled, is a change of status the ERP decides.
    const statusMoved = doc.status !== held.status && (doc.status === 'cancelled' || held.status === 'cancelled');
    if (!statusMoved && version(held, heldLines) === version(doc, lines)) return false;
    if (orderStarted(db, held)) return refuse(out, kind, doc.id, held.number, 'orderStarted');
  } else if (doc.status === 'cancelled') return false; // cancelled before this desk ever had it: nothing to write
  if (!statement(db, 'SELECT 1 FROM parties WHERE id = ? AND kind = ?').get(doc.partyId, PARTY_KIND[kind])) return refuse(out, kind, doc.id, doc.number, 'unknownParty');
  const itemIds = [...new Set(lines.map((l) => l.itemId))];
  const known = statement(db, `SELECT COUNT(*) AS n FROM items WHERE id IN (${itemIds.map(() => '?').join(', ')})`).get(...itemIds) as { n: number };
  if (known.n !== itemIds.length) return refuse(out, kind, doc.id, doc.number, 'unknownItem');
  if (statement(db, 'SELECT 1 FROM documents WHERE number = ? AND id <> ?').get(doc.number, doc.id)) return refuse(out, kind, doc.id, doc.number, 'numberTaken');

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
