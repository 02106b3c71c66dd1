/**
 * The Audit screen's filters over a million records (issue 15): records touching one kind of
 * object newest first (audit_objects by object and seq), and the refused ones (a partial index:
 * they are few, and a page of them must not scan every routine record), and one user's records of
 * one command (an auditor's usual question: what did she adjust this month?).
 */
export default `
CREATE INDEX audit_objects_seq ON audit_objects(object, seq);
CREATE INDEX audit_refused ON audit(seq) WHERE result <> 'ok';
CREATE INDEX audit_user_command_seq ON audit(user_id, command, seq);
`;
