/**
 * Central migration 40 (issue 20, ERP loop): the ERP is told when a refused order applies later at
 * the desk. The desk's retry of a parked order writes `syncRetried`; the ERP feed turns it into a
 * business event `applied` (webhook `order.applied`, GET of the order), once per (desk, order,
 * version), and closes that version's open `order_refused` exception of the desk, resolved by
 * `~desk-retry`. Two halves, as 037: the central half documents the system resolver on the core
 * exceptions table (no kind is added there); erp_events' kinds are the ERP loop's, which
 * src/server/erp/central.ts applies under its own version table.
 */
export const CENTRAL_040 = `
COMMENT ON COLUMN exceptions.resolved_by IS 'The central user who resolved it; ~desk-retry: closed by the ERP feed when the desk applied the refused order version later (order.applied).';
`;

export const ERP_040 = `
ALTER TABLE erp_events DROP CONSTRAINT erp_events_kind_check;
ALTER TABLE erp_events ADD CONSTRAINT erp_events_kind_check CHECK (kind IN ('receipt', 'shipment', 'recall', 'refusal', 'applied'));
`;

export default CENTRAL_040;
