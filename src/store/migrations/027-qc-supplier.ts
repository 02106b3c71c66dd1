/**
 * Supplier quality (issue 17, item 7): the dashboard reads one supplier's received lots of one
 * item over a period. Without this index SQLite walked every lot of the item (lots_item_status_*)
 * or every lot received in the period (lots_received); with it, the lots of a supplier and item
 * are one range, in receipt order. Lots made here carry no supplier and stay out of it.
 */
export default /* sql */ `
CREATE INDEX lots_supplier_received ON lots(supplier_id, item_id, created_at) WHERE supplier_id IS NOT NULL;
`;
