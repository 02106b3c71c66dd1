/**
 * "REPRINT n" in the top margin of every page of a document printed before (issue 19): a second
 * delivery note, SSCC label, certificate or recall report is visibly a duplicate, as a lot label
 * is (the lot label draws its mark in its own layout, label-pdf.ts). The first print, and the
 * preview on screen, carry no mark.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';

export function reprintText(locale: Locale, reprint: number | undefined): string | undefined {
  return reprint && reprint > 0 ? translate(locale, 'documents.reprint', { n: reprint }) : undefined;
}

/** The page's left and right margins, whichever form pdfmake's pageMargins takes. */
function sideMargins(m: TDocumentDefinitions['pageMargins']): [number, number] {
  if (typeof m === 'number') return [m, m];
  if (Array.isArray(m)) return m.length === 4 ? [m[0], m[2]] : [m[0], m[0]];
  return [40, 40];
}

export function markReprint(doc: TDocumentDefinitions, locale: Locale, reprint: number | undefined): TDocumentDefinitions {
  const text = reprintText(locale, reprint);
  if (!text) return doc;
  const [left, right] = sideMargins(doc.pageMargins);
  // 8 pt at line height 1, 2 pt down, fits the 5 mm top margin of a 100 × 150 mm label (pdfmake
  // drops a header taller than its margin) as well as an A4 page's.
  return { ...doc, header: { text, alignment: 'right', bold: true, fontSize: 8, lineHeight: 1, margin: [left, 2, right, 0] } };
}
