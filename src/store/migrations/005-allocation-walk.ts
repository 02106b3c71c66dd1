/**
 * Covering indexes for the allocation walk (src/app/outbound/allocation.ts), so each candidate row is read
 * from indexes alone instead of index plus table:
 * - an item's released lots in removal order also carry the lot code and production date (the
 *   remaining lot columns a candidate needs), for FEFO and for FIFO/LIFO;
 * - a bin by id carries what the walk filters on and sorts by (pickable, active, route, code).
 * The lot indexes replace those of migration 004: no extra index to maintain when receiving.
 */
export default /* sql */ `
DROP INDEX lots_item_status_expiry;
CREATE INDEX lots_item_status_expiry ON lots(item_id, status, expiry_date, created_at, id, code, production_date);
DROP INDEX lots_item_status_received;
CREATE INDEX lots_item_status_received ON lots(item_id, status, created_at, id, code, production_date, expiry_date);
CREATE INDEX locations_walk ON locations(id, pickable, active, route_order, code);
`;
