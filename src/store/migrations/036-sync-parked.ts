/**
 * Central changes a desk could not apply yet and applies again when what they wait for arrives
 * (issue 20, item 8; docs/DESIGN.md "Desk refusals reach the ERP; parked orders are retried"):
 * an ERP order naming an item or party the desk does not have (`needs`: those ids), and an item or
 * party whose SKU / code a desk row of its own already uses (no `needs`: retried when the desk
 * writes an item or party). One row per change key: a newer version replaces the parked one.
 * Local sync state like `sync_applied`: neither table is a fact, synced or audited (the audit
 * record of the pull says what was refused, the record of the retry what was applied).
 */
export default /* sql */ `
CREATE TABLE sync_parked (
  kind      TEXT NOT NULL,
  key       TEXT NOT NULL,
  change    TEXT NOT NULL,
  reason    TEXT NOT NULL,
  parked_at TEXT NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE TABLE sync_parked_needs (
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL,
  needs TEXT NOT NULL,
  PRIMARY KEY (kind, key, needs)
);
CREATE INDEX sync_parked_needs_needs ON sync_parked_needs(needs);
`;
