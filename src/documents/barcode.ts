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

export interface BarcodeSvg {
  /** SVG without background or quiet zone: the document that places it leaves the white space. */
  svg: string;
  /** Size in modules, so a layout can pick an exact X-dimension (module width). */
  modulesWide: number;
  modulesHigh: number;
}

/** Vector form for PDFs: stays sharp at any printer resolution. */
export function renderBarcodeSvg(symbology: Symbology, data: string, options: BarcodeOptions = {}): BarcodeSvg {
  const spec = SPECS[symbology];
  let svg: string;
  try {
    svg = bwipjs.toSVG({ ...bwipOptions(symbology, data, options), scale: 1 });
  } catch (err) {
    throw toBarcodeError(err, symbology);
  }
  const box = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  if (!box) throw new BarcodeError('renderFailed', 'bwip-js returned an SVG without a viewBox', symbology);
  // At scale 1 a linear module is one unit wide; a matrix module is two units square.
  const unitsPerModule = spec.linear ? 1 : 2;
  return {
    svg,
    modulesWide: Number(box[1]) / unitsPerModule,
    modulesHigh: Number(box[2]) / unitsPerModule,
  };
}

/** Checks GS1 data the way rendering would, without drawing anything. */
export function lintGs1(data: string, symbology: Extract<Symbology, 'gs1-128' | 'gs1-datamatrix' | 'gs1-qr'> = 'gs1-128'): void {
  try {
    bwipjs.raw({ ...bwipOptions(symbology, data, {}) });
  } catch (err) {
    throw toBarcodeError(err, symbology);
  }
}
