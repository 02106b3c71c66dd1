/** Calendar dates for the reader: one formatting for screens, error texts and documents. */
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
