/** SQL of e-signatures (migration 023) and of the users' signing passwords (migration 025), as camelCase records. */
import type { Db } from './db';
import { statement } from './statements';

export interface SignatureRecord {
  id: string;
  object: string;
  objectId: string;
  meaning: string;
  reason: string | null;
  signerId: string;
  printedName: string;
  signedAt: string;
  boundHash: string;
}

const SELECT = `SELECT id, object, object_id AS objectId, meaning, reason, signer_id AS signerId, printed_name AS printedName,
  signed_at AS signedAt, bound_hash AS boundHash FROM e_signatures`;

export function insertSignature(db: Db, s: SignatureRecord): void {
  statement(
    db,
    'INSERT INTO e_signatures (id, object, object_id, meaning, reason, signer_id, printed_name, signed_at, bound_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.object, s.objectId, s.meaning, s.reason, s.signerId, s.printedName, s.signedAt, s.boundHash);
}

export function signatureById(db: Db, id: string): SignatureRecord | null {
  return (statement(db, `${SELECT} WHERE id = ?`).get(id) as SignatureRecord | undefined) ?? null;
}

/** Every signature of one object, oldest first. */
export function signaturesOf(db: Db, object: string, objectId: string): SignatureRecord[] {
  return statement(db, `${SELECT} WHERE object = ? AND object_id = ? ORDER BY signed_at, id`).all(object, objectId) as SignatureRecord[];
}

export interface SignerRecord {
  id: string;
  username: string;
  displayName: string;
  secretKind: 'pin' | 'password';
  secretHash: string;
  signingHash: string | null;
}

export function signerById(db: Db, id: string): SignerRecord | null {
  return (
    (statement(
      db,
      'SELECT id, username, display_name AS displayName, secret_kind AS secretKind, secret_hash AS secretHash, signing_hash AS signingHash FROM users WHERE id = ? AND active = 1',
    ).get(id) as SignerRecord | undefined) ?? null
  );
}

export function setSigningHash(db: Db, userId: string, hash: string | null): void {
  statement(db, 'UPDATE users SET signing_hash = ? WHERE id = ?').run(hash, userId);
}
