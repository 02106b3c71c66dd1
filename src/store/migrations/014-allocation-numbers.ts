/**
 * Allocation rows refer to their order, line, lot and bin by integer numbers instead of
 * 36-character ids. Allocating a 200-line order writes ~340 rows; with text ids each row, its two
 * index entries and its reference probe were mostly ids, and writing them was the largest part of
 * an allocation (docs/PERFORMANCE.md, seventh session: p50 2.7–3.6 → 2.2–2.8 ms in the same loop).
 *
 * Orders (documents), order lines, lots and bins get a `no`: a stable number of their own (not the
 * rowid, which VACUUM may renumber), the rowid at this migration and the largest + 1 for each new
 * row (set by the insert where it is hot, else by a trigger). The walk's covering indexes carry
 * the numbers, so reading a candidate's keys costs no extra lookup.
 *
 * `allocation_rows` holds the rows; the view `allocations` gives readers the ids as before (order,
 * line, item, lot, bin). Writers and the hot reads (free stock, the walk, an order's lines) use
 * the table and its numbers.
 */
const numbered = (table: string) => /* sql */ `
ALTER TABLE ${table} ADD COLUMN no INTEGER;
UPDATE ${table} SET no = rowid;
CREATE UNIQUE INDEX ${table}_no ON ${table}(no);
CREATE TRIGGER ${table}_number AFTER INSERT ON ${table} WHEN NEW.no IS NULL
BEGIN
  UPDATE ${table} SET no = (SELECT IFNULL(MAX(no), 0) + 1 FROM ${table}) WHERE rowid = NEW.rowid;
END;
`;

export default /* sql */ `
${numbered('documents')}
${numbered('document_lines')}
${numbered('lots')}
${numbered('locations')}

DROP INDEX lots_item_status_expiry;
DROP INDEX lots_item_status_received;
DROP INDEX locations_walk;
CREATE INDEX lots_item_status_expiry ON lots(item_id, status, expiry_date, created_at, id, code, production_date, no);
CREATE INDEX lots_item_status_received ON lots(item_id, status, created_at, id, code, production_date, expiry_date, no);
CREATE INDEX locations_walk ON locations(id, pickable, active, route_order, code, no);
-- An order's line numbers without visiting its lines' rows.
CREATE INDEX document_lines_document_no ON document_lines(document_id, no);

CREATE TABLE allocation_rows (
  id          INTEGER PRIMARY KEY,
  order_no    INTEGER NOT NULL,
  line_no     INTEGER NOT NULL REFERENCES document_lines(no),
  lot_no      INTEGER NOT NULL,
  location_no INTEGER NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity >= 0),
  picked      INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0 AND picked <= quantity),
  status      TEXT NOT NULL CHECK (status IN ('open','picked','shipped','void')),
  breaks_rule INTEGER NOT NULL DEFAULT 0,
  shipment_id TEXT REFERENCES documents(id),
  created_at  TEXT NOT NULL
);
INSERT INTO allocation_rows (id, order_no, line_no, lot_no, location_no, quantity, picked, status, breaks_rule, shipment_id, created_at)
SELECT a.id, d.no, dl.no, l.no, loc.no, a.quantity, a.picked, a.status, a.breaks_rule, a.shipment_id, a.created_at
FROM allocations a JOIN documents d ON d.id = a.document_id JOIN document_lines dl ON dl.id = a.order_line_id
JOIN lots l ON l.id = a.lot_id JOIN locations loc ON loc.id = a.location_id ORDER BY a.id;

CREATE TABLE pick_exceptions_v14 (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('short','damaged')),
  allocation_id INTEGER NOT NULL REFERENCES allocation_rows(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  user_id       TEXT NOT NULL REFERENCES users(id),
  movement_id   TEXT REFERENCES movements(id)
);
INSERT INTO pick_exceptions_v14 SELECT id, at, kind, allocation_id, quantity, user_id, movement_id FROM pick_exceptions ORDER BY rowid;
DROP TABLE pick_exceptions;
DROP TABLE allocations;
ALTER TABLE pick_exceptions_v14 RENAME TO pick_exceptions;
CREATE INDEX pick_exceptions_allocation ON pick_exceptions(allocation_id);

CREATE INDEX allocation_rows_open_stock ON allocation_rows(lot_no, location_no, quantity, picked) WHERE status = 'open';
CREATE INDEX allocation_rows_order ON allocation_rows(order_no, line_no, status);

CREATE VIEW allocations AS
SELECT a.id, dl.id AS order_line_id, d.id AS document_id, dl.item_id, l.id AS lot_id, loc.id AS location_id,
       a.quantity, a.picked, a.status, a.breaks_rule, a.shipment_id, a.created_at
FROM allocation_rows a JOIN documents d ON d.no = a.order_no JOIN document_lines dl ON dl.no = a.line_no
JOIN lots l ON l.no = a.lot_no JOIN locations loc ON loc.no = a.location_no;
`;
