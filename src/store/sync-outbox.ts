/**
 * The sync outbox (issue 20): every row a desk transaction writes in a table the centre needs,
 * and then the audit record of that transaction, become protocol events in `sync_outbox`, in the
 * same transaction (appendAudit calls `writeOutbox`). A refused command rolls them back with
 * everything else, so `seq` stays gap-free.
 *
 * Which rows were written is caught like the audit facts (audit-facts.ts): TEMP triggers into
 * `temp.sync_pending`, on this connection only, over the tables the audit chain covers (each one
 * a fact the centre keeps too; secrets stripped). `temp.sync_pending` keeps the order of first
 * writes (its rowid), so a movement lands after the lot it names.
 */
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';
import { dropTempTriggers, FACT_TABLES } from './audit-facts';
import { keyOver, tableColumns, tableExists } from './table-info';

export interface SyncTable {
  table: string;
  /** SQL expression naming one row, over the row's columns (NEW./OLD. is put in front of each name). */
  key: string;
  /** Columns never sent (secrets). */
  strip?: readonly string[];
}

const STRIP: Record<string, readonly string[]> = { users: ['secret_hash', 'signing_hash'] };

/** The tables the centre needs: the audit chain's (documents, their lines and shipments are covered since their coverage record). */
export const SYNC_TABLES: readonly SyncTable[] = FACT_TABLES.map((t) => ({ table: t.table, key: t.key, strip: STRIP[t.table] }));

const byName = new Map(SYNC_TABLES.map((t) => [t.table, t]));
const installed = new WeakSet<Db>();

/** Starts catching the synced rows this connection writes (once per connection; needs migration 030). */
export function installSyncCapture(db: Db): void {
  if (installed.has(db)) return;
  if (!tableExists(db, 'sync_outbox')) return;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS sync_pending (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (tbl, key))');
  for (const t of SYNC_TABLES) {
    const columns = tableColumns(db, t.table);
    if (columns.size === 0) continue;
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS sync_row_${t.table}_${event.toLowerCase()} AFTER ${event} ON main.${t.table}
               BEGIN INSERT OR IGNORE INTO temp.sync_pending (tbl, key) VALUES ('${t.table}', ${keyOver(t.key, columns, row)}); END`);
    }
  }
  installed.add(db);
}

/**
 * Stops catching synced rows on this connection until the returned function is called: a bulk
 * load the desk keeps as history written before the outbox (the seed, issue 21), as rows written
 * before migration 030 are.
 */
export function suspendSyncCapture(db: Db): () => void {
  if (!installed.has(db)) return () => {};
  dropTempTriggers(db, 'sync_row_');
  installed.delete(db);
  return () => installSyncCapture(db);
}

export function capturesSync(db: Db): boolean {
  return installed.has(db);
}

/** Drops what is pending without writing it (a test, or a write that must not be sent). */
export function forgetPendingRows(db: Db): void {
  if (installed.has(db)) statement(db, 'DELETE FROM temp.sync_pending').run();
}

interface Seq {
  next: number;
}

function nextSeq(db: Db): Seq {
  const row = statement(db, "SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get() as { seq: number } | undefined;
  return { next: (row?.seq ?? 0) + 1 };
}

function insertEvent(db: Db, seq: Seq, station: string, at: string, event: Record<string, unknown>): void {
  const id = newId();
  const body = { id, station, seq: seq.next, schema: 1, at, ...event };
  statement(db, 'INSERT INTO sync_outbox (seq, id, at, body) VALUES (?, ?, ?, ?)').run(seq.next, id, at, JSON.stringify(body));
  seq.next++;
}

/**
 * Writes one `row` event per synced row written since the last call, then (when given) the
 * `audit` event of the record. Call inside the transaction that wrote them, after the record.
 */
export function writeOutbox(db: Db, stationId: string, at: string, auditRecords: readonly Record<string, unknown>[]): void {
  if (!installed.has(db)) return;
  const seq = nextSeq(db);
  const pending = statement(db, 'SELECT tbl, key FROM temp.sync_pending ORDER BY n').raw().all() as [string, string][];
  if (pending.length > 0) statement(db, 'DELETE FROM temp.sync_pending').run();
  for (const [tbl, key] of pending) {
    const t = byName.get(tbl)!;
    const where = t.key === 'rowid' ? 'rowid' : t.key;
    const row = statement(db, `SELECT * FROM ${tbl} WHERE ${where} = ?`).get(key) as Record<string, unknown> | undefined;
    if (row) for (const c of t.strip ?? []) delete row[c];
    insertEvent(db, seq, stationId, at, { kind: 'row', table: tbl, key: String(key), op: row ? 'put' : 'delete', row: row ?? null });
  }
  for (const record of auditRecords) insertEvent(db, seq, stationId, at, { kind: 'audit', record });
}

/** Outbox events after `after`, in seq order. */
export function outboxAfter(db: Db, after: number, limit: number): { seq: number; body: string }[] {
  return statement(db, 'SELECT seq, body FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit) as { seq: number; body: string }[];
}

/** The newest seq written (0: none). */
export function outboxHead(db: Db): number {
  return (statement(db, 'SELECT COALESCE(MAX(seq), 0) AS n FROM sync_outbox').get() as { n: number }).n;
}
