/** Translation for code that runs outside Vue (CLI, PDFs, error texts): the same engine vue-i18n uses. */
import {
  compile,
  createCoreContext,
  fallbackWithLocaleChain,
  registerLocaleFallbacker,
  registerMessageCompiler,
  registerMessageResolver,
  resolveValue,
  translate as coreTranslate,
} from '@intlify/core-base';
import { messages } from './catalog';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { localizeParams, unitKey } from './params';

// core-base leaves these pluggable; vue-i18n registers the same three.
registerMessageCompiler(compile);
registerMessageResolver(resolveValue);
registerLocaleFallbacker(fallbackWithLocaleChain);

const contexts = new Map<Locale, ReturnType<typeof createCoreContext>>();

function context(locale: Locale) {
  let ctx = contexts.get(locale);
  if (!ctx) {
    ctx = createCoreContext({
      locale,
      fallbackLocale: DEFAULT_LOCALE,
      messages: messages as never,
      missingWarn: false,
      fallbackWarn: false,
    });
    contexts.set(locale, ctx);
  }
  return ctx;
}

function plain(locale: Locale, key: string, params: Record<string, unknown>): string {
  const out: unknown = (coreTranslate as (ctx: unknown, key: string, named: object) => unknown)(context(locale), key, params);
  return typeof out === 'string' ? out : key;
}

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const t = (k: string) => plain(locale, k, {});
  return plain(locale, key, localizeParams(params, locale, t, (k) => t(k) !== k));
}

/** A unit code as the reader calls it ("件" for pcs); an unknown code is shown as it is. */
export function unitName(locale: Locale, code: string): string {
  const name = plain(locale, unitKey(code), {});
  return name === unitKey(code) ? code : name;
}
