/**
 * Administration from an empty database (issue 15): a user's last sign-in, shown on the Users
 * screen, and the site's GLN named at setup. Users already have `active` (001): they are
 * deactivated, never deleted, because the audit names them.
 */
export default /* sql */ `
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
ALTER TABLE sites ADD COLUMN gln TEXT;
`;
