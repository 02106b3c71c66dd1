/**
 * The printed side of a shipment: the delivery note and the GS1 logistic label of each package.
 * What each says is read here (synchronously, so a print job reads it in its command's
 * transaction, src/app/devices/print-jobs.ts); the queries render it for the screen.
 */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { renderDeliveryNotePdf, type DeliveryNoteData } from '../../documents/delivery-note';
import { renderLogisticLabelPdf, type LogisticLabelData } from '../../documents/logistic-label';
import type { Locale } from '../../i18n/locales';
import type { Db } from '../../store/db';
import type { CallContext, Handlers } from '../kernel/context';
import { loadOrder } from './orders';

function siteName(db: Db, site: string | null): string {
  const row = db.prepare('SELECT name FROM sites WHERE code = ?').get(site) as { name: string } | undefined;
  return row ? `${row.name} (${site})` : (site ?? '');
}

/** What a shipment's delivery note says; refused for an unknown shipment. */
export function deliveryNoteData(ctx: CallContext, shipmentId: string, locale?: Locale): DeliveryNoteData {
  const db = ctx.station.db;
  const shipment = db
    .prepare(
      `SELECT d.number, s.order_id, s.shipped_at, s.region, s.channel FROM shipments s JOIN documents d ON d.id = s.document_id WHERE s.document_id = ?`,
    )
    .get(shipmentId) as { number: string; order_id: string; shipped_at: string; region: string | null; channel: string | null } | undefined;
  if (!shipment) throw fail.notFound('errors.shipping.unknownShipment', {}, 'shipmentId');
  const order = loadOrder(db, shipment.order_id);
  const gln = db.prepare('SELECT gln FROM parties WHERE id = ?').get(order.customer.id) as { gln: string | null };
  const lines = db
    .prepare(
      `SELECT i.sku, i.name AS itemName, l.code AS lotCode, l.expiry_date AS expiryDate, dl.quantity, i.unit,
              (SELECT SUM(w.grams) / 1000.0 FROM pick_weights w JOIN movements m ON m.id = w.movement_id
               WHERE w.shipment_id = dl.document_id AND w.lot_id = dl.lot_id AND m.document_line_id = dl.source_line_id) AS netWeightKg
       FROM document_lines dl JOIN items i ON i.id = dl.item_id JOIN lots l ON l.id = dl.lot_id WHERE dl.document_id = ? ORDER BY dl.line_no`,
    )
    .all(shipmentId) as { sku: string; itemName: string; lotCode: string; expiryDate: string | null; quantity: number; unit: string; netWeightKg: number | null }[];
  // What of the order is still to come once this shipment arrives: shipments after it (by time,
  // then number) are not counted, so a reprint of an early note says what it said the day it shipped.
  const toCome = db
    .prepare(
      `SELECT i.sku, i.name AS itemName, i.unit, dl.quantity AS ordered,
              COALESCE((SELECT SUM(a.quantity) FROM allocations a JOIN shipments s ON s.document_id = a.shipment_id JOIN documents d ON d.id = s.document_id
                        WHERE a.document_id = dl.document_id AND a.order_line_id = dl.id AND a.status = 'shipped'
                          AND (s.shipped_at < @at OR (s.shipped_at = @at AND d.number <= @number))), 0) AS shipped
       FROM document_lines dl JOIN items i ON i.id = dl.item_id WHERE dl.document_id = @order ORDER BY dl.line_no`,
    )
    .all({ order: shipment.order_id, at: shipment.shipped_at, number: shipment.number }) as { sku: string; itemName: string; unit: string; ordered: number; shipped: number }[];
  const ssccs = (db.prepare('SELECT sscc FROM packages WHERE shipment_id = ? ORDER BY sscc').all(shipmentId) as { sscc: string }[]).map((r) => r.sscc);
  return {
    locale: locale ?? ctx.user?.locale ?? 'en',
    shipmentNumber: shipment.number,
    orderNumber: order.number,
    customerReference: order.reference,
    shippedAt: shipment.shipped_at,
    shipFrom: siteName(db, ctx.station.site()),
    // Region and channel as kept on the shipment, not as the customer record says today.
    shipTo: { code: order.customer.code, name: order.customer.name, gln: gln.gln, region: shipment.region, channel: shipment.channel },
    lines: lines.map((l) => ({ ...l, quantity: fromStored(l.quantity) })),
    toCome: toCome.filter((l) => l.shipped < l.ordered).map((l) => ({ ...l, ordered: fromStored(l.ordered), shipped: fromStored(l.shipped) })),
    ssccs,
  };
}

/**
 * What a package's logistic label says; refused for an unknown package. A line's catch weight is
 * known for the package when it holds all of its lot that was weighed at the picks of the same
 * order and shipment (not yet shipped: none); a lot split over packages has no weight per package.
 */
export function logisticLabelData(ctx: CallContext, packageId: string, locale?: Locale): LogisticLabelData {
  const db = ctx.station.db;
  const pkg = db.prepare('SELECT id, document_id, sscc, created_at, shipment_id FROM packages WHERE id = ?').get(packageId) as
    | { id: string; document_id: string; sscc: string; created_at: string; shipment_id: string | null }
    | undefined;
  if (!pkg) throw fail.notFound('errors.packing.unknownPackage', {}, 'packageId');
  const order = loadOrder(db, pkg.document_id);
  const lines = db
    .prepare(
      `SELECT i.sku, i.name AS itemName, i.gtin, l.code AS lotCode, l.expiry_date AS expiryDate, pl.quantity, i.unit,
              (SELECT SUM(pl2.quantity) FROM package_lines pl2 JOIN packages p2 ON p2.id = pl2.package_id
               WHERE p2.document_id = @order AND p2.shipment_id IS @shipment AND pl2.lot_id = pl.lot_id) AS packed,
              w.quantity AS weighed, w.grams
       FROM package_lines pl JOIN lots l ON l.id = pl.lot_id JOIN items i ON i.id = l.item_id
       LEFT JOIN (SELECT pw.lot_id, SUM(m.quantity) AS quantity, SUM(pw.grams) AS grams FROM pick_weights pw JOIN movements m ON m.id = pw.movement_id
                  WHERE pw.document_id = @order AND pw.shipment_id IS @shipment GROUP BY pw.lot_id) w ON w.lot_id = pl.lot_id
       WHERE pl.package_id = @package ORDER BY i.sku, l.code`,
    )
    .all({ order: pkg.document_id, shipment: pkg.shipment_id, package: pkg.id }) as {
    sku: string;
    itemName: string;
    gtin: string | null;
    lotCode: string;
    expiryDate: string | null;
    quantity: number;
    unit: string;
    packed: number;
    weighed: number | null;
    grams: number | null;
  }[];
  return {
    locale: locale ?? ctx.user?.locale ?? 'en',
    sscc: pkg.sscc,
    shipFrom: siteName(db, ctx.station.site()),
    shipTo: order.customer.name,
    orderNumber: order.number,
    packedAt: pkg.created_at,
    lines: lines.map(({ packed, weighed, grams, ...l }) => ({
      ...l,
      quantity: fromStored(l.quantity),
      netWeightKg: grams !== null && weighed === l.quantity && packed === l.quantity ? grams / 1000 : null,
    })),
  };
}

export const shippingDocumentHandlers = {
  'shipping.deliveryNote': async (ctx, input) => {
    const data = deliveryNoteData(ctx, input.shipmentId, input.locale);
    const pdf = await renderDeliveryNotePdf(data);
    return { fileName: `delivery-note-${data.shipmentNumber}.pdf`, base64: pdf.toString('base64') };
  },
  'labels.sscc': async (ctx, input) => {
    const data = logisticLabelData(ctx, input.packageId, input.locale);
    const pdf = await renderLogisticLabelPdf(data);
    return { fileName: `sscc-${data.sscc}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
