/**
 * The QC share of `lotdesk seed --scale N` (issue 17): the ten raw-material items (a fifth of the
 * generated items) need QC and have a plan (moisture, pH, net weight, appearance; 3 samples), and
 * every lot received of them has its receipt inspection with results, decided and signed as its
 * status says (a quarantined lot's is still open, half of it recorded). Beside them, one supplier
 * (GSUP-5Y, "Five-year Flour Mill") has delivered one flour lot a day for five years (N / 50 lots,
 * at most 1,826), inspected with five samples under a plan tightened half-way (version 2), with
 * some lots rejected, held or released after a reopening: the supplier-quality dashboard's case.
 * Written in bulk with prepared statements, in the seed's transaction; values from the seed's PRNG.
 */
import { newId } from '../../store/ids';
import type { Db } from '../../store/db';
import { addDays } from '../../domain/dates';
import { QTY_SCALE } from '../../domain/quantity';
import { insertItem, insertParty } from '../master-data/inserts';

export const FIVE_YEAR_SUPPLIER = 'GSUP-5Y';
export const FIVE_YEAR_ITEM = 'GEN-QC-FLOUR';
const FIVE_YEAR_DAYS = 1826;

export interface QcSeedCounts {
  plans: number;
  inspections: number;
  results: number;
  fiveYearLots: number;
  /** Movements of the five-year lots (received, and used up but the last month's). */
  movements: number;
}

interface QcSeedBase {
  stationId: string;
  inspectorId: string;
  managerId: string;
  clerkId: string;
  rcv: string;
  /** Items 0–9 of the genealogy: the raw materials. */
  rawItemIds: string[];
}

interface Spec {
  code: string;
  name: string;
  nameZh: string;
  kind: 'numeric' | 'weight' | 'pass_fail';
  unit: string | null;
  target: number | null;
  lower: number | null;
  upper: number | null;
  decimals: number | null;
  /** Mean and spread of the values the seed draws. */
  mean: number;
  sd: number;
}

const RAW_SPECS: Spec[] = [
  { code: 'MOIST', name: 'Moisture', nameZh: '水分', kind: 'numeric', unit: '%', target: 12, lower: 10, upper: 14, decimals: 1, mean: 12, sd: 0.6 },
  { code: 'PH', name: 'pH', nameZh: 'pH 值', kind: 'numeric', unit: null, target: 6.5, lower: 6, upper: 7, decimals: 2, mean: 6.5, sd: 0.15 },
  { code: 'NETWT', name: 'Net weight', nameZh: '净重', kind: 'weight', unit: 'kg', target: 25, lower: 24.8, upper: 25.4, decimals: 2, mean: 25.05, sd: 0.08 },
  { code: 'APPEAR', name: 'Appearance', nameZh: '外观', kind: 'pass_fail', unit: null, target: null, lower: null, upper: null, decimals: null, mean: 0, sd: 0 },
];

export function writeQcHistory(db: Db, lots: number, today: string, base: QcSeedBase, random: () => number): QcSeedCounts {
  const at0 = `${addDays(today, -FIVE_YEAR_DAYS - 10)}T00:00:00.000Z`;
  const counts: QcSeedCounts = { plans: 0, inspections: 0, results: 0, fiveYearLots: 0, movements: 0 };
  const insertPlan = db.prepare(
    `INSERT INTO qc_plans (id, item_id, supplier_key, supplier_id, version, status, sampling, triggers, retest_days, due_hours, created_at, created_by)
     VALUES (?, ?, '', NULL, ?, ?, ?, '["receipt"]', NULL, 24, ?, ?)`,
  );
  const insertChar = db.prepare(
    `INSERT INTO qc_characteristics (id, plan_id, position, code, name, name_zh, stage, kind, unit, target, lower_limit, upper_limit, decimals, mandatory)
     VALUES (?, ?, ?, ?, ?, ?, 'inspection', ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insertInspection = db.prepare(
    `INSERT INTO qc_inspections (id, number, lot_id, plan_id, trigger, lot_size, sample_size, status, decision, due_at, created_at, created_by, decided_at, signature_id)
     VALUES (?, ?, ?, ?, 'receipt', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResult = db.prepare(
    `INSERT INTO qc_results (id, inspection_id, characteristic_id, sample_no, value_num, value_text, in_spec, source, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSignature = db.prepare(
    `INSERT INTO e_signatures (id, object, object_id, meaning, reason, signer_id, printed_name, signed_at, bound_hash)
     VALUES (?, 'qc_inspection', ?, ?, ?, ?, 'Wang Wei 王伟', ?, ?)`,
  );
  /** An approximately normal draw (the sum of three uniforms), rounded to the spec's decimals. */
  const draw = (s: Spec, shift: number): number => {
    const z = (random() + random() + random() - 1.5) * 2;
    const f = 10 ** (s.decimals ?? 2);
    return Math.round((s.mean + shift + z * s.sd) * f) / f;
  };

  const plan = (itemId: string, version: number, status: 'active' | 'superseded', samples: number, specs: Spec[], at: string) => {
    const id = newId();
    insertPlan.run(id, itemId, version, status, JSON.stringify({ kind: 'fixed', n: samples }), at, base.managerId);
    counts.plans++;
    const chars = specs.map((s, i) => {
      const cid = newId();
      insertChar.run(cid, id, i + 1, s.code, s.name, s.nameZh, s.kind, s.unit, s.target, s.lower, s.upper, s.decimals);
      return { id: cid, spec: s };
    });
    return { id, samples, chars };
  };
  type Plan = ReturnType<typeof plan>;

  /**
   * A receipt inspection of a lot: every sample of every characteristic recorded (or half of them
   * while open), then decided and signed; a reopened one has its reopening signed before.
   */
  const inspect = (lotId: string, at: string, p: Plan, decision: 'released' | 'rejected' | 'on_hold' | null, shift: number, reopened: boolean) => {
    const id = newId();
    counts.inspections++;
    const number = `QC-S${String(counts.inspections).padStart(7, '0')}`;
    const recordedAt = at.replace(/T(\d\d)/, (_, h: string) => `T${String(Math.min(23, Number(h) + 2)).padStart(2, '0')}`);
    const rows = p.chars.length * p.samples;
    const recorded = decision ? rows : Math.floor(rows / 2);
    let signatureId: string | null = null;
    // The signatures first: the inspection row then names its decision's.
    if (decision) {
      if (reopened) insertSignature.run(newId(), id, 'reopened', 'result re-checked', base.inspectorId, recordedAt, 'seed');
      signatureId = newId();
      insertSignature.run(signatureId, id, decision, decision === 'on_hold' ? 'awaiting supplier CoA' : null, base.inspectorId, recordedAt, 'seed');
    }
    insertInspection.run(id, number, lotId, p.id, 1000, p.samples, decision ? 'decided' : 'open', decision, recordedAt, at, base.inspectorId, decision ? recordedAt : null, signatureId);
    let n = 0;
    outer: for (let sample = 1; sample <= p.samples; sample++) {
      for (const c of p.chars) {
        if (n++ >= recorded) break outer;
        const s = c.spec;
        if (s.kind === 'pass_fail') {
          const pass = decision !== 'rejected' || random() < 0.7;
          insertResult.run(newId(), id, c.id, sample, null, pass ? 'pass' : 'fail', pass ? 1 : 0, 'typed', recordedAt, base.inspectorId);
        } else {
          const v = draw(s, decision === 'rejected' && s.code === 'MOIST' ? 2.2 : shift);
          const inSpec = (s.lower === null || v >= s.lower) && (s.upper === null || v <= s.upper) ? 1 : 0;
          insertResult.run(newId(), id, c.id, sample, v, null, inSpec, s.kind === 'weight' ? 'scale' : 'typed', recordedAt, base.inspectorId);
        }
        counts.results++;
      }
    }
  };

  // The raw materials of the genealogy: a plan each, and an inspection of every lot received.
  db.prepare(`UPDATE items SET qc_required = 1 WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(base.rawItemIds));
  const rawPlans = new Map(base.rawItemIds.map((itemId) => [itemId, plan(itemId, 1, 'active', 3, RAW_SPECS, at0)]));
  const received = db
    .prepare(`SELECT id, item_id AS itemId, status, created_at AS at FROM lots WHERE supplier_id IS NOT NULL AND item_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`)
    .all(JSON.stringify(base.rawItemIds)) as { id: string; itemId: string; status: string; at: string }[];
  for (const l of received) {
    inspect(l.id, l.at, rawPlans.get(l.itemId)!, l.status === 'quarantine' ? null : 'released', 0, false);
  }

  // Five years of one supplier's flour, one lot a day, the newest last.
  const days = Math.min(FIVE_YEAR_DAYS, Math.floor(lots / 50));
  if (days > 0) {
    const itemId = insertItem(db, { sku: FIVE_YEAR_ITEM, name: 'Wheat flour T55, 25 kg 面粉', unit: 'kg', shelfLifeDays: 365, qcRequired: true }, at0);
    const supplierId = insertParty(db, { kind: 'supplier', code: FIVE_YEAR_SUPPLIER, name: 'Five-year Flour Mill 五年面粉厂' });
    const half = addDays(today, -Math.floor(days / 2));
    const tightened = RAW_SPECS.map((s) => (s.code === 'MOIST' ? { ...s, upper: 13.5 } : s));
    const v1 = plan(itemId, 1, 'superseded', 5, RAW_SPECS, at0);
    const v2 = plan(itemId, 2, 'active', 5, tightened, `${half}T00:00:00.000Z`);
    const maxNo = (db.prepare('SELECT IFNULL(MAX(no), 0) FROM lots').pluck().get() as number) + 1;
    const insertLot = db.prepare(
      `INSERT INTO lots (id, item_id, code, supplier_id, supplier_lot, production_date, expiry_date, status, created_at, created_by, no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMove = db.prepare(
      `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id, to_location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let d = 0; d < days; d++) {
      const date = addDays(today, d - days + 1);
      const at = `${date}T07:00:00.000Z`;
      const lotId = newId();
      const r = random();
      const recent = d >= days - 3;
      // 4 % rejected, 1 % held, 2 % released after a reopening; the last three days not yet decided.
      const decision = recent ? null : r < 0.04 ? 'rejected' : r < 0.05 ? 'on_hold' : 'released';
      const status = decision === null ? 'quarantine' : decision;
      insertLot.run(lotId, itemId, `F5Y-${String(d + 1).padStart(4, '0')}`, supplierId, `MILL-${date}`, addDays(date, -1), addDays(date, 365), status, at, base.clerkId, maxNo + d);
      insertMove.run(newId(), 'receive', base.stationId, base.clerkId, at, itemId, lotId, 1000 * QTY_SCALE, null, base.rcv);
      counts.movements++;
      // All but the last month was used up.
      if (d < days - 30) {
        insertMove.run(newId(), 'consume', base.stationId, base.clerkId, `${addDays(date, 20)}T12:00:00.000Z`, itemId, lotId, 1000 * QTY_SCALE, base.rcv, null);
        counts.movements++;
      }
      // The mill drifts a little wetter in the summer months.
      const month = Number(date.slice(5, 7));
      inspect(lotId, at, date < half ? v1 : v2, decision, month >= 6 && month <= 8 ? 0.4 : 0, decision === 'released' && r > 0.98);
      counts.fiveYearLots++;
    }
  }
  return counts;
}
