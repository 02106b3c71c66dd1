/** Page sizes of lists too long for one answer; the renderer imports these too (no zod, no Node). */

/** The near-expiry list: rows a page shows, and the most one call returns. */
export const NEAR_EXPIRY_PAGE = 50;
export const NEAR_EXPIRY_PAGE_MAX = 500;
/** The stock list: rows the Stock screen shows per page, and the most one call returns. */
export const STOCK_PAGE = 100;
export const STOCK_PAGE_MAX = 1000;

/** The order list: rows a page of the Orders screen shows, and the most one call returns. */
export const ORDERS_PAGE = 50;
export const ORDERS_PAGE_MAX = 200;
/** Orders an order selector (picking, packing) offers for what was typed. */
export const ORDER_CHOICES = 30;
/** Stock rows (lot × bin) the order form's requested-lot field offers for what was typed. */
export const REQUESTED_LOT_CHOICES = 50;

/** The Audit screen: records a page shows ("load more" asks for the next), and the most one call returns. */
export const AUDIT_PAGE = 50;
export const AUDIT_PAGE_MAX = 200;
/** A trace's lists (nodes, edges, shipments, receipts): rows the trace screen asks for first, and the most one call returns (issue 16). */
export const TRACE_PAGE = 200;
export const TRACE_PAGE_MAX = 5000;
/** The QC queue (issue 17): open inspections a page of the Inspections desk shows. */
export const QC_QUEUE_PAGE = 50;
