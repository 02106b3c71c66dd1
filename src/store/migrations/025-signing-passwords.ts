/**
 * Signing passwords (issue 17): an e-signature needs a password typed again (21 CFR Part 11
 * §11.200: a PIN quick enough for a scanner desk is not enough to sign). A user who signs in with
 * a PIN sets a signing password of their own; NULL: none set (a password user signs with their
 * sign-in password). Stored as a scrypt hash like every secret.
 */
export default /* sql */ `
ALTER TABLE users ADD COLUMN signing_hash TEXT;
`;
