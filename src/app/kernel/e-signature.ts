/**
 * Electronic signatures (21 CFR Part 11): one way to sign anything the desk signs (a QC decision,
 * a reopening, a re-test). The signer is the signed-in user, who types a password again at the
 * moment of signing (§11.200(a)(1)(i): a signature outside a continuous session is both parts
 * of the credential; here the user is known and the password is the second, re-entered). A PIN is
 * too short a secret to sign with, so a PIN user signs with a signing password of their own
 * (users.signing_hash, set on "My account" or by a manager's reset); a password user signs with
 * their sign-in password unless they set a signing password. A wrong password counts toward the
 * same lock as a wrong sign-in (secret-lockout.ts) and locks alike.
 *
 * The record (§11.50) holds the printed name as it was at signing, the UTC instant and the
 * meaning; §11.70: it is bound to what was signed by the SHA-256 of that content's canonical
 * JSON, so `signatureIntact` can tell whether the content is still what was signed. Every
 * signature is a row of e_signatures, so the audit chain can cover them all (issue 18).
 */
import { fail, type AppError } from '../../domain/errors';
import { newId } from '../../store/ids';
import { insertSignature, signatureById, signerById, type SignatureRecord } from '../../store/e-signatures';
import { checkSecret } from '../people/secret-lockout';
import { canonicalJson, sha256 } from './canonical-json';
import { requireUser, type CallContext } from './context';
import type { Db } from '../../store/db';

export type { SignatureRecord };

export interface SignRequest {
  /** What is signed: 'qc_inspection', 'lot_expiry', … */
  object: string;
  objectId: string;
  /** What the signature means: 'released', 'rejected', 'on_hold', 'conditional', 'reopened', 'retest', … */
  meaning: string;
  reason?: string | null;
  /** The password typed again (never stored, never audited). */
  secret: string;
  /** The exact content signed; its canonical JSON is hashed into the signature. */
  bound: unknown;
  /** The input field the password came from, for the error (default 'secret'). */
  field?: string;
  /** The audit command a wrong password is recorded under (default 'esign.sign'). */
  command?: string;
  /** The message key of a wrong password, when the act words it itself (default 'errors.esign.wrongPassword'). */
  deniedKey?: string;
}

/** SHA-256 (hex) of the canonical JSON of what is signed. */
export function boundHash(bound: unknown): string {
  return sha256(canonicalJson(bound));
}

/** Which secret the signed-in user signs with: their signing password, their sign-in password, or none yet. */
export function signingSecretOf(db: Db, userId: string): { uses: 'signing_password' | 'sign_in_password'; hash: string } | null {
  const u = signerById(db, userId);
  if (!u) return null;
  if (u.signingHash) return { uses: 'signing_password', hash: u.signingHash };
  if (u.secretKind === 'password') return { uses: 'sign_in_password', hash: u.secretHash };
  return null;
}

/**
 * Checks the re-entered password and records the signature in the caller's transaction. Throws
 * (writing nothing but the failure count and its audit record) for a wrong or locked password,
 * or when a PIN user has no signing password yet.
 */
export function sign(ctx: CallContext, req: SignRequest): SignatureRecord {
  const db = ctx.station.db;
  const me = requireUser(ctx);
  const field = req.field ?? 'secret';
  const secret = signingSecretOf(db, me.id);
  if (!secret) throw fail.rule('errors.esign.noSigningPassword', {}, field);
  const denied: AppError = fail.rule(req.deniedKey ?? 'errors.esign.wrongPassword', {}, field);
  checkSecret(ctx, { user: me, secretHash: secret.hash }, { username: me.username, secret: req.secret, command: req.command ?? 'esign.sign', denied });
  const signature: SignatureRecord = {
    id: newId(),
    object: req.object,
    objectId: req.objectId,
    meaning: req.meaning,
    reason: req.reason?.trim() || null,
    signerId: me.id,
    printedName: signerById(db, me.id)!.displayName,
    signedAt: ctx.now.toISOString(),
    boundHash: boundHash(req.bound),
  };
  insertSignature(db, signature);
  return signature;
}

/** Whether the content is still what was signed: the stored signature's hash against the content's (a signature or its id). */
export function signatureIntact(db: Db, signature: SignatureRecord | string, bound: unknown): boolean {
  const stored = signatureById(db, typeof signature === 'string' ? signature : signature.id);
  return stored !== null && stored.boundHash === boundHash(bound);
}
