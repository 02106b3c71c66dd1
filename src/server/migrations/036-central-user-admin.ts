/**
 * Central user management (issue 20, item 7): a central user can be disabled (kept, for the
 * history that names them, but signed out and refused) and a manager can be limited to some
 * sites (`sites` NULL: every site; an admin always sees every site). Lots get indexes for the
 * cross-site trace, which matches a lot received at one site by its supplier batch with the lot
 * of that code shipped from another (src/server/central-trace.ts).
 */
export default `
ALTER TABLE central_users ADD COLUMN disabled_at timestamptz;
ALTER TABLE central_users ADD COLUMN sites text[];
CREATE INDEX central_lots_code ON central_lots(code);
CREATE INDEX central_lots_supplier_lot ON central_lots((row->>'supplier_lot'));
`;
