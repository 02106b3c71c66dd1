/** The printed side of a shipment: the delivery note and the GS1 logistic label of each package. */
import { fail } from '../../domain/errors';
import { fromStored } from '../../domain/quantity';
import { renderDeliveryNotePdf } from '../../documents/delivery-note';
import { renderLogisticLabelPdf } from '../../documents/logistic-label';
import type { Db } from '../../store/db';
import type { Handlers } from '../kernel/context';
import { loadOrder } from './orders';

function siteName(db: Db, site: string | null): string {
  const row = db.prepare('SELECT name FROM sites WHERE code = ?').get(site) as { name: string } | undefined;
  return row ? `${row.name} (${site})` : (site ?? '');
}

export const shippingDocumentHandlers = {
  'shipping.deliveryNote': async (ctx, input) => {
    const db = ctx.station.db;
    const shipment = db
      .prepare(
        `SELECT d.number, s.order_id, s.shipped_at, s.region, s.channel FROM shipments s JOIN documents d ON d.id = s.document_id WHERE s.document_id = ?`,
      )
      .get(input.shipmentId) as { number: string; order_id: string; shipped_at: string; region: string | null; channel: string | null } | undefined;
    if (!shipment) throw fail.notFound('errors.shipping.unknownShipment', {}, 'shipmentId');
    const order = loadOrder(db, shipment.order_id);
    const gln = db.prepare('SELECT gln FROM parties WHERE id = ?').get(order.customer.id) as { gln: string | null };
    const lines = db
      .prepare(
        `SELECT i.sku, i.name AS itemName, l.code AS lotCode, l.expiry_date AS expiryDate, dl.quantity, i.unit,
                (SELECT SUM(w.grams) / 1000.0 FROM pick_weights w WHERE w.shipment_id = dl.document_id AND w.lot_id = dl.lot_id) AS netWeightKg
         FROM document_lines dl JOIN items i ON i.id = dl.item_id JOIN lots l ON l.id = dl.lot_id WHERE dl.document_id = ? ORDER BY dl.line_no`,
      )
      .all(input.shipmentId) as { sku: string; itemName: string; lotCode: string; expiryDate: string | null; quantity: number; unit: string; netWeightKg: number | null }[];
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
    const ssccs = (db.prepare('SELECT sscc FROM packages WHERE shipment_id = ? ORDER BY sscc').all(input.shipmentId) as { sscc: string }[]).map((r) => r.sscc);
    const pdf = await renderDeliveryNotePdf({
      locale: input.locale ?? ctx.user?.locale ?? 'en',
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
    });
    return { fileName: `delivery-note-${shipment.number}.pdf`, base64: pdf.toString('base64') };
  },
  'labels.sscc': async (ctx, input) => {
    const db = ctx.station.db;
    const pkg = db.prepare('SELECT id, document_id, sscc, created_at FROM packages WHERE id = ?').get(input.packageId) as
      | { id: string; document_id: string; sscc: string; created_at: string }
      | undefined;
    if (!pkg) throw fail.notFound('errors.packing.unknownPackage', {}, 'packageId');
    const order = loadOrder(db, pkg.document_id);
    const lines = db
      .prepare(
        `SELECT i.sku, i.name AS itemName, i.gtin, l.code AS lotCode, l.expiry_date AS expiryDate, pl.quantity, i.unit
         FROM package_lines pl JOIN lots l ON l.id = pl.lot_id JOIN items i ON i.id = l.item_id WHERE pl.package_id = ? ORDER BY i.sku, l.code`,
      )
      .all(pkg.id) as { sku: string; itemName: string; gtin: string | null; lotCode: string; expiryDate: string | null; quantity: number; unit: string }[];
    const pdf = await renderLogisticLabelPdf({
      locale: input.locale ?? ctx.user?.locale ?? 'en',
      sscc: pkg.sscc,
      shipFrom: siteName(db, ctx.station.site()),
      shipTo: order.customer.name,
      orderNumber: order.number,
      packedAt: pkg.created_at,
      lines: lines.map((l) => ({ ...l, quantity: fromStored(l.quantity) })),
    });
    return { fileName: `sscc-${pkg.sscc}.pdf`, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
