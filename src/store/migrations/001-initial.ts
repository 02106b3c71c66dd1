/**
 * The first schema: master data, lots, the movement ledger with derived balances, documents,
 * genealogy links and the hash-chained audit trail. Quantities are INTEGER thousandths of the
 * item's unit (see src/domain/quantity.ts) so ledger sums are exact.
 */
export default /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

CREATE TABLE users (
  id           TEXT PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('clerk','inspector','lead','manager','admin')),
  secret_kind  TEXT NOT NULL CHECK (secret_kind IN ('pin','password')),
  secret_hash  TEXT NOT NULL,
  locale       TEXT NOT NULL DEFAULT 'en',
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL
);

CREATE TABLE sites (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  lot_pattern TEXT
);

CREATE TABLE zones (
  id      TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  code    TEXT NOT NULL,
  name    TEXT NOT NULL,
  UNIQUE (site_id, code)
);

CREATE TABLE locations (
  id         TEXT PRIMARY KEY,
  zone_id    TEXT NOT NULL REFERENCES zones(id),
  code       TEXT NOT NULL UNIQUE,
  pickable   INTEGER NOT NULL DEFAULT 1,
  quarantine INTEGER NOT NULL DEFAULT 0,
  receiving  INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX locations_zone ON locations(zone_id);

CREATE TABLE items (
  id               TEXT PRIMARY KEY,
  sku              TEXT NOT NULL UNIQUE,
  gtin             TEXT UNIQUE,
  name             TEXT NOT NULL,
  unit             TEXT NOT NULL,
  lot_tracked      INTEGER NOT NULL DEFAULT 1,
  shelf_life_days  INTEGER,
  qc_required      INTEGER NOT NULL DEFAULT 0,
  lot_pattern      TEXT,
  removal_strategy TEXT NOT NULL DEFAULT 'FEFO' CHECK (removal_strategy IN ('FEFO','FIFO','LIFO')),
  created_at       TEXT NOT NULL
);

CREATE TABLE parties (
  id      TEXT PRIMARY KEY,
  kind    TEXT NOT NULL CHECK (kind IN ('supplier','customer')),
  code    TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL,
  gln     TEXT,
  region  TEXT,
  channel TEXT
);

CREATE TABLE lots (
  id               TEXT PRIMARY KEY,
  item_id          TEXT NOT NULL REFERENCES items(id),
  code             TEXT NOT NULL,
  supplier_id      TEXT REFERENCES parties(id),
  supplier_lot     TEXT,
  production_date  TEXT,
  expiry_date      TEXT,
  best_before_date TEXT,
  status           TEXT NOT NULL CHECK (status IN ('quarantine','released','on_hold','rejected','recalled')),
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL REFERENCES users(id),
  UNIQUE (item_id, code)
);
-- One supplier lot per supplier and item: a second receipt of the same lot must name the existing lot.
CREATE UNIQUE INDEX lots_supplier_lot ON lots(supplier_id, item_id, supplier_lot) WHERE supplier_lot IS NOT NULL;
CREATE INDEX lots_item_expiry ON lots(item_id, expiry_date);

CREATE TABLE documents (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('purchase_order','receipt','sales_order','shipment','count','transformation','adjustment','move')),
  number     TEXT NOT NULL UNIQUE,
  party_id   TEXT REFERENCES parties(id),
  status     TEXT NOT NULL,
  reference  TEXT,
  source_id  TEXT REFERENCES documents(id),
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users(id)
);

CREATE TABLE document_lines (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  line_no     INTEGER NOT NULL,
  item_id     TEXT NOT NULL REFERENCES items(id),
  lot_id      TEXT REFERENCES lots(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  source_line_id TEXT REFERENCES document_lines(id),
  -- The raw barcode scan a received line came from, kept for traceability.
  scan        TEXT,
  UNIQUE (document_id, line_no)
);
CREATE INDEX document_lines_source ON document_lines(source_line_id);

CREATE TABLE movements (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL CHECK (kind IN ('receive','move','pick','ship','adjust','consume','produce','split','merge')),
  station_id       TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  at               TEXT NOT NULL,
  item_id          TEXT NOT NULL REFERENCES items(id),
  lot_id           TEXT NOT NULL REFERENCES lots(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  from_location_id TEXT REFERENCES locations(id),
  to_location_id   TEXT REFERENCES locations(id),
  document_id      TEXT REFERENCES documents(id),
  document_line_id TEXT REFERENCES document_lines(id),
  reason           TEXT,
  CHECK (from_location_id IS NOT NULL OR to_location_id IS NOT NULL)
);
CREATE INDEX movements_lot ON movements(lot_id);

CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END;
CREATE TRIGGER movements_append_only_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are append-only'); END;

CREATE TABLE balances (
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  item_id     TEXT NOT NULL REFERENCES items(id),
  quantity    INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (lot_id, location_id)
) WITHOUT ROWID;
CREATE INDEX balances_item ON balances(item_id);
CREATE INDEX balances_location ON balances(location_id);

CREATE TABLE lot_links (
  parent_lot_id TEXT NOT NULL REFERENCES lots(id),
  child_lot_id  TEXT NOT NULL REFERENCES lots(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  movement_id   TEXT REFERENCES movements(id),
  CHECK (parent_lot_id <> child_lot_id)
);
CREATE INDEX lot_links_parent ON lot_links(parent_lot_id);
CREATE INDEX lot_links_child ON lot_links(child_lot_id);

CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  at           TEXT NOT NULL,
  station_id   TEXT NOT NULL,
  user_id      TEXT,
  command      TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  result       TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;
