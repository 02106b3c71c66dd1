/**
 * Demo inspection plans (issue 17): the demo items that require QC get a plan, so the Inspector
 * screen has work on the first day — and the packed rice a production plan with process
 * parameters for the production record. Written through validatePlan like any saved plan.
 */
import type { Characteristic } from '../../domain/qc/characteristic';
import { validatePlan, type PlanRules } from '../../domain/qc/plan';
import type { Db } from '../../store/db';
import { newId } from '../../store/ids';
import { insertPlanVersion } from '../../store/qc-plans';

const check = (c: Partial<Characteristic> & Pick<Characteristic, 'code' | 'name' | 'kind'>): Characteristic => ({
  nameZh: null, stage: 'inspection', unit: null, target: null, lowerLimit: null, upperLimit: null, decimals: null, choices: null, accepted: null, method: null,
  mandatory: true, aql: null, ...c,
});

export const DEMO_QC_PLANS: Record<string, PlanRules> = {
  'MILK-1L': {
    sampling: { kind: 'iso2859', level: 'II', severity: 'normal' },
    triggers: ['receipt', 'retest'],
    retestDays: 14,
    dueHours: 24,
    note: 'UHT milk at receipt: pack, fill and pH per carton sampled.',
    characteristics: [
      check({ code: 'PACK', name: 'Pack intact, no leaks', nameZh: '包装完好无渗漏', kind: 'pass_fail', aql: 0.65, method: 'Visual, squeeze test' }),
      check({ code: 'FILL', name: 'Fill volume', nameZh: '灌装量', kind: 'numeric', unit: 'mL', lowerLimit: 995, upperLimit: 1010, target: 1000, decimals: 0, aql: 1, method: 'Graduated cylinder' }),
      check({ code: 'PH', name: 'pH', nameZh: 'pH 值', kind: 'numeric', lowerLimit: 6.6, upperLimit: 6.8, target: 6.7, decimals: 2, aql: 2.5, method: 'pH meter' }),
      check({ code: 'LOOK', name: 'Appearance after opening', nameZh: '开封外观', kind: 'choice', choices: ['normal', 'slight discolouration', 'curdled'], accepted: ['normal'], aql: 1 }),
      check({ code: 'NOTE', name: 'Remarks', nameZh: '备注', kind: 'text', aql: 10, mandatory: false }),
    ],
  },
  'RICE-BULK': {
    sampling: { kind: 'fixed', n: 5 },
    triggers: ['receipt'],
    retestDays: null,
    dueHours: 48,
    note: 'Five 1 kg probe samples per bulk lot.',
    characteristics: [
      check({ code: 'MOIST', name: 'Moisture', nameZh: '水分', kind: 'numeric', unit: '%', lowerLimit: 0, upperLimit: 14, decimals: 1, method: 'Moisture analyser' }),
      check({ code: 'SAMPLE', name: 'Probe sample weight', nameZh: '取样重量', kind: 'weight', unit: 'kg', lowerLimit: 0.95, upperLimit: 1.05, target: 1, decimals: 3, method: 'Bench scale' }),
      check({ code: 'BROKEN', name: 'Broken kernels', nameZh: '碎米率', kind: 'numeric', unit: '%', lowerLimit: 0, upperLimit: 5, decimals: 1 }),
      check({ code: 'FOREIGN', name: 'Free of foreign matter', nameZh: '无异物', kind: 'pass_fail', method: 'Sieve and visual' }),
    ],
  },
  'VITC-100': {
    sampling: { kind: 'iso2859', level: 'II', severity: 'normal' },
    triggers: ['receipt', 'retest'],
    retestDays: 30,
    dueHours: 24,
    note: null,
    characteristics: [
      check({ code: 'LABEL', name: 'Label matches lot and expiry', nameZh: '标签与批号及有效期一致', kind: 'pass_fail', aql: 0.065 }),
      check({ code: 'COUNT', name: 'Tablets per bottle', nameZh: '每瓶片数', kind: 'numeric', unit: 'pcs', lowerLimit: 100, upperLimit: 100, target: 100, decimals: 0, aql: 0.65 }),
      check({ code: 'TABWT', name: 'Tablet weight', nameZh: '片重', kind: 'weight', unit: 'g', lowerLimit: 0.95, upperLimit: 1.05, target: 1, decimals: 3, aql: 1, method: 'Analytical balance' }),
      check({ code: 'COAT', name: 'Coating', nameZh: '包衣', kind: 'choice', choices: ['intact', 'chipped', 'cracked'], accepted: ['intact'], aql: 2.5 }),
    ],
  },
  'RICE-5KG': {
    sampling: { kind: 'iso2859', level: 'I', severity: 'normal' },
    triggers: ['production'],
    retestDays: null,
    dueHours: 8,
    note: 'Packing line: process parameters per lot made, bag weights sampled.',
    characteristics: [
      check({ code: 'SEALT', name: 'Sealing temperature', nameZh: '封口温度', stage: 'process', kind: 'numeric', unit: '°C', lowerLimit: 160, upperLimit: 180, target: 170, decimals: 0 }),
      check({ code: 'SPEED', name: 'Line speed', nameZh: '线速度', stage: 'process', kind: 'numeric', unit: 'bags/min', lowerLimit: 10, upperLimit: 20, decimals: 0 }),
      check({ code: 'BAGWT', name: 'Bag weight', nameZh: '袋重', kind: 'weight', unit: 'kg', lowerLimit: 5, upperLimit: 5.1, target: 5.05, decimals: 2, aql: 2.5 }),
    ],
  },
};

/** Writes the demo plans (version 1, active, item-wide); the caller owns the transaction. */
export function writeQcPlansDemo(db: Db, ids: { itemIds: Record<string, string>; userIds: Record<string, string> }, at: string): void {
  for (const [sku, rules] of Object.entries(DEMO_QC_PLANS)) {
    const plan = validatePlan(rules);
    insertPlanVersion(db, { ...plan, id: newId(), itemId: ids.itemIds[sku], supplierId: null, version: 1, at, userId: ids.userIds.manager }, plan.characteristics.map(() => newId()));
  }
}
