/**
 * Allocations keyed by an integer: allocating a 200-line order writes ~340 rows in one
 * transaction, and a text UUID key cost each row an extra index (the key's own) and 36 bytes.
 * Allocations never leave the desk that made them (an order is allocated, picked and shipped at
 * one station; the ledger's movements carry the UUIDs), so a local integer serves. The line and
 * document indexes become one (document, line, status): every reader asks within an order.
 * Existing rows keep their insertion order as their new ids; pick exceptions follow them.
 */
export default /* sql */ `
CREATE TABLE allocations_v6 (
  id            INTEGER PRIMARY KEY,
  order_line_id TEXT NOT NULL REFERENCES document_lines(id),
  document_id   TEXT NOT NULL REFERENCES documents(id),
  item_id       TEXT NOT NULL REFERENCES items(id),
  lot_id        TEXT NOT NULL REFERENCES lots(id),
  location_id   TEXT NOT NULL REFERENCES locations(id),
  quantity      INTEGER NOT NULL CHECK (quantity >= 0),
  picked        INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
  status        TEXT NOT NULL CHECK (status IN ('open','picked','shipped','void')),
  breaks_rule   INTEGER NOT NULL DEFAULT 0,
  shipment_id   TEXT REFERENCES documents(id),
  created_at    TEXT NOT NULL
);
INSERT INTO allocations_v6 (id, order_line_id, document_id, item_id, lot_id, location_id, quantity, picked, status, breaks_rule, shipment_id, created_at)
  SELECT rowid, order_line_id, document_id, item_id, lot_id, location_id, quantity, picked, status, breaks_rule, shipment_id, created_at
  FROM allocations ORDER BY rowid;

CREATE TABLE pick_exceptions_v6 (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('short','damaged')),
  allocation_id INTEGER NOT NULL REFERENCES allocations_v6(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  user_id       TEXT NOT NULL REFERENCES users(id),
  movement_id   TEXT REFERENCES movements(id)
);
INSERT INTO pick_exceptions_v6 (id, at, kind, allocation_id, quantity, user_id, movement_id)
  SELECT e.id, e.at, e.kind, a.rowid, e.quantity, e.user_id, e.movement_id FROM pick_exceptions e JOIN allocations a ON a.id = e.allocation_id;

DROP TABLE pick_exceptions;
DROP TABLE allocations;
-- Renaming also renames pick_exceptions' reference to allocations_v6.
ALTER TABLE allocations_v6 RENAME TO allocations;
ALTER TABLE pick_exceptions_v6 RENAME TO pick_exceptions;

CREATE INDEX allocations_open_stock ON allocations(lot_id, location_id, quantity, picked) WHERE status = 'open';
CREATE INDEX allocations_order ON allocations(document_id, order_line_id, status);
CREATE INDEX pick_exceptions_allocation ON pick_exceptions(allocation_id);
`;
