/**
 * Pruning the trace change log (issue 16; migration 031's `trace_changes`). Each in-memory trace
 * index (one per connection of each process on the desk file: the desk, a second desk process,
 * the CLI) notes in `trace_readers` how far it has read the log; a registering reader deletes the
 * rows every live reader has read (below the smallest mark) and records the highest seq deleted in
 * `trace_changes_pruned`, so a reader that fell behind — expired after a week unseen, or never
 * noted — sees rows it needs are gone and rebuilds instead of missing a change. Local to this
 * file: neither table is a fact, synced or audited (they describe open processes, not the site).
 */
export default /* sql */ `
CREATE TABLE IF NOT EXISTS trace_readers (
  reader  TEXT PRIMARY KEY,
  seq     INTEGER NOT NULL,
  seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trace_changes_pruned (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  seq INTEGER NOT NULL
);
INSERT OR IGNORE INTO trace_changes_pruned (one, seq) VALUES (1, 0);
`;
