/**
 * The stock list shows the newest lots first, 200 or 500 rows at a time. Without an index on the
 * receipt time SQLite joined every balance of a large site and sorted them all (0.6 s for 100k
 * lots); with it, the list walks lots newest first and stops at its limit.
 */
export default /* sql */ `
CREATE INDEX lots_received ON lots(created_at);
`;
