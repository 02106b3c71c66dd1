import { MIGRATIONS } from '../../src/store/migrations';
import m033 from '../../src/store/migrations/033-pick-weights';
import m034 from '../../src/store/migrations/034-erp-orders';
import m035 from '../../src/store/migrations/035-trace-readers';
import m036 from '../../src/store/migrations/036-sync-parked';
import m037 from '../../src/store/migrations/037-receiving-bins';

/**
 * Earlier schema versions, for tests that open a desk written by an earlier LotDesk: each undoes
 * one migration on a desk made by the current one (its data kept), so a test reaches version N by
 * undoing the migrations after N, newest first.
 */

/** Back to version 30 (issue 16): no trace change log, no triggers. */
export const UNDO_031 = /* sql */ `
${['lot', 'lot_no', 'item', 'party', 'document', 'shipment', 'line'].map((t) => `DROP TRIGGER trace_changes_${t};`).join('\n')}
DROP TABLE trace_changes;
DELETE FROM sqlite_sequence WHERE name = 'trace_changes';
PRAGMA user_version = 30;
`;

/** Back to version 31 (issue 18): lot links without an id (their rowids kept). */
export const UNDO_032 = /* sql */ `
CREATE TABLE lot_links_v30 (
  parent_lot_id TEXT NOT NULL REFERENCES lots(id),
  child_lot_id  TEXT NOT NULL REFERENCES lots(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  movement_id   TEXT REFERENCES movements(id),
  CHECK (parent_lot_id <> child_lot_id)
);
INSERT INTO lot_links_v30 (rowid, parent_lot_id, child_lot_id, quantity, movement_id) SELECT id, parent_lot_id, child_lot_id, quantity, movement_id FROM lot_links ORDER BY id;
DROP TABLE lot_links;
ALTER TABLE lot_links_v30 RENAME TO lot_links;
CREATE INDEX lot_links_parent ON lot_links(parent_lot_id);
CREATE INDEX lot_links_child ON lot_links(child_lot_id);
PRAGMA user_version = 31;
`;

/** Back to version 29 (issue 20): no sync outbox, no record of applied central changes. */
export const UNDO_030 = /* sql */ `
DROP TABLE sync_applied;
DROP TABLE sync_outbox;
DELETE FROM sqlite_sequence WHERE name = 'sync_outbox';
PRAGMA user_version = 29;
`;

/** Back to the version before 029 (issue 19): lots without a net weight. */
export const UNDO_029 = /* sql */ `
ALTER TABLE lots DROP COLUMN net_weight_device;
ALTER TABLE lots DROP COLUMN net_weight_kg;
PRAGMA user_version = 28;
`;

/** Back to version 27: audit records without a hash scheme or facts (the plain SHA-256 chain). */
export const UNDO_028 = /* sql */ `
ALTER TABLE audit DROP COLUMN facts;
ALTER TABLE audit DROP COLUMN scheme;
PRAGMA user_version = 27;
`;

/** Back to version 26: no index of received lots by supplier and item, nor of current result values. */
export const UNDO_027 = /* sql */ `
DROP INDEX qc_results_values;
DROP INDEX lots_supplier_received;
PRAGMA user_version = 26;
`;

/** Back to version 25: no print log (issue 19). */
export const UNDO_026 = /* sql */ `
DROP TABLE print_jobs;
PRAGMA user_version = 25;
`;

/** Back to version 24: no signing passwords on users. */
export const UNDO_025 = /* sql */ `
ALTER TABLE users DROP COLUMN signing_hash;
PRAGMA user_version = 24;
`;

/**
 * Back to version 23 (before migration 024): one
 * failure row per user again, the most failures and the latest lock of its clients kept.
 */
export const UNDO_024 = /* sql */ `
CREATE TABLE secret_failures_by_user (
  user_id        TEXT PRIMARY KEY REFERENCES users(id),
  failures       INTEGER NOT NULL CHECK (failures > 0),
  last_failed_at TEXT NOT NULL,
  locked_until   TEXT,
  locked_tries   INTEGER NOT NULL DEFAULT 0 CHECK (locked_tries >= 0)
);
INSERT INTO secret_failures_by_user SELECT user_id, max(failures), max(last_failed_at), max(locked_until), sum(locked_tries) FROM secret_failures GROUP BY user_id;
DROP TABLE secret_failures;
ALTER TABLE secret_failures_by_user RENAME TO secret_failures;
PRAGMA user_version = 23;
`;

/** Back to version 22: no QC plans, inspections, results, e-signatures, production records or retained samples. */
export const UNDO_023 = /* sql */ `
DROP TABLE retained_samples;
DROP TABLE lot_expiry_changes;
DROP TABLE production_parameters;
DROP TABLE production_records;
DROP TABLE qc_files;
DROP TABLE qc_results;
DROP TABLE qc_inspections;
DROP TABLE e_signatures;
DROP TABLE qc_characteristics;
DROP TABLE qc_plans;
PRAGMA user_version = 22;
`;

/** Back to version 21: no complaints, complaint files or CAPAs, no index of package lines by lot. */
export const UNDO_022 = /* sql */ `
DROP TABLE capas;
DROP TABLE complaint_files;
DROP TABLE complaints;
DROP INDEX package_lines_lot;
PRAGMA user_version = 21;
`;

/** Back to version 20: no Chinese names, zones, catch weight or active flags on items and parties, no contacts, no item search index. */
export const UNDO_021 = /* sql */ `
DROP TRIGGER item_search_insert;
DROP TRIGGER item_search_update;
DROP TRIGGER item_search_number;
DROP TABLE item_search;
DROP INDEX items_sku_nocase;
DROP INDEX items_search_no;
DROP INDEX items_name_nocase;
DROP INDEX items_name_zh;
DROP TABLE party_contacts;
ALTER TABLE items DROP COLUMN name_zh;
ALTER TABLE items DROP COLUMN default_zone_id;
ALTER TABLE items DROP COLUMN catch_weight;
ALTER TABLE items DROP COLUMN active;
ALTER TABLE items DROP COLUMN search_no;
ALTER TABLE parties DROP COLUMN name_zh;
ALTER TABLE parties DROP COLUMN address;
ALTER TABLE parties DROP COLUMN active;
PRAGMA user_version = 20;
`;

/** Back to version 19: no recalls (issue 16). */
export const UNDO_020 = /* sql */ `
DROP TABLE recall_returns;
DROP TABLE recall_notifications;
DROP TABLE recall_lots;
DROP TABLE recall_roots;
DROP TABLE recalls;
PRAGMA user_version = 19;
`;

/** Back to version 18: no bin kind, no expected date or closing reason on documents. */
export const UNDO_019 = /* sql */ `
ALTER TABLE documents DROP COLUMN closed_reason;
ALTER TABLE documents DROP COLUMN expected_date;
ALTER TABLE locations DROP COLUMN kind;
PRAGMA user_version = 18;
`;

/** Back to version 17: no audit index by object kind, none of refused records, none by user and command. */
export const UNDO_018 = /* sql */ `
DROP INDEX audit_objects_seq;
DROP INDEX audit_refused;
DROP INDEX audit_user_command_seq;
PRAGMA user_version = 17;
`;

/** Back to version 16: no changes on audit records, no audit objects, no audit filter indexes. */
export const UNDO_017 = /* sql */ `
DROP TABLE audit_objects;
DROP INDEX audit_user_seq;
DROP INDEX audit_command_seq;
DROP INDEX audit_at;
ALTER TABLE audit DROP COLUMN changes;
PRAGMA user_version = 16;
`;

/** Back to version 15: no index of document lines by lot. */
export const UNDO_016 = /* sql */ `
DROP INDEX document_lines_lot;
PRAGMA user_version = 15;
`;

/** Back to version 14: no last sign-in on users, no GLN on sites. */
export const UNDO_015 = /* sql */ `
ALTER TABLE users DROP COLUMN last_sign_in_at;
ALTER TABLE sites DROP COLUMN gln;
PRAGMA user_version = 14;
`;

/** Back to version 13: allocations with text ids (migration 009's table), no numbers on their references. */
export const UNDO_014 = /* sql */ `
CREATE TABLE allocations_v13 (
  id            INTEGER PRIMARY KEY,
  order_line_id TEXT NOT NULL REFERENCES document_lines(id),
  document_id   TEXT NOT NULL,
  item_id       TEXT NOT NULL,
  lot_id        TEXT NOT NULL,
  location_id   TEXT NOT NULL,
  quantity      INTEGER NOT NULL CHECK (quantity >= 0),
  picked        INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
  status        TEXT NOT NULL CHECK (status IN ('open','picked','shipped','void')),
  breaks_rule   INTEGER NOT NULL DEFAULT 0,
  shipment_id   TEXT REFERENCES documents(id),
  created_at    TEXT NOT NULL
);
INSERT INTO allocations_v13 SELECT id, order_line_id, document_id, item_id, lot_id, location_id, quantity, picked, status, breaks_rule, shipment_id, created_at
  FROM allocations ORDER BY id;
CREATE TABLE pick_exceptions_v13 (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('short','damaged')),
  allocation_id INTEGER NOT NULL REFERENCES allocations_v13(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  user_id       TEXT NOT NULL REFERENCES users(id),
  movement_id   TEXT REFERENCES movements(id)
);
INSERT INTO pick_exceptions_v13 SELECT id, at, kind, allocation_id, quantity, user_id, movement_id FROM pick_exceptions ORDER BY rowid;
DROP TABLE pick_exceptions;
DROP VIEW allocations;
DROP TABLE allocation_rows;
ALTER TABLE allocations_v13 RENAME TO allocations;
ALTER TABLE pick_exceptions_v13 RENAME TO pick_exceptions;
CREATE INDEX allocations_open_stock ON allocations(lot_id, location_id, quantity, picked) WHERE status = 'open';
CREATE INDEX allocations_order ON allocations(document_id, order_line_id, status);
CREATE INDEX pick_exceptions_allocation ON pick_exceptions(allocation_id);

DROP INDEX lots_item_status_expiry;
DROP INDEX lots_item_status_received;
DROP INDEX locations_walk;
DROP INDEX document_lines_document_no;
CREATE INDEX lots_item_status_expiry ON lots(item_id, status, expiry_date, created_at, id, code, production_date);
CREATE INDEX lots_item_status_received ON lots(item_id, status, created_at, id, code, production_date, expiry_date);
CREATE INDEX locations_walk ON locations(id, pickable, active, route_order, code);
${['documents', 'document_lines', 'lots', 'locations'].map((t) => `DROP TRIGGER ${t}_number; DROP INDEX ${t}_no; ALTER TABLE ${t} DROP COLUMN no;`).join('\n')}
PRAGMA user_version = 13;
`;

/** The version migration 033 (catch weights at picking) brings a desk to: its place in the list. */
export const PICK_WEIGHTS_VERSION = MIGRATIONS.indexOf(m033) + 1;
/** Back to version 32 (issue 19): picks without catch weights. */
export const UNDO_033 = /* sql */ `
DROP TABLE pick_weights;
PRAGMA user_version = ${PICK_WEIGHTS_VERSION - 1};
`;

/** The version migration 034 (ERP orders at the desk) brings a desk to: its place in the list. */
export const ERP_ORDERS_VERSION = MIGRATIONS.indexOf(m034) + 1;
/** Back to the version before 034: no ERP id on documents. */
export const UNDO_034 = /* sql */ `
ALTER TABLE documents DROP COLUMN external_id;
PRAGMA user_version = ${ERP_ORDERS_VERSION - 1};
`;

/** The version migration 035 (trace change log pruning) brings a desk to: its place in the list. */
export const TRACE_READERS_VERSION = MIGRATIONS.indexOf(m035) + 1;
/** Back to the version before 035 (issue 16): a change log that is never pruned. */
export const UNDO_035 = /* sql */ `
DROP TABLE trace_changes_pruned;
DROP TABLE trace_readers;
PRAGMA user_version = ${TRACE_READERS_VERSION - 1};
`;

/** The version migration 036 (parked central changes) brings a desk to: its place in the list. */
export const SYNC_PARKED_VERSION = MIGRATIONS.indexOf(m036) + 1;
/** Back to the version before 036: a refused order is not kept for a retry. */
export const UNDO_036 = /* sql */ `
DROP TABLE sync_parked_needs;
DROP TABLE sync_parked;
PRAGMA user_version = ${SYNC_PARKED_VERSION - 1};
`;

/** The version migration 037 (receiving and quarantine bin indexes) brings a desk to: its place in the list. */
export const RECEIVING_BINS_VERSION = MIGRATIONS.indexOf(m037) + 1;
/** Back to the version before 037: a receive without a bin walks the site's bins. */
export const UNDO_037 = /* sql */ `
DROP INDEX locations_quarantine;
DROP INDEX locations_receiving;
PRAGMA user_version = ${RECEIVING_BINS_VERSION - 1};
`;

/** Each migration's undo by the version it brings a desk to (one entry per migration after 13). */
const UNDO: Record<number, string> = {
  14: UNDO_014, 15: UNDO_015, 16: UNDO_016, 17: UNDO_017, 18: UNDO_018,
  19: UNDO_019, 20: UNDO_020, 21: UNDO_021, 22: UNDO_022, 23: UNDO_023, 24: UNDO_024, 25: UNDO_025, 26: UNDO_026, 27: UNDO_027, 28: UNDO_028, 29: UNDO_029, 30: UNDO_030,
  31: UNDO_031, 32: UNDO_032, 33: UNDO_033, [ERP_ORDERS_VERSION]: UNDO_034, [TRACE_READERS_VERSION]: UNDO_035, [SYNC_PARKED_VERSION]: UNDO_036,
  [RECEIVING_BINS_VERSION]: UNDO_037,
};

/** Undoes, newest first, every migration after `version` on a current desk's file (open with foreign keys off). */
export function rollBackTo(raw: { exec(sql: string): unknown }, version: number): void {
  const newest = Math.max(...Object.keys(UNDO).map(Number));
  for (let v = newest; v > version; v--) {
    const undo = UNDO[v];
    if (!undo) throw new Error(`no undo for migration ${v}`);
    raw.exec(undo);
  }
}
