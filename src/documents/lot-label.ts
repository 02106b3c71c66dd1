/**
 * What a lot label says, independent of how it is printed (PDF or ZPL): the barcode data and
 * the captions and values in the reader's language.
 */
import { LOT_STATUSES } from '../domain/lot-status';
import { buildElementString, type Gs1ElementString } from '../domain/gs1/encode';
import type { Locale } from '../i18n/locales';
import { formatCalendarDate } from '../i18n/format';
import { translate, unitName } from '../i18n/translate';
import { reprintText } from './reprint-mark';

export interface LotLabelData {
  locale: Locale;
  itemName: string;
  sku: string;
  /** GTIN-8/12/13/14 of the item, with check digit. Without it the label carries a plain Code 128 of the lot code. */
  gtin?: string;
  lotCode: string;
  supplierLot?: string;
  supplierName?: string;
  /** Calendar dates YYYY-MM-DD. */
  expiry?: string;
  productionDate?: string;
  quantity: number;
  unit: string;
  /** Net weight as weighed at receiving, in kilograms: carried as AI 310n and printed under the quantity. */
  netWeightKg?: number;
  status: string;
  /** UTC instant (ISO 8601) the lot was received or made. Also the PDF creation date, so the same lot renders to the same bytes. */
  receivedAt: string;
  /**
   * How the lot came to be: received from a supplier (the default), or made here by a split, merge
   * or transformation. The label names its time "Received" or "Made" accordingly.
   */
  origin?: 'received' | 'made';
  /** IANA zone the received time is shown in; UTC when not given. */
  timeZone?: string;
  /**
   * How many times this label was printed before (the print log's count): from 1 on the label
   * says "REPRINT n", so a duplicate lot label is visible on the floor.
   */
  reprint?: number;
}

export type LotLabelBarcode =
  | { kind: 'gs1'; elementString: Gs1ElementString }
  | { kind: 'code128'; text: string };

/** (01)(17)(11)(10) when the item has a GTIN; otherwise the internal lot code alone. */
export function lotLabelBarcode(data: LotLabelData): LotLabelBarcode {
  if (!data.gtin) return { kind: 'code128', text: data.lotCode };
  return {
    kind: 'gs1',
    elementString: buildElementString({
      gtin: data.gtin,
      expiry: data.expiry,
      productionDate: data.productionDate,
      netWeightKg: data.netWeightKg,
      batch: data.lotCode,
    }),
  };
}

export interface LotLabelText {
  caption: (key: keyof typeof CAPTIONS) => string;
  status: string;
  expiry?: string;
  productionDate?: string;
  quantity: string;
  /** "Net weight 25.04 kg" when the lot was weighed. */
  netWeight?: string;
  /** When the lot was received or made, under the caption that says which. */
  created: { caption: string; at: string };
  /** "REPRINT 2" on a label printed before; undefined on the first print. */
  reprint?: string;
}

const CAPTIONS = {
  sku: 'documents.lotLabel.sku',
  gtin: 'documents.lotLabel.gtin',
  lot: 'documents.lotLabel.lot',
  supplierLot: 'documents.lotLabel.supplierLot',
  supplier: 'documents.lotLabel.supplier',
  expiry: 'documents.lotLabel.expiry',
  productionDate: 'documents.lotLabel.productionDate',
  quantity: 'documents.lotLabel.quantity',
  status: 'documents.lotLabel.status',
  received: 'documents.lotLabel.received',
  made: 'documents.lotLabel.made',
} as const;

// Status words are the UI's (ui.status.*): one translation for screen and label.
const KNOWN_STATUSES = new Set<string>([...LOT_STATUSES, 'expired']);

// Intl formatters cost far more to build than to use: one per locale (and zone) for every label.
const quantityFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function quantityFormat(locale: Locale): Intl.NumberFormat {
  let f = quantityFormats.get(locale);
  if (!f) quantityFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })));
  return f;
}
function timeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' });
    timeFormats.set(key, f);
  }
  return f;
}

export function labelText(data: LotLabelData): LotLabelText {
  const { locale } = data;
  const received = new Date(data.receivedAt);
  if (Number.isNaN(received.getTime())) throw new RangeError(`receivedAt is not an instant: "${data.receivedAt}"`);
  const statusKey = data.status.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return {
    caption: (key) => translate(locale, CAPTIONS[key]),
    status: KNOWN_STATUSES.has(statusKey) ? translate(locale, `ui.status.${statusKey}`) : data.status,
    expiry: data.expiry ? formatCalendarDate(locale, data.expiry) : undefined,
    productionDate: data.productionDate ? formatCalendarDate(locale, data.productionDate) : undefined,
    quantity: `${quantityFormat(locale).format(data.quantity)} ${unitName(locale, data.unit)}`,
    netWeight: data.netWeightKg !== undefined ? translate(locale, 'documents.lotLabel.netWeight', { kg: quantityFormat(locale).format(data.netWeightKg) }) : undefined,
    reprint: reprintText(locale, data.reprint),
    created: {
      caption: translate(locale, CAPTIONS[data.origin === 'made' ? 'made' : 'received']),
      at: timeFormat(locale, data.timeZone ?? 'UTC').format(received),
    },
  };
}
