/** Dates and quantities in the chosen locale. */
import { useI18n } from 'vue-i18n';
import type { ExpiryMark } from '../src/contract/results';
import { isCalendarDate } from '../src/domain/dates';
import { formatCalendarDate, formatQuantityNumber } from '../src/i18n/format';
import type { Locale } from '../src/i18n/locales';
import { unitKey } from '../src/i18n/params';

/** The class of an expiry date (renderer/styles.css); the core marks it past or soon by the item's horizon. */
export function expiryClass(mark: ExpiryMark): string {
  return mark ? `expiry-${mark}` : '';
}

/** A quantity typed at a desk; src/domain/quantity.ts says what is accepted (NaN otherwise: the core says what is wrong). */
export { parseTypedQuantity as parseQuantity } from '../src/domain/quantity';

export function useFormat() {
  const { d, locale, t, te } = useI18n();
  const numberFormats = new Map<string, Intl.NumberFormat>();

  function date(value: string | null | undefined): string {
    if (!value) return '—';
    const day = value.slice(0, 10);
    return isCalendarDate(day) ? formatCalendarDate(locale.value as Locale, day) : value;
  }

  function dateTime(value: string | null | undefined): string {
    if (!value) return '—';
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : d(at, 'datetime');
  }

  function number(value: number, decimals = 0, maxDecimals = decimals): string {
    const key = `${locale.value}|${decimals}|${maxDecimals}`;
    let f = numberFormats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale.value, { minimumFractionDigits: decimals, maximumFractionDigits: maxDecimals });
      numberFormats.set(key, f);
    }
    return f.format(value);
  }

  function unit(code: string): string {
    return te(unitKey(code)) ? t(unitKey(code)) : code;
  }

  /** A quantity with its unit, its number written as in the core's messages (up to 3 decimals, no padding). */
  function quantity(value: number, unitCode: string): string {
    return `${formatQuantityNumber(locale.value as Locale, value)} ${unit(unitCode)}`;
  }

  return { date, dateTime, number, unit, quantity };
}
