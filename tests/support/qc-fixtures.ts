/**
 * QC plans written with plain SQL on the 023 schema (with names in both languages, methods and
 * re-test days) for the CoA and re-test tests, where no plan command exists to call; and, for the
 * CoA bench, a decided inspection of 155 results in one go. Its signature is bound with
 * qc-inspect's own signedContent, so the CoA checks it as a decision signed at the desk.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/store/db';
import { boundHash } from '../../src/app/kernel/e-signature';
import { signedContent } from '../../src/app/qc/inspection-view';
import { currentResults } from '../../src/store/qc-inspections';

export interface FixtureCharacteristic {
  code: string;
  name: string;
  nameZh?: string;
  kind: 'numeric' | 'pass_fail' | 'choice' | 'text' | 'weight';
  unit?: string;
  target?: number;
  lower?: number;
  upper?: number;
  decimals?: number;
  choices?: string[];
  accepted?: string[];
  method?: string;
  mandatory?: boolean;
}

/** A desk's database and clock: a test desk, or a serve-mode desk's file opened beside it. */
export interface FixtureDesk {
  db: Db;
  clock: { now(): Date };
}

const userId = (desk: FixtureDesk, username: string) => (desk.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

export function insertPlan(desk: FixtureDesk, itemId: string, characteristics: FixtureCharacteristic[], opts: { retestDays?: number; triggers?: string[]; n?: number } = {}): { planId: string; characteristicIds: string[] } {
  const planId = randomUUID();
  const at = new Date().toISOString();
  // A new version of the item's plan for every supplier: the demo's own plan (if any) is superseded.
  const version = (desk.db.prepare("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM qc_plans WHERE item_id = ? AND supplier_key = ''").get(itemId) as { v: number }).v;
  desk.db.prepare("UPDATE qc_plans SET status = 'superseded' WHERE item_id = ? AND status = 'active'").run(itemId);
  desk.db
    .prepare(`INSERT INTO qc_plans (id, item_id, supplier_key, version, status, sampling, triggers, retest_days, due_hours, created_at, created_by) VALUES (?, ?, '', ?, 'active', ?, ?, ?, 24, ?, ?)`)
    .run(planId, itemId, version, JSON.stringify({ kind: 'fixed', n: opts.n ?? 3 }), JSON.stringify(opts.triggers ?? ['receipt', 'retest']), opts.retestDays ?? null, at, userId(desk, 'admin'));
  const ins = desk.db.prepare(
    `INSERT INTO qc_characteristics (id, plan_id, position, code, name, name_zh, kind, unit, target, lower_limit, upper_limit, decimals, choices, accepted, method, mandatory)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const characteristicIds = characteristics.map((c, i) => {
    const id = randomUUID();
    ins.run(id, planId, i + 1, c.code, c.name, c.nameZh ?? null, c.kind, c.unit ?? null, c.target ?? null, c.lower ?? null, c.upper ?? null, c.decimals ?? null,
      c.choices ? JSON.stringify(c.choices) : null, c.accepted ? JSON.stringify(c.accepted) : null, c.method ?? null, c.mandatory === false ? 0 : 1);
    return id;
  });
  return { planId, characteristicIds };
}

export interface FixtureResult {
  characteristicId: string;
  sampleNo: number;
  value: number | string;
  inSpec: boolean;
}

/** An inspection of the lot by the plan, its results, and (decided) its signed decision. */
export function insertInspection(
  desk: FixtureDesk,
  lotId: string,
  planId: string,
  results: FixtureResult[],
  opts: { decision?: Decision | null; trigger?: string; signer?: string; at?: string } = {},
): { inspectionId: string; number: string; signatureId: string | null } {
  const inspectionId = randomUUID();
  const at = opts.at ?? desk.clock.now().toISOString();
  const n = (desk.db.prepare('SELECT COUNT(*) AS n FROM qc_inspections').get() as { n: number }).n + 1;
  const number = `QC-T${String(n).padStart(5, '0')}`;
  const inspector = userId(desk, 'inspector');
  desk.db
    .prepare(`INSERT INTO qc_inspections (id, number, lot_id, plan_id, trigger, lot_size, sample_size, status, due_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, 100, 3, 'open', ?, ?, ?)`)
    .run(inspectionId, number, lotId, planId, opts.trigger ?? 'receipt', at, at, inspector);
  const ins = desk.db.prepare(
    `INSERT INTO qc_results (id, inspection_id, characteristic_id, sample_no, value_num, value_text, in_spec, source, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'typed', ?, ?)`,
  );
  for (const r of results) ins.run(randomUUID(), inspectionId, r.characteristicId, r.sampleNo, typeof r.value === 'number' ? r.value : null, typeof r.value === 'string' ? r.value : null, r.inSpec ? 1 : 0, at, inspector);
  const signatureId = opts.decision === null ? null : decideInspection(desk, inspectionId, opts.decision ?? 'released', opts.signer ?? 'manager', at);
  return { inspectionId, number, signatureId };
}

type Decision = 'released' | 'rejected' | 'on_hold' | 'conditional';

/** Decides an open inspection with a signature of the signer bound to its current results; returns the signature's id. */
export function decideInspection(desk: FixtureDesk, inspectionId: string, decision: Decision, signer = 'manager', at = desk.clock.now().toISOString()): string {
  const signatureId = randomUUID();
  const u = desk.db.prepare('SELECT id, display_name AS name FROM users WHERE username = ?').get(signer) as { id: string; name: string };
  desk.db
    .prepare('INSERT INTO e_signatures (id, object, object_id, meaning, signer_id, printed_name, signed_at, bound_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(signatureId, 'qc_inspection', inspectionId, decision, u.id, u.name, at, boundHash(signedContent(desk.db.prepare('SELECT id, lot_id AS lotId, plan_id AS planId FROM qc_inspections WHERE id = ?').get(inspectionId) as { id: string; lotId: string; planId: string }, decision, null, currentResults(desk.db, inspectionId))));
  desk.db.prepare("UPDATE qc_inspections SET status = 'decided', decision = ?, decided_at = ?, signature_id = ? WHERE id = ?").run(decision, at, signatureId, inspectionId);
  return signatureId;
}
