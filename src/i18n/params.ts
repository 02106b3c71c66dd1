/**
 * Error parameters are shown in the reader's language. The core keeps sending codes and ISO dates
 * (stable for tests and logs); every place that turns an error into text (vue-i18n in the
 * renderer, `translate` in the core) goes through this one step:
 * - code parameters, by name — a lot status, a role, a stock action, a unit, a field — become words;
 * - any string parameter that is exactly a calendar date (YYYY-MM-DD) is formatted as a date,
 *   whatever its name (expiry, date, shipDate…), so a new message needs no list to be kept up;
 * - in a message with a unit, the numbers are quantities in it (or small counts beside them) and
 *   are written as on screen: grouped, up to 3 decimals ("99,999,999,999 pcs", not 99999999999).
 */
import { isCalendarDate } from '../domain/dates';
import { formatCalendarDate, formatQuantityNumber } from './format';
import type { Locale } from './locales';

const CODE_PARAMS: Record<string, string> = {
  status: 'ui.status',
  role: 'ui.role',
  action: 'ui.stockAction',
  unit: 'ui.unit',
  itemUnit: 'ui.unit',
  what: 'fields',
  binKind: 'ui.locations.kind',
  document: 'ui.devices.printers.documents',
};

/** The catalog key of a unit's name (ui.unit.*): the one unit mapping for screens, errors and documents. */
export function unitKey(code: string): string {
  return `${CODE_PARAMS.unit}.${code}`;
}

export function localizeParams(
  params: Record<string, unknown>,
  locale: Locale,
  t: (key: string) => string,
  has: (key: string) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  const withUnit = typeof params.unit === 'string';
  for (const [name, value] of Object.entries(params)) {
    const prefix = CODE_PARAMS[name];
    if (prefix && typeof value === 'string' && has(`${prefix}.${value}`)) out[name] = t(`${prefix}.${value}`);
    else if (isCalendarDate(value)) out[name] = formatCalendarDate(locale, value);
    else if (withUnit && typeof value === 'number' && Number.isFinite(value)) out[name] = formatQuantityNumber(locale, value);
  }
  return out;
}
