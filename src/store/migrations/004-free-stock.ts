/**
 * Indexes for the allocation walk and for free stock (see src/store/free-stock.ts):
 * - open allocations by lot and bin carry quantity and picked, so the reserved part of a balance
 *   is summed from the index without reading the table;
 * - an item's released lots in removal order end with the lot id, the last key of the walk's
 *   ORDER BY, so SQLite only sorts a lot's few bins by route instead of a whole expiry day.
 * Each replaces the narrower index of migration 003: no extra index to maintain on inserts.
 */
export default /* sql */ `
DROP INDEX allocations_open_stock;
CREATE INDEX allocations_open_stock ON allocations(lot_id, location_id, quantity, picked) WHERE status = 'open';

DROP INDEX lots_item_status_expiry;
CREATE INDEX lots_item_status_expiry ON lots(item_id, status, expiry_date, created_at, id);
DROP INDEX lots_item_status_received;
CREATE INDEX lots_item_status_received ON lots(item_id, status, created_at, id);
`;
