/**
 * The one typed error of the core. It carries an i18n key and parameters so every transport
 * returns the same thing and the UI shows it in the user's language; `field` names the input
 * field at fault so the form can point at it. The code is what a client acts on (and the HTTP
 * status): `locked` is a user's PIN or password locked after too many wrong tries, refused until
 * `params.until` whatever is typed — not a wrong secret (`unauthenticated`), so a client waits
 * or asks a manager instead of asking for the secret again.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'unauthenticated'
  | 'locked'
  | 'forbidden'
  | 'conflict'
  | 'rule'
  | 'internal';

export type ErrorParams = Record<string, string | number>;

export interface ErrorData {
  code: ErrorCode;
  key: string;
  params: ErrorParams;
  field?: string;
}

export class AppError extends Error {
  readonly data: ErrorData;
  constructor(code: ErrorCode, key: string, params: ErrorParams = {}, field?: string) {
    super(`${key} ${JSON.stringify(params)}${field ? ` (field ${field})` : ''}`);
    this.name = 'AppError';
    this.data = field === undefined ? { code, key, params } : { code, key, params, field };
  }
}

export const fail = {
  validation: (key: string, field: string, params: ErrorParams = {}) => new AppError('validation', key, params, field),
  notFound: (key: string, params: ErrorParams = {}, field?: string) => new AppError('not_found', key, params, field),
  conflict: (key: string, params: ErrorParams = {}, field?: string) => new AppError('conflict', key, params, field),
  rule: (key: string, params: ErrorParams = {}, field?: string) => new AppError('rule', key, params, field),
};
