/**
 * Quality control (issue 17). Plans are versioned per item (optionally per supplier): a change
 * makes a new version and the inspections already made keep the version they were judged by.
 * An inspection binds a lot to one plan version; its results are kept per sample and never
 * overwritten (a correction supersedes the row, with a reason), so an e-signature's hash over the
 * current results shows whether anything changed after signing. E-signatures are one table for
 * every signed act (QC decisions, reopenings, re-tests; later the trust work chains them), each
 * with the printed name, the instant, the meaning and the hash of what was signed.
 */
export default /* sql */ `
CREATE TABLE qc_plans (
  id           TEXT PRIMARY KEY,
  item_id      TEXT NOT NULL REFERENCES items(id),
  -- '' for the item's plan for every supplier (a NULL would not be unique in SQLite).
  supplier_key TEXT NOT NULL DEFAULT '',
  supplier_id  TEXT REFERENCES parties(id),
  version      INTEGER NOT NULL CHECK (version > 0),
  status       TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'retired')),
  -- JSON: {"kind":"fixed","n":5} or {"kind":"iso2859","level":"I"|"II"|"III","severity":"normal"|"tightened"|"reduced"}
  sampling     TEXT NOT NULL,
  -- JSON array of 'receipt' | 'production' | 'retest'.
  triggers     TEXT NOT NULL,
  -- A re-test falls due this many days before expiry (NULL: no re-test).
  retest_days  INTEGER CHECK (retest_days IS NULL OR retest_days > 0),
  -- An inspection is due this many hours after its trigger.
  due_hours    INTEGER NOT NULL DEFAULT 24 CHECK (due_hours > 0),
  note         TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL REFERENCES users(id),
  UNIQUE (item_id, supplier_key, version)
);
CREATE INDEX qc_plans_active ON qc_plans(item_id, supplier_key, status);

CREATE TABLE qc_characteristics (
  id          TEXT PRIMARY KEY,
  plan_id     TEXT NOT NULL REFERENCES qc_plans(id),
  position    INTEGER NOT NULL,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_zh     TEXT,
  -- 'inspection': checked on samples; 'process': a production record's parameter.
  stage       TEXT NOT NULL DEFAULT 'inspection' CHECK (stage IN ('inspection', 'process')),
  kind        TEXT NOT NULL CHECK (kind IN ('numeric', 'pass_fail', 'choice', 'text', 'weight')),
  unit        TEXT,
  target      REAL,
  lower_limit REAL,
  upper_limit REAL,
  decimals    INTEGER CHECK (decimals IS NULL OR decimals BETWEEN 0 AND 6),
  -- JSON arrays for 'choice': every option, and the ones that are in spec.
  choices     TEXT,
  accepted    TEXT,
  method      TEXT,
  mandatory   INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
  -- ISO 2859-1 acceptance quality limit in percent (sampled plans); NULL with fixed sampling.
  aql         REAL,
  UNIQUE (plan_id, code),
  CHECK (lower_limit IS NULL OR upper_limit IS NULL OR lower_limit <= upper_limit)
);
CREATE INDEX qc_characteristics_plan ON qc_characteristics(plan_id, position);

CREATE TABLE qc_inspections (
  id          TEXT PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  plan_id     TEXT NOT NULL REFERENCES qc_plans(id),
  trigger     TEXT NOT NULL CHECK (trigger IN ('receipt', 'production', 'retest', 'manual')),
  lot_size    INTEGER NOT NULL CHECK (lot_size >= 0),
  -- The largest sample any characteristic needs (per-characteristic n, Ac, Re are derived from the plan).
  sample_size INTEGER NOT NULL CHECK (sample_size > 0),
  status      TEXT NOT NULL CHECK (status IN ('open', 'decided')),
  decision    TEXT CHECK (decision IN ('released', 'rejected', 'on_hold', 'conditional')),
  due_at      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users(id),
  decided_at  TEXT,
  -- The e-signature of the current decision (NULL while open).
  signature_id TEXT REFERENCES e_signatures(id),
  CHECK (status = 'open' OR (decision IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX qc_inspections_lot ON qc_inspections(lot_id, created_at);
CREATE INDEX qc_inspections_queue ON qc_inspections(status, due_at);

CREATE TABLE qc_results (
  id                TEXT PRIMARY KEY,
  inspection_id     TEXT NOT NULL REFERENCES qc_inspections(id),
  characteristic_id TEXT NOT NULL REFERENCES qc_characteristics(id),
  sample_no         INTEGER NOT NULL CHECK (sample_no > 0),
  value_num         REAL,
  value_text        TEXT,
  in_spec           INTEGER NOT NULL CHECK (in_spec IN (0, 1)),
  -- Where a value came from: typed at the desk, or a stable scale weight.
  source            TEXT NOT NULL CHECK (source IN ('typed', 'scale')),
  recorded_at       TEXT NOT NULL,
  recorded_by       TEXT NOT NULL REFERENCES users(id),
  -- A correction supersedes a result (the old row stays, with the reason on the new one).
  superseded_by     TEXT REFERENCES qc_results(id),
  correction_reason TEXT
);
CREATE INDEX qc_results_inspection ON qc_results(inspection_id, characteristic_id, sample_no);
CREATE UNIQUE INDEX qc_results_current ON qc_results(inspection_id, characteristic_id, sample_no) WHERE superseded_by IS NULL;

CREATE TABLE e_signatures (
  id           TEXT PRIMARY KEY,
  -- What was signed: 'qc_inspection', 'lot_expiry', ...
  object       TEXT NOT NULL,
  object_id    TEXT NOT NULL,
  -- What the signature means: 'released', 'rejected', 'on_hold', 'conditional', 'reopened', 'retest', ...
  meaning      TEXT NOT NULL,
  reason       TEXT,
  signer_id    TEXT NOT NULL REFERENCES users(id),
  -- The signer's name as printed at the time of signing (§11.50: kept even if the user is renamed).
  printed_name TEXT NOT NULL,
  signed_at    TEXT NOT NULL,
  -- SHA-256 (hex) of the canonical JSON of what was signed (§11.70: the signature is bound to it).
  bound_hash   TEXT NOT NULL
);
CREATE INDEX e_signatures_object ON e_signatures(object, object_id, signed_at);

-- Photos and files of an inspection or a lot (a supplier's CoA at receipt), kept in the station's
-- data folder, referenced here by name, size and SHA-256.
CREATE TABLE qc_files (
  id            TEXT PRIMARY KEY,
  lot_id        TEXT NOT NULL REFERENCES lots(id),
  inspection_id TEXT REFERENCES qc_inspections(id),
  kind          TEXT NOT NULL CHECK (kind IN ('photo', 'file', 'supplier_coa')),
  file_name     TEXT NOT NULL,
  mime_type     TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size > 0),
  sha256        TEXT NOT NULL,
  added_at      TEXT NOT NULL,
  added_by      TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX qc_files_lot ON qc_files(lot_id);

-- A lot made here (transform / kit): where, by whom, on which shift, and the process parameters
-- its plan names (characteristics of stage 'process').
CREATE TABLE production_records (
  lot_id      TEXT PRIMARY KEY REFERENCES lots(id),
  document_id TEXT REFERENCES documents(id),
  line        TEXT NOT NULL,
  operator_id TEXT NOT NULL REFERENCES users(id),
  shift       TEXT NOT NULL,
  plan_id     TEXT REFERENCES qc_plans(id),
  all_in_spec INTEGER NOT NULL CHECK (all_in_spec IN (0, 1)),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id)
) WITHOUT ROWID;

CREATE TABLE production_parameters (
  lot_id            TEXT NOT NULL REFERENCES production_records(lot_id),
  characteristic_id TEXT NOT NULL REFERENCES qc_characteristics(id),
  value_num         REAL,
  value_text        TEXT,
  in_spec           INTEGER NOT NULL CHECK (in_spec IN (0, 1)),
  PRIMARY KEY (lot_id, characteristic_id)
) WITHOUT ROWID;

-- Expiry extended by a re-test: the old date is kept here, the signature names who decided.
CREATE TABLE lot_expiry_changes (
  id            TEXT PRIMARY KEY,
  lot_id        TEXT NOT NULL REFERENCES lots(id),
  old_expiry    TEXT,
  new_expiry    TEXT NOT NULL,
  inspection_id TEXT REFERENCES qc_inspections(id),
  signature_id  TEXT NOT NULL REFERENCES e_signatures(id),
  changed_at    TEXT NOT NULL
);
CREATE INDEX lot_expiry_changes_lot ON lot_expiry_changes(lot_id, changed_at);

CREATE TABLE retained_samples (
  id               TEXT PRIMARY KEY,
  lot_id           TEXT NOT NULL REFERENCES lots(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  location         TEXT NOT NULL,
  destruction_date TEXT NOT NULL,
  destroyed_at     TEXT,
  destroyed_by     TEXT REFERENCES users(id),
  note             TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX retained_samples_lot ON retained_samples(lot_id);
CREATE INDEX retained_samples_due ON retained_samples(destruction_date) WHERE destroyed_at IS NULL;
`;
