/** Builds the parser's typed errors: a code, an i18n key and its parameters; the text is the UI's (src/i18n). */
import type { Gs1Error, Gs1ErrorCode } from './types';

/** Messages for the causes of codes that have several (key `gs1.error.<cause>`). */
export type Cause =
  | 'dl_not_uri'
  | 'dl_no_key'
  | 'dl_qualifier'
  | 'dl_attribute'
  | 'dl_percent'
  | 'not_gs1_plain'
  | 'not_gs1_no_ai'
  | 'bad_format_hri'
  | 'bad_format_ean'
  | 'bad_format_option';

export interface Gs1Failure {
  ok: false;
  error: Gs1Error;
}

/** A failure; `index` is the 0-based offset in the input, reported 1-based. */
export function failure(
  code: Gs1ErrorCode,
  index: number,
  ai?: string,
  extra: Record<string, string | number> = {},
  cause?: Cause,
): Gs1Failure {
  const position = index + 1;
  const params: Record<string, string | number> = ai === undefined ? { position, ...extra } : { ai, position, ...extra };
  const name = cause ?? code;
  const key = `gs1.error.${name}`;
  const error: Gs1Error =
    ai === undefined ? { code, position, key, params } : { code, ai, position, key, params };
  return { ok: false, error };
}

/** A character as a person can read it in a message: control characters as U+XXXX. */
export function showChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 0x21 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `"${ch}"`;
}
