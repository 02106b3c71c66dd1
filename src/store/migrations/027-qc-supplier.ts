/**
 * Supplier quality (issue 17, item 7): the dashboard reads one supplier's received lots of one
 * item over a period, and the current numeric results of each lot's first inspection.
 * - lots_supplier_received: without it SQLite walked every lot of the item (lots_item_status_*) or
 *   every lot received in the period (lots_received); with it the lots of a supplier and item are
 *   one range in receipt order. Lots made here carry no supplier and stay out of it.
 * - qc_results_values: the current results' values by inspection and characteristic, covering, so
 *   summing five years of a supplier's results (1,826 lots × 20 values) reads no table rows.
 */
export default /* sql */ `
CREATE INDEX lots_supplier_received ON lots(supplier_id, item_id, created_at) WHERE supplier_id IS NOT NULL;
CREATE INDEX qc_results_values ON qc_results(inspection_id, characteristic_id, superseded_by, value_num) WHERE superseded_by IS NULL;
`;
