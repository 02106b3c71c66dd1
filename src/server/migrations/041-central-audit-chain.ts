/**
 * Central migration 41 (issue 20): the centre's audit is hash-chained (src/server/central-audit-chain.ts).
 * Every row gets `prev_hash` and `hash`; the rows already there are chained here, in id order from
 * the genesis hash, by the same SQL that writes and checks the hash, so an upgraded centre
 * verifies at once. The append-only trigger is set aside for that one walk (this transaction
 * only) and both columns are then NOT NULL: a worker of an older version, which writes no hash,
 * can no longer add a row, so its action fails rather than break the chain.
 */
import { CHAIN_GENESIS, chainHashSql } from '../central-audit-chain';

export default `
ALTER TABLE central_audit ADD COLUMN prev_hash text, ADD COLUMN hash text;
ALTER TABLE central_audit DISABLE TRIGGER central_audit_no_change;
DO $$
DECLARE
  r record;
  prev text := '${CHAIN_GENESIS}';
  h text;
BEGIN
  FOR r IN SELECT * FROM central_audit ORDER BY id LOOP
    h := ${chainHashSql('r', 'prev')};
    UPDATE central_audit SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
  END LOOP;
END
$$;
ALTER TABLE central_audit ENABLE TRIGGER central_audit_no_change;
ALTER TABLE central_audit ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
COMMENT ON COLUMN central_audit.hash IS 'SHA-256 of the jsonb text of [1, id, at (UTC, microseconds), username, action, object, object_id, before, after, prev_hash]; prev_hash is the hash of the row before (genesis: 64 zeros).';
`;
