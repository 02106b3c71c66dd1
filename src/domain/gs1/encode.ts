/**
 * Builds GS1 element strings for the labels LotDesk prints: from lot data to the ordered element
 * list, the bracketed human-readable form (HRI) and the FNC1-as-GS form that goes into symbols.
 * Pure: no I/O. Check digits are computed here because bwip-js only verifies them.
 */
import { gs1CheckDigit, hasValidCheckDigit } from './check-digit';
import { aiDef } from './ai-index';
import { isCset82 } from './charsets';

export interface EncodedElement {
  ai: string;
  value: string;
}

/** What a label can carry. Dates are calendar dates (YYYY-MM-DD). */
export interface Gs1LabelFields {
  /** SSCC of a logistic unit, 18 digits with check digit (see formatSscc). */
  sscc?: string;
  /** GTIN-8, -12, -13 or -14 with its check digit; padded to 14 digits. */
  gtin?: string;
  /** The first 13 digits of a GTIN-14 (indicator, company prefix, item reference): the check digit is appended. */
  gtinBody?: string;
  /** GTIN of the trade items contained in a logistic unit (AI 02, with count). */
  content?: string;
  expiry?: string;
  bestBefore?: string;
  sellBy?: string;
  packagingDate?: string;
  productionDate?: string;
  /** Net weight in kilograms, encoded as 310n with the fewest decimals that keep it exact. */
  netWeightKg?: number;
  /** Count of trade items in a logistic unit (AI 37). */
  count?: number;
  batch?: string;
  serial?: string;
}

export interface Gs1ElementString {
  elements: EncodedElement[];
  /** Bracketed form, e.g. "(01)09506000134352(17)271231(10)AB12". What bwip-js takes with `parse`. */
  hri: string;
  /** The data as a scanner transmits it without symbology identifier: GS (0x1D) where FNC1 separates. */
  gs: string;
}

export type Gs1EncodeErrorCode =
  | 'noElements'
  | 'conflictingFields'
  | 'invalidDigits'
  | 'badCheckDigit'
  | 'invalidDate'
  | 'invalidCharacter'
  | 'valueTooLong'
  | 'outOfRange'
  | 'tooPrecise';

/** A value that cannot become a valid GS1 element. `field` names the input, `ai` the element. */
export class Gs1EncodeError extends Error {
  override readonly name = 'Gs1EncodeError';
  constructor(
    readonly code: Gs1EncodeErrorCode,
    readonly field: string,
    message: string,
    readonly ai?: string,
  ) {
    super(message);
  }
}

export const GS_SEPARATOR = '\u001d';

/**
 * Whether an AI has a pre-defined length (GS1 General Specifications figure 5.10.1-2, the
 * dictionary's "*" flag): only these may be followed by another element without FNC1.
 */
export function hasPredefinedLength(ai: string): boolean {
  return aiDef(ai)?.predefined ?? false;
}


/** The HRI and GS forms of elements in the given order; GS after each separator-needing AI but the last. */
export function formatElementString(elements: EncodedElement[]): Gs1ElementString {
  let hri = '';
  let gs = '';
  elements.forEach(({ ai, value }, i) => {
    hri += `(${ai})${value}`;
    gs += ai + value;
    if (i < elements.length - 1 && !hasPredefinedLength(ai)) gs += GS_SEPARATOR;
  });
  return { elements, hri, gs };
}

/**
 * Elements for a label, predefined-length AIs first (identification, dates, measures) and
 * variable-length ones last, so FNC1 separators are needed only between the variable ones.
 */
export function buildElementString(fields: Gs1LabelFields): Gs1ElementString {
  const fixed: EncodedElement[] = [];
  const variable: EncodedElement[] = [];

  if (fields.sscc !== undefined) fixed.push({ ai: '00', value: checkedDigits('sscc', '00', fields.sscc, [18]) });
  if (fields.gtin !== undefined && fields.gtinBody !== undefined) {
    throw new Gs1EncodeError('conflictingFields', 'gtinBody', 'Give either gtin or gtinBody, not both');
  }
  if (fields.gtin !== undefined) {
    fixed.push({ ai: '01', value: checkedDigits('gtin', '01', fields.gtin, [8, 12, 13, 14]).padStart(14, '0') });
  }
  if (fields.gtinBody !== undefined) {
    if (!/^\d{13}$/.test(fields.gtinBody)) {
      throw new Gs1EncodeError('invalidDigits', 'gtinBody', `GTIN body must be 13 digits, got "${fields.gtinBody}"`, '01');
    }
    fixed.push({ ai: '01', value: fields.gtinBody + gs1CheckDigit(fields.gtinBody) });
  }
  if (fields.content !== undefined) {
    fixed.push({ ai: '02', value: checkedDigits('content', '02', fields.content, [8, 12, 13, 14]).padStart(14, '0') });
  }
  const dates: [keyof Gs1LabelFields, string][] = [
    ['expiry', '17'],
    ['bestBefore', '15'],
    ['sellBy', '16'],
    ['packagingDate', '13'],
    ['productionDate', '11'],
  ];
  for (const [field, ai] of dates) {
    const date = fields[field];
    if (date !== undefined) fixed.push({ ai, value: yymmdd(field, ai, String(date)) });
  }
  if (fields.netWeightKg !== undefined) fixed.push(netWeightElement(fields.netWeightKg));

  if (fields.count !== undefined) {
    const { count } = fields;
    if (!Number.isInteger(count) || count < 1 || count > 99_999_999) {
      throw new Gs1EncodeError('outOfRange', 'count', `Count must be a whole number from 1 to 99999999, got ${count}`, '37');
    }
    variable.push({ ai: '37', value: String(count) });
  }
  if (fields.batch !== undefined) variable.push({ ai: '10', value: cset82('batch', '10', fields.batch, 20) });
  if (fields.serial !== undefined) variable.push({ ai: '21', value: cset82('serial', '21', fields.serial, 20) });

  const elements = [...fixed, ...variable];
  if (elements.length === 0) throw new Gs1EncodeError('noElements', 'fields', 'Nothing to encode: no GS1 field given');
  return formatElementString(elements);
}

/**
 * An SSCC: extension digit, GS1 company prefix, serial reference zero-padded to fill 17 digits,
 * then the check digit. The serial reference has 16 − prefix-length digits.
 */
export function formatSscc(extensionDigit: number, companyPrefix: string, serial: number): string {
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    throw new RangeError(`SSCC extension digit must be 0–9, got ${extensionDigit}`);
  }
  if (!/^\d{6,12}$/.test(companyPrefix)) {
    throw new RangeError(`GS1 company prefix must be 6 to 12 digits, got "${companyPrefix}"`);
  }
  const serialDigits = 16 - companyPrefix.length;
  const max = 10 ** serialDigits - 1;
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > max) {
    throw new RangeError(
      `SSCC serial ${serial} does not fit: a ${companyPrefix.length}-digit company prefix leaves ` +
        `${serialDigits} digits (0–${max})`,
    );
  }
  const body = `${extensionDigit}${companyPrefix}${String(serial).padStart(serialDigits, '0')}`;
  return body + gs1CheckDigit(body);
}

function checkedDigits(field: string, ai: string, value: string, lengths: number[]): string {
  if (!/^\d+$/.test(value) || !lengths.includes(value.length)) {
    throw new Gs1EncodeError('invalidDigits', field, `${field} must be ${lengths.join(', ')} digits, got "${value}"`, ai);
  }
  if (!hasValidCheckDigit(value)) {
    const expected = gs1CheckDigit(value.slice(0, -1));
    throw new Gs1EncodeError('badCheckDigit', field, `${field} "${value}" has a wrong check digit (expected ${expected})`, ai);
  }
  return value;
}

function yymmdd(field: string, ai: string, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  // Date.UTC rolls 2027-02-30 over into March: a real calendar date survives the round trip.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!m || year < 1951 || year > 2099 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new Gs1EncodeError('invalidDate', field, `${field} must be a calendar date YYYY-MM-DD, got "${date}"`, ai);
  }
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

function cset82(field: string, ai: string, value: string, maxLength: number): string {
  if (value.length === 0 || value.length > maxLength) {
    throw new Gs1EncodeError('valueTooLong', field, `${field} must be 1 to ${maxLength} characters, got ${value.length}`, ai);
  }
  if (!isCset82(value)) {
    const bad = [...value].find((c) => !isCset82(c));
    throw new Gs1EncodeError(
      'invalidCharacter',
      field,
      `${field} "${value}" contains "${bad}", which GS1 does not allow (letters, digits and !"%&'()*+,-./:;<=>?_ only)`,
      ai,
    );
  }
  return value;
}

/** 310n: six digits, n decimals; the smallest n that represents the weight exactly. */
function netWeightElement(kg: number): EncodedElement {
  if (!Number.isFinite(kg) || kg <= 0 || kg > 999_999) {
    throw new Gs1EncodeError('outOfRange', 'netWeightKg', `Net weight must be above 0 and at most 999999 kg, got ${kg}`, '310n');
  }
  for (let decimals = 0; decimals <= 5; decimals++) {
    const scaled = kg * 10 ** decimals;
    const rounded = Math.round(scaled);
    // Tolerance for binary floating point (1.1 * 10 = 11.000000000000002).
    if (Math.abs(scaled - rounded) < 1e-9 * Math.max(1, scaled)) {
      if (rounded > 999_999) break;
      return { ai: `310${decimals}`, value: String(rounded).padStart(6, '0') };
    }
  }
  throw new Gs1EncodeError(
    'tooPrecise',
    'netWeightKg',
    `Net weight ${kg} kg cannot be written exactly in six digits (310n allows at most 5 decimals)`,
    '310n',
  );
}
