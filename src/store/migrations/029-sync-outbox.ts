/**
 * The desk side of sync (issue 20). `sync_outbox`: every fact row a command wrote and its audit
 * record, as protocol events (src/sync-protocol/events.ts), written in the command's own
 * transaction. AUTOINCREMENT makes `seq` gap-free: a rolled-back command rolls back its rows and
 * the sqlite_sequence bump with them. `sync_applied`: each central change applied by a pull,
 * with the cursor of its page, written in the page's transaction (exactly-once is visible in the
 * file). The sync settings (mode, centre, watermark, cursor) are rows of `settings`.
 */
export default /* sql */ `
CREATE TABLE sync_outbox (
  seq  INTEGER PRIMARY KEY AUTOINCREMENT,
  id   TEXT NOT NULL UNIQUE,
  at   TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE sync_applied (
  change_id  TEXT PRIMARY KEY,
  cursor     TEXT NOT NULL,
  applied_at TEXT NOT NULL
) WITHOUT ROWID;
`;
