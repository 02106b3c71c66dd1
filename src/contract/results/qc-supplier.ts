/** Results of production records and the supplier-quality dashboard (issue 17, items 6 and 7). */
import type { CharacteristicKind, CharacteristicLimits, ProductionFacts, QualityCounts, SupplierItemRef } from '../../domain/qc/quality-figures';

/** Counts of received lots (splits and merges of them are not counted again); rejected and on hold are the statuses now. */
export interface SupplierQualityRow extends SupplierItemRef, QualityCounts {
  unit: string;
  /** firstPass / decided (0–1); null when none was decided. */
  firstPassYield: number | null;
}

export interface QualityMonth extends QualityCounts {
  /** YYYY-MM of receipt. */
  month: string;
  firstPassYield: number | null;
}

/** One lot on a control chart: the mean of its first inspection's current results. */
export interface ControlPoint {
  lotId: string;
  lotCode: string;
  receivedAt: string;
  n: number;
  mean: number;
  /** Beyond the ±3σ control limits. */
  outOfControl: boolean;
  /** Outside the spec limits. */
  outOfSpec: boolean;
}

/** Spec limits are the newest plan version's that measured the characteristic. */
export interface CharacteristicTrend extends CharacteristicLimits {
  /** Every value measured: count, mean, sample standard deviation, range. */
  n: number;
  mean: number;
  sd: number | null;
  min: number;
  max: number;
  /** X̄ chart: centre line and ±3σ of the lot means (null below two lots). */
  centre: number;
  sigma: number | null;
  ucl: number | null;
  lcl: number | null;
  points: ControlPoint[];
}

export interface SupplierQualityDetail extends SupplierItemRef {
  months: QualityMonth[];
  characteristics: CharacteristicTrend[];
}

export interface SupplierQuality {
  /** Receipt dates, inclusive. */
  from: string;
  to: string;
  rows: SupplierQualityRow[];
  /** Months and control charts of the chosen supplier and item (or the supplier's one item); null when none is chosen. */
  detail: SupplierQualityDetail | null;
}

/** A made lot's production record. */
export interface ProductionRecordView extends ProductionFacts {
  allInSpec: boolean;
  parameters: ProductionParameterView[];
}

export interface ProductionParameterView extends CharacteristicLimits {
  characteristicId: string;
  value: number | string | null;
  inSpec: boolean;
}

/** What a production record of an item asks for: the process parameters of its active plan. */
export interface ProductionForm {
  itemId: string;
  planId: string | null;
  planVersion: number | null;
  parameters: ProductionFormParameter[];
}

export interface ProductionFormParameter extends CharacteristicLimits {
  characteristicId: string;
  kind: CharacteristicKind;
  decimals: number | null;
  choices: string[] | null;
  accepted: string[] | null;
  mandatory: boolean;
}
