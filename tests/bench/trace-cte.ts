/**
 * The plain recursive CTE a trace is measured against (issue 16): the same content as a
 * full-detail trace both ways — the lots each way, the shipments of the descendants, the receipts
 * of the ancestors — in four statements, `$root` the lot id. Used by trace.bench.ts (SQLite and,
 * rewritten, PostgreSQL) and trace-core-probe.ts (same-run ratio).
 */
const CTE_FORWARD = `WITH RECURSIVE f(id) AS (SELECT $root UNION SELECT k.child_lot_id FROM lot_links k JOIN f ON k.parent_lot_id = f.id)`;
const CTE_BACKWARD = `WITH RECURSIVE b(id) AS (SELECT $root UNION SELECT k.parent_lot_id FROM lot_links k JOIN b ON k.child_lot_id = b.id)`;
/** The same content as a full-detail trace both ways: the lots each way, the shipments of the descendants, the receipts of the ancestors. */
export const CTE_QUERIES = [
  `${CTE_FORWARD} SELECT l.id, l.code, l.status, i.sku, i.name, i.unit FROM f JOIN lots l ON l.id = f.id JOIN items i ON i.id = l.item_id`,
  `${CTE_FORWARD} SELECT dl.lot_id, d.number, p.code, p.name, s.region, s.channel, s.shipped_at, dl.quantity FROM f CROSS JOIN document_lines dl ON dl.lot_id = f.id
     CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment' JOIN shipments s ON s.document_id = d.id LEFT JOIN parties p ON p.id = d.party_id ORDER BY s.shipped_at, d.number, dl.line_no`,
  `${CTE_BACKWARD} SELECT l.id, l.code, l.status, i.sku, i.name, i.unit FROM b JOIN lots l ON l.id = b.id JOIN items i ON i.id = l.item_id`,
  `${CTE_BACKWARD} SELECT dl.lot_id, d.number, p.code, p.name, l.supplier_lot, d.created_at, dl.quantity FROM b CROSS JOIN document_lines dl ON dl.lot_id = b.id
     CROSS JOIN documents d ON d.id = dl.document_id AND d.kind = 'receipt' JOIN lots l ON l.id = dl.lot_id LEFT JOIN parties p ON p.id = d.party_id ORDER BY d.created_at, d.number, dl.line_no`,
];
