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
 *
 * Since migration 028 (issue 18) a record's hash is versioned by its `scheme`: NULL is the plain
 * SHA-256 above, which anyone holding the file can recompute; 2 is HMAC-SHA-256 keyed with the
 * station's secret (chain-keys.ts), which nobody without the key file can. A keyed record also
 * carries `facts`: the digest of every covered row its transaction wrote (store/audit-facts.ts),
 * so the ledger, lot statuses, signatures and master data are in the chain with the commands.
 * The first keyed record is `audit.sealed`; its seq is kept in the key file and every checkpoint,
 * so rewriting keyed records as plain ones (a downgrade) is seen.
 */
import { newId } from '../../store/ids';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { allRowFacts, takePendingFacts, type Fact } from '../../store/audit-facts';
import { writeOutbox } from '../../store/sync-outbox';
import { canonicalJson } from './canonical-json';
import type { ChainKeys } from './chain-keys';
import { GENESIS_HASH, inputDigest, KEYED, recordHash } from './audit-hash';
import { chainOf } from './chain-anchor';

export { GENESIS_HASH, inputDigest, KEYED, recordHash, type AuditRecord } from './audit-hash';
export { attachChain, chainOf, type ChainAnchor } from './chain-anchor';
export { verifyAudit, verifyChain, verifyStation, type AuditProblem, type AuditProblemKind, type AuditVerification } from './audit-verify';

/** A bulk write (the seed, the seal's baseline) spreads its facts over records of this many. */
export const FACTS_PER_RECORD = 5000;


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

/**
 * Appends one record, with the covered rows the transaction wrote; call inside the command's
 * transaction. Facts beyond FACTS_PER_RECORD go on in `audit.facts` records right after it.
 */
export function appendAudit(db: Db, entry: AuditEntry): void {
  const keys = chainOf(db)?.keys ?? null;
  let facts = takePendingFacts(db, FACTS_PER_RECORD);
  const records = [writeRecord(db, entry, keys, facts)];
  while (facts.length === FACTS_PER_RECORD) {
    facts = takePendingFacts(db, FACTS_PER_RECORD);
    if (facts.length > 0) records.push(writeRecord(db, { at: entry.at, stationId: entry.stationId, userId: entry.userId, command: 'audit.facts', input: {}, result: 'ok' }, keys, facts));
  }
  // The sync outbox (issue 20) in the same transaction: the rows written, then the records last.
  writeOutbox(db, entry.stationId, entry.at, records);
}

/**
 * Appends the record of a bulk load (the seed, issue 21) whose facts are every covered row there
 * is, taken set-wise (allRowFacts) rather than caught row by row: the record `entry`, then
 * `audit.facts` records, FACTS_PER_RECORD facts each, as appendAudit spreads a large write. Call
 * inside the load's transaction with the row capture suspended; anything still pending is taken
 * first. Not sent to sync: the load is history the desk had before its outbox (DESIGN.md).
 * Returns the number of facts recorded.
 */
export function appendBulkAudit(db: Db, entry: AuditEntry): number {
  const keys = chainOf(db)?.keys ?? null;
  let first = true;
  let count = 0;
  const write = (facts: Fact[]) => {
    writeRecord(db, first ? entry : { at: entry.at, stationId: entry.stationId, userId: entry.userId, command: 'audit.facts', input: {}, result: 'ok' }, keys, facts);
    first = false;
    count += facts.length;
  };
  for (let pending = takePendingFacts(db, FACTS_PER_RECORD); pending.length > 0; pending = takePendingFacts(db, FACTS_PER_RECORD)) write(pending);
  // A plain chain carries no facts: one record, as appendAudit writes.
  if (keys) for (const facts of allRowFacts(db, FACTS_PER_RECORD)) write(facts);
  if (first) write([]);
  return count;
}

function writeRecord(db: Db, entry: AuditEntry, keys: ChainKeys | null, facts: Fact[]): Record<string, unknown> {
  const last = statement(db, 'SELECT seq, hash, scheme FROM audit ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string; scheme: number | null }
    | undefined;
  // A plain record after a keyed one is what a downgrade looks like: a connection without the key may not write one.
  if (!keys && last?.scheme === KEYED) throw new Error('the audit trail is keyed: open the station with its key to write to it');
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
    scheme: keys ? KEYED : null,
    facts: keys && facts.length > 0 ? JSON.stringify(facts) : null,
  };
  const written = { ...record, hash: recordHash(record, keys) };
  statement(
    db,
    `INSERT INTO audit (seq, id, at, station_id, user_id, command, input_digest, result, prev_hash, hash, detail, changes, scheme, facts)
     VALUES (@seq, @id, @at, @station_id, @user_id, @command, @input_digest, @result, @prev_hash, @hash, @detail, @changes, @scheme, @facts)`,
  ).run(written);
  const touched = new Map<string, AuditChange>();
  for (const c of entry.changes ?? []) touched.set(`${c.object}\u0000${c.objectId}`, c);
  const insertObject = statement(db, 'INSERT INTO audit_objects (object, object_id, seq, label) VALUES (?, ?, ?, ?)');
  for (const c of touched.values()) insertObject.run(c.object, c.objectId, record.seq, c.label);
  return written;
}

