/**
 * The append-only, hash-chained audit trail. Each record's hash covers its own fields and the
 * previous record's hash, so an edited record breaks its own hash and a deleted one breaks the
 * link (and the sequence) of the next. A record may carry a `detail` (migration 012): a few
 * named values a reader must see, which the input digest only proves (whom a manager unlocked,
 * how many tries a lock refused). Its hash covers the detail when there is one, so the records
 * written before it existed keep their hashes. Since migration 017 a record may also carry its
 * `changes` (object, field, before, after: what an auditor must see was done) and name the objects
 * it touched in `audit_objects`; the hash covers the changes too, and records without any keep
 * their earlier hashes.
 */
import { newId } from '../../store/ids';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { canonicalJson, sha256 } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
const SECRET_KEYS = new Set(['secret', 'pin', 'password']);

export interface AuditEntry {
  at: string;
  stationId: string;
  userId: string | null;
  command: string;
  input: unknown;
  result: string;
  detail?: AuditDetail;
  changes?: AuditChange[];
}

export type AuditValue = string | number | boolean | null;

/** One field of one object as a command left it: `before` null on a create, `after` null on a removal. */
export interface AuditChange {
  /** What kind of object: 'item', 'supplier', 'customer', 'location', 'purchaseOrder', 'user', 'setting'… */
  object: string;
  objectId: string;
  /** How a person names the object (a SKU, a bin code, a user name): what the Audit screen shows and filters. */
  label: string;
  field: string;
  before: AuditValue;
  after: AuditValue;
}

/** Named values shown beside a record's result; the Audit screen words them (ui.audit.details.<command>). */
export type AuditDetail = Record<string, string | number>;

interface AuditRecord {
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
}

/** Digest of a command's input with secrets blanked: the trail proves what was asked, never a PIN. */
export function inputDigest(input: unknown): string {
  const redacted = JSON.parse(JSON.stringify(input ?? {}, (k, v: unknown) => (SECRET_KEYS.has(k) ? '***' : v)));
  return sha256(canonicalJson(redacted));
}

function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  const fields = [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, r.prev_hash];
  if (r.changes !== null) return sha256(canonicalJson([...fields, r.detail, r.changes]));
  return sha256(canonicalJson(r.detail === null ? fields : [...fields, r.detail]));
}

/** Appends one record; call inside the command's transaction. */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const last = statement(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const record = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: entry.at,
    station_id: entry.stationId,
    user_id: entry.userId,
    command: entry.command,
    input_digest: inputDigest(entry.input),
    result: entry.result,
    prev_hash: last?.hash ?? GENESIS_HASH,
    detail: entry.detail ? canonicalJson(entry.detail) : null,
    changes: entry.changes?.length ? canonicalJson(entry.changes) : null,
  };
  statement(
    db,
    `INSERT INTO audit (seq, id, at, station_id, user_id, command, input_digest, result, prev_hash, hash, detail, changes)
     VALUES (@seq, @id, @at, @station_id, @user_id, @command, @input_digest, @result, @prev_hash, @hash, @detail, @changes)`,
  ).run({ ...record, hash: recordHash(record) });
  const touched = new Map<string, AuditChange>();
  for (const c of entry.changes ?? []) touched.set(`${c.object}\u0000${c.objectId}`, c);
  const insertObject = statement(db, 'INSERT INTO audit_objects (object, object_id, seq, label) VALUES (?, ?, ?, ?)');
  for (const c of touched.values()) insertObject.run(c.object, c.objectId, record.seq, c.label);
}

export interface AuditProblem {
  seq: number;
  id: string;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_before';
}

export interface AuditVerification {
  records: number;
  problems: AuditProblem[];
}

/** Walks the whole chain and names every record that was edited, or that follows a deleted one. */
export function verifyAudit(db: Db): AuditVerification {
  const problems: AuditProblem[] = [];
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  for (const r of db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRecord>) {
    records++;
    if (r.seq !== expectedSeq) problems.push({ seq: r.seq, id: r.id, problem: 'missing_before' });
    else if (r.prev_hash !== expectedPrev) problems.push({ seq: r.seq, id: r.id, problem: 'broken_link' });
    if (recordHash(r) !== r.hash) problems.push({ seq: r.seq, id: r.id, problem: 'hash_mismatch' });
    expectedPrev = r.hash;
    expectedSeq = r.seq + 1;
  }
  return { records, problems };
}
