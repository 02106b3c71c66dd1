/**
 * The trace index's change log (issue 16, "Full detail from memory"). The in-memory trace details (src/store/trace-details.ts) hold each
 * lot's code, item, status, expiry and supplier lot, the items and parties, and each line's
 * document; these triggers note every update of those columns, by any writer (a command, the seed,
 * raw SQL, another process), so the next trace reads the rows above its mark and re-reads what
 * changed. A rolled-back write rolls its rows back with it. AUTOINCREMENT: a seq is never reused.
 * Only real changes are noted (`IS NOT`), so an UPDATE that rewrites a column to its value costs
 * the writer nothing beyond the trigger's test (numbering a new lot, migration 014's trigger, notes nothing). A document change (number, party, date, region, a
 * line's quantity: nothing in LotDesk rewrites them) makes the next trace rebuild the index.
 */
export default /* sql */ `
CREATE TABLE IF NOT EXISTS trace_changes (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  lot_no INTEGER,
  what   TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS trace_changes_lot AFTER UPDATE OF status, expiry_date, code, item_id, supplier_lot ON lots
WHEN OLD.status IS NOT NEW.status OR OLD.expiry_date IS NOT NEW.expiry_date OR OLD.code IS NOT NEW.code
  OR OLD.item_id IS NOT NEW.item_id OR OLD.supplier_lot IS NOT NEW.supplier_lot
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NEW.no, 'lot'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_lot_no AFTER UPDATE OF no ON lots WHEN OLD.no IS NOT NULL AND OLD.no IS NOT NEW.no
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NEW.no, 'document'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_item AFTER UPDATE OF sku, name, unit ON items
WHEN OLD.sku IS NOT NEW.sku OR OLD.name IS NOT NEW.name OR OLD.unit IS NOT NEW.unit
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NULL, 'item'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_party AFTER UPDATE OF code, name ON parties
WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NULL, 'party'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_document AFTER UPDATE OF number, party_id, created_at, kind ON documents
WHEN OLD.number IS NOT NEW.number OR OLD.kind IS NOT NEW.kind
  OR (OLD.kind IN ('shipment', 'receipt') AND (OLD.party_id IS NOT NEW.party_id OR OLD.created_at IS NOT NEW.created_at))
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NULL, 'document'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_shipment AFTER UPDATE OF region, channel, shipped_at ON shipments
WHEN OLD.region IS NOT NEW.region OR OLD.channel IS NOT NEW.channel OR OLD.shipped_at IS NOT NEW.shipped_at
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NULL, 'document'); END;
CREATE TRIGGER IF NOT EXISTS trace_changes_line AFTER UPDATE OF quantity, lot_id, document_id, source_line_id ON document_lines
WHEN (OLD.quantity IS NOT NEW.quantity OR OLD.lot_id IS NOT NEW.lot_id OR OLD.document_id IS NOT NEW.document_id OR OLD.source_line_id IS NOT NEW.source_line_id)
  AND EXISTS (SELECT 1 FROM documents d WHERE d.id IN (OLD.document_id, NEW.document_id) AND d.kind IN ('shipment', 'receipt'))
BEGIN INSERT INTO trace_changes (lot_no, what) VALUES (NULL, 'document'); END;
`;
