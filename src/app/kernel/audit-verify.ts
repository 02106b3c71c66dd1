/**
 * Checking the whole audit chain (issue 18) and naming what is wrong: an edited record, a deleted
 * one, a keyed record rewritten as a plain one (a downgrade), a hash not made with the station key
 * (a chain recomputed by someone holding only the file), a covered row inserted, edited or deleted
 * behind the application's back, and — against the signed checkpoints kept outside the file — a
 * cut tail or an emptied trail. Reads only: it runs on a read-only connection (`lotdesk audit verify`).
 */
import type { Db } from '../../store/db';
import type { AuditProblemKind } from '../../contract/results';
import { createHmac } from 'node:crypto';
import { asCovered, chainCoverage, DELETED, digestOfText, digestTextSql, presentFactTables, rowDigest, withPresentColumns, type FactTable } from '../../store/audit-facts';
import { readAside, type AsideReader } from '../../store/read-aside';
import { tableColumns } from '../../store/table-info';
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
  /** Whether the facts were checked by a worker thread beside the walk. */
  factsAside?: boolean;
}

export interface VerifyOptions {
  keys: ChainKeys | null;
  checkpoints: Checkpoint[];
  /**
   * Whether the fact pass runs in a worker thread on a second read-only connection while this one
   * walks the records (a file-backed database only): by default from PARALLEL_FROM records on.
   */
  parallel?: boolean;
  /** better-sqlite3's native module for the worker (Electron's build). */
  nativeBinding?: string;
}

const LISTED = 500;
/** Records read per page: a page of raw rows is cheaper than a row at a time. */
const PAGE = 4096;
/** From this many records the fact pass runs beside the walk: a worker costs ~50 ms to start. */
const PARALLEL_FROM = 50_000;
/** Least wait for the worker after the walk (its thread may start late on a busy machine). */
const ASIDE_MIN_WAIT_MS = 30_000;
const HEAD_SQL = 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1';

/** The chain as the station's own connection sees it: its key and its checkpoint file. */
export function verifyStation(db: Db, options: Pick<VerifyOptions, 'nativeBinding'> = {}): AuditVerification {
  const anchor = chainOf(db);
  return verifyChain(db, { ...options, keys: anchor?.keys ?? null, checkpoints: anchor?.checkpointFile ? readCheckpoints(anchor.checkpointFile) : [] });
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

  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  let lastSeq = 0;
  let firstKeyed: number | null = null;
  let unkeyable = 0;
  let sealKept = sealSeq === null;
  let factCount = 0;
  let factsAside = false;
  // A file of an earlier schema (read-only: not migrated) lacks the later columns; they read as NULL.
  const has = tableColumns(db, 'audit');
  const val = (c: string) => (has.has(c) ? c : 'NULL');
  // A keyed record's HMAC input is written by SQLite (json_array writes what JSON.stringify does),
  // so a row crosses into JavaScript as a handful of values; a plain record's fields only for it.
  const plainFields = ['id', 'at', 'station_id', 'user_id', 'command', 'input_digest', 'result', 'detail', 'changes'];
  const scheme = val('scheme');
  const page = db.prepare(
    `SELECT seq, ${scheme}, hash, prev_hash, command = 'audit.sealed',
            CASE WHEN ${scheme} = ${KEYED} THEN json_array(${KEYED}, ${KEYED_COLUMNS.map(val).join(', ')}) END,
            ${plainFields.map((c) => `CASE WHEN ${scheme} IS NOT ${KEYED} THEN ${val(c)} END`).join(', ')}
     FROM audit WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
  ).raw();
  const idOf = (seq: number) => db.prepare('SELECT id FROM audit WHERE seq = ?').pluck().get(seq) as string;
  const rawRow = (seq: number) => db.prepare(`SELECT ${KEYED}, ${KEYED_COLUMNS.map(val).join(', ')} FROM audit WHERE seq = ?`).raw().get(seq) as unknown[];
  const walk = () => {
    for (let after = -Infinity; ; ) {
      const rows = page.all(after) as unknown[][];
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = row[0] as number;
        const rowScheme = row[1] as number | null;
        const hash = row[2] as string;
        records++;
        lastSeq = seq;
        if (seq !== expectedSeq) note({ seq, id: idOf(seq), problem: 'missing_before' });
        else if (row[3] !== expectedPrev) note({ seq, id: idOf(seq), problem: 'broken_link' });
        if (wanted.has(seq)) hashes.set(seq, hash);
        if (seq === sealSeq && rowScheme === KEYED && row[4] === 1) sealKept = true;
        if (rowScheme === KEYED) {
          firstKeyed ??= seq;
          if (!keys) unkeyable++;
          // A mismatch is re-checked over the row as JavaScript reads it before it is named.
          else if (createHmac('sha256', keys.hmac).update(row[5] as string).digest('hex') !== hash && keyedHashOfPayload(keys, rawRow(seq)) !== hash) {
            note({ seq, id: idOf(seq), problem: 'hash_mismatch' });
          }
        } else if (firstKeyed !== null || (sealSeq !== null && seq >= sealSeq)) {
          // A plain record where the chain is keyed: rewritten by someone without the key.
          note({ seq, id: idOf(seq), problem: 'downgraded' });
        } else {
          const [id, at, station_id, user_id, command, input_digest, result, detail, changes] = row.slice(6) as (string | null)[];
          const r = { seq, id, at, station_id, user_id, command, input_digest, result, prev_hash: row[3], detail, changes } as unknown as AuditRecord;
          if (recordHash(r) !== hash) note({ seq, id: id!, problem: 'hash_mismatch' });
        }
        expectedPrev = hash;
        expectedSeq = seq + 1;
      }
      after = lastSeq;
    }
  };
  // One read transaction: the records and the tables are seen as of one instant. The fact pass,
  // when it runs aside, reads its own instant: it is used only if that instant has the same head
  // (the trail is append-only, every command appends), else it runs here after the walk.
  db.transaction(() => {
    const head = db.prepare(HEAD_SQL).raw().get() as unknown[] | undefined;
    const keyedAny = has.has('scheme') && db.prepare(`SELECT 1 FROM audit WHERE scheme = ${KEYED} LIMIT 1`).get() !== undefined;
    const pass = keyedAny || sealSeq !== null ? factPass(db, has.has('facts') && has.has('scheme')) : null;
    const file = db.memory ? null : db.name;
    const aside = pass && file && (options.parallel ?? ((head?.[0] as number | undefined) ?? 0) >= PARALLEL_FROM) ? startAside(file, pass, options.nativeBinding) : null;
    try {
      const walkStarted = performance.now();
      walk();
      // The worker does about the walk's work: waiting four times the walk (at least 30 s) before
      // running the pass here bounds what a worker that died silently costs.
      const waitMs = Math.max(ASIDE_MIN_WAIT_MS, 4 * (performance.now() - walkStarted));
      if (unkeyable > 0) note({ seq: firstKeyed!, id: '', problem: 'key_missing' });
      if (!sealKept && sealSeq !== null && sealSeq <= lastSeq) note({ seq: sealSeq, id: '', problem: 'downgraded' });
      const results = aside && asideResults(aside, head ?? null, waitMs);
      factsAside = !!results;
      if (pass) factCount = noteFacts(pass, results || runFactPass(db, pass), note);
    } finally {
      aside?.cancel();
    }
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
    factsAside,
  };
}

/**
 * Every covered row against the newest digest the chain holds for it. The chain's facts go into a
 * TEMP table (newest record last wins) and each covered table is joined to it in SQL, the rows'
 * digests hashed in bulk: only what differs comes back into JavaScript, where it is digested again
 * from the row's own values before it is named. The SQL of the pass: `exec` builds the TEMP table,
 * `queries` are, per covered table, the rows that differ and the recorded rows gone, then the
 * number of rows the chain names.
 */
export interface FactPass {
  exec: string[];
  tables: FactTable[];
  queries: string[];
}

export function factPass(db: Db, hasFacts: boolean): FactPass {
  const exec = [`DROP TABLE IF EXISTS temp.${FACTS}; CREATE TEMP TABLE ${FACTS} (tbl TEXT NOT NULL, key TEXT NOT NULL, digest TEXT, seq INTEGER NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID`];
  // A record's facts that are not valid JSON fail its HMAC; they are skipped here, not a crash. The
  // newest record naming a row wins by the upsert's condition, so the rows need no sort by seq.
  if (hasFacts) {
    exec.push(
      `INSERT INTO temp.${FACTS} (tbl, key, digest, seq)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, a.seq FROM audit a, json_each(a.facts) j
       WHERE a.scheme = ${KEYED} AND a.facts IS NOT NULL AND json_valid(a.facts) AND j.value ->> 0 IS NOT NULL AND j.value ->> 1 IS NOT NULL
       ON CONFLICT (tbl, key) DO UPDATE SET digest = excluded.digest, seq = excluded.seq WHERE excluded.seq > ${FACTS}.seq`,
    );
  }
  // Only what the chain covers: a table an older version did not cover has rows no record names until its coverage record.
  const covered = chainCoverage(db);
  const tables = presentFactTables(db)
    .filter((full) => covered === null || covered.has(full.table))
    .map((full) => asCovered(withPresentColumns(db, full), covered));
  // The key compared as text: an INTEGER key (lot_links.id) against the TEXT column would take
  // numeric affinity and miss the index, a scan of the table's facts per row (issue 21: 83 s at 20k lots).
  const queries = tables.flatMap((t) => [
    `SELECT t.k__, c.seq, c.digest, ${t.columns.map((c) => `t.${c}`).join(', ')}
     FROM (SELECT ${t.key} AS k__, ${digestTextSql(t)} AS j__, ${t.columns.join(', ')} FROM main.${t.table}) t
     LEFT JOIN temp.${FACTS} c ON c.tbl = '${t.table}' AND c.key = CAST(t.k__ AS TEXT)
     WHERE c.seq IS NULL OR t.j__ IS NULL OR c.digest IS NOT ${DIGEST_FN}(t.j__)`,
    `SELECT c.key, c.seq FROM temp.${FACTS} c LEFT JOIN (SELECT ${t.key} AS k__ FROM main.${t.table}) t ON t.k__ = c.key
     WHERE c.tbl = '${t.table}' AND t.k__ IS NULL AND c.digest IS NOT '${DELETED}' ORDER BY c.seq`,
  ]);
  queries.push(`SELECT COUNT(*) FROM temp.${FACTS}`);
  return { exec, tables, queries };
}

function startAside(file: string, pass: FactPass, nativeBinding: string | undefined): AsideReader | null {
  try {
    return readAside({ file, nativeBinding, digestFn: DIGEST_FN, headSql: HEAD_SQL, exec: pass.exec, queries: pass.queries });
  } catch {
    return null;
  }
}

/** The worker's results if it read the same head as this connection, else null (the pass runs here). */
function asideResults(aside: AsideReader, head: unknown[] | null, waitMs: number): unknown[][][] | null {
  const started = performance.now();
  const theirs = aside.head(waitMs);
  if (theirs instanceof Error || (theirs?.[0] ?? null) !== (head?.[0] ?? null) || (theirs?.[1] ?? null) !== (head?.[1] ?? null)) return null;
  const results = aside.results(Math.max(0, waitMs - (performance.now() - started)));
  return results instanceof Error ? null : results;
}

/** Runs the pass on this connection (inside the caller's read transaction). */
function runFactPass(db: Db, pass: FactPass): unknown[][][] {
  installDigestFunction(db);
  try {
    for (const sql of pass.exec) db.exec(sql);
    return pass.queries.map((sql) => db.prepare(sql).raw().all() as unknown[][]);
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.${FACTS}`);
  }
}

/** Names what the pass found; returns the number of rows the chain names. */
function noteFacts(pass: FactPass, results: unknown[][][], note: (p: AuditProblem) => void): number {
  pass.tables.forEach((t, i) => {
    for (const row of results[2 * i]) {
      const key = String(row[0]);
      if (row[1] === null) note({ seq: 0, id: '', problem: 'fact_unrecorded', table: t.table, key });
      else if (rowDigest(t, row.slice(3)) !== row[2]) note({ seq: row[1] as number, id: '', problem: 'fact_edited', table: t.table, key });
    }
    for (const [key, seq] of results[2 * i + 1] as [string, number][]) note({ seq, id: '', problem: 'fact_deleted', table: t.table, key });
  });
  return results[results.length - 1][0][0] as number;
}

const FACTS = 'audit_verify_facts';
const DIGEST_FN = 'lotdesk_fact_digest';
const withDigest = new WeakSet<Db>();

function installDigestFunction(db: Db): void {
  if (withDigest.has(db)) return;
  db.function(DIGEST_FN, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? digestOfText(text) : null));
  withDigest.add(db);
}
