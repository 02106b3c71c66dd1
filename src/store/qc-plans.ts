/**
 * SQL of QC plans (migration 023): versions of a plan per item and supplier key ('' for the
 * item's plan for every supplier), their characteristics, and the active plan that applies to a
 * lot. A new version supersedes the active one; rows are never updated beyond their status.
 */
import type { Db } from './db';
import { statement } from './statements';
import type { Characteristic } from '../domain/qc/characteristic';
import type { PlanHeader, PlanListRow, PlanRules, PlanStatus, PlanTrigger, PlanVersion, Sampling } from '../domain/qc/plan';

interface PlanRow extends PlanHeader {
  sampling: string;
  triggers: string;
  retestDays: number | null;
  dueHours: number;
  note: string | null;
}

const PLAN_SELECT = `SELECT p.id, p.item_id AS itemId, i.sku, i.name AS itemName, i.name_zh AS itemNameZh,
  p.supplier_id AS supplierId, s.code AS supplierCode, s.name AS supplierName, p.version, p.status, p.sampling, p.triggers,
  p.retest_days AS retestDays, p.due_hours AS dueHours, p.note, p.created_at AS createdAt, u.display_name AS createdBy
  FROM qc_plans p JOIN items i ON i.id = p.item_id LEFT JOIN parties s ON s.id = p.supplier_id JOIN users u ON u.id = p.created_by`;

interface CharacteristicRow {
  id: string;
  position: number;
  code: string;
  name: string;
  nameZh: string | null;
  stage: Characteristic['stage'];
  kind: Characteristic['kind'];
  unit: string | null;
  target: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  decimals: number | null;
  choices: string | null;
  accepted: string | null;
  method: string | null;
  mandatory: number;
  aql: number | null;
}

function characteristicsOf(db: Db, planId: string): PlanVersion['characteristics'] {
  const rows = statement(
    db,
    `SELECT id, position, code, name, name_zh AS nameZh, stage, kind, unit, target, lower_limit AS lowerLimit, upper_limit AS upperLimit,
       decimals, choices, accepted, method, mandatory, aql FROM qc_characteristics WHERE plan_id = ? ORDER BY position`,
  ).all(planId) as CharacteristicRow[];
  return rows.map((r) => ({
    ...r,
    choices: r.choices === null ? null : (JSON.parse(r.choices) as string[]),
    accepted: r.accepted === null ? null : (JSON.parse(r.accepted) as string[]),
    mandatory: r.mandatory === 1,
  }));
}

function toVersion(db: Db, row: PlanRow): PlanVersion {
  return { ...row, sampling: JSON.parse(row.sampling) as Sampling, triggers: JSON.parse(row.triggers) as PlanTrigger[], characteristics: characteristicsOf(db, row.id) };
}

export function planVersionById(db: Db, id: string): PlanVersion | null {
  const row = statement(db, `${PLAN_SELECT} WHERE p.id = ?`).get(id) as PlanRow | undefined;
  return row ? toVersion(db, row) : null;
}

/** The active version for an item and supplier key ('' = every supplier), or null. */
export function activePlanId(db: Db, itemId: string, supplierKey: string): string | null {
  const row = statement(db, `SELECT id FROM qc_plans WHERE item_id = ? AND supplier_key = ? AND status = 'active'`).get(itemId, supplierKey) as { id: string } | undefined;
  return row?.id ?? null;
}

/** The plan that applies to a lot: its supplier's own active plan for the item first, else the item's plan for every supplier. */
export function activePlanForLot(db: Db, lotId: string): PlanVersion | null {
  const row = statement(
    db,
    `SELECT p.id FROM lots l JOIN qc_plans p ON p.item_id = l.item_id AND p.status = 'active' AND (p.supplier_key = '' OR p.supplier_key = l.supplier_id)
     WHERE l.id = ? ORDER BY p.supplier_key = '' LIMIT 1`,
  ).get(lotId) as { id: string } | undefined;
  return row ? planVersionById(db, row.id) : null;
}

export function lastVersion(db: Db, itemId: string, supplierKey: string): number {
  const row = statement(db, 'SELECT MAX(version) AS v FROM qc_plans WHERE item_id = ? AND supplier_key = ?').get(itemId, supplierKey) as { v: number | null };
  return row.v ?? 0;
}

/** The desk user id that made a plan version (the centre's versions: the `centre` user). */
export function planAuthorId(db: Db, id: string): string | null {
  return (statement(db, 'SELECT created_by AS createdBy FROM qc_plans WHERE id = ?').get(id) as { createdBy: string } | undefined)?.createdBy ?? null;
}

export function setPlanStatus(db: Db, id: string, status: PlanStatus): void {
  statement(db, 'UPDATE qc_plans SET status = ? WHERE id = ?').run(status, id);
}

export function insertPlanVersion(
  db: Db,
  plan: PlanRules & { id: string; itemId: string; supplierId: string | null; version: number; at: string; userId: string },
  characteristicIds: readonly string[],
): void {
  statement(
    db,
    `INSERT INTO qc_plans (id, item_id, supplier_key, supplier_id, version, status, sampling, triggers, retest_days, due_hours, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(plan.id, plan.itemId, plan.supplierId ?? '', plan.supplierId, plan.version, JSON.stringify(plan.sampling), JSON.stringify(plan.triggers), plan.retestDays, plan.dueHours, plan.note, plan.at, plan.userId);
  const insert = statement(
    db,
    `INSERT INTO qc_characteristics (id, plan_id, position, code, name, name_zh, stage, kind, unit, target, lower_limit, upper_limit, decimals, choices, accepted, method, mandatory, aql)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  plan.characteristics.forEach((c, position) => {
    insert.run(
      characteristicIds[position], plan.id, position + 1, c.code, c.name, c.nameZh, c.stage, c.kind, c.unit, c.target, c.lowerLimit, c.upperLimit, c.decimals,
      c.choices && JSON.stringify(c.choices), c.accepted && JSON.stringify(c.accepted), c.method, c.mandatory ? 1 : 0, c.aql,
    );
  });
}


/**
 * Plans by item and/or supplier: the latest version of each item and supplier key (active or
 * retired), or with `history` every version, newest first.
 */
export function listPlanVersions(db: Db, filter: { itemId?: string; supplierId?: string; history: boolean; limit: number }): PlanListRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.itemId) {
    where.push('p.item_id = ?');
    args.push(filter.itemId);
  }
  if (filter.supplierId) {
    where.push('p.supplier_id = ?');
    args.push(filter.supplierId);
  }
  if (!filter.history) where.push(`p.status <> 'superseded'`);
  const rows = statement(
    db,
    `SELECT x.*, (SELECT COUNT(*) FROM qc_characteristics c WHERE c.plan_id = x.id) AS characteristics FROM (${PLAN_SELECT}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.sku, s.code IS NOT NULL, s.code, p.version DESC LIMIT ?) x`,
  ).all(...args, filter.limit) as (PlanRow & { characteristics: number })[];
  return rows.map(({ retestDays: _r, note: _n, ...r }) => ({ ...r, sampling: JSON.parse(r.sampling) as Sampling, triggers: JSON.parse(r.triggers) as PlanTrigger[] }));
}

/** Every version of one item and supplier key, newest first. */
export function planHistory(db: Db, itemId: string, supplierKey: string): { id: string; version: number; status: PlanStatus; createdAt: string; createdBy: string }[] {
  return statement(
    db,
    `SELECT p.id, p.version, p.status, p.created_at AS createdAt, u.display_name AS createdBy FROM qc_plans p JOIN users u ON u.id = p.created_by
     WHERE p.item_id = ? AND p.supplier_key = ? ORDER BY p.version DESC`,
  ).all(itemId, supplierKey) as { id: string; version: number; status: PlanStatus; createdAt: string; createdBy: string }[];
}

export function itemForPlan(db: Db, itemId: string): { id: string; sku: string } | null {
  return (statement(db, 'SELECT id, sku FROM items WHERE id = ?').get(itemId) as { id: string; sku: string } | undefined) ?? null;
}

export function supplierForPlan(db: Db, supplierId: string): { id: string; code: string } | null {
  return (statement(db, `SELECT id, code FROM parties WHERE id = ? AND kind = 'supplier'`).get(supplierId) as { id: string; code: string } | undefined) ?? null;
}
