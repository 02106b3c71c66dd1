/**
 * Catch weight at picking (issue 19): what a pick of a catch-weight item weighed, one row per pick
 * movement — grams as weighed (or typed), the scale's device id (NULL = typed) — and, once the
 * order ships, the shipment it went out in (the delivery note's line weight). A new table only:
 * every desk's existing data stays as it was.
 */
export default /* sql */ `
CREATE TABLE pick_weights (
  movement_id TEXT PRIMARY KEY REFERENCES movements(id),
  document_id TEXT NOT NULL REFERENCES documents(id),
  lot_id TEXT NOT NULL REFERENCES lots(id),
  grams INTEGER NOT NULL CHECK (grams > 0),
  device TEXT,
  at TEXT NOT NULL,
  shipment_id TEXT REFERENCES documents(id)
);
CREATE INDEX pick_weights_order ON pick_weights(document_id, lot_id);
CREATE INDEX pick_weights_shipment ON pick_weights(shipment_id, lot_id);
`;
