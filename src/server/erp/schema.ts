/**
 * The ERP loop's central tables (PostgreSQL; the same SQL on PGlite). Registered as one central
 * migration (src/server/migrations). Everything is prefixed `erp_` so it never meets the sync
 * tables; the projections here (lots, stock, links, business events) are the ERP's read model of
 * the desk events, kept by feed.ts in the same transaction that advances its per-desk mark.
 */
export const ERP_SCHEMA = /* sql */ `
CREATE TABLE erp_integrations (
  id           text PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  site_code    text NOT NULL,
  key_prefix   text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_used_at timestamptz
);

-- What an ERP sent, by its own id: the key of the idempotent upsert and the map back to its ids.
CREATE TABLE erp_records (
  site_code      text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('item', 'party', 'purchase_order', 'sales_order')),
  external_id    text NOT NULL,
  id             text NOT NULL UNIQUE,
  body           jsonb NOT NULL,
  body_hash      text NOT NULL,
  version        integer NOT NULL DEFAULT 1,
  integration_id text NOT NULL REFERENCES erp_integrations(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_code, kind, external_id)
);
-- Finds the order a received or shipped line counts against (body.lines[].id).
CREATE INDEX erp_records_body ON erp_records USING gin (body jsonb_path_ops);

-- Receipts, shipments and recalls as the ERP reads them (GET …/receipts) and webhooks announce them.
-- seq is taken under the feed's advisory lock, so it grows in commit order and a reader paging by
-- seq never skips a row committed late.
CREATE TABLE erp_events (
  seq        bigserial PRIMARY KEY,
  id         text NOT NULL UNIQUE,
  site_code  text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('receipt', 'shipment', 'recall')),
  subject_id text NOT NULL,
  body       jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erp_events_site_kind ON erp_events (site_code, kind, seq);

-- How far the feed has read: per desk station (its gap-free seq) and the centre's change table.
CREATE TABLE erp_feed_marks (
  source text PRIMARY KEY,
  mark   text NOT NULL
);

-- Document headers the desks wrote (receipts are built a line per transaction: the header comes once).
CREATE TABLE erp_documents (
  id        text PRIMARY KEY,
  site_code text NOT NULL,
  kind      text NOT NULL,
  number    text NOT NULL,
  party_id  text,
  source_id text
);

-- A lot the centre set a status of before any desk's copy arrived has no item or code yet;
-- once set, the central status wins over what a desk's copy says (as on the desks).
CREATE TABLE erp_lots (
  id             text PRIMARY KEY,
  site_code      text NOT NULL,
  item_id        text,
  code           text,
  status         text NOT NULL,
  central_status text,
  expiry_date  text,
  supplier_lot text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX erp_lots_site_code ON erp_lots (site_code, code);
CREATE INDEX erp_lots_site_item ON erp_lots (site_code, item_id);

-- On hand per lot and desk (thousandths, as the desks store them): the sum of movement effects.
CREATE TABLE erp_stock (
  lot_id     text NOT NULL,
  station_id text NOT NULL,
  quantity   bigint NOT NULL,
  PRIMARY KEY (lot_id, station_id)
);

CREATE TABLE erp_lot_links (
  station_id    text NOT NULL,
  key           text NOT NULL,
  parent_lot_id text NOT NULL,
  child_lot_id  text NOT NULL,
  quantity      bigint NOT NULL,
  PRIMARY KEY (station_id, key)
);
CREATE INDEX erp_lot_links_parent ON erp_lot_links (parent_lot_id);
CREATE INDEX erp_lot_links_child ON erp_lot_links (child_lot_id);

CREATE TABLE erp_webhooks (
  id             text PRIMARY KEY,
  integration_id text NOT NULL REFERENCES erp_integrations(id),
  url            text NOT NULL,
  -- Kept as typed: the centre must sign with it (a hash could not sign).
  secret         text NOT NULL,
  events         text[] NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz
);

CREATE TABLE erp_deliveries (
  id              text PRIMARY KEY,
  webhook_id      text NOT NULL REFERENCES erp_webhooks(id),
  event_id        text NOT NULL REFERENCES erp_events(id),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX erp_deliveries_due ON erp_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE erp_delivery_attempts (
  delivery_id text NOT NULL REFERENCES erp_deliveries(id),
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  http_status integer,
  error       text,
  ms          integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
`;
