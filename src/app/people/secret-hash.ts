/** PINs and passwords are stored only as scrypt hashes with a per-user salt. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { fail } from '../../domain/errors';
import type { SecretKind } from '../../store/users';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export type { SecretKind };

/** A PIN is 4–8 digits (quick at a scanner desk); a password is 8–128 characters. */
export function checkSecretRules(kind: SecretKind, secret: string, field = 'secret'): void {
  if (kind === 'pin' && !/^\d{4,8}$/.test(secret)) throw fail.validation('errors.user.badPin', field);
  if (kind === 'password' && (secret.length < 8 || secret.length > 128)) throw fail.validation('errors.user.badPassword', field);
}

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A hash of no one's secret, made once, so a check for an unknown name costs what a known one does. */
let nobody: string | null = null;

/** Spends the time of one check and answers false (an unknown user: equal timing with a wrong secret). */
export function verifyNothing(secret: string): false {
  nobody ??= hashSecret(randomBytes(16).toString('hex'));
  verifySecret(secret, nobody);
  return false;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}
