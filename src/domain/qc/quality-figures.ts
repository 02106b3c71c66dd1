import type { CharacteristicKind } from './characteristic';

export type { CharacteristicKind };

/** Shapes shared by the supplier-quality and production-record queries and their results (issue 17, items 6 and 7). */

/** Lots of a supplier and item (or of a month): received, rejected and on hold now, decided, released first time. */
export interface QualityCounts {
  received: number;
  rejected: number;
  onHold: number;
  decided: number;
  firstPass: number;
}

export interface SupplierItemRef {
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  itemId: string;
  sku: string;
  itemName: string;
}

/** A characteristic as a chart or a form names it: code, names, unit, target and spec limits. */
export interface CharacteristicLimits {
  code: string;
  name: string;
  nameZh: string | null;
  unit: string | null;
  target: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
}

/** Who made a lot where and when (a production record without its parameters). */
export interface ProductionFacts {
  lotId: string;
  lotCode: string;
  line: string;
  shift: string;
  operatorId: string;
  operatorName: string;
  /** The plan version whose process parameters were checked; null when none named any. */
  planVersion: number | null;
  recordedAt: string;
  recordedByName: string;
}
