/**
 * The keyed audit chain (issue 18): each record names its hash `scheme` (NULL: the plain SHA-256
 * of earlier versions; 2: HMAC-SHA-256 with the station key kept outside this file) and carries the
 * `facts` its transaction wrote (table, key, digest of each covered row: src/store/audit-facts.ts).
 * The columns are covered by the append-only triggers of the audit table like every other.
 */
export default `
ALTER TABLE audit ADD COLUMN scheme INTEGER;
ALTER TABLE audit ADD COLUMN facts TEXT;
`;
