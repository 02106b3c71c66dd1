/**
 * A bin's kind, and the flags every stock rule reads (src/domain/bin-rules.ts, receiving, picking,
 * packing): the kind is what a manager chooses, the flags follow from it and are never set apart.
 * - storage: pickable, released stock is picked from here;
 * - receiving: the dock where released goods land on receipt (not pickable);
 * - quarantine, reject, returns: blocked stock (quarantine, on hold, rejected, recalled, returned);
 *   all three are quarantine bins for the putaway rule, receiving's default quarantine bin is the
 *   first bin of kind quarantine;
 * - staging: where picked stock waits for packing (not pickable).
 */
import type { LotStatus } from './lot-status';
import { binRefusal, type BinRefusal } from './bin-rules';

export const BIN_KINDS = ['storage', 'receiving', 'quarantine', 'reject', 'staging', 'returns'] as const;
export type BinKind = (typeof BIN_KINDS)[number];

export interface BinFlags {
  pickable: boolean;
  quarantine: boolean;
  receiving: boolean;
  staging: boolean;
}

export function flagsOfKind(kind: BinKind): BinFlags {
  return {
    pickable: kind === 'storage',
    quarantine: kind === 'quarantine' || kind === 'reject' || kind === 'returns',
    receiving: kind === 'receiving',
    staging: kind === 'staging',
  };
}

/** The kind that behaves as the given flags do (how bins made before kinds existed are read). */
export function kindOfFlags(flags: Partial<BinFlags>): BinKind {
  if (flags.staging) return 'staging';
  if (flags.receiving) return 'receiving';
  if (flags.quarantine) return 'quarantine';
  return 'storage';
}

/**
 * Why a bin holding stock of these statuses may not become `kind`, or null. Stock must still fit
 * the bin by the putaway rule (released stock stays in pickable bins unless it is a receiving
 * dock's; blocked stock stays in quarantine bins), and a staging bin holding stock neither stops
 * nor starts being one: picked stock waits there for packing.
 */
export function kindChangeRefusal(
  bin: { code: string; kind: BinKind },
  kind: BinKind,
  held: readonly { lotCode: string; status: LotStatus }[],
): BinRefusal | null {
  if (held.length === 0 || kind === bin.kind) return null;
  if (bin.kind === 'staging' || kind === 'staging') return { key: 'errors.locations.stagingHoldsStock', params: { bin: bin.code } };
  const flags = flagsOfKind(kind);
  for (const lot of held) {
    // A receiving dock holds released goods just received; turning a storage bin into one is a choice.
    const refusal = binRefusal(lot.status, { id: '', code: bin.code, zoneId: '', pickable: flags.pickable, quarantine: flags.quarantine, kind }, lot.lotCode, kind === 'receiving');
    if (refusal) return { key: 'errors.locations.kindStrandsStock', params: { bin: bin.code, lot: lot.lotCode, status: lot.status, binKind: kind } };
  }
  return null;
}

/** A bin code as printed on its label and typed or scanned at a desk: capitals, digits and . _ / - */
export const BIN_CODE = /^[A-Z0-9](?:[A-Z0-9._/-]{0,23})$/;

/** One part of a range: letters A…Z (one letter) or numbers, zero-padded to `width`. */
export interface RangePart {
  from: string;
  to: string;
  /** Digits of a number, zero-padded (0: as it is). Ignored for letters. */
  width?: number;
}

export const RANGE_MAX = 5000;

export type RangeResult = { ok: true; codes: string[] } | { ok: false; key: string; params: Record<string, string | number>; part?: number };

function partValues(part: RangePart, index: number): string[] | { key: string; params: Record<string, string | number>; part: number } {
  const from = part.from.trim().toUpperCase();
  const to = part.to.trim().toUpperCase();
  if (/^[A-Z]$/.test(from) && /^[A-Z]$/.test(to)) {
    if (to < from) return { key: 'errors.locations.rangeBackwards', params: { from, to }, part: index };
    return Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i));
  }
  if (/^\d{1,4}$/.test(from) && /^\d{1,4}$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    if (b < a) return { key: 'errors.locations.rangeBackwards', params: { from, to }, part: index };
    const width = Math.max(part.width ?? 0, 0);
    return Array.from({ length: b - a + 1 }, (_, i) => String(a + i).padStart(width, '0'));
  }
  return { key: 'errors.locations.rangePart', params: { from: part.from, to: part.to }, part: index };
}

/**
 * The codes of a range, in order: `prefix` then each part joined by `separator`, e.g. aisle A…B,
 * rack 1…10 (width 2), level 1…5 (width 2) → A-01-01 … B-10-05. Refused whole when a part is not
 * a range, the range is larger than RANGE_MAX or a code is not a valid bin code.
 */
export function expandBinRange(parts: readonly RangePart[], separator = '-', prefix = ''): RangeResult {
  let codes = [prefix.trim().toUpperCase()];
  for (const [i, part] of parts.entries()) {
    const values = partValues(part, i);
    if (!Array.isArray(values)) return { ok: false, ...values };
    if (codes.length * values.length > RANGE_MAX) return { ok: false, key: 'errors.locations.rangeTooLarge', params: { max: RANGE_MAX } };
    codes = codes.flatMap((c) => values.map((v) => (c ? `${c}${separator}${v}` : v)));
  }
  const bad = codes.find((c) => !BIN_CODE.test(c));
  if (bad !== undefined) return { ok: false, key: 'errors.locations.badCode', params: { code: bad } };
  return { ok: true, codes };
}
