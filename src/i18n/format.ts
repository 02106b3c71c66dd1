/** Calendar dates and quantities for the reader: one formatting for screens, error texts and documents. */
import { isCalendarDate } from '../domain/dates';
import type { Locale } from './locales';

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** "Dec 31, 2027" / "2027年12月31日"; UTC so the date never shifts with the desk's time zone. */
export function formatCalendarDate(locale: Locale, isoDate: string): string {
  if (!isCalendarDate(isoDate)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${isoDate}"`);
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    formats.set(locale, f);
  }
  return f.format(new Date(`${isoDate}T00:00:00Z`));
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A quantity's number, on screens (renderer/format.ts) and in messages alike: grouped, up to 3 decimals, no padding. */
export function formatQuantityNumber(locale: Locale, value: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    numberFormats.set(locale, f);
  }
  return f.format(value);
}
