/**
 * The error envelope of the ERP API: the sync protocol's `{ error: { code, key, params } }` plus
 * `field` and the message in the caller's language (Accept-Language zh… → Simplified Chinese), so
 * an integrator reads what is wrong without the catalog. Zod issues become the desk's keys.
 */
import type { z } from 'zod';
import { AppError, type ErrorCode, type ErrorData } from '../../domain/errors';
import { translate } from '../../i18n/translate';
import type { Locale } from '../../i18n/locales';

export const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  locked: 423,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  internal: 500,
};

export function issueError(issues: readonly z.core.$ZodIssue[]): AppError {
  const issue = issues[0];
  const field = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '');
  const key = issue.message.startsWith('errors.') ? issue.message : `errors.validation.${issue.code}`;
  const params = issue.code === 'custom' && issue.params ? { ...(issue.params as Record<string, string>) } : {};
  return new AppError('validation', key, params, field || undefined);
}

export function localeOf(acceptLanguage: string | undefined): Locale {
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en';
}

export function errorBody(data: ErrorData, locale: Locale) {
  return { error: { ...data, message: translate(locale, data.key, data.params) } };
}

/** Any throw as typed error data; a database constraint or a bug is `internal` (its detail stays in the log). */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof AppError) return err.data;
  return { code: 'internal', key: 'errors.internal', params: {} };
}
