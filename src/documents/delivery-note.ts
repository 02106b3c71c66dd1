/**
 * The delivery note (A4) that travels with a shipment: who ships to whom, the order and the
 * customer's reference, one line per item and lot with its expiry date, what of the order is
 * still to come (or that it is complete), and the SSCCs of the packages. In the reader's
 * language; the same shipment renders the same bytes, later shipments included.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Locale } from '../i18n/locales';
import { translate, unitName } from '../i18n/translate';
import { PDF_FONT_FAMILY } from './fonts';
import { formatCalendarDate } from '../i18n/format';
import { createPdfBuffer } from './pdf';

export interface DeliveryNoteData {
  locale: Locale;
  shipmentNumber: string;
  orderNumber: string;
  customerReference: string | null;
  /** UTC instant of the ship confirmation. */
  shippedAt: string;
  shipFrom: string;
  shipTo: { code: string; name: string; gln: string | null; region: string | null; channel: string | null };
  /** `netWeightKg`: a catch-weight line's weight as picked (weighed or typed) for its order line, printed under its quantity. */
  lines: { sku: string; itemName: string; lotCode: string; expiryDate: string | null; quantity: number; unit: string; netWeightKg?: number | null }[];
  /** Order lines not yet delivered in full once this shipment arrives (empty: the order is complete). */
  toCome: { sku: string; itemName: string; ordered: number; shipped: number; unit: string }[];
  ssccs: string[];
}

export function deliveryNoteDocument(data: DeliveryNoteData): TDocumentDefinitions {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(data.locale, `documents.deliveryNote.${key}`, params);
  const number = (q: number) => new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 }).format(q);
  const quantity = (q: number, unit: string, bold = false) => ({ text: `${number(q)} ${unitName(data.locale, unit)}`, alignment: 'right' as const, bold });
  const caption = (text: string): Content => ({ text, fontSize: 8, bold: true, margin: [0, 0, 0, 2] });
  const shipTo = [data.shipTo.name, `${data.shipTo.code}${data.shipTo.gln ? ` · GLN ${data.shipTo.gln}` : ''}`, [data.shipTo.region, data.shipTo.channel].filter(Boolean).join(' · ')]
    .filter(Boolean)
    .join('\n');
  const header: Content = {
    columns: [
      { width: '*', stack: [{ text: t('title'), fontSize: 20, bold: true }, { text: data.shipmentNumber, fontSize: 12, margin: [0, 4, 0, 0] }] },
      {
        width: 'auto',
        table: {
          body: [
            [caption(t('order')), data.orderNumber],
            [caption(t('customerReference')), data.customerReference ?? '—'],
            [caption(t('shipped')), formatCalendarDate(data.locale, data.shippedAt.slice(0, 10))],
          ],
        },
        layout: 'noBorders',
      },
    ],
  };
  const parties: Content = {
    columns: [
      { stack: [caption(t('shipFrom')), data.shipFrom] },
      { stack: [caption(t('shipTo')), shipTo] },
    ],
    margin: [0, 18, 0, 18],
  };
  const lines: Content = {
    table: {
      headerRows: 1,
      widths: ['auto', 'auto', '*', 'auto', 'auto', 'auto'],
      body: [
        ['#', t('sku'), t('item'), t('lot'), t('expiry'), t('quantity')].map((text) => ({ text, bold: true, fontSize: 9 })),
        ...data.lines.map((l, i) => [
          String(i + 1),
          l.sku,
          l.itemName,
          { text: l.lotCode, bold: true },
          l.expiryDate ? formatCalendarDate(data.locale, l.expiryDate) : '—',
          l.netWeightKg
            ? { stack: [quantity(l.quantity, l.unit), { text: translate(data.locale, 'documents.deliveryNote.netWeight', { kg: number(l.netWeightKg) }), alignment: 'right' as const, fontSize: 8 }] }
            : quantity(l.quantity, l.unit),
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  };
  // The lines' weights add up to each lot's (a lot on two order lines is weighed per line): the total once.
  const weighed = data.lines.filter((l) => l.netWeightKg);
  const totalWeight: Content[] = weighed.length
    ? [{ text: t('totalNetWeight', { kg: number(weighed.reduce((sum, l) => sum + Math.round(l.netWeightKg! * 1000), 0) / 1000) }), alignment: 'right', fontSize: 9, bold: true, margin: [0, 4, 0, 0] }]
    : [];
  const toCome: Content[] = data.toCome.length
    ? [
        { text: t('toCome', { order: data.orderNumber }), bold: true, fontSize: 9, margin: [0, 18, 0, 4] },
        {
          table: {
            headerRows: 1,
            widths: ['auto', '*', 'auto', 'auto', 'auto'],
            body: [
              [t('sku'), t('item'), t('ordered'), t('shippedSoFar'), t('outstanding')].map((text) => ({ text, bold: true, fontSize: 9 })),
              ...data.toCome.map((l) => [l.sku, l.itemName, quantity(l.ordered, l.unit), quantity(l.shipped, l.unit), quantity(l.ordered - l.shipped, l.unit, true)]),
            ],
          },
          layout: 'lightHorizontalLines',
        },
      ]
    : [{ text: t('complete', { order: data.orderNumber }), fontSize: 9, margin: [0, 18, 0, 0] }];
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: `${t('title')} ${data.shipmentNumber}`, creator: 'LotDesk', producer: 'LotDesk', creationDate: new Date(data.shippedAt) },
    language: data.locale,
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10, lineHeight: 1.15 },
    content: [
      header,
      parties,
      lines,
      ...totalWeight,
      ...toCome,
      { text: t('packages', { count: data.ssccs.length }), bold: true, fontSize: 9, margin: [0, 18, 0, 4] },
      { text: data.ssccs.map((s) => `SSCC ${s}`).join('\n'), fontSize: 9 },
      {
        columns: [
          { stack: [{ text: '\n\n______________________________' }, { text: t('signatureShipper'), fontSize: 8 }] },
          { stack: [{ text: '\n\n______________________________' }, { text: t('signatureReceiver'), fontSize: 8 }] },
        ],
        margin: [0, 40, 0, 0],
      },
    ],
    footer: (page: number, pages: number) => ({ text: t('page', { page, pages }), alignment: 'center', fontSize: 8 }),
  };
}

export async function renderDeliveryNotePdf(data: DeliveryNoteData): Promise<Buffer> {
  return createPdfBuffer(deliveryNoteDocument(data));
}
