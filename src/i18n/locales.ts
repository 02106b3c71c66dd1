/** The languages every screen, message and document exists in. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A message tree: nested objects of strings in vue-i18n syntax (`{name}` placeholders). */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** Each area keeps both languages side by side so a missing translation shows in review. */
export interface AreaMessages {
  en: MessageTree;
  'zh-CN': MessageTree;
}
