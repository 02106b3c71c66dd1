/**
 * Orders an ERP sent through the centre (issue 20, item 8): a purchase or sales order pulled
 * from the centre is a desk document whose id is the centre's id and whose number is the ERP's;
 * `external_id` keeps the ERP's own id of it (NULL: made at this desk), which the Receiving and
 * Orders screens show and by which the desk refuses to edit an order the ERP owns.
 */
export default /* sql */ `
ALTER TABLE documents ADD COLUMN external_id TEXT;
`;
