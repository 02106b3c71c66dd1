/**
 * Cycle counts by bin and adjustments with reason codes. A count covers a whole bin: lots of the
 * bin that are not listed were counted as zero. Each difference is one 'adjust' movement, so the
 * ledger explains every change; the ledger itself refuses a balance below zero.
 */
import { noteChanges } from '../kernel/audit-changes';
import { fail } from '../../domain/errors';
import { COUNT_REASON, reasonAllows, recordsLoss } from '../../domain/adjustments';
import { assertStatusAllows } from '../../domain/lot-status';
import { fromStored } from '../../domain/quantity';
import type { CountResult, CountSheet, LotView, ShortenedAllocation } from '../../contract/results';
import { LOT_COLUMNS, LOT_FROM, toLotView, type LotRow } from '../../store/lots';
import { assertAvailable, assertInBin, balanceOf, ledgerFor, loadBin, requireLot, storedQuantity } from './bins';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { shrinkToStock } from '../outbound/allocation';
import { createDocument } from '../kernel/document-numbers';

function binLots(ctx: CallContext, locationId: string): { lot: LotView; expected: number }[] {
  const rows = ctx.station.db
    .prepare(`SELECT ${LOT_COLUMNS}, b.quantity AS qty ${LOT_FROM} JOIN balances b ON b.lot_id = l.id WHERE b.location_id = ? ORDER BY i.sku, l.code`)
    .all(locationId) as (LotRow & { qty: number })[];
  return rows.map((r) => ({ lot: toLotView(r, ctx.today), expected: r.qty }));
}

/** Open allocations of the lot in the bin beyond what is left give it up, each a short pick against the movement. */
function shortenedBy(ctx: CallContext, lot: LotView, locationId: string, movementId: string): ShortenedAllocation[] {
  return shrinkToStock(ctx.station.db, lot.id, locationId, { at: ctx.now.toISOString(), userId: requireUser(ctx).id, movementId }).map((s) => ({
    orderNumber: s.orderNumber,
    lotCode: lot.code,
    quantity: fromStored(s.quantity),
    unit: lot.unit,
  }));
}

/** A lot's balance in a bin as an adjustment or a count left it, with the document that explains it in the ledger. */
function noteBalance(ctx: CallContext, lot: LotView, binCode: string, before: number, after: number, document: string, reason?: string): void {
  noteChanges(
    ctx,
    { object: 'lot', id: lot.id, label: lot.code },
    { [`balance@${binCode}`]: fromStored(before) },
    { [`balance@${binCode}`]: fromStored(after), document, reason },
  );
}

export const countHandlers = {
  'counts.sheet': (ctx, input): CountSheet => {
    const bin = loadBin(ctx, input.locationId, 'locationId');
    return {
      location: { id: bin.id, code: bin.code },
      lines: binLots(ctx, bin.id).map((l) => ({ lot: l.lot, expected: fromStored(l.expected) })),
    };
  },

  'counts.submit': (ctx, input): CountResult => {
    const db = ctx.station.db;
    const bin = loadBin(ctx, input.locationId, 'locationId');
    const counted = new Map<string, { lot: LotView; stored: number }>();
    input.lines.forEach((line, i) => {
      const lot = requireLot(ctx, line.lotId, `lines.${i}.lotId`);
      if (counted.has(lot.id)) throw fail.validation('errors.count.duplicateLot', `lines.${i}.lotId`, { lot: lot.code });
      counted.set(lot.id, { lot, stored: line.quantity === 0 ? 0 : storedQuantity(line.quantity, lot.unit, `lines.${i}.quantity`) });
    });
    for (const { lot } of binLots(ctx, bin.id)) if (!counted.has(lot.id)) counted.set(lot.id, { lot, stored: 0 });
    const doc = createDocument(ctx, 'count', { reference: bin.code });
    const record = ledgerFor(ctx, doc.id);
    const insertLine = db.prepare('INSERT INTO count_lines (document_id, lot_id, expected, counted, movement_id) VALUES (?, ?, ?, ?, ?)');
    const shortened: CountResult['shortened'] = [];
    const lines = [...counted.values()].map(({ lot, stored }) => {
      const expected = balanceOf(db, lot.id, bin.id);
      const difference = stored - expected;
      let movementId: string | null = null;
      if (difference !== 0) {
        assertStatusAllows(lot.status, 'adjust', lot.code);
        const where = difference > 0 ? { toLocationId: bin.id } : { fromLocationId: bin.id };
        movementId = record({ kind: 'adjust', itemId: lot.itemId, lotId: lot.id, quantity: Math.abs(difference), reason: COUNT_REASON, ...where });
        // A count records what is there, even below what orders were promised: those allocations shrink.
        if (difference < 0) shortened.push(...shortenedBy(ctx, lot, bin.id, movementId));
      }
      insertLine.run(doc.id, lot.id, expected, stored, movementId);
      // The movement is in the ledger; the audit shows the balance it changed and names the count document.
      if (difference !== 0) noteBalance(ctx, lot, bin.code, expected, stored, doc.number);
      return { lotId: lot.id, lotCode: lot.code, unit: lot.unit, expected: fromStored(expected), counted: fromStored(stored), difference: fromStored(difference) };
    });
    return { documentNumber: doc.number, lines, shortened };
  },

  'stock.adjust': (ctx, input) => {
    const db = ctx.station.db;
    const lot = requireLot(ctx, input.lotId, 'lotId');
    assertStatusAllows(lot.status, 'adjust', lot.code);
    if (!reasonAllows(input.reason, input.direction)) throw fail.validation('errors.adjust.reasonDirection', 'reason', { reason: input.reason, direction: input.direction });
    const bin = loadBin(ctx, input.locationId, 'locationId');
    const stored = storedQuantity(input.quantity, lot.unit, 'quantity');
    const loss = input.direction === 'out' && recordsLoss(input.reason);
    if (loss) assertInBin(lot, bin, balanceOf(db, lot.id, bin.id), stored, 'quantity');
    else if (input.direction === 'out') assertAvailable(db, lot, bin, stored, 'quantity');
    const doc = createDocument(ctx, 'adjustment', { reference: input.note ? `${input.reason}: ${input.note}` : input.reason });
    const where = input.direction === 'in' ? { toLocationId: bin.id } : { fromLocationId: bin.id };
    const movementId = ledgerFor(ctx, doc.id)({ kind: 'adjust', itemId: lot.itemId, lotId: lot.id, quantity: stored, reason: input.reason, ...where });
    // Damaged or missing stock that orders were promised is gone all the same: those allocations shrink, as after a count.
    const shortened = loss ? shortenedBy(ctx, lot, bin.id, movementId) : [];
    const balance = balanceOf(db, lot.id, bin.id);
    noteBalance(ctx, lot, bin.code, input.direction === 'in' ? balance - stored : balance + stored, balance, doc.number, input.reason);
    return { documentNumber: doc.number, movementId, balance: fromStored(balanceOf(db, lot.id, bin.id)), shortened };
  },
} satisfies Partial<Handlers>;
