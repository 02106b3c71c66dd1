/**
 * An ERP's item or party as the desks' master-data row (SYNC-PROTOCOL.md, "Pull": bodies are
 * desk-row shaped, snake_case columns). The ERP sends the desk's own fields in camelCase (itemIn
 * and partyIn are the desk's itemFields/partyFields); a desk writes only the columns it has, so a
 * camelCase body reached a desk as little more than a SKU and a name. Fields that name a desk's
 * own records (an item's default zone code, a party's contacts) stay central.
 */
import { ITEM_FIELD_COLUMNS, PARTY_FIELD_COLUMNS } from '../../domain/master-data-columns';

export function deskRow(kind: 'item' | 'party', body: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, string> = kind === 'item' ? ITEM_FIELD_COLUMNS : PARTY_FIELD_COLUMNS;
  const row: Record<string, unknown> = { id: body.id, active: 1 };
  for (const [field, column] of Object.entries(columns)) {
    const v = body[field];
    if (v !== undefined) row[column] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return row;
}
