/**
 * Failed PIN and password checks, counted per user, so guessing a PIN locks it for a while
 * (src/app/people/secret-lockout.ts). One row per user with failures since their last success; a
 * success deletes it. Written outside the refused command's transaction, as the audit record
 * of the refusal is.
 */
export default /* sql */ `
CREATE TABLE secret_failures (
  user_id        TEXT PRIMARY KEY REFERENCES users(id),
  failures       INTEGER NOT NULL CHECK (failures > 0),
  last_failed_at TEXT NOT NULL,
  locked_until   TEXT
);
`;
