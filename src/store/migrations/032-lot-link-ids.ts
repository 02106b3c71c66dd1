/**
 * Lot links get a stable id (issue 18): the audit chain names a covered row by its key, and a
 * link had none but its rowid, which a VACUUM may renumber. `id INTEGER PRIMARY KEY` is the rowid
 * made stable: every link keeps the number it had (so the trace index's high-water marks and the
 * sync stream's keys, which were rowids, stay what they were). The rows of the tables the chain
 * covers from this version on are recorded by the station at its next open (`audit.coverage`).
 */
export default /* sql */ `
CREATE TABLE lot_links_v31 (
  id            INTEGER PRIMARY KEY,
  parent_lot_id TEXT NOT NULL REFERENCES lots(id),
  child_lot_id  TEXT NOT NULL REFERENCES lots(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  movement_id   TEXT REFERENCES movements(id),
  CHECK (parent_lot_id <> child_lot_id)
);
INSERT INTO lot_links_v31 (id, parent_lot_id, child_lot_id, quantity, movement_id)
  SELECT rowid, parent_lot_id, child_lot_id, quantity, movement_id FROM lot_links ORDER BY rowid;
DROP TABLE lot_links;
ALTER TABLE lot_links_v31 RENAME TO lot_links;
CREATE INDEX lot_links_parent ON lot_links(parent_lot_id);
CREATE INDEX lot_links_child ON lot_links(child_lot_id);
`;
