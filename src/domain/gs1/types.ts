/** Public types of the GS1 reading engine. The rest of the app codes against these. */

export type Symbology =
  | 'GS1-128'
  | 'GS1 DataMatrix'
  | 'GS1 QR'
  | 'GS1 DataBar'
  | 'EAN-13'
  | 'EAN-8'
  | 'UPC-A'
  | 'Digital Link'
  | 'HRI'
  | 'unknown';

export interface Gs1Element {
  ai: string;
  /** The raw value as carried (a Digital Link GTIN-8/12/13 is padded to 14 digits). */
  value: string;
  /** The dictionary's title, e.g. "BATCH/LOT"; the UI translates `gs1.ai.<ai>` where present. */
  title: string;
  /** Dates as YYYY-MM-DD (with times: YYYY-MM-DDTHH:MM…), counts as numbers, measures with units. */
  decoded?: string | number | { value: number; unit: string };
}

export interface Gs1Scan {
  ok: true;
  symbology: Symbology;
  elements: Gs1Element[];
  /** (01), an EAN/UPC as GTIN-14, or the content GTIN (02) of a logistic unit without (01). */
  gtin?: string;
  sscc?: string;
  batch?: string;
  serial?: string;
  /** YYYY-MM-DD, from (17). */
  expiry?: string;
  /** YYYY-MM-DD, from (15). */
  bestBefore?: string;
  /** YYYY-MM-DD, from (11). */
  productionDate?: string;
  /** From (310n) kg, (320n) lb or (356n) troy ounces. */
  netWeight?: { value: number; unit: string };
  /** (37) count of trade items in a logistic unit, else (30) variable count. */
  count?: number;
  /** (414) physical location, else (410) ship-to. */
  gln?: string;
}

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'bad_char'
  | 'too_short'
  | 'too_long'
  | 'check_digit'
  | 'bad_date'
  | 'bad_time'
  | 'bad_country'
  | 'bad_currency'
  | 'bad_value'
  | 'missing_required'
  | 'exclusive'
  | 'duplicate_ai'
  | 'bad_digital_link'
  | 'not_gs1'
  | 'bad_format';

export interface Gs1Error {
  code: Gs1ErrorCode;
  ai?: string;
  /** 1-based character number in the input as given (AIM prefix included). */
  position?: number;
  /** i18n key, e.g. 'gs1.error.check_digit'. */
  key: string;
  params: Record<string, string | number>;
}

export type Gs1ParseResult = Gs1Scan | { ok: false; error: Gs1Error };

export interface ParseOptions {
  /** One character a keyboard-wedge scanner sends instead of GS (0x1D), e.g. '~'. */
  gsSubstitute?: string;
  /** YYYY-MM-DD; its year anchors the GS1 century rule. Default: the current UTC date. */
  today?: string;
  /**
   * Check `req=` associations (default true). The dictionary evaluates them over every carrier
   * on an item, so a caller that joins several scans of one label turns this off per scan.
   */
  requireAssociations?: boolean;
}
