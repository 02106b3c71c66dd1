/** Result types of the contract: what the UI receives. Quantities are in the item's unit (decimal). */
import type { Role } from '../domain/roles';
import type { LotStatus } from '../domain/lot-status';
import type { Locale } from '../i18n/locales';
import type { Gs1Scan } from '../domain/gs1/types';

export interface Done {
  done: true;
}

export interface StationStatus {
  stationId: string;
  site: string | null;
  needsSetup: boolean;
  idleMinutes: number;
  version: string;
}

export interface DemoLoaded {
  users: { username: string; role: Role; secret: string }[];
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface SessionInfo {
  user: SessionUser;
  idleMinutes: number;
}

export interface RosterEntry {
  username: string;
  displayName: string;
  role: Role;
  secretKind: 'pin' | 'password';
}

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

export interface ScanResolution {
  scan: Gs1Scan;
  /** The item whose GTIN the scan carries, when the catalog has it. */
  item: ItemView | null;
}

export interface LotView {
  id: string;
  code: string;
  itemId: string;
  sku: string;
  itemName: string;
  unit: string;
  supplierId: string | null;
  supplierName: string | null;
  supplierLot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  bestBeforeDate: string | null;
  status: LotStatus;
  createdAt: string;
}

export interface ReceiveResult {
  receiptId: string;
  receiptNumber: string;
  lot: LotView;
  movementId: string;
  quantity: number;
  location: { id: string; code: string };
}

export interface StockRow {
  lot: LotView;
  locationId: string;
  locationCode: string;
  quantity: number;
}

export interface MovementView {
  id: string;
  kind: string;
  at: string;
  quantity: number;
  from: string | null;
  to: string | null;
  user: string;
  document: string | null;
}

export interface LotDetail {
  lot: LotView;
  stock: { locationCode: string; quantity: number }[];
  movements: MovementView[];
}

export interface PdfDocument {
  fileName: string;
  base64: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  user: string | null;
  command: string;
  result: string;
}
