/**
 * The GS1 logistic label of one package ("GS1 Logistic Label" guideline): ship-from and ship-to
 * at the top, the contents in text, and the barcodes — the SSCC as (00) in a GS1-128, the last
 * symbol on the label; and when the package holds one lot of an item with a GTIN, a GS1
 * DataMatrix with (00)(02)(17)(37)(10). The contents ride with the SSCC because GS1 requires
 * (02) and (37) to appear with (00) (the dictionary's req= rule, which bwip-js enforces).
 * A catch-weight package of that one lot adds its net weight, (310n), to that symbol and to the
 * text; 310n needs (01) or (02) beside it, so a package of several lots or items states each
 * weight known in the text only (see docs/DESIGN.md, "Printing documents").
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { buildElementString, type Gs1ElementString } from '../domain/gs1/encode';
import type { Locale } from '../i18n/locales';
import { translate, unitName } from '../i18n/translate';
import { PDF_FONT_FAMILY } from './fonts';
import { renderBarcodeModules } from './barcode';
import { barcodeCanvas } from './barcode-canvas';
import { CONTENT_WIDTH, MARGIN, MM, PAGE, field, fitFontSize, linearBarcode, rule } from './label-pdf';
import { formatCalendarDate } from '../i18n/format';
import { createPdfBuffer } from './pdf';

export interface LogisticLabelData {
  locale: Locale;
  sscc: string;
  shipFrom: string;
  shipTo: string;
  orderNumber: string;
  /** UTC instant the package was made: the PDF creation date, so the same package renders the same bytes. */
  packedAt: string;
  /** `netWeightKg`: the line's catch weight as picked, when the package holds all of it (else null). */
  lines: { sku: string; itemName: string; gtin: string | null; lotCode: string; expiryDate: string | null; quantity: number; unit: string; netWeightKg?: number | null }[];
}

/** (00)(02)(17)(310n)(37)(10) for a package of one lot of a GTIN item in whole units; otherwise null (the SSCC alone). */
export function contentElements(data: LogisticLabelData): Gs1ElementString | null {
  if (data.lines.length !== 1) return null;
  const [l] = data.lines;
  if (!l.gtin || !Number.isInteger(l.quantity)) return null;
  return buildElementString({
    sscc: data.sscc,
    content: l.gtin,
    count: l.quantity,
    batch: l.lotCode,
    ...(l.expiryDate ? { expiry: l.expiryDate } : {}),
    ...(l.netWeightKg ? { netWeightKg: l.netWeightKg } : {}),
  });
}

const MATRIX_MM = 24;

function contentMatrix(hri: string): Content {
  const symbol = renderBarcodeModules('gs1-datamatrix', hri);
  return {
    stack: [
      barcodeCanvas(symbol, Math.min(MATRIX_MM / symbol.modulesWide, 0.75) * MM),
      { text: hri, fontSize: fitFontSize(hri, CONTENT_WIDTH, [8, 7, 6], 1), margin: [0, 2, 0, 0] },
    ],
    margin: [0, 2, 0, 6],
  };
}

export function logisticLabelDocument(data: LogisticLabelData): TDocumentDefinitions {
  const t = (key: string) => translate(data.locale, `documents.logisticLabel.${key}`);
  const sscc = buildElementString({ sscc: data.sscc }).hri;
  const content = contentElements(data)?.hri;
  const number = (q: number) => new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 }).format(q);
  const parties: Content = {
    columns: [field(t('shipFrom'), data.shipFrom), field(t('shipTo'), data.shipTo, true)],
    columnGap: 6,
  };
  const contents: Content = {
    table: {
      widths: ['*', 'auto', 'auto', 'auto'],
      headerRows: 1,
      body: [
        [t('item'), t('lot'), t('expiry'), t('quantity')].map((text) => ({ text, fontSize: 7, bold: true })),
        // Lot, date and quantity stay on one line (noWrap sizes their auto columns); the item name wraps.
        ...data.lines.map((l) => [
          // The weight under the item: the narrow number columns keep their one line.
          l.netWeightKg
            ? { stack: [{ text: `${l.sku} ${l.itemName}`, fontSize: 8 }, { text: translate(data.locale, 'documents.logisticLabel.netWeight', { kg: number(l.netWeightKg) }), fontSize: 8, bold: true }] }
            : { text: `${l.sku} ${l.itemName}`, fontSize: 8 },
          { text: l.lotCode, fontSize: 9, bold: true, noWrap: true },
          { text: l.expiryDate ? formatCalendarDate(data.locale, l.expiryDate) : '—', fontSize: 8, noWrap: true },
          { text: `${number(l.quantity)} ${unitName(data.locale, l.unit)}`, fontSize: 9, alignment: 'right' as const, noWrap: true },
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  };
  const ssccText = data.sscc.replace(/^(\d)(\d{7})(\d{9})(\d)$/, '$1 $2 $3 $4');
  // The order number takes its width; the SSCC gets the rest, on one line.
  const ssccSize = fitFontSize(ssccText, CONTENT_WIDTH * 0.55, [14, 12, 11, 10], 1);
  return {
    pageSize: PAGE,
    pageMargins: MARGIN,
    info: { title: `${t('title')} ${data.sscc}`, creator: 'LotDesk', producer: 'LotDesk', creationDate: new Date(data.packedAt) },
    language: data.locale,
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10, lineHeight: 1.1 },
    content: [
      parties,
      rule(1.5),
      {
        columns: [
          { width: 'auto', ...field(t('order'), data.orderNumber, false, { fontSize: 10.5, oneLine: true }) },
          { width: '*', ...field('SSCC', ssccText, true, { fontSize: ssccSize, oneLine: true }) },
        ],
        columnGap: 6,
      },
      rule(0.75),
      contents,
      rule(1.5),
      ...(content ? [contentMatrix(content)] : []),
      { text: 'SSCC', fontSize: fitFontSize('SSCC', CONTENT_WIDTH, [8], 1), bold: true },
      linearBarcode('gs1-128', sscc, sscc),
    ],
  };
}

export async function renderLogisticLabelPdf(data: LogisticLabelData): Promise<Buffer> {
  return createPdfBuffer(logisticLabelDocument(data));
}
