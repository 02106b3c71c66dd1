/**
 * QC on `lotdesk seed --scale 100000` (issue 17): ~26k receipt inspections of the ten raw items
 * (3 samples × 4 characteristics) and five years of GSUP-5Y flour (1,826 lots, 5 samples × 4),
 * measured through the dispatcher as the desks call them (session, role and schema checks
 * included; commands with their durable commit):
 * - qc.open by lot id: the lot, its inspection with the plan, results, verdict and signatures,
 *   and its history (the inspector's "open a lot's inspection");
 * - qc.recordResult: one numeric result into an open inspection;
 * - qc.supplierQuality over five years of GSUP-5Y's flour (the manager's dashboard, detail with
 *   months and control charts), and the all-suppliers table over a year.
 *   LOTDESK_BENCH_LOTS=N to seed another size; LOTDESK_QC_DB=/path/seeded.db to reuse a seeded file (it is written to).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { addDays } from '../../src/domain/dates';
import { FIVE_YEAR_ITEM, FIVE_YEAR_SUPPLIER } from '../../src/app/demo/seed-qc';
import { lotdesk } from '../support/cli';
import { benchSize, onceRow, row, TINY, watchGc, type BenchReport, type BenchRow } from './harness';

export default async function bench(): Promise<BenchReport> {
  const lots = benchSize('LOTDESK_BENCH_LOTS', 100_000, 300);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-qc-'));
  const file = join(dir, 'scale.db');
  let seedSeconds: number | null = null;
  if (process.env.LOTDESK_QC_DB && existsSync(process.env.LOTDESK_QC_DB)) {
    copyFileSync(process.env.LOTDESK_QC_DB, file);
  } else {
    const t = performance.now();
    const seeded = lotdesk(['seed', '--db', file, '--scale', String(lots)]);
    if (seeded.status !== 0) throw new Error(seeded.stderr);
    seedSeconds = (performance.now() - t) / 1000;
  }
  const { station, dispatch } = openDesk(file);
  const db = station.db;
  const as = (auth: AuthState) => async (name: string, input: unknown) => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.result as any;
  };
  const inspector = as({});
  const manager = as({});
  const gc = watchGc();
  const measure = async (full: number, fn: (i: number) => Promise<unknown>, warmFull = Math.min(50, full)) => {
    const n = TINY ? Math.min(full, 3) : full;
    const warm = TINY ? 1 : warmFull;
    for (let i = 0; i < warm; i++) await fn(i);
    const samples: number[] = [];
    const windows: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(i + warm);
      const end = performance.now();
      samples.push(end - t);
      windows.push([t, end]);
    }
    // The observer delivers GC entries after the fact: read them once the loop has yielded.
    await new Promise((r) => setTimeout(r, 10));
    return { samples, gcMs: windows.reduce((sum, [a, b]) => sum + gc.inside(a, b), 0) };
  };
  try {
    await inspector('session.signIn', { username: 'inspector', secret: '2222' });
    await manager('session.signIn', { username: 'manager', secret: '4444' });
    const counts = db.prepare('SELECT (SELECT COUNT(*) FROM qc_inspections) AS inspections, (SELECT COUNT(*) FROM qc_results) AS results').get() as { inspections: number; results: number };

    // Lots with an inspection, spread over the whole set (decided and open, raw items and the flour).
    const inspected = db.prepare('SELECT lot_id FROM qc_inspections ORDER BY id').pluck().all() as string[];
    const step = Math.max(1, Math.floor(inspected.length / 600));
    const sample = inspected.filter((_, i) => i % step === 0);
    const open = await measure(500, (i) => inspector('qc.open', { lotId: sample[i % sample.length] }));

    // Results still missing from the open inspections: a numeric characteristic's sample not yet recorded.
    const missing = db
      .prepare(
        `SELECT q.id AS inspectionId, c.id AS characteristicId, s.value AS sampleNo, c.lower_limit AS lower, c.upper_limit AS upper, c.decimals
         FROM qc_inspections q JOIN qc_characteristics c ON c.plan_id = q.plan_id AND c.kind IN ('numeric', 'weight') AND c.stage = 'inspection'
         JOIN json_each('[1,2,3,4,5]') s ON s.value <= q.sample_size
         WHERE q.status = 'open' AND NOT EXISTS (SELECT 1 FROM qc_results r WHERE r.inspection_id = q.id AND r.characteristic_id = c.id AND r.sample_no = s.value AND r.superseded_by IS NULL)
         LIMIT 700`,
      )
      .all() as { inspectionId: string; characteristicId: string; sampleNo: number; lower: number; upper: number; decimals: number | null }[];
    const recordN = TINY ? 3 : Math.min(500, missing.length - 50);
    const record = await measure(recordN, (i) => {
      const m = missing[i];
      const value = ((m.lower + m.upper) / 2).toFixed(m.decimals ?? 2);
      return inspector('qc.recordResult', { inspectionId: m.inspectionId, characteristicId: m.characteristicId, sampleNo: m.sampleNo, value, source: 'typed' });
    });

    // The manager's dashboard: five years of one supplier's flour, and every supplier over a year.
    const supplierId = db.prepare('SELECT id FROM parties WHERE code = ?').pluck().get(FIVE_YEAR_SUPPLIER) as string;
    const itemId = db.prepare('SELECT id FROM items WHERE sku = ?').pluck().get(FIVE_YEAR_ITEM) as string;
    const today = new Date().toISOString().slice(0, 10);
    const fiveYears = { supplierId, itemId, from: addDays(today, -1830), to: today };
    const figures = await manager('qc.supplierQuality', fiveYears);
    const points = figures.detail.characteristics.reduce((n: number, c: { points: unknown[] }) => n + c.points.length, 0);
    const dashboard = await measure(40, () => manager('qc.supplierQuality', fiveYears), 5);
    const overview = await measure(10, () => manager('qc.supplierQuality', { from: addDays(today, -365), to: today }), 2);
    const overviewRows = (await manager('qc.supplierQuality', { from: addDays(today, -365), to: today })).rows.length;
    const xlsx = await measure(5, () => manager('qc.supplierQualityExport', fiveYears), 1);

    const rows: BenchRow[] = [
      ...(seedSeconds === null ? [] : [onceRow(`lotdesk seed --scale ${lots} wall time, QC share included (incl. CLI start)`, seedSeconds, 's')]),
      row(`qc.open by lot id (plan + results + verdict + signatures + history; ${counts.inspections} inspections, ${counts.results} results) median`, open.samples, 'ms'),
      row('qc.open p99', open.samples, 'ms', { stat: 'p99', target: { below: 30 } }),
      row(`qc.recordResult one numeric result (durable commit) median of ${record.samples.length}`, record.samples, 'ms'),
      row('qc.recordResult p99', record.samples, 'ms', { stat: 'p99', target: { below: 10 } }),
      row(`qc.supplierQuality ${FIVE_YEAR_SUPPLIER} × ${FIVE_YEAR_ITEM}, five years (${figures.rows[0].received} lots, ${figures.detail.months.length} months, ${points} chart points) median`, dashboard.samples, 'ms', { target: { below: 200 } }),
      row(`qc.supplierQuality every supplier × item over a year (${overviewRows} rows) median`, overview.samples, 'ms'),
      row('qc.supplierQualityExport five years (XLSX) median', xlsx.samples, 'ms'),
    ];
    return {
      name: `QC on seed --scale ${lots} (issue 17)`,
      rows,
      notes: [
        `npx tsx tests/bench/run.ts qc  (LOTDESK_BENCH_LOTS=${lots}${process.env.LOTDESK_QC_DB ? `, LOTDESK_QC_DB=${process.env.LOTDESK_QC_DB}` : ''})`,
        `GC inside the measured windows: qc.open ${open.gcMs.toFixed(1)} ms over ${open.samples.length} calls, qc.recordResult ${record.gcMs.toFixed(1)} ms, dashboard ${dashboard.gcMs.toFixed(1)} ms.`,
      ],
    };
  } finally {
    gc.stop();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
