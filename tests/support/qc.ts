/**
 * QC plans written by plain SQL for the inspection tests (the plan commands are another helper's
 * part of issue 17), and the refs the QC tests share.
 */
import { newId } from '../../src/store/ids';
import type { Db } from '../../src/store/db';

export interface PlanCharacteristic {
  code: string;
  kind: 'numeric' | 'pass_fail' | 'choice' | 'text' | 'weight';
  name?: string;
  unit?: string | null;
  target?: number | null;
  lower?: number | null;
  upper?: number | null;
  decimals?: number | null;
  choices?: string[];
  accepted?: string[];
  mandatory?: boolean;
  aql?: number | null;
  stage?: 'inspection' | 'process';
}

export interface PlanSpec {
  sku: string;
  sampling: { kind: 'fixed'; n: number } | { kind: 'iso2859'; level: 'I' | 'II' | 'III'; severity: 'normal' | 'tightened' | 'reduced' };
  triggers?: string[];
  dueHours?: number;
  characteristics: PlanCharacteristic[];
}

/** An active plan (the next version) of a demo item, written on the desk's database (a test desk's, or a served desk's file opened beside it); returns the plan id and its characteristics' ids by code. */
export function insertPlan(db: Pick<Db, 'prepare'>, spec: PlanSpec): { planId: string; ids: Record<string, string> } {
  const item = db.prepare('SELECT id FROM items WHERE sku = ?').get(spec.sku) as { id: string };
  const admin = db.prepare("SELECT id FROM users WHERE username = 'manager'").get() as { id: string };
  const planId = newId();
  const version = ((db.prepare("SELECT MAX(version) AS v FROM qc_plans WHERE item_id = ? AND supplier_key = ''").get(item.id) as { v: number | null }).v ?? 0) + 1;
  db.prepare("UPDATE qc_plans SET status = 'superseded' WHERE item_id = ? AND status = 'active'").run(item.id);
  db.prepare(
    `INSERT INTO qc_plans (id, item_id, supplier_key, version, status, sampling, triggers, due_hours, created_at, created_by)
     VALUES (?, ?, '', ?, 'active', ?, ?, ?, ?, ?)`,
  ).run(planId, item.id, version, JSON.stringify(spec.sampling), JSON.stringify(spec.triggers ?? ['receipt']), spec.dueHours ?? 24, '2026-11-01T00:00:00.000Z', admin.id);
  const ids: Record<string, string> = {};
  spec.characteristics.forEach((c, i) => {
    const id = newId();
    ids[c.code] = id;
    db.prepare(
      `INSERT INTO qc_characteristics (id, plan_id, position, code, name, stage, kind, unit, target, lower_limit, upper_limit, decimals, choices, accepted, mandatory, aql)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id, planId, i + 1, c.code, c.name ?? c.code, c.stage ?? 'inspection', c.kind, c.unit ?? null, c.target ?? null, c.lower ?? null, c.upper ?? null, c.decimals ?? null,
      c.choices ? JSON.stringify(c.choices) : null, c.accepted ? JSON.stringify(c.accepted) : null, c.mandatory === false ? 0 : 1, c.aql ?? null,
    );
  });
  return { planId, ids };
}

/** The milk plan the QC tests inspect by: 3 fixed samples of a weight, a fat %, a pass/fail seal; the appearance note optional. */
export function milkPlan(db: Pick<Db, 'prepare'>) {
  return insertPlan(db, {
    sku: 'MILK-1L',
    sampling: { kind: 'fixed', n: 3 },
    dueHours: 24,
    characteristics: [
      { code: 'WEIGHT', kind: 'weight', unit: 'g', target: 1030, lower: 1020, upper: 1045, decimals: 1 },
      { code: 'FAT', kind: 'numeric', unit: '%', target: 3.5, lower: 3.4, upper: 3.8, decimals: 2 },
      { code: 'SEAL', kind: 'pass_fail' },
      { code: 'NOTE', kind: 'text', mandatory: false },
    ],
  });
}
