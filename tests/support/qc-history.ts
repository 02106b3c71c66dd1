/**
 * QC history written straight into a test desk's file (lots, inspections, results, signatures;
 * plans by tests/support/qc.ts), for tests of what reads it (the supplier-quality dashboard) before and apart from
 * the commands that write it. Ids are readable names so a failing test names its rows.
 */
import type { Db } from '../../src/store/db';
import { insertPlan } from './qc';

const idOf = (db: Db, sql: string, ...args: unknown[]): string => (db.prepare(sql).pluck().get(...args) as string | undefined) ?? (() => { throw new Error(`none: ${sql} ${args.join(' ')}`); })();
export const itemId = (db: Db, sku: string) => idOf(db, 'SELECT id FROM items WHERE sku = ?', sku);
export const partyId = (db: Db, code: string) => idOf(db, 'SELECT id FROM parties WHERE code = ?', code);
export const userId = (db: Db, username: string) => idOf(db, 'SELECT id FROM users WHERE username = ?', username);

export function writeLot(db: Db, l: { id: string; itemId: string; code: string; supplierId: string | null; status: string; at: string; parentId?: string }): void {
  db.prepare('INSERT INTO lots (id, item_id, code, supplier_id, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(l.id, l.itemId, l.code, l.supplierId, l.status, l.at, userId(db, 'clerk'));
  if (l.parentId) {
    const m = `${l.id}-split`;
    const bin = idOf(db, "SELECT id FROM locations WHERE code = 'QA-01'");
    db.prepare("INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id) VALUES (?, 'split', 'test', ?, ?, ?, ?, 1000, ?)").run(m, userId(db, 'clerk'), l.at, l.itemId, l.parentId, bin);
    db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity, movement_id) VALUES (?, ?, 1000, ?)').run(l.parentId, l.id, m);
  }
}

let inspections = 0;

/**
 * An inspection of a lot with its results (values per characteristic code, one sample each) and,
 * when decided, its signature; `reopened` adds a reopening signature before the decision.
 */
export function writeInspection(
  db: Db,
  i: { lotId: string; planId: string; at: string; trigger?: string; decision?: 'released' | 'rejected' | 'on_hold' | 'conditional'; reopened?: boolean; results?: Record<string, (number | string)[]>; superseded?: Record<string, number[]> },
  chars: Record<string, string>,
): string {
  const id = `insp-${++inspections}`;
  const inspector = userId(db, 'inspector');
  db.prepare(
    `INSERT INTO qc_inspections (id, number, lot_id, plan_id, trigger, lot_size, sample_size, status, decision, due_at, created_at, created_by, decided_at)
     VALUES (?, ?, ?, ?, ?, 100, 2, ?, ?, ?, ?, ?, ?)`,
  ).run(id, `QC-T${inspections}`, i.lotId, i.planId, i.trigger ?? 'receipt', i.decision ? 'decided' : 'open', i.decision ?? null, i.at, i.at, inspector, i.decision ? i.at : null);
  const result = db.prepare(
    `INSERT INTO qc_results (id, inspection_id, characteristic_id, sample_no, value_num, value_text, in_spec, source, recorded_at, recorded_by, superseded_by, correction_reason)
     VALUES (?, ?, ?, ?, ?, ?, 1, 'typed', ?, ?, ?, ?)`,
  );
  for (const [code, values] of Object.entries(i.results ?? {})) {
    values.forEach((v, s) => {
      const rid = `${id}-${code}-${s + 1}`;
      const old = i.superseded?.[code]?.[s];
      result.run(rid, id, chars[code], s + 1, typeof v === 'number' ? v : null, typeof v === 'string' ? v : null, i.at, inspector, null, old !== undefined ? 'typo' : null);
      // The first value typed, superseded by the correction (the dashboard must read the correction).
      if (old !== undefined) result.run(`${rid}-old`, id, chars[code], s + 1, old, null, i.at, inspector, rid, null);
    });
  }
  const sign = (meaning: string) => {
    const sid = `${id}-${meaning}`;
    db.prepare("INSERT INTO e_signatures (id, object, object_id, meaning, signer_id, printed_name, signed_at, bound_hash) VALUES (?, 'qc_inspection', ?, ?, ?, 'Wang Wei', ?, 'x')").run(sid, id, meaning, inspector, i.at);
    return sid;
  };
  if (i.reopened) sign('reopened');
  if (i.decision) db.prepare('UPDATE qc_inspections SET signature_id = ? WHERE id = ?').run(sign(i.decision), id);
  return id;
}

/**
 * The known history of the supplier-quality tests (worked by hand in tests/integration/supplier-quality.test.ts):
 * Golden Grain's six RICE-BULK lots of 2026 (L1, L2 released at once, L3 rejected, L4 released after
 * a reopening, L5 on hold, L6 open), a split of L1, a lot of December 2025 and one from Hangzhou Tea.
 */
export function writeGrainHistory(db: Db): { rice: string; grn: string; hzt: string } {
  const rice = itemId(db, 'RICE-BULK');
  const grn = partyId(db, 'SUP-GRN');
  const hzt = partyId(db, 'SUP-HZT');
  const spec = [
    { code: 'MOIST', kind: 'numeric' as const, unit: '%', lower: 10, upper: 14, decimals: 1 },
    { code: 'BROKEN', kind: 'numeric' as const, unit: '%', upper: 5, decimals: 0 },
    { code: 'APPEAR', kind: 'pass_fail' as const },
  ];
  const fixed = { kind: 'fixed' as const, n: 2 };
  const { planId: v1Id, ids: v1 } = insertPlan(db, { sku: 'RICE-BULK', sampling: fixed, characteristics: spec });
  const lot = (id: string, at: string, status: string, supplierId = grn, parentId?: string) => writeLot(db, { id, itemId: rice, code: id, supplierId, status, at, parentId });
  lot('L1', '2026-01-10T08:00:00.000Z', 'released');
  lot('L2', '2026-01-20T08:00:00.000Z', 'released');
  lot('L3', '2026-02-05T08:00:00.000Z', 'rejected');
  lot('L4', '2026-02-15T08:00:00.000Z', 'released');
  lot('L0', '2025-12-20T08:00:00.000Z', 'rejected');
  lot('H1', '2026-01-15T08:00:00.000Z', 'released', hzt);
  writeInspection(db, { lotId: 'L1', planId: v1Id, at: '2026-01-10T10:00:00.000Z', decision: 'released', results: { MOIST: [12.0, 12.4], BROKEN: [3, 4], APPEAR: ['pass', 'pass'] } }, v1);
  writeInspection(db, { lotId: 'L2', planId: v1Id, at: '2026-01-20T10:00:00.000Z', decision: 'released', results: { MOIST: [11.8, 12.2], BROKEN: [2, 2] } }, v1);
  writeInspection(db, { lotId: 'L3', planId: v1Id, at: '2026-02-05T10:00:00.000Z', decision: 'rejected', results: { MOIST: [14.6, 15.0] } }, v1);
  writeInspection(db, { lotId: 'L4', planId: v1Id, at: '2026-02-15T10:00:00.000Z', decision: 'released', reopened: true, results: { MOIST: [12.6, 13.0] }, superseded: { MOIST: [20.0] } }, v1);
  writeInspection(db, { lotId: 'L0', planId: v1Id, at: '2025-12-20T10:00:00.000Z', decision: 'rejected', results: { MOIST: [16] } }, v1);
  writeInspection(db, { lotId: 'H1', planId: v1Id, at: '2026-01-15T10:00:00.000Z', decision: 'released', results: { MOIST: [13] } }, v1);
  // A re-test of L1 before expiry measures aged rice: it stays out of the supplier's figures.
  writeInspection(db, { lotId: 'L1', planId: v1Id, at: '2026-06-01T10:00:00.000Z', trigger: 'retest', decision: 'released', results: { MOIST: [30] } }, v1);
  // Plan v2 tightens moisture to 12.5 %: the chart draws the newest limits.
  const { planId: v2Id, ids: v2 } = insertPlan(db, { sku: 'RICE-BULK', sampling: fixed, characteristics: [{ ...spec[0], upper: 12.5 }, spec[1]] });
  lot('L5', '2026-03-01T08:00:00.000Z', 'on_hold');
  lot('L6', '2026-03-10T08:00:00.000Z', 'quarantine');
  lot('L7', '2026-03-12T08:00:00.000Z', 'released', grn, 'L1');
  writeInspection(db, { lotId: 'L5', planId: v2Id, at: '2026-03-01T10:00:00.000Z', decision: 'on_hold', results: { MOIST: [12.1, 12.3] } }, v2);
  writeInspection(db, { lotId: 'L6', planId: v2Id, at: '2026-03-10T10:00:00.000Z' }, v2);
  return { rice, grn, hzt };
}
