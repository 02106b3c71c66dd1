/**
 * Central migration 37 (issue 20, item 8): the ERP is told of desk refusals. A desk that refuses an
 * ERP order version it pulled pushes the refusal in its audit record; the ERP feed turns it into a
 * business event `refusal` (webhook `order.refused`, GET of the order) and a central exception
 * `order_refused`, each stored once per (desk, order version). Two halves: the exceptions' kinds are
 * a core central table (the central migration list); erp_events is the ERP loop's, which
 * src/server/erp/central.ts applies under its own version table after migration 20.
 */
export const CENTRAL_037 = `
ALTER TABLE exceptions DROP CONSTRAINT exceptions_kind_check;
ALTER TABLE exceptions ADD CONSTRAINT exceptions_kind_check CHECK (kind IN ('negative_stock','moved_recalled','order_refused'));
`;

export const ERP_037 = `
ALTER TABLE erp_events DROP CONSTRAINT erp_events_kind_check;
ALTER TABLE erp_events ADD CONSTRAINT erp_events_kind_check CHECK (kind IN ('receipt', 'shipment', 'recall', 'refusal'));
CREATE INDEX erp_events_subject ON erp_events (subject_id, kind);
`;

export default CENTRAL_037;
