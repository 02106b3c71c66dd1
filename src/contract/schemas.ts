/**
 * Field schemas shared by contract entries. Messages are i18n keys, so a schema failure becomes
 * a translated, field-named error on every transport.
 */
import { z } from 'zod';
import { isCalendarDate } from '../domain/dates';

/**
 * Characters no field stores (docs/DESIGN.md, "The desk's edge"): C0 and C1 controls and DEL
 * (\p{Cc}: NUL, BEL, ESC… — they break terminals, CSV cells, FTS5 queries and labels), lone UTF-16
 * surrogates (\p{Cs} in a /u regex matches only an unpaired one: no valid text holds them), and the
 * bidi embeddings, overrides and isolates U+202A–202E, U+2066–2069 (text shown in another order than
 * it is stored: "Trojan Source"). The implicit marks LRM/RLM stay: Arabic and Hebrew names need them.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/gu;
const ANY_UNSAFE = new RegExp(UNSAFE.source, 'u');

/** The first character of `value` no field may hold (other than those `allowed`), as U+XXXX; null when clean. */
export function unsafeCharacter(value: string, allowed = ''): string | null {
  // Nearly every value is clean: one scan without an iterator answers it.
  if (!ANY_UNSAFE.test(value)) return null;
  for (const [ch] of value.matchAll(UNSAFE)) {
    if (!allowed.includes(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

/** A check refusing unsafe characters with the translated `errors.text.unsafeChar`, naming the character. */
export const refuseUnsafe = (allowed = '') =>
  z.superRefine<string>((value, ctx) => {
    const char = unsafeCharacter(value, allowed);
    if (char) ctx.addIssue({ code: 'custom', message: 'errors.text.unsafeChar', params: { char }, input: value });
  });

/** GS (FNC1 as a scanner sends it): the one control character a GS1 scan carries between its fields. */
export const GS = '\u001d';

export const id = (field = 'id') => z.string({ error: `errors.validation.required` }).min(1, { error: 'errors.validation.required' }).max(64).check(refuseUnsafe()).describe(field);

export const calendarDate = z
  .string({ error: 'errors.date.invalid' })
  .refine(isCalendarDate, { error: 'errors.date.invalid' });

export const quantity = z.number({ error: 'errors.quantity.notANumber' });

/** A whole number from `min` to `max`; every way to miss it (not a number, a fraction, out of range) is the one message `key`. */
export const wholeNumber = (key: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key });

/** One line of text: no control characters at all (a tab or a line break is no part of a code, a name or a reference). */
export const text = (max: number) => z.string({ error: 'errors.validation.text' }).trim().max(max, { error: 'errors.validation.tooLong' }).check(refuseUnsafe());

/** Text typed in a box of several lines (a description, a reason, an address): line breaks and tabs kept, CR LF read as LF. */
export const multilineText = (max: number) =>
  z
    .string({ error: 'errors.validation.text' })
    .trim()
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .max(max, { error: 'errors.validation.tooLong' })
    .check(refuseUnsafe('\t\n'));

/**
 * A barcode as a scanner or a keyboard wedge sends it: GS separators kept, spaces kept (the engine
 * reads AIM prefixes and spaces itself); the tab, CR or LF a wedge sends as its suffix (or prefix)
 * is dropped at the ends, and refused inside.
 */
export const scanText = (max: number) =>
  z
    .string({ error: 'errors.validation.required' })
    .overwrite((v) => v.replace(/^[\t\r\n]+|[\t\r\n]+$/g, ''))
    .max(max, { error: 'errors.validation.tooLong' })
    .check(refuseUnsafe(GS));

export const empty = z.object({}).strict();
