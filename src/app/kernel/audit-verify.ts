/**
 * Checking the whole audit chain (issue 18) and naming what is wrong: an edited record, a deleted
 * one, a keyed record rewritten as a plain one (a downgrade), a hash not made with the station key
 * (a chain recomputed by someone holding only the file), a covered row inserted, edited or deleted
 * behind the application's back, and — against the signed checkpoints kept outside the file — a
 * cut tail or an emptied trail. Reads only: it runs on a read-only connection (`lotdesk audit verify`).
 */
import type { Db } from '../../store/db';
import type { AuditProblemKind } from '../../contract/results';
import { DELETED, presentFactTables, tableDigests, type Fact } from '../../store/audit-facts';
import { GENESIS_HASH, KEYED, KEYED_COLUMNS, keyedHashOfPayload, recordHash, type AuditRecord } from './audit-hash';
import { chainOf } from './chain-anchor';
import type { ChainKeys } from './chain-keys';
import { checkpointSigned, readCheckpoints, type Checkpoint } from './checkpoints';

export type { AuditProblemKind };

export interface AuditProblem {
  /** The record concerned (for a fact: the last record naming it; 0 when none does). */
  seq: number;
  id: string;
  problem: AuditProblemKind;
  /** A fact's table and key. */
  table?: string;
  key?: string;
  /** tail_cut / trail_emptied: the newest record a checkpoint vouches for. */
  expected?: number;
}

export interface AuditVerification {
  records: number;
  problems: AuditProblem[];
  /** Problems found beyond the ones listed (an attack may touch a million rows). */
  more?: number;
  /** Whether records were checked with the station key. */
  keyed?: boolean;
  /** Covered rows checked against the chain. */
  facts?: number;
  /** The newest signed checkpoint that held. */
  checkpoint?: { seq: number; at: string } | null;
}

export interface VerifyOptions {
  keys: ChainKeys | null;
  checkpoints: Checkpoint[];
}

const LISTED = 500;

/** The chain as the station's own connection sees it: its key and its checkpoint file. */
export function verifyStation(db: Db): AuditVerification {
  const anchor = chainOf(db);
  return verifyChain(db, { keys: anchor?.keys ?? null, checkpoints: anchor?.checkpointFile ? readCheckpoints(anchor.checkpointFile) : [] });
}

/** The records checked and the problems named, as tests and callers before issue 18 read them. */
export function verifyAudit(db: Db): Pick<AuditVerification, 'records' | 'problems'> {
  const { records, problems } = verifyStation(db);
  return { records, problems };
}

export function verifyChain(db: Db, options: VerifyOptions): AuditVerification {
  const { keys } = options;
  const problems: AuditProblem[] = [];
  let more = 0;
  const note = (p: AuditProblem) => (problems.length < LISTED ? problems.push(p) : more++);

  const anchors = options.checkpoints.filter((c) => {
    if (checkpointSigned(c, keys)) return true;
    note({ seq: c.seq, id: '', problem: 'checkpoint_forged' });
    return false;
  });
  const wanted = new Set(anchors.map((c) => c.seq));
  const sealSeq = keys?.file.sealSeq ?? anchors.reduce<number | null>((s, c) => (c.sealSeq !== null && (s === null || c.sealSeq < s) ? c.sealSeq : s), null);
  const hashes = new Map<number, string>();

  // The newest digest the chain holds for each covered row, by table then key.
  // (digest and seq in one string: a million rows make a million strings, not a million objects too)
  const latest = new Map<string, Map<string, string>>();
  const keepFact = (tbl: string, key: string, seq: number, digest: string) => {
    let t = latest.get(tbl);
    if (!t) latest.set(tbl, (t = new Map()));
    t.set(key, `${digest} ${seq}`);
  };

  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  let lastSeq = 0;
  let firstKeyed: number | null = null;
  let unkeyable = 0;
  let sealKept = sealSeq === null;
  let factCount = 0;
  // Raw rows: the scheme constant, KEYED_COLUMNS, then scheme and hash — with the last two popped,
  // the row is the keyed HMAC's input itself (no copy per record).
  // A file of an earlier schema (read-only: not migrated) lacks the later columns; they read as NULL.
  const has = new Set((db.prepare('PRAGMA table_info(audit)').all() as { name: string }[]).map((c) => c.name));
  const col = (c: string) => (has.has(c) ? c : `NULL AS ${c}`);
  const sql = `SELECT ${KEYED}, ${KEYED_COLUMNS.map(col).join(', ')}, ${col('scheme')}, hash FROM audit ORDER BY seq`;
  const walk = () => {
    for (const row of db.prepare(sql).raw().iterate() as IterableIterator<unknown[]>) {
      const hash = row.pop() as string;
      const scheme = row.pop() as number | null;
      const seq = row[1] as number;
      const id = row[2] as string;
      const facts = row[12] as string | null;
      records++;
      lastSeq = seq;
      if (seq !== expectedSeq) note({ seq, id, problem: 'missing_before' });
      else if (row[9] !== expectedPrev) note({ seq, id, problem: 'broken_link' });
      if (wanted.has(seq)) hashes.set(seq, hash);
      if (seq === sealSeq && scheme === KEYED && row[6] === 'audit.sealed') sealKept = true;
      if (scheme === KEYED) {
        firstKeyed ??= seq;
        if (!keys) unkeyable++;
        else if (keyedHashOfPayload(keys, row) !== hash) note({ seq, id, problem: 'hash_mismatch' });
        if (facts) for (const [tbl, key, digest] of JSON.parse(facts) as Fact[]) keepFact(tbl, key, seq, digest);
      } else if (firstKeyed !== null || (sealSeq !== null && seq >= sealSeq)) {
        // A plain record where the chain is keyed: rewritten by someone without the key.
        note({ seq, id, problem: 'downgraded' });
      } else if (recordHash(Object.fromEntries(KEYED_COLUMNS.map((c, i) => [c, row[i + 1]])) as unknown as AuditRecord) !== hash) {
        note({ seq, id, problem: 'hash_mismatch' });
      }
      expectedPrev = hash;
      expectedSeq = seq + 1;
    }
  };
  // One read transaction: the records and the tables are seen as of one instant.
  db.transaction(() => {
    walk();
    if (unkeyable > 0) note({ seq: firstKeyed!, id: '', problem: 'key_missing' });
    if (!sealKept && sealSeq !== null && sealSeq <= lastSeq) note({ seq: sealSeq, id: '', problem: 'downgraded' });
    for (const t of latest.values()) factCount += t.size;
    if (firstKeyed !== null || sealSeq !== null) checkFacts(db, latest, note);
  })();

  // The head vouched for outside the file: a trail shorter than a checkpoint was cut or emptied.
  let newest: Checkpoint | null = null;
  for (const c of anchors) {
    if (c.seq > lastSeq) {
      if (!newest || c.seq > newest.seq) newest = c;
    } else if (hashes.get(c.seq) !== c.hash) {
      note({ seq: c.seq, id: '', problem: 'checkpoint_mismatch' });
    }
  }
  const vouched = Math.max(newest?.seq ?? 0, sealSeq ?? 0);
  if (vouched > lastSeq) note({ seq: lastSeq + 1, id: '', problem: records === 0 ? 'trail_emptied' : 'tail_cut', expected: vouched });
  const held = anchors.filter((c) => c.seq <= lastSeq && hashes.get(c.seq) === c.hash).sort((a, b) => b.seq - a.seq)[0];
  return {
    records,
    problems,
    ...(more > 0 ? { more } : {}),
    keyed: firstKeyed !== null && keys !== null,
    facts: factCount,
    checkpoint: held ? { seq: held.seq, at: held.at } : null,
  };
}

/** Every covered row against the newest digest the chain holds for it; what is left over was deleted (the map is used up). */
function checkFacts(db: Db, latest: Map<string, Map<string, string>>, note: (p: AuditProblem) => void): void {
  const seqOf = (f: string) => Number(f.slice(f.indexOf(' ') + 1));
  for (const t of presentFactTables(db)) {
    const chain = latest.get(t.table) ?? new Map<string, string>();
    for (const [key, digest] of tableDigests(db, t)) {
      const f = chain.get(key);
      if (f === undefined) note({ seq: 0, id: '', problem: 'fact_unrecorded', table: t.table, key });
      else {
        chain.delete(key);
        if (!f.startsWith(`${digest} `)) note({ seq: seqOf(f), id: '', problem: 'fact_edited', table: t.table, key });
      }
    }
    for (const [key, f] of chain) if (!f.startsWith(`${DELETED} `)) note({ seq: seqOf(f), id: '', problem: 'fact_deleted', table: t.table, key });
  }
}
