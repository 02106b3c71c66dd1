/** Contract results: items, parties, locations, purchase orders and BOMs. */

export interface ItemView {
  id: string;
  sku: string;
  gtin: string | null;
  name: string;
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
