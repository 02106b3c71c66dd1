/**
 * Barcode images with bwip-js: GS1-128, GS1 DataMatrix, GS1 QR (from the bracketed HRI form,
 * linted by bwip-js including AI associations) and plain Code 128 for internal codes.
 *
 * bwip-js draws with a transparent background and no quiet zone; a decoder reading a PNG then
 * sees bars on black, or bars touching the edge, and finds nothing. So every PNG here gets a
 * white background and the quiet zone the symbology requires.
 */
import bwipjs from 'bwip-js/node';

export type Symbology = 'gs1-128' | 'gs1-datamatrix' | 'gs1-qr' | 'code128';
export const SYMBOLOGIES: readonly Symbology[] = ['gs1-128', 'gs1-datamatrix', 'gs1-qr', 'code128'];

export interface BarcodeOptions {
  /** Pixels per bwip unit in PNGs (default 2): one unit is one module of a linear symbol, half a module of a matrix one. */
  scale?: number;
  /** Bar height of linear symbols in millimetres (never applied to matrix symbols: bwip-js would distort them). */
  barHeightMm?: number;
}

/**
 * bwip-js rejected the data. `code` is BWIPP's error name (e.g. GS1badChecksum,
 * GS1missingAIs, GS1badCSET82character); `message` its explanation (e.g. "AI 01: Bad checksum").
 */
export class BarcodeError extends Error {
  override readonly name = 'BarcodeError';
  constructor(
    readonly code: string,
    message: string,
    readonly symbology: Symbology,
  ) {
    super(message);
  }
}

interface SymbologySpec {
  bcid: string;
  gs1: boolean;
  linear: boolean;
  /** Quiet zone in bwip units on each side (linear: 10 modules; DataMatrix ≥ 1, QR 4 modules). */
  quietX: number;
  quietY: number;
}

const SPECS: Record<Symbology, SymbologySpec> = {
  'gs1-128': { bcid: 'gs1-128', gs1: true, linear: true, quietX: 10, quietY: 4 },
  code128: { bcid: 'code128', gs1: false, linear: true, quietX: 10, quietY: 4 },
  'gs1-datamatrix': { bcid: 'gs1datamatrix', gs1: true, linear: false, quietX: 4, quietY: 4 },
  'gs1-qr': { bcid: 'gs1qrcode', gs1: true, linear: false, quietX: 8, quietY: 8 },
};

function bwipOptions(symbology: Symbology, data: string, options: BarcodeOptions) {
  const spec = SPECS[symbology];
  if (typeof data !== 'string' || data.length === 0) {
    throw new BarcodeError('emptyData', 'Nothing to encode', symbology);
  }
  // BWIPP doubles every "%" in GS1 QR data, but the QR standard (ISO/IEC 18004 7.4.8.1)
  // undoubles only in alphanumeric segments: a "%" that lands in a byte segment (next to a
  // lower-case letter, say) is read back as "%%". Refuse rather than print wrong data.
  if (symbology === 'gs1-qr' && data.includes('%')) {
    throw new BarcodeError('percentInGs1Qr', 'GS1 QR cannot carry "%" reliably with bwip-js; use GS1 DataMatrix', symbology);
  }
  return {
    bcid: spec.bcid,
    text: data,
    // `parse` reads the bracketed AI syntax; `lintreqs` also checks req=/ex= associations.
    ...(spec.gs1 ? { parse: true, lintreqs: true } : {}),
    ...(spec.linear ? { height: options.barHeightMm ?? 15 } : {}),
  };
}

/** Turns "bwipp.GS1badChecksum#3251: AI 01: Bad checksum" into a BarcodeError. */
function toBarcodeError(err: unknown, symbology: Symbology): BarcodeError {
  const text = err instanceof Error ? err.message : String(err);
  const m = /^bwipp\.(\w+)#\d+:\s*(.*)$/s.exec(text);
  if (m) return new BarcodeError(m[1], m[2], symbology);
  const js = /^bwip-js:\s*(.*)$/s.exec(text);
  return new BarcodeError('renderFailed', js ? js[1] : text, symbology);
}

/** A PNG on white with the quiet zone included, ready for a printer, a screen or a decoder. */
export async function renderBarcodePng(symbology: Symbology, data: string, options: BarcodeOptions = {}): Promise<Buffer> {
  const spec = SPECS[symbology];
  const opts = {
    ...bwipOptions(symbology, data, options),
    scale: options.scale ?? 2,
    backgroundcolor: 'FFFFFF',
    paddingwidth: spec.quietX,
    paddingheight: spec.quietY,
  };
  try {
    return await bwipjs.toBuffer(opts);
  } catch (err) {
    throw toBarcodeError(err, symbology);
  }
}

/** A dark rectangle of a symbol, in modules from its top-left corner. */
export interface ModuleRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarcodeModules {
  /** Size in modules, so a layout can pick an exact X-dimension (module width); a linear symbol is one module high and stretched to its bar height. */
  modulesWide: number;
  modulesHigh: number;
  /** The dark parts, without background or quiet zone: the document that places them leaves the white space. */
  rects: ModuleRect[];
}

/** Runs of dark modules in a matrix row, merged down while the next rows repeat them: few rectangles and no seams between rows. */
function matrixRects(pixs: number[], wide: number, high: number): ModuleRect[] {
  const rects: ModuleRect[] = [];
  const open = new Map<string, ModuleRect>();
  for (let y = 0; y < high; y++) {
    const seen = new Set<string>();
    for (let x = 0; x < wide; x++) {
      if (!pixs[y * wide + x]) continue;
      let end = x;
      while (end + 1 < wide && pixs[y * wide + end + 1]) end++;
      const key = `${x}:${end}`;
      const above = open.get(key);
      if (above) above.h++;
      else {
        const rect = { x, y, w: end - x + 1, h: 1 };
        rects.push(rect);
        open.set(key, rect);
      }
      seen.add(key);
      x = end;
    }
    for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
  }
  return rects;
}

/**
 * The symbol as rectangles, for PDFs: pdfmake draws them as vector paths, sharp at any printer
 * resolution. bwip-js encodes only (its `raw`), with no SVG to write and parse again: 100 labels
 * spent more than half their PDF time there.
 */
export function renderBarcodeModules(symbology: Symbology, data: string): BarcodeModules {
  const spec = SPECS[symbology];
  let raw: ({ sbs: number[] } | { pixs: number[]; pixx: number; pixy: number })[];
  try {
    raw = bwipjs.raw(bwipOptions(symbology, data, {})) as typeof raw;
  } catch (err) {
    throw toBarcodeError(err, symbology);
  }
  const symbol = raw[0];
  if (spec.linear && symbol && 'sbs' in symbol) {
    // Bar, space, bar, … widths in modules, starting with a bar.
    const rects: ModuleRect[] = [];
    let x = 0;
    symbol.sbs.forEach((width, i) => {
      if (i % 2 === 0) rects.push({ x, y: 0, w: width, h: 1 });
      x += width;
    });
    return { modulesWide: x, modulesHigh: 1, rects };
  }
  if (!spec.linear && symbol && 'pixs' in symbol) {
    return { modulesWide: symbol.pixx, modulesHigh: symbol.pixy, rects: matrixRects(symbol.pixs, symbol.pixx, symbol.pixy) };
  }
  throw new BarcodeError('renderFailed', 'bwip-js returned no symbol', symbology);
}

/** Checks GS1 data the way rendering would, without drawing anything. */
export function lintGs1(data: string, symbology: Extract<Symbology, 'gs1-128' | 'gs1-datamatrix' | 'gs1-qr'> = 'gs1-128'): void {
  try {
    bwipjs.raw({ ...bwipOptions(symbology, data, {}) });
  } catch (err) {
    throw toBarcodeError(err, symbology);
  }
}
