/**
 * The facts the audit chain covers (issue 18): the rows of the tables that hold what a desk did —
 * the stock ledger, lots and their status, signatures, QC results, master data, users, and (since
 * migration 032) genealogy links, production records, retained samples, the print log, QC files and
 * plans, recalls, complaints and CAPAs; later documents, shipments, SSCC packages, their lines and
 * the SSCCs lots were received under. A command's
 * audit record carries the digest of every such row its transaction wrote, so `audit verify`
 * recomputes them from the tables and names a row inserted, edited or deleted behind the
 * application's back.
 *
 * Which rows a transaction wrote is caught by TEMP triggers: they exist only on the station's own
 * connection, so a row written through any other connection (the sqlite3 shell, a script) is never
 * swept into a record and stays unrecorded; and they roll back with the transaction, so a refused
 * command leaves nothing pending.
 *
 * A row's digest covers the listed columns that are not NULL, so a nullable column added to a list
 * later leaves every existing row's digest as it was. Derived columns (search numbers) stay out.
 */
import { hash } from 'node:crypto';
import type { Db } from './db';
import { statement } from './statements';
import { keyOver, tableColumns, tableExists } from './table-info';

export interface FactTable {
  table: string;
  /** SQL expression naming one row (its primary key; a composite key joined with '/'). */
  key: string;
  columns: readonly string[];
  /**
   * Listed columns the chain covers only once its coverage names them (`users.signing_hash`): a
   * chain sealed before a column was listed recorded digests without it, so until the desk's
   * `audit.coverage` record names the column, `audit verify` digests the rows without it too.
   */
  later?: readonly string[];
}

/** Every covered table. A new fact table (QC results, production records…) is one entry here. */
export const FACT_TABLES: readonly FactTable[] = [
  { table: 'movements', key: 'id', columns: ['seq', 'id', 'kind', 'station_id', 'user_id', 'at', 'item_id', 'lot_id', 'quantity', 'from_location_id', 'to_location_id', 'document_id', 'document_line_id', 'reason'] },
  { table: 'lots', key: 'id', columns: ['id', 'item_id', 'code', 'supplier_id', 'supplier_lot', 'production_date', 'expiry_date', 'best_before_date', 'status', 'created_at', 'created_by', 'net_weight_kg', 'net_weight_device'] },
  { table: 'e_signatures', key: 'id', columns: ['id', 'object', 'object_id', 'meaning', 'reason', 'signer_id', 'printed_name', 'signed_at', 'bound_hash'] },
  { table: 'qc_inspections', key: 'id', columns: ['id', 'number', 'lot_id', 'plan_id', 'trigger', 'lot_size', 'sample_size', 'status', 'decision', 'due_at', 'created_at', 'created_by', 'decided_at', 'signature_id'] },
  { table: 'qc_results', key: 'id', columns: ['id', 'inspection_id', 'characteristic_id', 'sample_no', 'value_num', 'value_text', 'in_spec', 'source', 'recorded_at', 'recorded_by', 'superseded_by', 'correction_reason'] },
  { table: 'lot_expiry_changes', key: 'id', columns: ['id', 'lot_id', 'old_expiry', 'new_expiry', 'inspection_id', 'signature_id', 'changed_at'] },
  { table: 'items', key: 'id', columns: ['id', 'sku', 'gtin', 'name', 'unit', 'lot_tracked', 'shelf_life_days', 'qc_required', 'lot_pattern', 'removal_strategy', 'created_at', 'near_expiry_days', 'name_zh', 'default_zone_id', 'catch_weight', 'active'] },
  { table: 'bom_components', key: "item_id || '/' || component_item_id", columns: ['item_id', 'component_item_id', 'quantity'] },
  { table: 'parties', key: 'id', columns: ['id', 'kind', 'code', 'name', 'gln', 'region', 'channel', 'min_shelf_life_days', 'min_shelf_life_percent', 'name_zh', 'address', 'active'] },
  { table: 'party_contacts', key: 'id', columns: ['id', 'party_id', 'name', 'phone', 'email', 'role'] },
  { table: 'sites', key: 'id', columns: ['id', 'code', 'name', 'lot_pattern', 'gln'] },
  { table: 'zones', key: 'id', columns: ['id', 'site_id', 'code', 'name'] },
  { table: 'locations', key: 'id', columns: ['id', 'zone_id', 'code', 'pickable', 'quarantine', 'receiving', 'active', 'route_order', 'staging', 'kind'] },
  // Who may do what: a role raised with the sqlite3 shell is a forged fact too. Not the last sign-in.
  // The signing password's hash too (a forged one signs for its user), since the chain names `users.signing_hash`.
  { table: 'users', key: 'id', columns: ['id', 'username', 'display_name', 'role', 'secret_kind', 'secret_hash', 'locale', 'active', 'created_at', 'signing_hash'], later: ['signing_hash'] },
  // Covered since migration 032 (an upgraded desk records their rows in one `audit.coverage` record).
  { table: 'lot_links', key: 'id', columns: ['id', 'parent_lot_id', 'child_lot_id', 'quantity', 'movement_id'] },
  { table: 'production_records', key: 'lot_id', columns: ['lot_id', 'document_id', 'line', 'operator_id', 'shift', 'plan_id', 'all_in_spec', 'recorded_at', 'recorded_by'] },
  { table: 'production_parameters', key: "lot_id || '/' || characteristic_id", columns: ['lot_id', 'characteristic_id', 'value_num', 'value_text', 'in_spec'] },
  { table: 'retained_samples', key: 'id', columns: ['id', 'lot_id', 'quantity', 'location', 'destruction_date', 'destroyed_at', 'destroyed_by', 'note', 'created_at', 'created_by'] },
  { table: 'print_jobs', key: 'id', columns: ['id', 'created_at', 'user_id', 'station_id', 'document', 'object_id', 'object_label', 'printer', 'format', 'copies', 'reprint', 'status', 'attempts', 'error_key', 'error_params', 'reference', 'finished_at'] },
  { table: 'qc_files', key: 'id', columns: ['id', 'lot_id', 'inspection_id', 'kind', 'file_name', 'mime_type', 'size', 'sha256', 'added_at', 'added_by'] },
  { table: 'qc_plans', key: 'id', columns: ['id', 'item_id', 'supplier_key', 'supplier_id', 'version', 'status', 'sampling', 'triggers', 'retest_days', 'due_hours', 'note', 'created_at', 'created_by'] },
  { table: 'qc_characteristics', key: 'id', columns: ['id', 'plan_id', 'position', 'code', 'name', 'name_zh', 'stage', 'kind', 'unit', 'target', 'lower_limit', 'upper_limit', 'decimals', 'choices', 'accepted', 'method', 'mandatory', 'aql'] },
  { table: 'recalls', key: 'id', columns: ['id', 'number', 'mock', 'class', 'reason', 'status', 'started_at', 'started_by', 'reconciled_at', 'reconciled_by', 'accounted_percent', 'closed_at', 'closed_by', 'signature_meaning', 'closing_note'] },
  { table: 'recall_roots', key: "recall_id || '/' || lot_id", columns: ['recall_id', 'lot_id'] },
  { table: 'recall_lots', key: "recall_id || '/' || lot_id", columns: ['recall_id', 'lot_id', 'depth', 'on_hand', 'previous_status', 'held'] },
  { table: 'recall_notifications', key: 'id', columns: ['id', 'recall_id', 'party_id', 'notified_at', 'contact', 'method', 'note', 'recorded_at', 'recorded_by'] },
  { table: 'recall_returns', key: 'id', columns: ['id', 'recall_id', 'party_id', 'lot_id', 'quantity', 'location_id', 'movement_id', 'at', 'user_id'] },
  { table: 'complaints', key: 'id', columns: ['id', 'number', 'customer_id', 'item_id', 'lot_id', 'lot_input', 'description', 'received_on', 'severity', 'created_at', 'created_by', 'updated_at'] },
  { table: 'complaint_files', key: 'id', columns: ['id', 'complaint_id', 'file_name', 'mime_type', 'size', 'sha256', 'added_at', 'added_by'] },
  { table: 'capas', key: 'complaint_id', columns: ['complaint_id', 'root_cause', 'action', 'owner_id', 'due_date', 'verification', 'status', 'closed_at', 'closed_by', 'signature_meaning', 'created_at', 'updated_at'] },
  // Covered since the documents' coverage (an upgraded desk records their rows in one `audit.coverage`
  // record): receipts, orders, shipments and their lines, and the SSCC packages. Not `no` (a number
  // the desk derives, as for lots).
  { table: 'documents', key: 'id', columns: ['id', 'kind', 'number', 'party_id', 'status', 'reference', 'source_id', 'created_at', 'created_by', 'expected_date', 'closed_reason', 'external_id'] },
  { table: 'document_lines', key: 'id', columns: ['id', 'document_id', 'line_no', 'item_id', 'lot_id', 'quantity', 'source_line_id', 'scan', 'requested_date'] },
  { table: 'shipments', key: 'document_id', columns: ['document_id', 'order_id', 'region', 'channel', 'shipped_at'] },
  { table: 'packages', key: 'id', columns: ['id', 'document_id', 'sscc', 'shipment_id', 'created_at'] },
  // Covered since the SSCC coverage (an upgraded desk records their rows in one `audit.coverage`
  // record): what was packed under each SSCC, and the SSCC each received lot arrived under — the
  // centre matches the two to follow a pallet from one site to another (src/server/central-trace.ts).
  { table: 'package_lines', key: "package_id || '/' || lot_id", columns: ['package_id', 'lot_id', 'quantity'] },
  { table: 'received_units', key: "sscc || '/' || lot_id", columns: ['sscc', 'lot_id'] },
];

/**
 * The tables a chain sealed before migration 032 covers. A chain's coverage is this list, or the
 * names its `audit.sealed` record lists, plus those of each `audit.coverage` record after it:
 * all keyed, so a forger cannot shrink it without the HMAC failing. A name is a table, or
 * `table.column` for a column listed `later`.
 */
export const BASE_COVERAGE: readonly string[] = [
  'movements', 'lots', 'e_signatures', 'qc_inspections', 'qc_results', 'lot_expiry_changes', 'items', 'bom_components', 'parties', 'party_contacts', 'sites', 'zones', 'locations', 'users',
];

/** The command of the record that brings the rows of newly covered tables into the chain. */
export const COVERAGE_COMMAND = 'audit.coverage';

/** The chain's coverage names of what this version covers in this file: each present table, and its `later` columns present. */
export function coverageNames(db: Db): string[] {
  return presentFactTables(db).flatMap((t) => {
    const have = tableColumns(db, t.table);
    return [t.table, ...(t.later ?? []).filter((c) => have.has(c)).map((c) => `${t.table}.${c}`)];
  });
}

/** The table a coverage name is about. */
export function coverageTable(name: string): string {
  return name.split('.')[0];
}

/** The coverage names of the chain of this file (its seal and coverage records), null before a seal. */
export function chainCoverage(db: Db): Set<string> | null {
  const has = tableColumns(db, 'audit');
  if (!has.has('scheme') || !has.has('detail')) return null;
  const rows = statement(db, `SELECT command, detail FROM audit WHERE scheme = 2 AND command IN ('audit.sealed', '${COVERAGE_COMMAND}') ORDER BY seq`).all() as { command: string; detail: string | null }[];
  if (rows.length === 0) return null;
  const covered = new Set<string>();
  for (const r of rows) {
    let tables: unknown;
    try {
      tables = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>).tables : undefined;
    } catch {
      tables = undefined;
    }
    const named = typeof tables === 'string' ? tables.split(',').filter(Boolean) : r.command === 'audit.sealed' ? BASE_COVERAGE : [];
    for (const t of named) covered.add(t);
  }
  return covered;
}

/** The table as a chain of this coverage digests it: without the `later` columns it does not name yet. */
export function asCovered(t: FactTable, covered: ReadonlySet<string> | null): FactTable {
  const left = (t.later ?? []).filter((c) => covered !== null && !covered.has(`${t.table}.${c}`));
  return left.length === 0 ? t : { ...t, columns: t.columns.filter((c) => !left.includes(c)) };
}

/** The digest a removed row leaves in the record that removed it. */
export const DELETED = '-';

/** A covered row as one record names it: table, key, digest of its content (or DELETED). */
export type Fact = [table: string, key: string, digest: string];

const byName = new Map(FACT_TABLES.map((t) => [t.table, t]));

/** The columns a key expression names (lot_links before migration 032 has no `id`: it is not a fact table there). */
function keyColumns(t: FactTable): string[] {
  return (t.key.match(/\b[a-z_][a-z0-9_]*\b/g) ?? []).filter((w) => t.columns.includes(w));
}

/** The tables of FACT_TABLES this database has, with their keys (an older schema read by `audit verify` may lack some). */
export function presentFactTables(db: Db): FactTable[] {
  return FACT_TABLES.filter((t) => {
    if (!tableExists(db, t.table)) return false;
    const have = tableColumns(db, t.table);
    return keyColumns(t).every((c) => have.has(c));
  });
}

/** 128 bits of SHA-256 over the non-NULL listed columns: enough against a second preimage, half the bytes in every record. */
export function rowDigest(t: FactTable, values: readonly unknown[]): string {
  const parts: unknown[] = [t.table];
  for (let i = 0; i < t.columns.length; i++) if (values[i] !== null && values[i] !== undefined) parts.push(t.columns[i], values[i]);
  return digestOfText(JSON.stringify(parts));
}

const installed = new WeakSet<Db>();

/** Starts catching the covered rows this connection writes (once per connection). */
export function installFactCapture(db: Db): void {
  if (installed.has(db)) return;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS audit_pending (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID');
  for (const t of presentFactTables(db)) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      const key = keyOver(t.key, t.columns, row);
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS audit_fact_${t.table}_${event.toLowerCase()} AFTER ${event} ON main.${t.table}
               BEGIN INSERT OR IGNORE INTO temp.audit_pending (tbl, key) VALUES ('${t.table}', ${key}); END`);
    }
  }
  installed.add(db);
}

export function capturesFacts(db: Db): boolean {
  return installed.has(db);
}

/** The current digest of one covered row, DELETED when it is gone. */
export function currentDigest(db: Db, t: FactTable, key: string): string {
  const row = statement(db, `SELECT ${t.columns.join(', ')} FROM ${t.table} WHERE ${t.key} = ?`).raw().get(key) as unknown[] | undefined;
  return row ? rowDigest(t, row) : DELETED;
}

/**
 * Takes up to `limit` of the rows written since the last take, with their digests now, in
 * (table, key) order, and forgets them. Call inside the transaction that wrote them.
 */
export function takePendingFacts(db: Db, limit: number): Fact[] {
  if (!installed.has(db)) return [];
  const pending = statement(db, 'SELECT tbl, key FROM temp.audit_pending ORDER BY tbl, key LIMIT ?').raw().all(limit) as [string, string][];
  if (pending.length === 0) return [];
  const facts: Fact[] = pending.map(([tbl, key]) => [tbl, key, currentDigest(db, byName.get(tbl)!, key)]);
  const last = pending[pending.length - 1];
  if (pending.length < limit) statement(db, 'DELETE FROM temp.audit_pending').run();
  else statement(db, 'DELETE FROM temp.audit_pending WHERE tbl < ? OR (tbl = ? AND key <= ?)').run(last[0], last[0], last[1]);
  return facts;
}

/** Marks every existing covered row pending: the baseline a newly keyed chain starts from. */
export function markAllPending(db: Db, only?: ReadonlySet<string>): void {
  for (const t of presentFactTables(db)) if (!only || only.has(t.table)) db.exec(`INSERT OR IGNORE INTO temp.audit_pending (tbl, key) SELECT '${t.table}', ${t.key} FROM main.${t.table}`);
}

export function hasPendingFacts(db: Db): boolean {
  return installed.has(db) && statement(db, 'SELECT 1 FROM temp.audit_pending LIMIT 1').get() !== undefined;
}

/**
 * The table as this file has it: `audit verify` reads a file as it is, and a column added to the
 * list after the file's schema reads as NULL, which a digest skips as it skips any NULL.
 */
export function withPresentColumns(db: Db, t: FactTable): FactTable {
  const present = tableColumns(db, t.table);
  return { ...t, columns: t.columns.filter((c) => present.has(c)) };
}

const MAX_SAFE = '9007199254740991';

/**
 * One listed column as rowDigest writes it (`,"name",value`, nothing when NULL), in SQL — or NULL
 * where SQLite cannot be sure to write the value as JSON.stringify does: a blob, an integer beyond
 * 2^53, a real that needs more than 15 digits or lies outside [1e-4, 1e15) (JSON.stringify writes
 * the shortest digits that read back; a 15-digit %g that reads back is those digits).
 */
function columnJsonSql(c: string): string {
  return `CASE typeof(${c}) WHEN 'null' THEN ''
    WHEN 'text' THEN ',"${c}",' || json_quote(${c})
    WHEN 'integer' THEN CASE WHEN ${c} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN ',"${c}",' || ${c} END
    WHEN 'real' THEN ',"${c}",' || CASE
      WHEN ${c} = CAST(${c} AS INTEGER) AND ${c} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN CAST(CAST(${c} AS INTEGER) AS TEXT)
      WHEN abs(${c}) >= 1e-4 AND abs(${c}) < 1e15 AND CAST(printf('%.15g', ${c}) AS REAL) = ${c} THEN printf('%.15g', ${c}) END
    END`;
}

/**
 * SQL for the text rowDigest hashes, built by SQLite for one row of `t` (NULL where a value needs
 * JavaScript's own writing: then the caller digests the row's values with rowDigest). `audit
 * verify` hashes it in bulk instead of carrying every column of a million rows into JavaScript.
 */
export function digestTextSql(t: FactTable): string {
  return `'["${t.table}"' || ${t.columns.map(columnJsonSql).join(' || ')} || ']'`;
}

/** rowDigest of the text digestTextSql built. */
export function digestOfText(text: string): string {
  return hash('sha256', text).slice(0, 32);
}

/**
 * Stops catching covered rows on this connection until the returned function is called (a bulk
 * load that records its facts set-wise with `allRowFacts`, issue 21). Fact capture only: the
 * sync capture has its own (store/sync-outbox.ts).
 */
export function suspendFactCapture(db: Db): () => void {
  if (!installed.has(db)) return () => {};
  dropTempTriggers(db, 'audit_fact_');
  installed.delete(db);
  return () => installFactCapture(db);
}

/** Drops this connection's TEMP triggers whose names start with `prefix` (letters and '_'). */
export function dropTempTriggers(db: Db, prefix: string): void {
  const names = statement(db, "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?) = ?").pluck().all(prefix.length, prefix) as string[];
  for (const name of names) db.exec(`DROP TRIGGER IF EXISTS temp."${name}"`);
}

const ROW_DIGEST_FN = 'lotdesk_row_digest';
const withRowDigest = new WeakSet<Db>();

/**
 * The fact of every row of every covered table, table by table (by name) and key by key — what a
 * transaction that wrote all of them would record, in the order `takePendingFacts` gives — in
 * pages of `page`. SQLite writes each row's digest text (digestTextSql) and one SQL function hashes
 * it; a row whose text SQLite cannot write is digested from its values in JavaScript. Generic over
 * FACT_TABLES: a table added there is covered here with nothing else to change.
 */
export function* allRowFacts(db: Db, page: number): Generator<Fact[]> {
  if (!withRowDigest.has(db)) {
    db.function(ROW_DIGEST_FN, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? digestOfText(text) : null));
    withRowDigest.add(db);
  }
  const tables = presentFactTables(db)
    .map((full) => withPresentColumns(db, full))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  let out: Fact[] = [];
  for (const t of tables) {
    // Paged by key (a statement cannot stay open while the caller writes records); only the key
    // and the digest come back, the values only of a row SQLite could not write the text of.
    const select = (first: boolean) =>
      db.prepare(
        `SELECT k__, ${ROW_DIGEST_FN}(j__) FROM (SELECT ${t.key} AS k__, ${digestTextSql(t)} AS j__ FROM main.${t.table})
         ${first ? '' : 'WHERE k__ > ?'} ORDER BY k__ LIMIT ${page}`,
      );
    const firstPage = select(true).raw();
    const nextPage = select(false).raw();
    const values = db.prepare(`SELECT ${t.columns.join(', ')} FROM main.${t.table} WHERE ${t.key} = ?`).raw();
    let last: unknown = undefined;
    for (;;) {
      const rows = (last === undefined ? firstPage.all() : nextPage.all(last)) as [unknown, string | null][];
      for (const [key, digest] of rows) {
        out.push([t.table, String(key), digest ?? rowDigest(t, values.get(key) as unknown[])]);
        if (out.length === page) {
          yield out;
          out = [];
        }
      }
      if (rows.length < page) break;
      last = rows[rows.length - 1][0];
    }
  }
  if (out.length > 0) yield out;
}
