/**
 * parseScan: one scan, as any scanner or person sends it, to validated GS1 elements or a typed
 * error. Pure, never throws, linear in the input length.
 */
import { aiDef, type AiDef } from './ai-index';
import { isDigits } from './charsets';
import { yearOf } from './dates';
import { looksLikeDigitalLink, readDigitalLink } from './digital-link';
import { readBracketed, readElementString } from './element-string';
import { ElementCollector } from './elements';
import { failure, type Gs1Failure } from './errors';
import { aimCarrier } from './symbology';
import type { Gs1Element, Gs1ParseResult, Gs1Scan, ParseOptions, Symbology } from './types';

const GTIN = aiDef('01') as AiDef;
/** Net weight in kg (310n), lb (320n) or troy ounces (356n); the first one counts. */
const NET_WEIGHT = /^3(10|20|56)\d$/;

/** An EAN-8, UPC-A (12, or 13 with a leading 0) or EAN-13 number as the GTIN-14 element (01). */
function readEan(s: string, start: number, out: ElementCollector): Gs1Failure | Symbology {
  const len = s.length - start;
  if ((len !== 8 && len !== 12 && len !== 13) || !isDigits(s, start)) {
    return failure('bad_format', start, undefined, {}, 'bad_format_ean');
  }
  // Offsets in the padded GTIN-14 line up with the input, so a check-digit error names the right character.
  const problem = out.add(GTIN, s.slice(start).padStart(14, '0'), start, start + len - 14);
  if (problem) return problem;
  return len === 8 ? 'EAN-8' : len === 12 || s[start] === '0' ? 'UPC-A' : 'EAN-13';
}

function read(s: string, out: ElementCollector): Gs1Failure | Symbology {
  const carrier = aimCarrier(s);
  const start = carrier ? 3 : 0;
  if (carrier?.kind === 'ean') return readEan(s, start, out);
  if (looksLikeDigitalLink(s, start)) return readDigitalLink(s, start, out) ?? 'Digital Link';
  // Plain Code 128, Data Matrix, QR… carry no FNC1, so their data is not GS1 even when it looks like it.
  if (carrier?.kind === 'plain') return failure('not_gs1', 0, undefined, { symbol: carrier.aim }, 'not_gs1_plain');
  if (!carrier && (s.length === 8 || s.length === 12 || s.length === 13) && isDigits(s)) return readEan(s, 0, out);
  if (s.charCodeAt(start) === 40 /* ( */) return readBracketed(s, start, out) ?? carrier?.symbology ?? 'HRI';
  return readElementString(s, start, out, !carrier) ?? carrier?.symbology ?? 'unknown';
}

/** The convenience fields, in a fixed order, from the elements (one pass, no lookups). */
function scanOf(symbology: Symbology, elements: Gs1Element[]): Gs1Scan {
  let gtin, content, sscc, batch, serial, expiry, bestBefore, productionDate, gln414, gln410: string | undefined;
  let netWeight: Gs1Scan['netWeight'];
  let count37, count30: number | undefined;
  for (const e of elements) {
    switch (e.ai) {
      case '00': sscc = e.value; break;
      case '01': gtin = e.value; break;
      case '02': content = e.value; break;
      case '10': batch = e.value; break;
      case '11': productionDate = e.decoded as string; break;
      case '15': bestBefore = e.decoded as string; break;
      case '17': expiry = e.decoded as string; break;
      case '21': serial = e.value; break;
      case '30': count30 = e.decoded as number; break;
      case '37': count37 = e.decoded as number; break;
      case '410': gln410 = e.value; break;
      case '414': gln414 = e.value; break;
      default:
        if (netWeight === undefined && NET_WEIGHT.test(e.ai)) netWeight = e.decoded as Gs1Scan['netWeight'];
    }
  }
  const scan: Gs1Scan = { ok: true, symbology, elements };
  if (gtin !== undefined || content !== undefined) scan.gtin = gtin ?? content;
  if (sscc !== undefined) scan.sscc = sscc;
  if (batch !== undefined) scan.batch = batch;
  if (serial !== undefined) scan.serial = serial;
  if (expiry !== undefined) scan.expiry = expiry;
  if (bestBefore !== undefined) scan.bestBefore = bestBefore;
  if (productionDate !== undefined) scan.productionDate = productionDate;
  if (netWeight !== undefined) scan.netWeight = netWeight;
  if (count37 !== undefined || count30 !== undefined) scan.count = count37 ?? count30;
  if (gln414 !== undefined || gln410 !== undefined) scan.gln = gln414 ?? gln410;
  return scan;
}

export function parseScan(input: string, options: ParseOptions = {}): Gs1ParseResult {
  let s = typeof input === 'string' ? input : '';
  // Scanners end a scan with Enter; a pasted scan often keeps it.
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 13 || s.charCodeAt(end - 1) === 10)) end--;
  if (end < s.length) s = s.slice(0, end);
  const sub = options.gsSubstitute;
  if (sub !== undefined) {
    if (sub.length !== 1) return failure('bad_format', 0, undefined, {}, 'bad_format_option');
    s = s.replaceAll(sub, '\x1d');
  }
  const out = new ElementCollector(yearOf(options.today));
  const result = read(s, out);
  if (typeof result !== 'string') return result;
  if (out.elements.length === 0) return failure('empty', 0);
  const problem = out.checkAssociations(options.requireAssociations ?? true);
  return problem ?? scanOf(result, out.elements);
}
