/**
 * Tries while a secret is locked are counted, not each audited (src/app/people/secret-lockout.ts): a
 * script hammering a locked sign-in would otherwise grow the audit trail without bound. The
 * count lives on the user's secret_failures row (`locked_tries`, the tries of the current lock)
 * and is written into the trail when the lock ends, as an audit record's `detail`: words a
 * reader sees beside the input digest (a count, a name), covered by the record's hash when present.
 */
export default /* sql */ `
ALTER TABLE secret_failures ADD COLUMN locked_tries INTEGER NOT NULL DEFAULT 0 CHECK (locked_tries >= 0);
ALTER TABLE audit ADD COLUMN detail TEXT;
`;
