/**
 * Bin labels: one 100 × 60 mm page per bin (the lot label's 100 mm stock width), the bin code in
 * large type over its zone and kind, and a Code 128 of the code exactly as the desks look it up
 * (putaway, counts, lot changes read a scan that is a bin code as that bin). Code 128 rather than
 * a GS1 symbol: a bin code is an internal code, not GS1 data (no AI fits it), and every desk
 * scanner reads Code 128 out of the box. Monochrome, like every label here.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { BinKind } from '../domain/bin-kinds';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { PDF_FONT_FAMILY } from './fonts';
import { renderBarcodeModules } from './barcode';
import { barcodeCanvas } from './barcode-canvas';
import { CONTENT_WIDTH, MARGIN, MM, fitFontSize } from './label-pdf';
import { createPdfBuffer } from './pdf';

export const BIN_LABEL_PAGE = { width: 100 * MM, height: 60 * MM };
/** Module widths tried, widest first (whole dots at 203 and 300 dpi), as on the lot label. */
const X_MM = [0.5, 0.375, 0.338, 0.254];
const BAR_HEIGHT_MM = 16;
const QUIET_MODULES = 10;

/** The Code 128 of a bin code, as wide a module as fits with its quiet zones; the code in large type above is its text. */
function binBarcode(code: string): Content {
  const symbol = renderBarcodeModules('code128', code);
  const fitted = CONTENT_WIDTH / MM / (symbol.modulesWide + 2 * QUIET_MODULES);
  const xMm = X_MM.find((x) => x <= fitted) ?? fitted;
  return barcodeCanvas(symbol, xMm * MM, { height: BAR_HEIGHT_MM * MM, alignment: 'center' });
}

export interface BinLabelData {
  locale: Locale;
  bins: readonly { code: string; zone: string; kind: BinKind }[];
}

function binLabel(locale: Locale, bin: BinLabelData['bins'][number], last: boolean): Content {
  const caption = `${translate(locale, 'documents.binLabel.zone', { zone: bin.zone })} · ${translate(locale, `ui.locations.kind.${bin.kind}`)}`;
  return {
    stack: [
      { text: caption.toUpperCase(), fontSize: 8, characterSpacing: 0.4 },
      { text: bin.code, bold: true, fontSize: fitFontSize(bin.code, CONTENT_WIDTH, [34, 30, 26, 22, 18, 16], 1), noWrap: true, margin: [0, 1, 0, 6] },
      binBarcode(bin.code),
    ],
    ...(last ? {} : { pageBreak: 'after' as const }),
  };
}

export function binLabelsDocument(data: BinLabelData): TDocumentDefinitions {
  return {
    pageSize: BIN_LABEL_PAGE,
    pageMargins: MARGIN,
    info: {
      title: translate(data.locale, 'documents.binLabel.title', { count: data.bins.length }),
      creator: 'LotDesk',
      producer: 'LotDesk',
      // Fixed: the same bins give the same bytes (a reprint is the same file).
      creationDate: new Date(0),
    },
    language: data.locale,
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10, lineHeight: 1.1 },
    content: data.bins.map((b, i) => binLabel(data.locale, b, i === data.bins.length - 1)),
  };
}

export async function renderBinLabelsPdf(data: BinLabelData): Promise<Buffer> {
  return createPdfBuffer(binLabelsDocument(data));
}
