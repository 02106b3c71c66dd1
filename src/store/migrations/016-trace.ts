/** Trace: the document lines of a lot (its receipts and shipments) found by index, not by a scan of every line. */
export default `
CREATE INDEX IF NOT EXISTS document_lines_lot ON document_lines(lot_id) WHERE lot_id IS NOT NULL;
`;
