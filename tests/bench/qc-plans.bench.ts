/**
 * QC plans (issue 17) on the 100k-lot data set: saving a 40-characteristic plan version through the
 * dispatcher (validation, supersede, audit), the plan that applies to a lot (`qc.plans.forLot`, the
 * plan side of opening a lot's inspection, target p99 < 30 ms for the whole opening) and a plan with
 * its version history (`qc.plans.get`). LOTDESK_BENCH_QC_LOTS sets the number of lots (100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { seedScale, mulberry32 } from '../../src/app/demo/seed-scale';
import { benchSize, row, type BenchReport, type BenchRow } from './harness';

const VERSIONS = 5;
const CHARACTERISTICS = 40;

function characteristics(version: number) {
  return Array.from({ length: CHARACTERISTICS }, (_, i) => {
    const kind = (['numeric', 'weight', 'pass_fail', 'choice', 'text'] as const)[i % 5];
    const numeric = kind === 'numeric' || kind === 'weight';
    return {
      code: `C${i + 1}`, name: `Characteristic ${i + 1}`, nameZh: `项目 ${i + 1}`, kind, unit: kind === 'weight' ? 'kg' : numeric ? 'mm' : null,
      lowerLimit: numeric ? 1 : null, upperLimit: numeric ? 2 + version : null, decimals: numeric ? 2 : null,
      choices: kind === 'choice' ? ['good', 'fair', 'bad'] : null, accepted: kind === 'choice' ? ['good', 'fair'] : null, aql: [0.65, 1, 2.5, 4][i % 4], mandatory: i % 3 !== 0,
    };
  });
}

export default async function bench(): Promise<BenchReport> {
  const lots = benchSize('LOTDESK_BENCH_QC_LOTS', 100_000, 300);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-qc-plans-'));
  const { station, dispatch } = openDesk(join(dir, 'qc.db'));
  const db = station.db;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    const seeded = performance.now();
    seedScale(db, lots, new Date());
    notes.push(`${lots.toLocaleString('en')} lots seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const auth: AuthState = {};
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const env = await dispatch(auth, name, input);
      if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
      return env.result as T;
    };
    await call('session.signIn', { username: 'manager', secret: '4444' });
    const items = db.prepare('SELECT id FROM items ORDER BY sku').all() as { id: string }[];
    const suppliers = db.prepare("SELECT id FROM parties WHERE kind = 'supplier' ORDER BY code").all() as { id: string }[];
    const saves: number[] = [];
    let planIds: string[] = [];
    for (const [i, item] of items.entries()) {
      // Every item has its plan for every supplier; every third also a plan of its first supplier's.
      for (const supplierId of i % 3 === 0 ? [null, suppliers[0].id] : [null]) {
        let basedOnPlanId: string | null = (db.prepare("SELECT id FROM qc_plans WHERE item_id = ? AND supplier_key = ? AND status = 'active'").get(item.id, supplierId ?? '') as { id: string } | undefined)?.id ?? null;
        for (let v = 1; v <= VERSIONS; v++) {
          const input = { itemId: item.id, supplierId, basedOnPlanId, sampling: { kind: 'iso2859', level: 'II', severity: 'normal' }, triggers: ['receipt', 'retest'], retestDays: 30, dueHours: 24, characteristics: characteristics(v) };
          const t0 = performance.now();
          const saved = await call<{ planId: string }>('qc.plans.save', input);
          saves.push(performance.now() - t0);
          basedOnPlanId = saved.planId;
        }
        planIds.push(basedOnPlanId as string);
      }
    }
    notes.push(`${saves.length} plan versions saved (${items.length} items, ${VERSIONS} versions each, +1 supplier plan per third item), ${CHARACTERISTICS} characteristics each`);
    rows.push(row(`qc.plans.save, ${CHARACTERISTICS} characteristics (median)`, saves, 'ms'));
    rows.push(row(`qc.plans.save, ${CHARACTERISTICS} characteristics (p99)`, saves, 'ms', { stat: 'p99' }));

    const lotIds = (db.prepare('SELECT id FROM lots').all() as { id: string }[]).map((r) => r.id);
    const random = mulberry32(17);
    const forLot: number[] = [];
    let found = 0;
    const CALLS = benchSize(null, 1000, 10);
    for (let i = 0; i < CALLS; i++) {
      const lotId = lotIds[Math.floor(random() * lotIds.length)];
      const t0 = performance.now();
      const plan = await call<{ characteristics: unknown[] } | null>('qc.plans.forLot', { lotId });
      forLot.push(performance.now() - t0);
      if (plan) found += 1;
    }
    notes.push(`${found} of ${CALLS} random lots had a plan`);
    rows.push(row('qc.plans.forLot, random lot (median)', forLot, 'ms'));
    rows.push(row('qc.plans.forLot, random lot (p99)', forLot, 'ms', { stat: 'p99', target: { below: 30, text: '< 30 ms (whole inspection opening)' } }));
    const gets: number[] = [];
    planIds = planIds.slice(0, 200);
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      await call('qc.plans.get', { planId: planIds[i % planIds.length] });
      gets.push(performance.now() - t0);
    }
    rows.push(row('qc.plans.get, plan + history (median)', gets, 'ms'));
    rows.push(row('qc.plans.get, plan + history (p99)', gets, 'ms', { stat: 'p99' }));
    return { name: 'qc-plans', rows, notes };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
