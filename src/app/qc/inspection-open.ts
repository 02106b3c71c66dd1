/**
 * STAND-IN until wt-qc-inspect merges: opens an inspection of a lot by its active plan. Replaced
 * by qc-inspect's own opener (same name and shape) at merge.
 */
import { fail } from '../../domain/errors';
import { QTY_SCALE } from '../../domain/quantity';
import { nextCounterValue } from '../../store/counters';
import { newId } from '../../store/ids';
import { statement } from '../../store/statements';
import { requireUser, type CallContext } from '../kernel/context';

export function openInspection(ctx: CallContext, req: { lotId: string; trigger: 'receipt' | 'production' | 'retest' | 'manual' }): { id: string; number: string } {
  const db = ctx.station.db;
  const plan = statement(
    db,
    `SELECT p.id, p.sampling, p.due_hours AS dueHours FROM lots l JOIN qc_plans p ON p.item_id = l.item_id AND p.status = 'active' AND p.supplier_key IN (COALESCE(l.supplier_id, ''), '')
     WHERE l.id = ? ORDER BY p.supplier_key DESC LIMIT 1`,
  ).get(req.lotId) as { id: string; sampling: string; dueHours: number } | undefined;
  if (!plan) throw fail.rule('errors.qcRetest.noPlan', {}, 'lotId');
  const onHand = (statement(db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM balances WHERE lot_id = ?').get(req.lotId) as { q: number }).q / QTY_SCALE;
  const sampling = JSON.parse(plan.sampling) as { kind: string; n?: number };
  const sampleSize = sampling.kind === 'fixed' && sampling.n ? sampling.n : 1;
  const id = newId();
  const number = `QC-${String(nextCounterValue(db, 'qc_inspection')).padStart(6, '0')}`;
  const at = ctx.now.toISOString();
  statement(
    db,
    `INSERT INTO qc_inspections (id, number, lot_id, plan_id, trigger, lot_size, sample_size, status, due_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
  ).run(id, number, req.lotId, plan.id, req.trigger, Math.ceil(onHand), sampleSize, new Date(ctx.now.getTime() + plan.dueHours * 3_600_000).toISOString(), at, requireUser(ctx).id);
  return { id, number };
}
