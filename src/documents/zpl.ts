/**
 * GS1-128 for Zebra thermal printers (ZPL II). We plan the Code 128 subsets ourselves instead
 * of relying on printer firmware: `^BC` in mode N takes the data literally, with invocation
 * codes `>;` (start C), `>:` (start B), `>5` (to C), `>6` (to B), `>8` (FNC1). Subset C packs
 * digit pairs, so a digit run of odd length must leave one digit in subset B — otherwise the
 * printer silently drops the unpaired digit and the barcode carries wrong data.
 */
import { GS_SEPARATOR, type EncodedElement, formatElementString, hasPredefinedLength } from '../domain/gs1/encode';

/** A Code 128 data token: a character, or FNC1. */
type Token = string | typeof FNC1;
const FNC1 = Symbol('FNC1');

type Subset = 'B' | 'C';

export class ZplError extends Error {
  override readonly name = 'ZplError';
  constructor(
    readonly code: 'unencodable' | 'empty',
    message: string,
  ) {
    super(message);
  }
}

const isDigit = (t: Token | undefined): boolean => typeof t === 'string' && t >= '0' && t <= '9';

/**
 * Fewest-codeword subset plan (dynamic programming over B and C). Subset A is never needed:
 * GS1 data is printable ASCII, all of it in subset B.
 */
function planSubsets(tokens: Token[]): { start: Subset; steps: { subset: Subset; take: number }[] } {
  const n = tokens.length;
  // cost[i][s]: codewords needed for tokens[i..] when currently in subset s.
  const costB = new Array<number>(n + 1).fill(0);
  const costC = new Array<number>(n + 1).fill(0);
  const stayC = (i: number): number => {
    if (tokens[i] === FNC1) return 1 + costC[i + 1];
    if (isDigit(tokens[i]) && isDigit(tokens[i + 1])) return 1 + costC[i + 2];
    return Infinity;
  };
  for (let i = n - 1; i >= 0; i--) {
    const stayB = 1 + costB[i + 1];
    const c = stayC(i);
    costB[i] = Math.min(stayB, 1 + c);
    costC[i] = Math.min(c, 1 + stayB);
  }
  const steps: { subset: Subset; take: number }[] = [];
  let subset: Subset = costC[0] <= costB[0] ? 'C' : 'B';
  const start = subset;
  for (let i = 0; i < n; ) {
    const inC = stayC(i);
    const inB = 1 + costB[i + 1];
    if (subset === 'C' && inC > 1 + inB) subset = 'B';
    else if (subset === 'B' && inB > 1 + inC) subset = 'C';
    const take = subset === 'C' && tokens[i] !== FNC1 ? 2 : 1;
    steps.push({ subset, take });
    i += take;
  }
  return { start, steps };
}

/** Code 128 `^FD` content in ZPL invocation-code syntax, and the symbol's width in modules. */
function code128FieldData(tokens: Token[]): Code128Field {
  if (tokens.length === 0) throw new ZplError('empty', 'Nothing to encode');
  for (const t of tokens) {
    if (t !== FNC1 && (t < ' ' || t > '~' || t === '^' || t === '~')) {
      throw new ZplError('unencodable', `Character ${JSON.stringify(t)} cannot be printed in a ZPL Code 128 field`);
    }
  }
  const { start, steps } = planSubsets(tokens);
  let out = start === 'C' ? '>;' : '>:';
  let current = start;
  let i = 0;
  let codewords = 1 + steps.length; // start + data (a step is one codeword)
  for (const { subset, take } of steps) {
    if (subset !== current) {
      out += subset === 'C' ? '>5' : '>6';
      codewords++;
    }
    current = subset;
    for (let k = 0; k < take; k++) {
      const t = tokens[i++];
      // ">" starts an invocation code, so a literal ">" is written "><".
      out += t === FNC1 ? '>8' : t === '>' ? '><' : t;
    }
  }
  // Every codeword is 11 modules, plus the check character and the 13-module stop.
  return { fieldData: out, modules: (codewords + 1) * 11 + 13 };
}

export interface Code128Field {
  /** `^FD` content for `^BC` in mode N. */
  fieldData: string;
  /** Symbol width in modules without quiet zones, to choose the module width (^BY). */
  modules: number;
}

/** `^FD` content of a GS1-128 for elements in the given order: leading FNC1, FNC1 as separator where GS1 needs one. */
export function gs1_128FieldData(elements: EncodedElement[]): Code128Field {
  const { gs } = formatElementString(elements);
  return code128FieldData([FNC1, ...[...gs].map((c) => (c === GS_SEPARATOR ? FNC1 : c))]);
}

/** `^FD` content of a plain Code 128 (internal lot codes without GTIN). */
export function code128Text(text: string): Code128Field {
  return code128FieldData([...text]);
}

export interface ZplBarcodeLayout {
  /** Field origin in dots. */
  x: number;
  y: number;
  /** Module width in dots (^BY), 2–4 on a 203 dpi printer. */
  moduleDots?: number;
  heightDots?: number;
  /** Human-readable line under the bars (our own text field: the printer's would print the raw data). */
  hri?: string;
  /** Width of the area the HRI is centred in, in dots. */
  hriWidthDots?: number;
}

/** A Code 128 `^BC` field in mode N (data taken literally), followed by its HRI line. */
export function zplCode128Field(fieldData: string, layout: ZplBarcodeLayout): string {
  const module = layout.moduleDots ?? 2;
  const height = layout.heightDots ?? 120;
  let zpl = `^FO${layout.x},${layout.y}^BY${module}^BCN,${height},N,N,N,N^FD${fieldData}^FS\n`;
  if (layout.hri) {
    const width = layout.hriWidthDots ?? 760;
    zpl += `^FO${layout.x},${layout.y + height + 8}^A0N,26,26^FB${width},1,0,C^FH\\^FD${zplText(layout.hri)}^FS\n`;
  }
  return zpl;
}

/**
 * Text for a `^FH\`-enabled field: the three characters ZPL would interpret (^ ~ \) as hex
 * escapes; everything else, including UTF-8 (Chinese, with ^CI28), as is.
 */
export function zplText(text: string): string {
  return text.replace(/[\\^~]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A complete one-barcode label (^XA … ^XZ) for `lotdesk gs1 encode --format zpl`. */
export function gs1_128Zpl(elements: EncodedElement[]): string {
  const { hri } = formatElementString(elements);
  return `^XA\n^CI28\n${zplCode128Field(gs1_128FieldData(elements).fieldData, { x: 30, y: 30, hri })}^XZ\n`;
}

/** A symbol to draw: its Code 128 field data and its human-readable line. */
export interface ZplSymbol {
  code: Code128Field;
  hri: string;
}

/**
 * Module widths are whole dots between ~0.25 mm (2 dots at 203 dpi, 3 at 300: a thermal printer
 * cannot print narrower bars reliably) and ~0.5 mm.
 */
function moduleRange(dotsPerMm: number): { narrowest: number; widest: number } {
  return { narrowest: Math.ceil(0.25 * dotsPerMm), widest: Math.round(0.5 * dotsPerMm) };
}

/**
 * GS1-128 symbols for elements within `widthDots` (10-module quiet zones included): one symbol
 * when it fits at the narrowest module, else two — the predefined-length AIs, then the rest — as
 * GS1 logistic labels do.
 */
export function gs1Symbols(elements: EncodedElement[], widthDots: number, dotsPerMm: number): ZplSymbol[] {
  const whole = gs1_128FieldData(elements);
  if ((whole.modules + 20) * moduleRange(dotsPerMm).narrowest <= widthDots) return [{ code: whole, hri: formatElementString(elements).hri }];
  return [elements.filter((e) => hasPredefinedLength(e.ai)), elements.filter((e) => !hasPredefinedLength(e.ai))]
    .filter((part) => part.length > 0)
    .map((part) => ({ code: gs1_128FieldData(part), hri: formatElementString(part).hri }));
}

/**
 * Symbols one under the other from `y`, each centred in the width at the widest whole-dot module
 * that fits with its quiet zones, its HRI line (`hriField`) under it; `pitchDots` from one top to
 * the next.
 */
export function zplSymbolRows(
  symbols: ZplSymbol[],
  layout: { x: number; y: number; widthDots: number; dotsPerMm: number; heightDots: number; pitchDots: number; hriField: (y: number, text: string) => string },
): string {
  const { widest } = moduleRange(layout.dotsPerMm);
  let zpl = '';
  let y = layout.y;
  for (const { code, hri } of symbols) {
    const moduleDots = Array.from({ length: widest }, (_, i) => widest - i).find((m) => (code.modules + 20) * m <= layout.widthDots) ?? 1;
    const x = layout.x + Math.round((layout.widthDots - code.modules * moduleDots) / 2);
    zpl += zplCode128Field(code.fieldData, { x, y, moduleDots, heightDots: layout.heightDots });
    zpl += layout.hriField(y + layout.heightDots + Math.round(layout.dotsPerMm), hri);
    y += layout.pitchDots;
  }
  return zpl;
}
