/**
 * The central schema (docs/DESIGN.md, "Central server and sync"). One SQL text for PostgreSQL
 * and PGlite. Facts pushed by desks land in `events` (one row per event id) and are projected
 * into the central views; what the centre authors (master data, lot status) is written with a
 * row of `changes` that desks pull.
 */
export default `
-- This database's identity: a cursor or push naming another centre id is refused.
CREATE TABLE centre (
  id          text PRIMARY KEY,
  one         boolean NOT NULL DEFAULT true UNIQUE CHECK (one),
  -- Changes below (floor_x, floor_i) were pruned: an older cursor must resync.
  floor_x     xid8 NOT NULL DEFAULT '0',
  floor_i     bigint NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO centre (id) VALUES (gen_random_uuid()::text);

CREATE TABLE sites (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stations (
  id           text PRIMARY KEY,
  site_code    text NOT NULL REFERENCES sites(code),
  name         text NOT NULL,
  -- sha256 (hex) of the secret handed out at enrolment; the secret itself is never stored.
  credential   text NOT NULL,
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_seen_at timestamptz
);
CREATE INDEX stations_site ON stations(site_code);

CREATE TABLE enrolment_codes (
  code_hash   text PRIMARY KEY,
  site_code   text NOT NULL REFERENCES sites(code),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  used_by     text
);

CREATE TABLE station_watermarks (
  station_id  text PRIMARY KEY REFERENCES stations(id),
  seq         bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every pushed event exactly once (id), gap-free per station (station_id, seq).
CREATE TABLE events (
  id          uuid PRIMARY KEY,
  station_id  text NOT NULL REFERENCES stations(id),
  seq         bigint NOT NULL,
  kind        text NOT NULL,
  tbl         text,
  key         text,
  at          text NOT NULL,
  body        jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (station_id, seq)
);

-- Projections of the pushed facts. The latest row of every desk table, whatever it is:
CREATE TABLE desk_rows (
  station_id  text NOT NULL,
  tbl         text NOT NULL,
  key         text NOT NULL,
  row         jsonb,
  event_id    uuid NOT NULL,
  PRIMARY KEY (station_id, tbl, key)
);

-- Lots: the desk's status, and the central status that overrides it once set centrally.
CREATE TABLE central_lots (
  lot_id          text PRIMARY KEY,
  site_code       text NOT NULL,
  station_id      text NOT NULL,
  item_id         text,
  code            text,
  expiry_date     text,
  desk_status     text,
  central_status  text CHECK (central_status IN ('on_hold','recalled','released')),
  central_reason  text,
  central_at      timestamptz,
  row             jsonb,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX central_lots_site ON central_lots(site_code);

-- Central lot status over time (a pick is checked against the status before its own time).
CREATE TABLE lot_status_history (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lot_id    text NOT NULL,
  status    text NOT NULL,
  reason    text,
  at        timestamptz NOT NULL DEFAULT now(),
  by_user   text
);
CREATE INDEX lot_status_history_lot ON lot_status_history(lot_id, at);

-- The ledger, as the desks wrote it (append-only; stock is derived from it).
CREATE TABLE central_movements (
  id               text PRIMARY KEY,
  event_id         uuid NOT NULL,
  station_id       text NOT NULL,
  site_code        text NOT NULL,
  kind             text NOT NULL,
  item_id          text,
  lot_id           text NOT NULL,
  quantity         bigint NOT NULL,
  from_location_id text,
  to_location_id   text,
  document_id      text,
  at               text NOT NULL
);
CREATE INDEX central_movements_lot ON central_movements(lot_id);

CREATE TABLE central_stock (
  site_code    text NOT NULL,
  station_id   text NOT NULL,
  lot_id       text NOT NULL,
  location_id  text NOT NULL,
  item_id      text,
  quantity     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (station_id, lot_id, location_id)
);
CREATE INDEX central_stock_site_lot ON central_stock(site_code, lot_id);

CREATE TABLE central_lot_links (
  station_id    text NOT NULL,
  key           text NOT NULL,
  parent_lot_id text NOT NULL,
  child_lot_id  text NOT NULL,
  quantity      bigint,
  movement_id   text,
  PRIMARY KEY (station_id, key)
);
CREATE INDEX central_lot_links_parent ON central_lot_links(parent_lot_id);
CREATE INDEX central_lot_links_child ON central_lot_links(child_lot_id);

CREATE TABLE central_shipments (
  document_id  text PRIMARY KEY,
  station_id   text NOT NULL,
  site_code    text NOT NULL,
  order_id     text,
  shipped_at   text,
  row          jsonb NOT NULL
);

-- A pushed fact is never refused for a business rule: it is stored and may become an exception.
CREATE TABLE exceptions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('negative_stock','moved_recalled')),
  event_id     uuid NOT NULL,
  station_id   text NOT NULL,
  site_code    text NOT NULL,
  lot_id       text,
  detail       jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at  timestamptz,
  resolved_by  text,
  resolution   text,
  UNIQUE (event_id, kind)
);
CREATE INDEX exceptions_open ON exceptions(site_code) WHERE resolved_at IS NULL;

-- Master data authored centrally, as whole documents; site_code NULL: every site.
CREATE TABLE master_docs (
  kind        text NOT NULL,
  key         text NOT NULL,
  site_code   text,
  body        jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, key)
);

-- What desks pull. xact is the writing transaction's id: a reader takes only rows of transactions
-- below its snapshot's xmin (all finished), so a late commit is never skipped (docs/DESIGN.md).
CREATE TABLE changes (
  xact        xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  kind        text NOT NULL,
  key         text NOT NULL,
  site_code   text,
  body        jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (xact, id)
);

-- Central sign-in.
CREATE TABLE central_users (
  username      text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE central_sessions (
  token_hash  text PRIMARY KEY,
  username    text NOT NULL REFERENCES central_users(username),
  expires_at  timestamptz NOT NULL
);
`;
