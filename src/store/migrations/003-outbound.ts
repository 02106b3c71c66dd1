/**
 * Outbound: sales orders (documents of kind 'sales_order' with a requested date per line and an
 * optional requested lot in document_lines.lot_id), allocations of stock to order lines, the
 * exceptions and lead overrides of picking, the cases checked at the packing desk with their
 * SSCCs, and shipments that keep the customer's region and channel. Locations get a walking-route
 * position and a staging flag (where picked stock waits for packing); customers a minimum
 * remaining shelf life.
 */
export default /* sql */ `
ALTER TABLE locations ADD COLUMN route_order INTEGER;
ALTER TABLE locations ADD COLUMN staging INTEGER NOT NULL DEFAULT 0;

ALTER TABLE parties ADD COLUMN min_shelf_life_days INTEGER CHECK (min_shelf_life_days IS NULL OR min_shelf_life_days >= 0);
-- Percent of the lot's total shelf life that must remain on the ship date; the "2/3 rule" is 66.67.
ALTER TABLE parties ADD COLUMN min_shelf_life_percent REAL CHECK (min_shelf_life_percent IS NULL OR (min_shelf_life_percent >= 0 AND min_shelf_life_percent <= 100));

ALTER TABLE document_lines ADD COLUMN requested_date TEXT;

-- Stock reserved for an order line in one bin. Free stock of a lot in a bin is its balance less
-- the unpicked part (quantity - picked) of its open allocations.
CREATE TABLE allocations (
  id            TEXT PRIMARY KEY,
  order_line_id TEXT NOT NULL REFERENCES document_lines(id),
  document_id   TEXT NOT NULL REFERENCES documents(id),
  item_id       TEXT NOT NULL REFERENCES items(id),
  lot_id        TEXT NOT NULL REFERENCES lots(id),
  location_id   TEXT NOT NULL REFERENCES locations(id),
  -- Shrinks when a picker takes another lot or records a short pick; 'void' once nothing is left.
  quantity      INTEGER NOT NULL CHECK (quantity >= 0),
  picked        INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
  status        TEXT NOT NULL CHECK (status IN ('open','picked','shipped','void')),
  -- The customer asked for this lot although an earlier one (by the removal strategy) was free.
  breaks_rule   INTEGER NOT NULL DEFAULT 0,
  shipment_id   TEXT REFERENCES documents(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX allocations_open_stock ON allocations(lot_id, location_id) WHERE status = 'open';
CREATE INDEX allocations_line ON allocations(order_line_id);
CREATE INDEX allocations_document ON allocations(document_id, status);

-- A picker took another lot than the one that had to go first, on a lead's PIN and reason.
CREATE TABLE pick_overrides (
  id             TEXT PRIMARY KEY,
  at             TEXT NOT NULL,
  document_id    TEXT NOT NULL REFERENCES documents(id),
  order_line_id  TEXT NOT NULL REFERENCES document_lines(id),
  picked_lot_id  TEXT NOT NULL REFERENCES lots(id),
  skipped_lot_id TEXT NOT NULL REFERENCES lots(id),
  location_id    TEXT NOT NULL REFERENCES locations(id),
  picker_id      TEXT NOT NULL REFERENCES users(id),
  approver_id    TEXT NOT NULL REFERENCES users(id),
  reason         TEXT NOT NULL,
  movement_id    TEXT NOT NULL REFERENCES movements(id)
);
CREATE INDEX pick_overrides_at ON pick_overrides(at);

-- Short picks (not found in the bin) and damaged stock found while picking.
CREATE TABLE pick_exceptions (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('short','damaged')),
  allocation_id TEXT NOT NULL REFERENCES allocations(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  user_id       TEXT NOT NULL REFERENCES users(id),
  movement_id   TEXT REFERENCES movements(id)
);
CREATE INDEX pick_exceptions_allocation ON pick_exceptions(allocation_id);

-- A case or pallet at the packing desk: its SSCC and, once shipped, its shipment.
CREATE TABLE packages (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  sscc        TEXT NOT NULL UNIQUE,
  shipment_id TEXT REFERENCES documents(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX packages_document ON packages(document_id);

-- What the packing desk scanned into a package.
CREATE TABLE package_lines (
  package_id TEXT NOT NULL REFERENCES packages(id),
  lot_id     TEXT NOT NULL REFERENCES lots(id),
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (package_id, lot_id)
) WITHOUT ROWID;

CREATE TABLE shipments (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  order_id    TEXT NOT NULL REFERENCES documents(id),
  -- The customer's region and channel on the day of shipping, kept so diverted goods can be traced.
  region      TEXT,
  channel     TEXT,
  shipped_at  TEXT NOT NULL
);
CREATE INDEX shipments_order ON shipments(order_id);

-- Allocation walks an item's released lots in removal order and stops when the line is covered.
CREATE INDEX lots_item_status_expiry ON lots(item_id, status, expiry_date, created_at);
CREATE INDEX lots_item_status_received ON lots(item_id, status, created_at);
CREATE INDEX documents_kind_status ON documents(kind, status);
`;
