/** Contract results: orders, allocation, picking, packing and shipping. */
import type { LocationRef } from './inventory';
import type { CustomerRef } from './master-data';

export interface OrderSummary {
  id: string;
  number: string;
  customer: CustomerRef;
  reference: string | null;
  /** cancelled: an ERP's order it cancelled before the desk began it (src/sync/apply-orders.ts). */
  status: 'open' | 'shipped' | 'cancelled';
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
  /** The ERP's own id of an order an ERP sent through the centre (null: made at this desk). */
  erpId: string | null;
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
  /** Sold by weight: the pick scan needs the weight (scale or typed kg). */
  catchWeight: boolean;
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
  /** A catch-weight pick's weight as recorded (kg) and its scale (null: typed); null for other items. */
  weight: { kg: number; device: string | null } | null;
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
