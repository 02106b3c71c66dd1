/** Contract results: items, parties, locations, purchase orders and BOMs. */

export interface ItemView {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
  /** The Chinese name (issue 15), shown instead of `name` to a zh-CN user when there is one. */
  nameZh?: string | null;
  unit: string;
  unitDecimals: number;
  lotTracked: boolean;
  shelfLifeDays: number | null;
  qcRequired: boolean;
  /** The item's own near-expiry horizon; null: the station default applies. */
  nearExpiryDays: number | null;
}

export interface PartyView {
  id: string;
  kind: 'supplier' | 'customer';
  code: string;
  name: string;
  gln: string | null;
  region: string | null;
}

export interface LocationView {
  id: string;
  code: string;
  site: string;
  zone: string;
  pickable: boolean;
  quarantine: boolean;
  receiving: boolean;
}

export interface PurchaseOrderView {
  id: string;
  number: string;
  supplierId: string;
  supplierName: string;
  lines: { id: string; lineNo: number; itemId: string; sku: string; itemName: string; unit: string; ordered: number; received: number }[];
}

export interface BomView {
  itemId: string;
  /** `quantity`: how much of the component (in its unit) goes into one unit made, or null when not stated. */
  components: { itemId: string; sku: string; gtin: string | null; name: string; unit: string; quantity: number | null }[];
}

export interface CustomerRef {
  id: string;
  code: string;
  name: string;
  region: string | null;
  channel: string | null;
}

// ── Items, parties and master-data files (issue 15) ──

/** An item as the Items screen edits it: every field of items.create, the GTIN as 14 digits. */
export interface ItemDetail {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
  nameZh: string | null;
  unit: string;
  unitDecimals: number;
  shelfLifeDays: number | null;
  qcRequired: boolean;
  removalStrategy: 'FEFO' | 'FIFO' | 'LIFO';
  nearExpiryDays: number | null;
  lotPattern: string | null;
  defaultZone: string | null;
  catchWeight: boolean;
  active: boolean;
}

export interface ItemSearchResult {
  items: ItemDetail[];
  /** More items match than the page shows: type more of the name. */
  more: boolean;
}

export interface ContactView {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  role: string | null;
}

export interface PartyDetail {
  id: string;
  kind: 'supplier' | 'customer';
  code: string;
  name: string;
  nameZh: string | null;
  gln: string | null;
  address: string | null;
  region: string | null;
  channel: string | null;
  active: boolean;
  minShelfLifeDays: number | null;
  minShelfLifePercent: number | null;
  contacts: ContactView[];
}

export interface Created {
  id: string;
}

/**
 * A master-data file read and checked: the records it holds (the input of the matching import
 * command, sent back unchanged) and what each would do, or every bad row with its reason.
 */
export interface MasterImportPreview<T> {
  rows: number;
  records: T[];
  /** Per record: a new one, a changed one, or one already as the file says. */
  actions: ('create' | 'update' | 'same')[];
  errors: { row: number; column: string; key: string; params: Record<string, string | number> }[];
  /** How a CSV was decoded (utf-8, utf-8-bom, gbk…); null for XLSX. */
  encoding: string | null;
}

export interface MasterImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  base64: string;
}
