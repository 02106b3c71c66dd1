/**
 * Recalls (issue 16): a recall or mock recall of one or more root lots, the affected lots it put
 * on hold (with the status each had before), the customers notified, the stock returned into a
 * quarantine bin (each return is a 'receive' movement of the ledger, named here), and the
 * manager's closing signature (meaning, signer, time). A mock recall's duration runs from
 * started_at to reconciled_at.
 */
export default /* sql */ `
CREATE TABLE recalls (
  id                TEXT PRIMARY KEY,
  number            TEXT NOT NULL UNIQUE,
  mock              INTEGER NOT NULL CHECK (mock IN (0, 1)),
  class             TEXT NOT NULL CHECK (class IN ('I', 'II', 'III')),
  reason            TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  started_at        TEXT NOT NULL,
  started_by        TEXT NOT NULL REFERENCES users(id),
  reconciled_at     TEXT,
  reconciled_by     TEXT REFERENCES users(id),
  accounted_percent REAL,
  closed_at         TEXT,
  closed_by         TEXT REFERENCES users(id),
  signature_meaning TEXT,
  closing_note      TEXT
);
CREATE INDEX recalls_started ON recalls(started_at);

CREATE TABLE recall_roots (
  recall_id TEXT NOT NULL REFERENCES recalls(id),
  lot_id    TEXT NOT NULL REFERENCES lots(id),
  PRIMARY KEY (recall_id, lot_id)
) WITHOUT ROWID;
CREATE INDEX recall_roots_lot ON recall_roots(lot_id);

-- Every affected lot (the roots and their descendants) as the recall found it.
CREATE TABLE recall_lots (
  recall_id       TEXT NOT NULL REFERENCES recalls(id),
  lot_id          TEXT NOT NULL REFERENCES lots(id),
  depth           INTEGER NOT NULL,
  on_hand         INTEGER NOT NULL,
  previous_status TEXT NOT NULL,
  -- 1: this recall put the lot to 'recalled' (at the start, or when its first return came back).
  held            INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (recall_id, lot_id)
) WITHOUT ROWID;

CREATE TABLE recall_notifications (
  id          TEXT PRIMARY KEY,
  recall_id   TEXT NOT NULL REFERENCES recalls(id),
  party_id    TEXT NOT NULL REFERENCES parties(id),
  notified_at TEXT NOT NULL,
  contact     TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('phone', 'email', 'letter', 'visit', 'other')),
  note        TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX recall_notifications_recall ON recall_notifications(recall_id, party_id);

CREATE TABLE recall_returns (
  id          TEXT PRIMARY KEY,
  recall_id   TEXT NOT NULL REFERENCES recalls(id),
  party_id    TEXT NOT NULL REFERENCES parties(id),
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  location_id TEXT NOT NULL REFERENCES locations(id),
  movement_id TEXT NOT NULL REFERENCES movements(id),
  at          TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX recall_returns_recall ON recall_returns(recall_id, party_id, lot_id);
CREATE INDEX recall_returns_movement ON recall_returns(movement_id);
`;
