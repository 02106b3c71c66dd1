/**
 * Complaints and CAPA (issue 16): a customer complaint about a product or lot, its attached
 * photos and files (stored in the station's data folder, referenced here by name, size and
 * SHA-256), and one corrective and preventive action per complaint, closed with a signature
 * (who, when, meaning). Also an index to find the SSCC packages holding a lot (trace exports).
 */
export default /* sql */ `
CREATE TABLE complaints (
  id          TEXT PRIMARY KEY,
  number      TEXT NOT NULL UNIQUE,
  customer_id TEXT REFERENCES parties(id),
  item_id     TEXT REFERENCES items(id),
  lot_id      TEXT REFERENCES lots(id),
  -- What was scanned or typed to name the lot, kept as read.
  lot_input   TEXT,
  description TEXT NOT NULL,
  received_on TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('minor','major','critical')),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users(id),
  updated_at  TEXT NOT NULL
);
CREATE INDEX complaints_lot ON complaints(lot_id);
CREATE INDEX complaints_received ON complaints(received_on);

CREATE TABLE complaint_files (
  id           TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaints(id),
  file_name    TEXT NOT NULL,
  mime_type    TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size > 0),
  sha256       TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX complaint_files_complaint ON complaint_files(complaint_id);

CREATE TABLE capas (
  complaint_id     TEXT PRIMARY KEY REFERENCES complaints(id),
  root_cause       TEXT NOT NULL,
  action           TEXT NOT NULL,
  owner_id         TEXT NOT NULL REFERENCES users(id),
  due_date         TEXT NOT NULL,
  verification     TEXT,
  status           TEXT NOT NULL CHECK (status IN ('open','closed')),
  closed_at        TEXT,
  closed_by        TEXT REFERENCES users(id),
  signature_meaning TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (status = 'open' OR (closed_at IS NOT NULL AND closed_by IS NOT NULL AND signature_meaning IS NOT NULL AND verification IS NOT NULL))
) WITHOUT ROWID;

CREATE INDEX package_lines_lot ON package_lines(lot_id);
`;
