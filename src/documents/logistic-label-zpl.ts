/**
 * The GS1 logistic (SSCC) label for Zebra-compatible thermal printers: the PDF label's content on
 * 100 × 150 mm stock as ZPL II — ship from and to, order and SSCC, the contents in text, "REPRINT
 * n" in a reversed box, and GS1-128s at the bottom with the SSCC (00) as the last symbol. Where the
 * PDF carries a package's contents (00)(02)(17)(310n)(37)(10) in a DataMatrix, this label carries
 * them, without the (00) the SSCC symbol gives, in a GS1-128 above it (two when one would need
 * bars narrower than 0.25 mm), the GS1 logistic label's own layout; modules are whole dots.
 */
import { buildElementString } from '../domain/gs1/encode';
import { formatCalendarDate } from '../i18n/format';
import { translate, unitName } from '../i18n/translate';
import { contentElements, type LogisticLabelData } from './logistic-label';
import { gs1Symbols, zplSymbolRows, zplText } from './zpl';
import type { ZplLabelOptions } from './lot-label-zpl';

/** Content lines the label has room for; more are summed up as "+n". */
const MAX_LINES = 5;

export function renderLogisticLabelZpl(data: LogisticLabelData, options: ZplLabelOptions & { reprint?: number } = {}): string {
  const dpmm = options.dotsPerMm ?? 8;
  const d = (mm: number) => Math.round(mm * dpmm);
  const t = (key: string, params?: Record<string, unknown>) => translate(data.locale, `documents.logisticLabel.${key}`, params);
  const number = (q: number) => new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 }).format(q);
  const width = d(100);
  const margin = d(5);
  const inner = width - 2 * margin;
  const half = Math.round(inner / 2);
  const col2 = margin + half;
  const font = (heightMm: number) => {
    const h = d(heightMm);
    return options.textFont ? `^A@N,${h},${h},${options.textFont}` : `^A0N,${h},${h}`;
  };
  const field = (x: number, y: number, heightMm: number, value: string, blockWidth = inner, lines = 1, align = 'L') =>
    `^FO${x},${y}${font(heightMm)}^FB${blockWidth},${lines},0,${align}^FH\\^FD${zplText(value)}^FS\n`;
  const rule = (y: number, mm: number) => `^FO${margin},${y}^GB${inner},${d(mm)},${d(mm)}^FS\n`;

  let zpl = `^XA\n^CI28\n^PW${width}\n^LL${d(150)}\n^LH0,0\n`;
  // Parties: from (left) and to (right, larger: the address a carrier reads).
  zpl += field(margin, margin, 3, t('shipFrom').toUpperCase(), half - d(2));
  zpl += field(margin, margin + d(4), 3.5, data.shipFrom, half - d(2), 4);
  zpl += field(col2, margin, 3, t('shipTo').toUpperCase(), half);
  zpl += field(col2, margin + d(4), 4.5, data.shipTo, half, 3);
  zpl += rule(d(25), 0.75);
  // Order and SSCC, the SSCC grouped as printed under a logistic label's bars.
  zpl += field(margin, d(27), 3, t('order').toUpperCase(), d(30));
  zpl += field(margin, d(31), 5, data.orderNumber, d(30));
  zpl += field(margin + d(32), d(27), 3, 'SSCC', inner - d(32));
  zpl += field(margin + d(32), d(31), 5, data.sscc.replace(/^(\d)(\d{7})(\d{9})(\d)$/, '$1 $2 $3 $4'), inner - d(32));
  zpl += rule(d(38), 0.5);

  // Contents, a line each: item, lot, use-by date, quantity; the catch weight under its line.
  let y = d(40);
  const shown = data.lines.slice(0, MAX_LINES);
  for (const l of shown) {
    zpl += field(margin, y, 3.2, `${l.sku} ${l.itemName}`, inner);
    const expiry = l.expiryDate ? formatCalendarDate(data.locale, l.expiryDate) : '-';
    zpl += field(margin, y + d(4), 3.2, `${t('lot')} ${l.lotCode}   ${t('expiry')} ${expiry}   ${t('quantity')} ${number(l.quantity)} ${unitName(data.locale, l.unit)}`, inner);
    y += d(8.5);
    if (l.netWeightKg) {
      zpl += field(margin, y - d(0.5), 3.2, t('netWeight', { kg: number(l.netWeightKg) }), inner);
      y += d(4);
    }
  }
  if (data.lines.length > shown.length) zpl += field(margin, y, 3.2, `+${data.lines.length - shown.length}`, inner);

  const reprint = options.reprint ?? 0;
  if (reprint > 0) {
    const boxWidth = d(40);
    zpl += `^FO${width - margin - boxWidth},${d(82)}^GB${boxWidth},${d(7)},${d(7)}^FS\n`;
    zpl += `^FO${width - margin - boxWidth},${d(83)}${font(5)}^FR^FB${boxWidth},1,0,C^FH\\^FD${zplText(translate(data.locale, 'documents.reprint', { n: reprint }))}^FS\n`;
  }

  // The bars: the contents (without the (00) the SSCC symbol carries), then the SSCC, last.
  const content = contentElements(data);
  const symbols = [...(content ? gs1Symbols(content.elements.filter((e) => e.ai !== '00'), inner, dpmm) : []), ...gs1Symbols(buildElementString({ sscc: data.sscc }).elements, inner, dpmm)];
  const barHeight = [25, 18, 12][symbols.length - 1] ?? 10;
  const barY = d(150) - margin - symbols.length * d(barHeight + 6);
  zpl += rule(barY - d(3), 0.5);
  zpl += zplSymbolRows(symbols, { x: margin, y: barY, widthDots: inner, dotsPerMm: dpmm, heightDots: d(barHeight), pitchDots: d(barHeight + 6), hriField: (hy, hri) => field(margin, hy, 3, hri, inner, 1, 'C') });
  return `${zpl}^XZ\n`;
}
