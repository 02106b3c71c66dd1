/** Stable `data-test` hooks for end-to-end tests on elements naive-ui renders for us. */
import type { HTMLAttributes, InputHTMLAttributes } from 'vue';

type Data = Record<`data-${string}`, string | number | undefined>;

/** Attributes for the native <input> inside an NInput. */
export function inputAttrs(test: string, extra: InputHTMLAttributes = {}, data: Data = {}): InputHTMLAttributes {
  return { ...extra, ...data, ['data-test' as string]: test } as InputHTMLAttributes;
}

/** Attributes for a table row or a menu option. */
export function nodeAttrs(test: string, data: Data = {}, extra: HTMLAttributes = {}): HTMLAttributes & Record<string, unknown> {
  return { ...extra, ...data, 'data-test': test };
}
