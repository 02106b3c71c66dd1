/**
 * The lot label for Zebra-compatible thermal printers: the same content as the PDF label on
 * 4 × 6 in stock, as ZPL II text fields and a GS1-128 (or Code 128 without GTIN).
 */
import { labelText, lotLabelBarcode, type LotLabelData } from './lot-label';
import { code128Text, gs1Symbols, zplSymbolRows, zplText, type ZplSymbol } from './zpl';

export interface ZplLabelOptions {
  /** Printer resolution in dots per mm: 8 (203 dpi) or 12 (300 dpi). */
  dotsPerMm?: 8 | 12;
  /**
   * A printer-resident font with CJK glyphs (e.g. "E:SIMSUN.TTF") for text fields; the built-in
   * font 0 has none, so Chinese item names need one.
   */
  textFont?: string;
}

export function renderLotLabelZpl(data: LotLabelData, options: ZplLabelOptions = {}): string {
  const dpmm = options.dotsPerMm ?? 8;
  const d = (mm: number) => Math.round(mm * dpmm);
  const width = d(100);
  const margin = d(5);
  const inner = width - 2 * margin;
  const text = labelText(data);
  const font = (heightMm: number) => {
    const h = d(heightMm);
    return options.textFont ? `^A@N,${h},${h},${options.textFont}` : `^A0N,${h},${h}`;
  };
  const field = (x: number, y: number, heightMm: number, value: string, blockWidth = inner, lines = 1) =>
    `^FO${x},${y}${font(heightMm)}^FB${blockWidth},${lines},0,L^FH\\^FD${zplText(value)}^FS\n`;

  let zpl = `^XA\n^CI28\n^PW${width}\n^LL${d(150)}\n^LH0,0\n`;
  // Header: item name (two lines at most) and the status, reversed out of a black box.
  const statusWidth = d(30);
  zpl += field(margin, margin, 5, data.itemName, inner - statusWidth - d(3), 2);
  zpl += `^FO${width - margin - statusWidth},${margin}^GB${statusWidth},${d(9)},${d(9)}^FS\n`;
  zpl += `^FO${width - margin - statusWidth},${margin + d(2)}${font(4.5)}^FR^FB${statusWidth},1,0,C^FH\\^FD${zplText(text.status.toUpperCase())}^FS\n`;
  zpl += field(margin, margin + d(12), 3.5, `${text.caption('sku')}: ${data.sku}${data.gtin ? `   ${text.caption('gtin')}: ${data.gtin}` : ''}`);
  zpl += `^FO${margin},${margin + d(18)}^GB${inner},${d(0.5)},${d(0.5)}^FS\n`;

  // Lot code, large.
  zpl += field(margin, margin + d(21), 3, text.caption('lot').toUpperCase());
  zpl += field(margin, margin + d(25), 9, data.lotCode);

  // Dates and quantity in two columns.
  const col2 = margin + Math.round(inner / 2);
  const rows: [string, string | undefined, string, string | undefined][] = [
    [text.caption('expiry'), text.expiry, text.caption('quantity'), text.quantity],
    [text.caption('productionDate'), text.productionDate, text.created.caption, text.created.at],
    [text.caption('supplierLot'), data.supplierLot, text.caption('supplier'), data.supplierName],
  ];
  rows.forEach(([c1, v1, c2, v2], i) => {
    const y = margin + d(40 + i * 14);
    const size = i === 0 ? 6 : 4;
    // The last row (supplier lot, supplier) has room below it: a long supplier name wraps onto a
    // second line at its spaces, as on the PDF label, instead of running over the first.
    const lines = i === rows.length - 1 ? 2 : 1;
    zpl += field(margin, y, 3, c1.toUpperCase(), inner / 2);
    zpl += field(margin, y + d(4), size, v1 ?? '-', Math.round(inner / 2) - d(2), lines);
    zpl += field(col2, y, 3, c2.toUpperCase(), inner / 2);
    zpl += field(col2, y + d(4), size, v2 ?? '-', Math.round(inner / 2), lines);
    // The net weight in small type under the quantity, above the next row's captions.
    if (i === 0 && text.netWeight) zpl += field(col2, y + d(10.5), 3, text.netWeight, Math.round(inner / 2));
  });

  // A reprint says so in a reversed box above the barcodes, where no field runs.
  if (text.reprint) {
    const boxWidth = d(40);
    zpl += `^FO${width - margin - boxWidth},${d(88)}^GB${boxWidth},${d(7)},${d(7)}^FS\n`;
    zpl += `^FO${width - margin - boxWidth},${d(89)}${font(5)}^FR^FB${boxWidth},1,0,C^FH\\^FD${zplText(text.reprint)}^FS\n`;
  }

  // Barcode(s) at the bottom, each with its 10-module quiet zones on the label; when
  // (01)(17)(11)(10) needs bars narrower than a thermal printer prints reliably, the data goes
  // into two GS1-128s (fixed-length AIs, then the lot), as GS1 logistic labels do.
  const barcode = lotLabelBarcode(data);
  const symbols: ZplSymbol[] = barcode.kind === 'code128' ? [{ code: code128Text(barcode.text), hri: barcode.text }] : gs1Symbols(barcode.elementString.elements, inner, dpmm);
  const barHeight = symbols.length === 1 ? 18 : 13;
  const barY = d(150) - margin - symbols.length * d(barHeight + 6);
  zpl += `^FO${margin},${barY - d(3)}^GB${inner},${d(0.5)},${d(0.5)}^FS\n`;
  zpl += zplSymbolRows(symbols, { x: margin, y: barY, widthDots: inner, dotsPerMm: dpmm, heightDots: d(barHeight), pitchDots: d(barHeight + 6), hriField: (y, hri) => `^FO${margin},${y}${font(3)}^FB${inner},1,0,C^FH\\^FD${zplText(hri)}^FS\n` });
  return `${zpl}^XZ\n`;
}
