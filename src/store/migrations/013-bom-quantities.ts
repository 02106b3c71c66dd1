/**
 * A bill of materials may state how much of each component goes into one unit of the produced
 * item (a gift box: 1 tea, 1 soy; a 5 kg bag: 5 kg of bulk rice), in the component's unit and
 * stored, like every quantity, in thousandths. NULL: not stated (BOMs saved before this).
 * The Lot changes desk proposes quantity × units made for each component lot scanned.
 */
export default /* sql */ `
ALTER TABLE bom_components ADD COLUMN quantity INTEGER CHECK (quantity IS NULL OR quantity > 0);
`;
