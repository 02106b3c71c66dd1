/** Result types of the contract: what the UI receives. Quantities are in the item's unit (decimal). */
import type { Role } from '../domain/roles';
import type { LotStatus } from '../domain/lot-status';
import type { Locale } from '../i18n/locales';
import type { Gs1Scan } from '../domain/gs1/types';
import type { SuggestionReason } from '../domain/bin-rules';

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

/** An expiry date read today: past (expired), soon (within the item's near-expiry horizon), or neither. */
export type ExpiryMark = 'past' | 'soon' | null;

export interface StockRow {
  lot: LotView;
  locationId: string;
  locationCode: string;
  quantity: number;
  expiry: ExpiryMark;
}

/** One page of the stock list, newest lots first. */
export interface StockPage {
  rows: StockRow[];
  /**
   * Rows on the whole list; null when a search has more rows after this page: counting a search
   * means testing every lot (about 1.5 s on 100k lots), so only "more" is known.
   */
  total: number | null;
  /** Rows exist after this page. */
  more: boolean;
  /**
   * Lots whose code or supplier lot the search names exactly (any case) and that hold no stock
   * (shipped or consumed): not rows of the list, so they change neither its count nor its pages.
   */
  withoutStock: LotView[];
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
  /** Adjustment reason code, or 'count' for a count difference. */
  reason: string | null;
  /** A ship movement's destination: the shipment, its customer, and region and channel as kept on the shipment. */
  shipment: MovementShipment | null;
}

export interface MovementShipment {
  number: string;
  customerCode: string;
  customerName: string;
  /** As the customer record said on the day of shipping, not as it says today. */
  region: string | null;
  channel: string | null;
}

export interface LotDetail {
  lot: LotView;
  /** Per bin: the balance, the unpicked part of open allocations on it, and the rest, free for other orders. */
  stock: { locationCode: string; quantity: number; reserved: number; free: number }[];
  movements: MovementView[];
  /** Lots this lot was made from, with the quantity taken from each (in the parent's unit). */
  parents: GenealogyLink[];
  /** Lots made from this lot, with the quantity of this lot that went into each. */
  children: GenealogyLink[];
}

export interface GenealogyLink {
  lotId: string;
  lotCode: string;
  sku: string;
  itemName: string;
  /** Quantity taken from the parent lot, in the parent item's unit. */
  quantity: number;
  unit: string;
  at: string;
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
  /** Named values the record shows beside its result (ui.audit.details.<command>): whom an unlock unlocked, a lock's tries. */
  detail: Record<string, string | number> | null;
}

/** A user whose PIN or password is locked now. */
export interface LockedUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Wrong secrets in a row since the user's last success. */
  failures: number;
  lockedUntil: string;
  /** Tries refused during this lock; the first has an audit record of its own, the rest are only counted here until the lock ends. */
  triesWhileLocked: number;
}

// ── Inventory control ──

export interface LocationRef {
  id: string;
  code: string;
}

export interface BinQuantity {
  locationId: string;
  locationCode: string;
  quantity: number;
  /** The part promised to open orders: only quantity - reserved may leave the bin by a move. */
  reserved: number;
}

export interface LotStock {
  lot: LotView;
  stock: BinQuantity[];
}

/** A lot label or SSCC scanned at a desk: the lots it names (several when a code is ambiguous or a pallet is mixed). */
export interface ScannedLots {
  sscc: string | null;
  lots: LotStock[];
}

export interface BinSuggestion {
  location: LocationRef | null;
  reason: SuggestionReason | null;
}

export interface MoveResult {
  documentNumber: string;
  moves: { movementId: string; lotCode: string; from: string; to: string; quantity: number; unit: string }[];
}

export interface CountSheet {
  location: LocationRef;
  lines: { lot: LotView; expected: number }[];
}

export interface CountResult {
  documentNumber: string;
  lines: { lotId: string; lotCode: string; unit: string; expected: number; counted: number; difference: number }[];
  /** Allocations that promised more than the count found. */
  shortened: ShortenedAllocation[];
}

/** An allocation that promised more than a count or a loss left: it gave up `quantity` (a short pick), so its order line is short again. */
export interface ShortenedAllocation {
  orderNumber: string;
  lotCode: string;
  quantity: number;
  unit: string;
}

export interface AdjustResult {
  documentNumber: string;
  movementId: string;
  /** What the bin holds of the lot after the adjustment. */
  balance: number;
  /** Allocations a loss (damaged, lost, expired, correction) took stock from. */
  shortened: ShortenedAllocation[];
}

/** A lot made by a split, a merge or a transformation. */
export interface NewLotResult {
  documentNumber: string;
  lot: LotView;
  location: LocationRef;
  quantity: number;
}

export interface BomView {
  itemId: string;
  /** `quantity`: how much of the component (in its unit) goes into one unit made, or null when not stated. */
  components: { itemId: string; sku: string; gtin: string | null; name: string; unit: string; quantity: number | null }[];
}

export interface ItemStock {
  itemId: string;
  sku: string;
  name: string;
  unit: string;
  total: number;
  /** Released, not expired and not promised to an order: what a new order may still get. */
  available: number;
  /** Released stock promised to orders: allocated and not yet picked, or picked and waiting in staging. */
  allocated: number;
  quarantine: number;
  /** On hold, rejected, recalled or expired. */
  blocked: number;
  lots: number;
  /** Earliest expiry among available lots. */
  earliestExpiry: string | null;
}

export interface NearExpiryRow {
  lot: LotView;
  quantity: number;
  /** Days until expiry; negative once expired. */
  daysLeft: number;
  horizonDays: number;
  expiry: ExpiryMark;
  bins: string[];
}

/** One page of the near-expiry list, with the size of the whole list. */
export interface NearExpiryPage {
  rows: NearExpiryRow[];
  /** Lots on the whole list (every page). */
  total: number;
  /** Of those, lots already expired (blocked; they come first). */
  expired: number;
}

/** The near-expiry horizon of items that have none of their own. */
export interface NearExpiryDefault {
  days: number;
}

// ── Outbound ──

export interface CustomerRef {
  id: string;
  code: string;
  name: string;
  region: string | null;
  channel: string | null;
}

export interface OrderSummary {
  id: string;
  number: string;
  customer: CustomerRef;
  reference: string | null;
  status: 'open' | 'shipped';
  createdAt: string;
  lineCount: number;
  /** Lines with a part neither allocated nor shipped (a shortage, or a backorder after a shipment). */
  shortLines: number;
}

export interface OrderPage {
  rows: OrderSummary[];
  /** Orders on the whole list (every page) for the status and search asked. */
  total: number;
  /**
   * A search of one status (no stage) that matches nothing there: how many orders of the other
   * status it matches, so the screen can say where they are (0: none anywhere).
   */
  elsewhere?: { status: 'open' | 'shipped'; total: number };
}

export interface OrderLineView {
  id: string;
  lineNo: number;
  itemId: string;
  sku: string;
  itemName: string;
  unit: string;
  strategy: 'FEFO' | 'FIFO' | 'LIFO';
  ordered: number;
  requestedDate: string | null;
  requestedLot: { id: string; code: string } | null;
  /** Allocated and not shipped yet (picked or not). */
  allocated: number;
  picked: number;
  shipped: number;
  /** Neither allocated nor shipped: short now, a backorder once something shipped. */
  short: number;
  /** The requested lot was allocated although an earlier one (by the removal strategy) was free. */
  breaksRule: boolean;
}

export interface AllocationView {
  id: number;
  lineId: string;
  lineNo: number;
  sku: string;
  unit: string;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  locationId: string;
  locationCode: string;
  quantity: number;
  picked: number;
  status: 'open' | 'picked' | 'shipped';
  breaksRule: boolean;
}

export interface PickExceptionView {
  at: string;
  kind: 'short' | 'damaged';
  lotCode: string;
  locationCode: string;
  quantity: number;
  unit: string;
  user: string;
}

export interface OrderDetail extends OrderSummary {
  lines: OrderLineView[];
  allocations: AllocationView[];
  exceptions: PickExceptionView[];
  shipments: OrderShipmentView[];
}

/** One shipment of an order: what left, lot by lot, and the SSCCs of its packages. */
export interface OrderShipmentView {
  id: string;
  number: string;
  shippedAt: string;
  ssccs: string[];
  lines: { orderLineNo: number; sku: string; lotCode: string; expiryDate: string | null; quantity: number; unit: string }[];
}

export interface OrderCreated {
  id: string;
  number: string;
}

export interface ImportRowError {
  /** 1-based row of the sheet (the header is row 1). */
  row: number;
  /** The column at fault (its header), or '' for the whole row. */
  column: string;
  key: string;
  params: Record<string, string | number>;
}

/** An import file read and checked: the orders it would create, or what is wrong row by row. */
export interface ImportPreview {
  rows: number;
  orders: {
    customerId: string;
    customerName: string;
    reference?: string;
    lines: { itemId: string; sku: string; quantity: number; unit: string; requestedDate?: string; lotId?: string; lotCode?: string }[];
  }[];
  errors: ImportRowError[];
}

export interface AllocationLineResult {
  lineNo: number;
  sku: string;
  unit: string;
  /** Allocated by this call. */
  allocated: number;
  short: number;
  takes: { lotCode: string; locationCode: string; expiryDate: string | null; quantity: number }[];
  breaksRule: boolean;
  /** Why the requested lot could not be allocated, when the line named one. */
  refusal: { key: string; params: Record<string, string | number> } | null;
}

export interface AllocationResult {
  orderNumber: string;
  lines: AllocationLineResult[];
}

export interface PickListRow {
  allocationId: number;
  lineNo: number;
  locationId: string;
  locationCode: string;
  routeOrder: number | null;
  sku: string;
  itemName: string;
  lotId: string;
  lotCode: string;
  expiryDate: string | null;
  /** Still to pick. */
  quantity: number;
  unit: string;
}

export interface PickList {
  orderId: string;
  orderNumber: string;
  customerName: string;
  staging: LocationRef;
  rows: PickListRow[];
}

export interface PickResult {
  lotCode: string;
  locationCode: string;
  quantity: number;
  unit: string;
  movementId: string;
  /** Another lot than the allocated one was taken (equally good, better, or on a lead's override). */
  reallocatedFrom: string | null;
  overriddenBy: string | null;
  list: PickList;
}

export interface OverrideRow {
  at: string;
  orderNumber: string;
  sku: string;
  pickedLot: string;
  skippedLot: string;
  locationCode: string;
  picker: string;
  approver: string;
  reason: string;
}

export interface PackageView {
  id: string;
  sscc: string;
  lines: { lotId: string; lotCode: string; sku: string; quantity: number; unit: string }[];
}

export interface PackingStatus {
  orderId: string;
  orderNumber: string;
  /** Per lot: what was picked for the order and not shipped, against what the packing desk scanned. */
  lots: { lotId: string; lotCode: string; sku: string; unit: string; expiryDate: string | null; picked: number; checked: number }[];
  packages: PackageView[];
  /** Allocations still to pick: the order cannot ship until they are picked or recorded short. */
  openPicks: number;
  readyToShip: boolean;
}

export interface ShipResult {
  shipmentId: string;
  shipmentNumber: string;
  orderStatus: 'open' | 'shipped';
  lines: { sku: string; lotCode: string; expiryDate: string | null; quantity: number; unit: string }[];
  ssccs: string[];
}

export interface PackScanResult {
  /** The package the case went into: keep scanning into it, or leave it out to start a new one. */
  packageId: string;
  sscc: string;
  status: PackingStatus;
}
