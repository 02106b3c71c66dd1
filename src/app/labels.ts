/** The lot label (PDF) for the preview at the receiving desk and for printing. */
import { fail } from '../domain/errors';
import { fromStored } from '../domain/quantity';
import { renderLotLabelPdf } from '../documents/label-pdf';
import type { Handlers } from './context';
import { findLot } from '../store/lots';

export const labelHandlers = {
  'labels.lot': async (ctx, input) => {
    const db = ctx.station.db;
    const lot = findLot(db, input.lotId, ctx.today);
    if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
    const item = db.prepare('SELECT gtin FROM items WHERE id = ?').get(lot.itemId) as { gtin: string | null };
    // The label states what was received into the lot: the sum of its receive movements.
    const received = db
      .prepare("SELECT COALESCE(SUM(quantity), 0) AS q FROM movements WHERE lot_id = ? AND kind = 'receive'")
      .get(lot.id) as { q: number };
    const pdf = await renderLotLabelPdf({
      locale: input.locale ?? ctx.user?.locale ?? 'en',
      itemName: lot.itemName,
      sku: lot.sku,
      gtin: item.gtin ?? undefined,
      lotCode: lot.code,
      supplierLot: lot.supplierLot ?? undefined,
      supplierName: lot.supplierName ?? undefined,
      expiry: lot.expiryDate ?? undefined,
      productionDate: lot.productionDate ?? undefined,
      quantity: fromStored(received.q),
      unit: lot.unit,
      status: lot.status,
      receivedAt: lot.createdAt,
    });
    return { fileName: `label-${lot.sku}-${lot.code}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
