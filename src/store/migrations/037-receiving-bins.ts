/**
 * The bin a receive books into without a chosen one (inbound/receiving.ts `pickLocation`): the
 * site's first active receiving bin, or quarantine bin for a lot received on hold. Without these
 * SQLite walked every bin of the site's zones and sorted them, ~0.5 ms of each receive at 2,000
 * bins (docs/PERFORMANCE.md, issue 18's receive tail). Both sets are a handful of bins, so the
 * indexes cost nothing to keep; `zone_id` lets the join to the site read them alone.
 */
export default /* sql */ `
CREATE INDEX locations_receiving ON locations(code, zone_id) WHERE receiving = 1 AND active = 1;
CREATE INDEX locations_quarantine ON locations(code, zone_id) WHERE quarantine = 1 AND active = 1;
`;
