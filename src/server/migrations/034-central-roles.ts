/**
 * Central users get a role (issue 20, item 7): `admin` runs the centre (stations, enrolment codes,
 * master data, central users); `manager` signs in to the central views (stock, lots, exceptions,
 * trace) and holds, recalls or releases lots. Users created before this migration stay admins.
 */
export default `
ALTER TABLE central_users ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('admin','manager'));
`;
