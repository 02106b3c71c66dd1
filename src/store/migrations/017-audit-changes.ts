/**
 * What a command changed, in the audit (21 CFR Part 11 §11.10(e)): `audit.changes` holds the
 * field/before/after list (covered by the record's hash), `audit_objects` names the objects a
 * record touched so the Audit screen filters by object, and the indexes let it filter by user and
 * command over a million records without a scan. Both stay append-only, like the trail.
 */
export default `
ALTER TABLE audit ADD COLUMN changes TEXT;
CREATE TABLE audit_objects (
  object     TEXT NOT NULL,
  object_id  TEXT NOT NULL,
  seq        INTEGER NOT NULL REFERENCES audit(seq),
  label      TEXT,
  PRIMARY KEY (object, object_id, seq)
) WITHOUT ROWID;
CREATE INDEX audit_objects_label ON audit_objects(object, label, seq);
CREATE TRIGGER audit_objects_append_only_update BEFORE UPDATE ON audit_objects
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_objects_append_only_delete BEFORE DELETE ON audit_objects
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE INDEX IF NOT EXISTS audit_user_seq ON audit(user_id, seq);
CREATE INDEX IF NOT EXISTS audit_command_seq ON audit(command, seq);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
`;
