/**
 * Error parameters that are codes — a lot status, a role, a stock action — are shown as words in
 * the reader's language. The core keeps sending codes (stable for tests and logs); every place
 * that turns an error into text (vue-i18n in the renderer, `translate` in the core) goes through
 * this one mapping.
 */
const CODE_PARAMS: Record<string, string> = {
  status: 'ui.status',
  role: 'ui.role',
  action: 'ui.stockAction',
};

export function localizeParams(
  params: Record<string, unknown>,
  t: (key: string) => string,
  has: (key: string) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const [name, prefix] of Object.entries(CODE_PARAMS)) {
    const value = params[name];
    if (typeof value === 'string' && has(`${prefix}.${value}`)) out[name] = t(`${prefix}.${value}`);
  }
  return out;
}
