/**
 * GS1 Digital Link URIs on any domain: https://host[/any/prefix]/{key}/{value}[/{qualifier}/{value}…][?{ai}={value}&…].
 * The primary key and its qualifiers come from the path (order checked against the dictionary's
 * dlpkey=), data attributes from the query; query parameters that are not AIs are ignored.
 */
import { aiDef, type AiDef } from './ai-index';
import { isDigits } from './charsets';
import type { ElementCollector } from './elements';
import { failure, type Gs1Failure } from './errors';

interface Segment {
  text: string;
  /** 0-based offset of the raw (still percent-encoded) text in the input. */
  at: number;
  /** Whether decoding changed the text, so offsets inside it no longer match the input. */
  decoded: boolean;
}

/** True when s[start…] starts like a Digital Link (an http or https URI). */
export function looksLikeDigitalLink(s: string, start: number): boolean {
  const head = s.slice(start, start + 8).toLowerCase();
  return head.startsWith('https://') || head.startsWith('http://');
}

const hex = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

/** Percent-decodes s[from, to) byte by byte; a byte above 0x7F becomes a character no GS1 set holds. */
function segment(s: string, from: number, to: number): Segment | number {
  const raw = s.slice(from, to);
  if (!raw.includes('%')) return { text: raw, at: from, decoded: false };
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '%') {
      text += raw[i];
      continue;
    }
    const hi = hex(raw.charCodeAt(i + 1));
    const lo = hex(raw.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return from + i;
    text += String.fromCharCode(hi * 16 + lo);
    i += 2;
  }
  return { text, at: from, decoded: true };
}

/** Splits s[from, to) at `sep` into decoded segments, or returns the offset of a broken escape. */
function split(s: string, from: number, to: number, sep: string): Segment[] | number {
  const out: Segment[] = [];
  let start = from;
  while (start <= to) {
    let stop = s.indexOf(sep, start);
    if (stop < 0 || stop > to) stop = to;
    const seg = segment(s, start, stop);
    if (typeof seg === 'number') return seg;
    out.push(seg);
    start = stop + 1;
  }
  return out;
}

/** The AI a path segment or query key names, if it is one. */
function asAi(seg: Segment): AiDef | undefined {
  return isDigits(seg.text) ? aiDef(seg.text) : undefined;
}

/** Qualifier AIs in path order must follow one of the key's dlpkey sequences, skipping is allowed. */
function qualifierOrderBreak(key: AiDef, qualifiers: readonly string[]): number {
  let best = 0;
  for (const sequence of key.dlpkey ?? []) {
    let k = 0;
    let n = 0;
    for (const q of qualifiers) {
      while (k < sequence.length && sequence[k] !== q) k++;
      if (k === sequence.length) break;
      k++;
      n++;
    }
    if (n === qualifiers.length) return -1;
    best = Math.max(best, n);
  }
  return best;
}

/** A GTIN in a URI may be written as GTIN-8, -12 or -13; the element carries it as GTIN-14. */
function keyValue(key: AiDef, value: string): string {
  return key.ai === '01' && (value.length === 8 || value.length === 12 || value.length === 13) && isDigits(value)
    ? value.padStart(14, '0')
    : value;
}

export function readDigitalLink(s: string, start: number, out: ElementCollector): Gs1Failure | null {
  const hostStart = s.indexOf('://', start) + 3;
  let pathStart = hostStart;
  while (pathStart < s.length && s[pathStart] !== '/' && s[pathStart] !== '?' && s[pathStart] !== '#') pathStart++;
  if (pathStart === hostStart) return failure('bad_digital_link', hostStart, undefined, {}, 'dl_not_uri');
  const hash = s.indexOf('#', pathStart);
  const end = hash < 0 ? s.length : hash;
  const mark = s.indexOf('?', pathStart);
  const q = mark >= 0 && mark < end ? mark : -1;
  const pathEnd = q < 0 ? end : q;

  const segs = pathStart < pathEnd ? split(s, pathStart + 1, pathEnd, '/') : [];
  if (typeof segs === 'number') return failure('bad_digital_link', segs, undefined, {}, 'dl_percent');
  if (segs.length > 0 && segs[segs.length - 1].text === '') segs.pop(); // a trailing slash

  // Walk (AI, value) pairs back from the end of the path to the primary key; anything before it is a prefix.
  let keyAt = -1;
  for (let j = segs.length - 2; j >= 0; j -= 2) {
    const def = asAi(segs[j]);
    if (!def) break;
    if (def.dlpkey) {
      keyAt = j;
      break;
    }
  }
  if (keyAt < 0) return failure('bad_digital_link', pathStart, undefined, {}, 'dl_no_key');
  const key = asAi(segs[keyAt]) as AiDef;

  const qualifiers: string[] = [];
  for (let j = keyAt + 2; j < segs.length; j += 2) qualifiers.push(segs[j].text);
  const broken = qualifierOrderBreak(key, qualifiers);
  if (broken >= 0) {
    const seg = segs[keyAt + 2 + 2 * broken];
    return failure('bad_digital_link', seg.at, seg.text, { key: key.ai }, 'dl_qualifier');
  }
  for (let j = keyAt; j < segs.length; j += 2) {
    const def = asAi(segs[j]) as AiDef;
    const v = segs[j + 1];
    const problem = out.add(def, j === keyAt ? keyValue(key, v.text) : v.text, segs[j].at, v.at, !v.decoded);
    if (problem) return problem;
  }

  for (let from = q + 1; q >= 0 && from <= end; ) {
    let to = s.indexOf('&', from);
    if (to < 0 || to > end) to = end;
    let eq = s.indexOf('=', from);
    if (eq < 0 || eq > to) eq = to;
    const name = segment(s, from, eq);
    if (typeof name === 'number') return failure('bad_digital_link', name, undefined, {}, 'dl_percent');
    const def = asAi(name);
    if (def) {
      if (!def.dlAttr) return failure('bad_digital_link', from, def.ai, {}, 'dl_attribute');
      const value = segment(s, Math.min(eq + 1, to), to);
      if (typeof value === 'number') return failure('bad_digital_link', value, undefined, {}, 'dl_percent');
      const problem = out.add(def, value.text, from, value.at, !value.decoded);
      if (problem) return problem;
    } // else not an AI: another application's parameter
    from = to + 1;
  }
  return null;
}
