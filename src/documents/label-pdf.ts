/**
 * The lot label as a PDF page of 100 × 150 mm (4 × 6 in, the common thermal label stock):
 * item, SKU, the internal lot code in large type, dates, quantity, status, a GS1 DataMatrix and a
 * GS1-128 carrying (01)(17)(11)(10) — or, for items without a GTIN, a Code 128 of the lot code.
 * Monochrome only: thermal printers have one colour.
 */
import type { Content, ContentStack, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderBarcodeModules } from './barcode';
import { barcodeCanvas } from './barcode-canvas';
import { PDF_FONT_FAMILY } from './fonts';
import { labelText, lotLabelBarcode, type LotLabelData } from './lot-label';
import { createPdfBuffer } from './pdf';
import { translate } from '../i18n/translate';

export type { LotLabelData } from './lot-label';

/** The 100 × 150 mm label page, shared with the logistic (SSCC) label. */
export const MM = 72 / 25.4;
export const PAGE = { width: 100 * MM, height: 150 * MM };
export const MARGIN = 5 * MM;
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

/** Module widths tried for the GS1-128, widest first; each is a whole number of dots at 203 or 300 dpi. */
const LINEAR_X_MM = [0.5, 0.375, 0.338, 0.254];
export const LINEAR_BAR_HEIGHT_MM = 18;
const LINEAR_QUIET_MODULES = 10;
const MATRIX_BOX_MM = 28;
const MATRIX_MAX_X_MM = 0.75;

/**
 * Advance of a string in em, close to Noto Sans bold (a little wide for the regular weight): CJK
 * characters and full-width forms 1 em, Latin by letter class, accented letters as their base.
 */
function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (ch.codePointAt(0)! >= 0x2e80) em += 1;
    else if (/[MWmw@%]/.test(ch)) em += 0.9;
    else if (/\p{Lu}/u.test(ch)) em += 0.68;
    else if (/[\p{Ll}\p{Nd}#$&?_]/u.test(ch)) em += 0.58;
    else em += 0.36; // punctuation, I, space
  }
  return em;
}

/** Largest size from `sizes` at which `text` fits in `lines` lines of `width` points. */
export function fitFontSize(text: string, width: number, sizes: number[], lines: number): number {
  for (const size of sizes) if (emWidth(text) * size <= width * lines * 0.95) return size;
  return sizes[sizes.length - 1];
}

/** Cuts `text` with an ellipsis so it fits `lines` lines at `size`: a label has no second page. */
function truncateToFit(text: string, width: number, size: number, lines: number): string {
  if (emWidth(text) * size <= width * lines * 0.9) return text;
  const chars = [...text];
  while (chars.length > 1 && (emWidth(chars.join('')) + 1) * size > width * lines * 0.9) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** A line breaks at spaces and between any two CJK characters, as Chinese does; a Latin word stays whole. */
const WRAP_PIECES = /[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/gu;
/** The same, with each run of CJK characters one piece: a Chinese name kept whole on its line. */
const RUN_PIECES = /[\u2e80-\uffff]+|[^\s\u2e80-\uffff]+|\s+/gu;

/**
 * `text` wrapped into lines of `width` at `size` (with a margin for the width estimate): greedily
 * at spaces, and a run of Chinese characters stays whole on a line when it fits one, so
 * "Hangzhou Tea Co. 杭州茶业" ends "杭州茶业" on the second line instead of leaving "业" there
 * alone. A run wider than a line breaks between its characters.
 */
function wrapLines(text: string, width: number, size: number, keepRuns: boolean): string[] {
  const room = width * 0.95;
  const pieces = (text.match(keepRuns ? RUN_PIECES : WRAP_PIECES) ?? []).flatMap((p) => (emWidth(p) * size > room && /^[\u2e80-\uffff]+$/u.test(p) ? [...p] : [p]));
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (piece.trim() && line.trim() && emWidth(line.trimEnd() + piece) * size > room) {
      lines.push(line.trim());
      line = piece;
    } else line += piece;
  }
  if (line.trim() || !lines.length) lines.push(line.trim());
  return lines;
}

/** The lines of `text` within `lines` if it can be: Chinese runs kept whole when that still fits, else broken anywhere between characters. */
function layoutLines(text: string, width: number, size: number, lines: number): string[] {
  const kept = wrapLines(text, width, size, true);
  return kept.length <= lines ? kept : wrapLines(text, width, size, false);
}

/**
 * A name fitted to `lines` lines of `width` without breaking a word: the largest size from `sizes`
 * at which every word fits a line and the whole wraps into the lines; at the smallest size what
 * does not fit is cut with an ellipsis. A word wider than its column broke mid-word, and pushed
 * the label's right-hand column off the page. The answer's text has its line breaks in it, so
 * the PDF wraps where the estimate did (the layout engine filled the first line to the last
 * character it could and orphaned the end of a Chinese name).
 */
export function fitWords(text: string, width: number, sizes: number[], lines: number): { text: string; fontSize: number } {
  const fits = (t: string, size: number) => (t.match(WRAP_PIECES) ?? []).every((p) => emWidth(p) * size <= width * 0.95) && layoutLines(t, width, size, lines).length <= lines;
  const fitted = (t: string, size: number) => ({ text: layoutLines(t, width, size, lines).join('\n'), fontSize: size });
  const fontSize = sizes.find((size) => fits(text, size)) ?? sizes[sizes.length - 1];
  if (fits(text, fontSize)) return fitted(text, fontSize);
  const shortened = text.replace(/[^\s\u2e80-\uffff]+/gu, (word) => (emWidth(word) * fontSize <= width * 0.95 ? word : truncateToFit(word, width, fontSize, 1)));
  // Cut at a word (or between Chinese characters), never inside one.
  const pieces = shortened.match(WRAP_PIECES) ?? [];
  while (pieces.length > 1) {
    pieces.pop();
    const cut = `${pieces.join('').trimEnd()}…`;
    if (fits(cut, fontSize)) return fitted(cut, fontSize);
  }
  return { text: shortened, fontSize };
}

export function linearBarcode(kind: 'gs1-128' | 'code128', data: string, hri: string): Content {
  const symbol = renderBarcodeModules(kind, data);
  const modules = symbol.modulesWide + 2 * LINEAR_QUIET_MODULES;
  const fitted = CONTENT_WIDTH / MM / modules;
  const xMm = LINEAR_X_MM.find((x) => x <= fitted) ?? fitted;
  return {
    stack: [
      barcodeCanvas(symbol, xMm * MM, { height: LINEAR_BAR_HEIGHT_MM * MM, alignment: 'center' }),
      { text: hri, fontSize: fitFontSize(hri, CONTENT_WIDTH, [9, 8, 7, 6], 1), alignment: 'center', margin: [0, 3, 0, 0] },
    ],
  };
}

function dataMatrix(hri: string): Content {
  const symbol = renderBarcodeModules('gs1-datamatrix', hri);
  const xMm = Math.min(MATRIX_MAX_X_MM, MATRIX_BOX_MM / symbol.modulesWide);
  return barcodeCanvas(symbol, xMm * MM, { alignment: 'right' });
}

/**
 * A caption over a value, at `fit.fontSize` when given; `fit.oneLine` keeps a code or a time whole
 * instead of breaking it at a space or hyphen.
 */
export function field(caption: string, value: string | undefined, emphasis = false, fit?: { fontSize: number; oneLine?: boolean }): ContentStack {
  return {
    stack: [
      { text: caption.toUpperCase(), fontSize: 7, characterSpacing: 0.4 },
      { text: value ?? '—', fontSize: fit?.fontSize ?? (emphasis ? 14 : 10.5), bold: emphasis, noWrap: Boolean(fit?.oneLine), margin: [0, 1, 0, 0] },
    ],
    margin: [0, 0, 6, 0],
  };
}

/** A field with a small line under its value (the net weight under the quantity). */
function withNote(f: ContentStack, note: string | undefined): ContentStack {
  return note ? { ...f, stack: [...f.stack, { text: note, fontSize: 8.5, margin: [0, 1, 0, 0] }] } : f;
}

export const rule = (weight: number, gap = 5): Content => ({
  canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: weight }],
  margin: [0, gap, 0, gap],
});

export function lotLabelDocument(data: LotLabelData): TDocumentDefinitions {
  const text = labelText(data);
  const barcode = lotLabelBarcode(data);
  const hri = barcode.kind === 'gs1' ? barcode.elementString.hri : barcode.text;
  const hasMatrix = barcode.kind === 'gs1';

  const statusWidth = 30 * MM;
  const nameWidth = CONTENT_WIDTH - statusWidth - 6;
  const header: Content = {
    columns: [
      {
        width: '*',
        stack: [
          { text: truncateToFit(data.itemName, nameWidth, 11, 2), bold: true, fontSize: fitFontSize(data.itemName, nameWidth, [16, 14, 12, 11], 2), lineHeight: 1.05 },
          {
            text: [{ text: `${text.caption('sku')}  `, fontSize: 7 }, { text: data.sku, fontSize: 11, bold: true }],
            margin: [0, 4, 0, 0],
          },
          ...(data.gtin
            ? [{ text: [{ text: `${text.caption('gtin')}  `, fontSize: 7 }, { text: data.gtin, fontSize: 10 }] } as Content]
            : []),
        ],
      },
      {
        width: statusWidth,
        stack: [
          {
            table: {
              widths: ['*'],
              body: [[{ text: text.status.toUpperCase(), color: 'white', bold: true, fontSize: 11, alignment: 'center', margin: [2, 4, 2, 4] }]],
            },
            layout: { fillColor: () => 'black', hLineWidth: () => 0, vLineWidth: () => 0 },
          },
          ...(text.reprint ? [{ text: text.reprint, fontSize: 10, alignment: 'center', margin: [0, 3, 0, 0] } as Content] : []),
        ],
      },
    ],
    columnGap: 6,
  };

  const matrixWidth = hasMatrix ? MATRIX_BOX_MM * MM : 0;
  const lotWidth = CONTENT_WIDTH - matrixWidth - (hasMatrix ? 8 : 0);
  const lotBlock: Content = {
    columns: [
      {
        width: '*',
        stack: [
          { text: text.caption('lot').toUpperCase(), fontSize: 8, characterSpacing: 0.4 },
          { text: data.lotCode, bold: true, fontSize: fitFontSize(data.lotCode, lotWidth, [30, 26, 22, 19, 16, 14, 12], 1) },
        ],
      },
      ...(hasMatrix ? [{ width: matrixWidth, stack: [dataMatrix(hri)] } as Content] : []),
    ],
    columnGap: 8,
  };

  // A value's width in its half of the table (a field keeps 6 pt to its right).
  const valueWidth = CONTENT_WIDTH / 2 - 6;
  // Date and time stay on one line: in Chinese the time used to wrap under the date.
  const createdSize = fitFontSize(text.created.at, valueWidth, [10.5, 10, 9.5, 9, 8.5, 7.5], 1);
  const supplier = data.supplierName ? fitWords(data.supplierName, valueWidth, [10.5, 9.5, 8.5, 7.5], 2) : undefined;
  const fields: Content = {
    table: {
      widths: ['*', '*'],
      body: [
        [field(text.caption('expiry'), text.expiry, true), withNote(field(text.caption('quantity'), text.quantity, true), text.netWeight)],
        [field(text.caption('productionDate'), text.productionDate), field(text.created.caption, text.created.at, false, { fontSize: createdSize, oneLine: true })],
        [field(text.caption('supplierLot'), data.supplierLot), field(text.caption('supplier'), supplier?.text, false, supplier)],
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
  };

  const bottomHeight = (LINEAR_BAR_HEIGHT_MM + 9) * MM;
  const bottom: Content = {
    absolutePosition: { x: MARGIN, y: PAGE.height - MARGIN - bottomHeight },
    stack: [
      rule(1.5, 0),
      { ...(linearBarcode(barcode.kind === 'gs1' ? 'gs1-128' : 'code128', hri, hri) as object), margin: [0, 6, 0, 0] } as Content,
    ],
  };

  return {
    pageSize: PAGE,
    pageMargins: MARGIN,
    info: {
      title: translate(data.locale, 'documents.lotLabel.title', { lot: data.lotCode }),
      creator: 'LotDesk',
      producer: 'LotDesk',
      creationDate: new Date(data.receivedAt),
    },
    language: data.locale,
    defaultStyle: { font: PDF_FONT_FAMILY, fontSize: 10, lineHeight: 1.1 },
    content: [header, rule(2, 6), lotBlock, rule(0.75, 6), fields, bottom],
  };
}

/** The lot label as PDF bytes; the same data gives the same bytes. */
export async function renderLotLabelPdf(data: LotLabelData): Promise<Buffer> {
  return createPdfBuffer(lotLabelDocument(data));
}

/** Many lot labels in one PDF, one label a page (a receipt's labels printed as one job). */
export async function renderLotLabelsPdf(labels: LotLabelData[]): Promise<Buffer> {
  if (labels.length === 0) throw new RangeError('No labels to render');
  const docs = labels.map(lotLabelDocument);
  return createPdfBuffer({ ...docs[0], content: docs.map((d, i) => ({ stack: d.content as Content[], ...(i > 0 ? { pageBreak: 'before' as const } : {}) })) });
}
