/**
 * Names in the central views: an item's, bin's or party's fields from the centre's own master data
 * (master_docs, authored centrally for the desks to pull) when it has the record, else from the
 * row a desk pushed (the desk's own master data), preferring the row of the desk that wrote the fact.
 */

export type NamedKind = 'item' | 'location' | 'party';
const DESK_TABLE: Record<NamedKind, string> = { item: 'items', location: 'locations', party: 'parties' };

/** The joins that name `key` (an SQL expression) as `alias`; read its fields with `nameField`. */
export function namedJoin(alias: string, kind: NamedKind, station: string, key: string): string {
  return `LEFT JOIN master_docs ${alias}_m ON ${alias}_m.kind = '${kind}' AND ${alias}_m.key = ${key}
    LEFT JOIN LATERAL (SELECT row FROM desk_rows WHERE tbl = '${DESK_TABLE[kind]}' AND key = ${key} ORDER BY station_id = ${station} DESC LIMIT 1) ${alias} ON true`;
}

/** One field of a named record: the central document's, else the desk row's. */
export const nameField = (alias: string, field: string): string => `COALESCE(${alias}_m.body->>'${field}', ${alias}.row->>'${field}')`;
