/** Contract results: stock, lots, bins, counts, adjustments and transformations. */
import type { SuggestionReason } from '../../domain/bin-rules';
import type { Lot as LotView } from '../../domain/lot';

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
