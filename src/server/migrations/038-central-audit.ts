/**
 * The centre's audit of administrative actions (issue 20): one row per action a central user (or
 * an ERP integration, for its webhooks) took — who, when, what, on which object, and the object's
 * state before and after as JSON — written in the action's own transaction, so an action that
 * fails or is refused leaves no row, and one that commits always has its row. Append-only: a
 * trigger refuses UPDATE, DELETE and TRUNCATE. `id` orders the rows (newest first on the Audit
 * screen); `at` is the action's transaction time.
 */
export default `
CREATE TABLE central_audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  username   text NOT NULL,
  action     text NOT NULL,
  object     text NOT NULL,
  object_id  text NOT NULL,
  before     jsonb,
  after      jsonb
);
CREATE INDEX central_audit_action ON central_audit(action, id);
CREATE INDEX central_audit_username ON central_audit(username, id);
CREATE INDEX central_audit_at ON central_audit(at);
CREATE FUNCTION central_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the central audit is append-only';
END
$$;
CREATE TRIGGER central_audit_no_change BEFORE UPDATE OR DELETE ON central_audit FOR EACH ROW EXECUTE FUNCTION central_audit_append_only();
CREATE TRIGGER central_audit_no_truncate BEFORE TRUNCATE ON central_audit FOR EACH STATEMENT EXECUTE FUNCTION central_audit_append_only();
`;
