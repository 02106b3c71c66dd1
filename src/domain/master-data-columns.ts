/**
 * The desk's column of each item and party field (snake_case), shared by the desk's store and the
 * centre, which turns an ERP's item or party into the desk row the desks pull (src/server/erp/desk-rows.ts).
 * Fields are the contract's itemFields/partyFields; an item's default zone is a zone code of the
 * desk's own site (the desk's column holds its id) and a party's contacts are rows of their own: not here.
 */
export const ITEM_FIELD_COLUMNS = {
  sku: 'sku',
  gtin: 'gtin',
  name: 'name',
  nameZh: 'name_zh',
  unit: 'unit',
  shelfLifeDays: 'shelf_life_days',
  qcRequired: 'qc_required',
  removalStrategy: 'removal_strategy',
  nearExpiryDays: 'near_expiry_days',
  lotPattern: 'lot_pattern',
  catchWeight: 'catch_weight',
} as const;
export const PARTY_FIELD_COLUMNS = { kind: 'kind', code: 'code', name: 'name', nameZh: 'name_zh', gln: 'gln', address: 'address', region: 'region', channel: 'channel' } as const;
