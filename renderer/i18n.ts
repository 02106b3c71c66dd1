/** vue-i18n over the shared catalog, plus the locale choice (remembered per desk in localStorage). */
import { createI18n } from 'vue-i18n';
import { messages } from '../src/i18n/catalog';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../src/i18n/locales';
import { localizeParams } from '../src/i18n/params';

const STORAGE_KEY = 'lotdesk.locale';

export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    /* storage may be disabled */
  }
  const browser = navigator.language || '';
  return browser.toLowerCase().startsWith('zh') ? 'zh-CN' : DEFAULT_LOCALE;
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* ignore */
  }
}

const datetime = {
  // The date part as every date on screen reads (Nov 26, 2026 · 2026年11月26日), not 11/26/2026.
  datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
} as const;

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: messages as never,
  datetimeFormats: Object.fromEntries(LOCALES.map((l) => [l, datetime])) as never,
  numberFormats: Object.fromEntries(LOCALES.map((l) => [l, { integer: { maximumFractionDigits: 0 } }])) as never,
  missingWarn: false,
  fallbackWarn: false,
});

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}

export function applyLocale(locale: Locale): void {
  (i18n.global.locale as unknown as { value: string }).value = locale;
  document.documentElement.lang = locale;
  rememberLocale(locale);
}

/** The text of a typed error in the current language, with code parameters (status, role, action, unit) as words and dates formatted. */
export function errorText(error: { key: string; params: Record<string, unknown> }): string {
  // The catalog is typed loosely on purpose (messages as never): plain string keys here.
  const g = i18n.global as unknown as { t(key: string, named?: Record<string, unknown>): string; te(key: string): boolean };
  return g.t(error.key, localizeParams(error.params, currentLocale(), (k) => g.t(k), (k) => g.te(k)));
}
