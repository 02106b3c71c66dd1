/**
 * The hash chain of the centre's audit (central migration 041, issue 20). Each row holds the hash
 * of the row before it (`prev_hash`; the first row the genesis hash) and its own `hash`: SHA-256
 * over the row's canonical text, so an edited field breaks the row's own hash and a deleted,
 * inserted or moved row breaks the link of the row after it.
 *
 * The canonical text is PostgreSQL's own: the jsonb text of one array
 * `[scheme, id, at, username, action, object, object_id, before, after, prev_hash]` (`at` in UTC
 * with microseconds). jsonb writes one text for equal values (object keys sorted, fixed spacing,
 * numbers as stored), the same on PostgreSQL and PGlite, so the same SQL writes the hash
 * (recordAudit), chains the rows of before the migration, and checks it (verifyCentralAudit); and
 * an auditor can recompute it with psql alone.
 *
 * Order: recordAudit takes one transaction-level advisory lock before it reads the head, and
 * draws the row's id under it; the lock is held to commit or rollback. So on any number of workers
 * the rows are chained one at a time, chain order is id order, and a rolled-back row leaves no
 * link behind (the next writer reads the head that committed). Ids may skip (a sequence does not
 * roll back); the chain, not the id, says what follows what.
 */
import type { ChainProblem, ChainProblemKind, ChainVerification } from '../domain/central-audit-chain';
import type { Queryable } from './pg';

export type { ChainProblem, ChainProblemKind, ChainVerification };

export const CHAIN_GENESIS = '0'.repeat(64);
/** The encoding's version, first in the hashed array: a new encoding is a new number, the old rows keep theirs. */
export const CHAIN_SCHEME = 1;
/** One advisory lock for every writer of the chain, on every worker. */
export const CHAIN_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended('lotdesk:central_audit_chain', 0))";

/** The canonical text of row `r` (a table alias or a record variable), with `prev` the prev_hash expression. */
export function chainTextSql(r: string, prev = `${r}.prev_hash`): string {
  return `jsonb_build_array(${CHAIN_SCHEME}, ${r}.id, to_char(${r}.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${r}.username, ${r}.action, ${r}.object, ${r}.object_id, ${r}.before, ${r}.after, ${prev})::text`;
}

/** SHA-256 (hex) of that text. */
export function chainHashSql(r: string, prev?: string): string {
  return `encode(sha256(convert_to(${chainTextSql(r, prev)}, 'UTF8')), 'hex')`;
}

export const VERIFY_PAGE = 2000;
const BEFORE_ANY_ID = '-9223372036854775808';

interface ChainRow {
  id: string;
  prev_hash: string;
  hash: string;
  computed: string;
}

/**
 * Walks the chain in id order, `page` rows a query (keyset on id: memory is one page), and stops
 * at the first broken row. Each row's hash is recomputed by the database from its fields.
 */
export async function verifyCentralAudit(db: Queryable, page = VERIFY_PAGE): Promise<ChainVerification> {
  let prev = null as ChainVerification['head'];
  let rows = 0;
  for (;;) {
    const { rows: batch }: { rows: ChainRow[] } = await db.query<ChainRow>(
      `SELECT a.id::text AS id, a.prev_hash, a.hash, ${chainHashSql('a')} AS computed
       FROM central_audit a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
      [prev?.id ?? BEFORE_ANY_ID, page],
    );
    for (const r of batch) {
      rows += 1;
      const expected = prev?.hash ?? CHAIN_GENESIS;
      if (r.prev_hash !== expected) return broken(rows, prev, await linkBreak(db, r, prev?.id ?? null));
      if (r.computed !== r.hash) return broken(rows, prev, { kind: 'edited', id: r.id, after: prev?.id ?? null });
      prev = { id: r.id, hash: r.hash };
    }
    if (batch.length < page) return { ok: true, rows, head: prev, problem: null };
  }
}

function broken(rows: number, head: ChainVerification['head'], problem: ChainProblem): ChainVerification {
  return { ok: false, rows, head, problem };
}

/** Why row r does not link to the row before it (`after`): where the row its prev_hash names is, if anywhere. */
async function linkBreak(db: Queryable, r: { id: string; prev_hash: string }, after: string | null): Promise<ChainProblem> {
  // r links to the genesis or to an earlier row: the rows between were put in, the first of them is named.
  const from = r.prev_hash === CHAIN_GENESIS ? { id: null } : (await db.query<{ id: string }>('SELECT id::text AS id FROM central_audit WHERE hash = $1 ORDER BY central_audit.id LIMIT 1', [r.prev_hash])).rows[0];
  if (!from) return { kind: 'missing', id: r.id, after };
  if (from.id !== null && BigInt(from.id) > BigInt(r.id)) return { kind: 'reordered', id: r.id, after };
  const first = await db.query<{ id: string }>('SELECT id::text AS id FROM central_audit WHERE $1::bigint IS NULL OR id > $1::bigint ORDER BY central_audit.id LIMIT 1', [from.id]);
  return { kind: 'inserted', id: first.rows[0]?.id ?? r.id, after: from.id };
}
