/**
 * The hash of one audit record, by its scheme (see audit-log.ts): NULL, plain SHA-256 over the
 * record's fields as earlier versions wrote it; KEYED, HMAC-SHA-256 with the station key over the
 * fields, the changes and the facts.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, sha256 } from './canonical-json';
import type { ChainKeys } from './chain-keys';

export const GENESIS_HASH = '0'.repeat(64);
/** The keyed scheme; a record with scheme NULL is plain SHA-256 (written before migration 028). */
export const KEYED = 2;
const SECRET_KEYS = new Set(['secret', 'pin', 'password']);

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  station_id: string;
  user_id: string | null;
  command: string;
  input_digest: string;
  result: string;
  prev_hash: string;
  hash: string;
  detail: string | null;
  changes: string | null;
  scheme?: number | null;
  facts?: string | null;
}

/** Digest of a command's input with secrets blanked: the trail proves what was asked, never a PIN. */
export function inputDigest(input: unknown): string {
  const redacted = JSON.parse(JSON.stringify(input ?? {}, (k, v: unknown) => (SECRET_KEYS.has(k) ? '***' : v)));
  return sha256(canonicalJson(redacted));
}

/** The columns a keyed hash covers, in its order: what `audit verify` selects as a raw row. */
export const KEYED_COLUMNS = ['seq', 'id', 'at', 'station_id', 'user_id', 'command', 'input_digest', 'result', 'prev_hash', 'detail', 'changes', 'facts'] as const;

/** HMAC-SHA-256 with the station key over the scheme and KEYED_COLUMNS' values. */
export function keyedHash(keys: ChainKeys, values: readonly unknown[]): string {
  return keyedHashOfPayload(keys, [KEYED, ...values]);
}

/** The same over the whole payload array, the scheme first ([KEYED, ...values]). */
export function keyedHashOfPayload(keys: ChainKeys, payload: readonly unknown[]): string {
  return createHmac('sha256', keys.hmac).update(JSON.stringify(payload)).digest('hex');
}

/** A record's hash by its scheme; a keyed one needs the key. */
export function recordHash(r: Omit<AuditRecord, 'hash'>, keys: ChainKeys | null = null): string {
  if (r.scheme === KEYED) {
    if (!keys) throw new Error('a keyed audit record needs the station key');
    return keyedHash(keys, [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, r.prev_hash, r.detail, r.changes, r.facts ?? null]);
  }
  const fields = [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, r.prev_hash];
  if (r.changes !== null) return sha256(canonicalJson([...fields, r.detail, r.changes]));
  return sha256(canonicalJson(r.detail === null ? fields : [...fields, r.detail]));
}

