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
import { GENESIS_HASH, KEYED, recordHash, type AuditRecord } from './audit-hash';
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

  db.exec('CREATE TEMP TABLE IF NOT EXISTS verify_facts (tbl TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID');
  db.exec('DELETE FROM temp.verify_facts');
  const keepFact = db.prepare('INSERT OR REPLACE INTO temp.verify_facts (tbl, key, seq, digest) VALUES (?, ?, ?, ?)');

  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  let lastSeq = 0;
  let firstKeyed: number | null = null;
  let unkeyable = 0;
  let sealKept = sealSeq === null;
  // Read in pages, not iterated: the facts go into a temp table on this same connection meanwhile.
  const page = db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT 5000');
  const walk = () => {
    for (let rows = page.all(0) as AuditRecord[]; rows.length > 0; rows = page.all(rows[rows.length - 1].seq) as AuditRecord[]) for (const r of rows) {
      records++;
      lastSeq = r.seq;
      if (r.seq !== expectedSeq) note({ seq: r.seq, id: r.id, problem: 'missing_before' });
      else if (r.prev_hash !== expectedPrev) note({ seq: r.seq, id: r.id, problem: 'broken_link' });
      if (wanted.has(r.seq)) hashes.set(r.seq, r.hash);
      if (r.seq === sealSeq && r.scheme === KEYED && r.command === 'audit.sealed') sealKept = true;
      if (r.scheme === KEYED) {
        firstKeyed ??= r.seq;
        if (!keys) unkeyable++;
        else if (recordHash(r, keys) !== r.hash) note({ seq: r.seq, id: r.id, problem: 'hash_mismatch' });
        if (r.facts) for (const [tbl, key, digest] of JSON.parse(r.facts) as Fact[]) keepFact.run(tbl, key, r.seq, digest);
      } else if (firstKeyed !== null || (sealSeq !== null && r.seq >= sealSeq)) {
        // A plain record where the chain is keyed: rewritten by someone without the key.
        note({ seq: r.seq, id: r.id, problem: 'downgraded' });
      } else if (recordHash(r) !== r.hash) {
        note({ seq: r.seq, id: r.id, problem: 'hash_mismatch' });
      }
      expectedPrev = r.hash;
      expectedSeq = r.seq + 1;
    }
  };
  // One read transaction: the records and the tables are seen as of one instant.
  db.transaction(() => {
    walk();
    if (unkeyable > 0) note({ seq: firstKeyed!, id: '', problem: 'key_missing' });
    if (!sealKept && sealSeq !== null && sealSeq <= lastSeq) note({ seq: sealSeq, id: '', problem: 'downgraded' });
    if (firstKeyed !== null || sealSeq !== null) checkFacts(db, note);
  })();
  const factCount = (db.prepare('SELECT COUNT(*) AS n FROM temp.verify_facts').get() as { n: number }).n;
  db.exec('DELETE FROM temp.verify_facts');

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

/** Every covered row against the newest digest the chain holds for it. */
function checkFacts(db: Db, note: (p: AuditProblem) => void): void {
  const latest = db.prepare('SELECT seq, digest FROM temp.verify_facts WHERE tbl = ? AND key = ?');
  for (const t of presentFactTables(db)) {
    let matched = 0;
    for (const [key, digest] of tableDigests(db, t)) {
      const f = latest.get(t.table, key) as { seq: number; digest: string } | undefined;
      if (!f) note({ seq: 0, id: '', problem: 'fact_unrecorded', table: t.table, key });
      else {
        matched++;
        if (f.digest !== digest) note({ seq: f.seq, id: '', problem: 'fact_edited', table: t.table, key });
      }
    }
    const expected = (db.prepare('SELECT COUNT(*) AS n FROM temp.verify_facts WHERE tbl = ? AND digest <> ?').get(t.table, DELETED) as { n: number }).n;
    if (expected === matched) continue;
    const gone = db.prepare(
      `SELECT f.seq, f.key FROM temp.verify_facts f WHERE f.tbl = ? AND f.digest <> ? AND NOT EXISTS (SELECT 1 FROM main.${t.table} WHERE ${t.key} = f.key)`,
    );
    for (const g of gone.all(t.table, DELETED) as { seq: number; key: string }[]) note({ seq: g.seq, id: '', problem: 'fact_deleted', table: t.table, key: g.key });
  }
}
