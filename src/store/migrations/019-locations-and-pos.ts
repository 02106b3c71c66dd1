/**
 * Locations and purchase orders (issue 15): a bin's kind (storage, receiving, quarantine, reject,
 * staging, returns) beside the flags every reader already uses — the flags are set from the kind
 * by the one writer (src/store/locations.ts), so putaway, receiving, picking and packing behave as
 * before — and a purchase order's expected date and the reason it was closed short or cancelled.
 */
export default /* sql */ `
ALTER TABLE locations ADD COLUMN kind TEXT NOT NULL DEFAULT 'storage'
  CHECK (kind IN ('storage','receiving','quarantine','reject','staging','returns'));
UPDATE locations SET kind = CASE
  WHEN staging = 1 THEN 'staging'
  WHEN receiving = 1 THEN 'receiving'
  WHEN quarantine = 1 THEN 'quarantine'
  ELSE 'storage' END;
ALTER TABLE documents ADD COLUMN expected_date TEXT;
ALTER TABLE documents ADD COLUMN closed_reason TEXT;
`;
