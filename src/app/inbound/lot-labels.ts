/** The lot label (PDF) for the preview at the receiving desk and for printing. */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { renderLotLabelPdf } from '../../documents/label-pdf';
import type { CallContext, Handlers } from '../kernel/context';
import type { LotLabelData } from '../../documents/lot-label';
import type { Locale } from '../../i18n/locales';
import { findLot } from '../../store/lots';
import { statement } from '../../store/statements';

/** What the lot's label says (for the PDF preview here and for the printers of src/app/devices). */
export function lotLabelData(ctx: CallContext, lotId: string, locale?: Locale): LotLabelData {
  const db = ctx.station.db;
  const lot = findLot(db, lotId, ctx.today);
  if (!lot) throw fail.notFound('errors.lot.unknown', {}, 'lotId');
  const item = db.prepare('SELECT gtin FROM items WHERE id = ?').get(lot.itemId) as { gtin: string | null };
  const weighed = db.prepare('SELECT net_weight_kg FROM lots WHERE id = ?').get(lot.id) as { net_weight_kg: number | null };
  // The label states what the lot was received or made with, never what is left of it: its
  // receipts, or what its split, merge or transformation put into it. Those movements bring
  // stock from no bin; the same kinds leaving a lot (a split or merge parent) take it from one.
  // A lot no receipt brought in was made here, and its label says so instead of "Received".
  const made = statement(
    db,
    `SELECT COALESCE(SUM(quantity), 0) AS q, COALESCE(MAX(kind = 'receive'), 0) AS received FROM movements
     WHERE lot_id = ? AND kind IN ('receive', 'produce', 'split', 'merge') AND from_location_id IS NULL`,
  ).get(lot.id) as { q: number; received: number };
  return {
    locale: locale ?? ctx.user?.locale ?? 'en',
    itemName: lot.itemName,
    sku: lot.sku,
    gtin: item.gtin ?? undefined,
    lotCode: lot.code,
    supplierLot: lot.supplierLot ?? undefined,
    supplierName: lot.supplierName ?? undefined,
    expiry: lot.expiryDate ?? undefined,
    productionDate: lot.productionDate ?? undefined,
    quantity: fromStored(made.q),
    unit: lot.unit,
    netWeightKg: weighed.net_weight_kg ?? undefined,
    status: lot.status,
    receivedAt: lot.createdAt,
    origin: made.received ? 'received' : 'made',
  };
}

export const labelHandlers = {
  'labels.lot': async (ctx, input) => {
    const data = lotLabelData(ctx, input.lotId, input.locale);
    const pdf = await renderLotLabelPdf(data);
    return { fileName: `label-${data.sku}-${data.lotCode}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
