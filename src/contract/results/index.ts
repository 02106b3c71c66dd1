/** Result types of the contract: what the UI receives, one file per area. Quantities are in the item's unit (decimal). */
export type { Lot as LotView } from '../../domain/lot';
export type * from './station';
export type * from './people';
export type * from './master-data';
export type * from './inbound';
export type * from './inventory';
export type * from './outbound';
export type * from './trace';
export type * from './locations';
export type * from './purchase-orders';
export type * from './recall';
export type * from './exports';
export type * from './complaints';
export type * from './qc-inspect';
export type * from './qc-plans';
export type * from './qc-supplier';
