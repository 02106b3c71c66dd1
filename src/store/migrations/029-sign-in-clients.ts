/**
 * Failed PIN and password checks counted per user AND per client (the HTTP client's address, ''
 * for the desk's own window): a stranger guessing a name from one device locks that name on that
 * device only, never the user at their own desk (src/app/people/secret-lockout.ts). A manager's
 * unlock lifts every lock of the user. SQLite cannot change a primary key in place: the table is
 * copied, the existing counts kept as the desk's own ('').
 */
export default /* sql */ `
CREATE TABLE secret_failures_by_client (
  user_id        TEXT NOT NULL REFERENCES users(id),
  client         TEXT NOT NULL DEFAULT '',
  failures       INTEGER NOT NULL CHECK (failures > 0),
  last_failed_at TEXT NOT NULL,
  locked_until   TEXT,
  locked_tries   INTEGER NOT NULL DEFAULT 0 CHECK (locked_tries >= 0),
  PRIMARY KEY (user_id, client)
) WITHOUT ROWID;
INSERT INTO secret_failures_by_client (user_id, client, failures, last_failed_at, locked_until, locked_tries)
  SELECT user_id, '', failures, last_failed_at, locked_until, locked_tries FROM secret_failures;
DROP TABLE secret_failures;
ALTER TABLE secret_failures_by_client RENAME TO secret_failures;
`;
