/**
 * The print log (issue 19): every label or document sent to a printer — who, when, which
 * document of which object (a lot label of lot X), on which printer, how many copies — and the
 * job's outcome. `reprint` counts the earlier jobs of the same document and object that did not
 * fail, so "REPRINT n" is printed on a duplicate lot label and the log shows it. A failed job
 * keeps its row and its number and can be sent again (attempts counts the sends).
 */
export default /* sql */ `
CREATE TABLE print_jobs (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  user_id      TEXT NOT NULL REFERENCES users(id),
  station_id   TEXT NOT NULL,
  document     TEXT NOT NULL CHECK (document IN ('lot-label','sscc-label','delivery-note','coa','recall-report','test')),
  -- The object printed (a lot's id) and how people name it (its code), kept as printed.
  object_id    TEXT,
  object_label TEXT,
  -- The printer as configured when the job was made: "zpl-tcp 10.0.0.7:9100 203dpi", "cups LABELS".
  printer      TEXT NOT NULL,
  format       TEXT NOT NULL CHECK (format IN ('pdf','zpl')),
  copies       INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 99),
  reprint      INTEGER NOT NULL DEFAULT 0 CHECK (reprint >= 0),
  status       TEXT NOT NULL CHECK (status IN ('queued','printed','failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  error_key    TEXT,
  error_params TEXT,
  reference    TEXT,
  finished_at  TEXT
);
CREATE INDEX print_jobs_object ON print_jobs(document, object_id, status);
CREATE INDEX print_jobs_created ON print_jobs(created_at);
`;
