/** SQL of production records and their process parameters (migration 023); the plan is read through src/store/qc-plans.ts. */
import type { Db } from './db';
import { statement } from './statements';
import type { CharacteristicLimits, ProductionFacts } from '../domain/qc/quality-figures';

export interface NewProductionRecord {
  lotId: string;
  documentId: string | null;
  line: string;
  operatorId: string;
  shift: string;
  planId: string | null;
  allInSpec: boolean;
  at: string;
  userId: string;
  parameters: { characteristicId: string; valueNum: number | null; valueText: string | null; inSpec: boolean }[];
}

export function insertProductionRecord(db: Db, r: NewProductionRecord): void {
  statement(db, 'INSERT INTO production_records (lot_id, document_id, line, operator_id, shift, plan_id, all_in_spec, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.lotId, r.documentId, r.line, r.operatorId, r.shift, r.planId, r.allInSpec ? 1 : 0, r.at, r.userId,
  );
  const parameter = statement(db, 'INSERT INTO production_parameters (lot_id, characteristic_id, value_num, value_text, in_spec) VALUES (?, ?, ?, ?, ?)');
  for (const p of r.parameters) parameter.run(r.lotId, p.characteristicId, p.valueNum, p.valueText, p.inSpec ? 1 : 0);
}

/** The record as stored: all_in_spec a 0/1 flag, parameters apart. */
export interface ProductionRecordRow extends ProductionFacts {
  allInSpec: number;
}

export function findProductionRecord(db: Db, lotId: string): ProductionRecordRow | null {
  return (
    (statement(
      db,
      `SELECT r.lot_id AS lotId, l.code AS lotCode, r.line, r.shift, r.operator_id AS operatorId, o.display_name AS operatorName, p.version AS planVersion,
         r.all_in_spec AS allInSpec, r.recorded_at AS recordedAt, b.display_name AS recordedByName
       FROM production_records r JOIN lots l ON l.id = r.lot_id JOIN users o ON o.id = r.operator_id JOIN users b ON b.id = r.recorded_by
       LEFT JOIN qc_plans p ON p.id = r.plan_id WHERE r.lot_id = ?`,
    ).get(lotId) as ProductionRecordRow | undefined) ?? null
  );
}

export interface ProductionParameterRow extends CharacteristicLimits {
  id: string;
  valueNum: number | null;
  valueText: string | null;
  inSpec: number;
}

export function productionParameters(db: Db, lotId: string): ProductionParameterRow[] {
  return statement(
    db,
    `SELECT c.id, c.code, c.name, c.name_zh AS nameZh, c.unit, c.target, c.lower_limit AS lowerLimit, c.upper_limit AS upperLimit, p.value_num AS valueNum, p.value_text AS valueText, p.in_spec AS inSpec
     FROM production_parameters p JOIN qc_characteristics c ON c.id = p.characteristic_id WHERE p.lot_id = ? ORDER BY c.position, c.code`,
  ).all(lotId) as ProductionParameterRow[];
}

/** The transformation document a lot was made by, by its number. */
export function documentIdByNumber(db: Db, number: string): string | null {
  return (statement(db, 'SELECT id FROM documents WHERE number = ?').pluck().get(number) as string | undefined) ?? null;
}
