/**
 * Certificate of analysis with 40 characteristics (issue 17: "CoA PDF with 40 characteristics
 * < 500 ms"). A demo desk, a received milk lot, a plan of 40 characteristics of every kind (25
 * measured with 5 samples each, 5 weights, 5 pass/fail with 5 samples, 5 choices) and a decided,
 * signed inspection (plain SQL on the 023 schema, tests/support/qc-fixtures.ts). Through the
 * dispatcher as the inspector: qc.coa in English and Chinese, LOTDESK_BENCH_RUNS times each
 * (default 15) after one warm-up; wall time and this process's CPU time.
 */
import { loadavg } from 'node:os';
import { openTestDesk } from '../support/desk';
import { demoRefs, receiveLot } from '../support/inventory';
import { insertInspection, insertPlan, type FixtureCharacteristic, type FixtureResult } from '../support/qc-fixtures';
import { benchSize, onceRow, row, type BenchReport } from './harness';

const TARGET_MS = 500;

function characteristics(): FixtureCharacteristic[] {
  return Array.from({ length: 40 }, (_, i): FixtureCharacteristic => {
    const code = `C${String(i + 1).padStart(2, '0')}`;
    if (i < 25) return { code, name: `Measured value ${i + 1}`, nameZh: `测量值 ${i + 1}`, kind: 'numeric', unit: 'mg/kg', target: 10, lower: 8, upper: 12, decimals: 2, method: `GB 5009.${i + 1}` };
    if (i < 30) return { code, name: `Net content ${i + 1}`, nameZh: `净含量 ${i + 1}`, kind: 'weight', unit: 'g', lower: 1000, decimals: 1, method: 'Scale' };
    if (i < 35) return { code, name: `Visual check ${i + 1}`, nameZh: `外观检查 ${i + 1}`, kind: 'pass_fail', method: 'Visual' };
    return { code, name: `Colour ${i + 1}`, nameZh: `颜色 ${i + 1}`, kind: 'choice', choices: ['white', 'cream', 'yellow'], accepted: ['white', 'cream'], method: 'Visual' };
  });
}

function results(ids: string[]): FixtureResult[] {
  return ids.flatMap((characteristicId, i) => {
    const samples = i < 25 || (i >= 30 && i < 35) ? 5 : 1;
    return Array.from({ length: samples }, (_, s): FixtureResult => {
      if (i < 25) return { characteristicId, sampleNo: s + 1, value: 9.5 + ((i + s) % 7) * 0.3, inSpec: true };
      if (i < 30) return { characteristicId, sampleNo: s + 1, value: 1012.5, inSpec: true };
      if (i < 35) return { characteristicId, sampleNo: s + 1, value: s === 4 && i === 31 ? 'fail' : 'pass', inSpec: !(s === 4 && i === 31) };
      return { characteristicId, sampleNo: s + 1, value: 'cream', inSpec: true };
    });
  });
}

export default async function bench(): Promise<BenchReport> {
  const runs = benchSize('LOTDESK_BENCH_RUNS', 15, 3);
  const desk = await openTestDesk();
  try {
    const clerk = await desk.signedIn('clerk', '1111');
    const refs = await demoRefs(clerk);
    const lot = (await receiveLot(clerk, refs, 'MILK-1L', 600, '2027-05-20', { supplierLot: 'NDA-BENCH' })).lot;
    const { planId, characteristicIds } = insertPlan(desk, refs.item('MILK-1L').id, characteristics(), { n: 5 });
    insertInspection(desk, lot.id, planId, results(characteristicIds), { decision: 'released' });
    const inspector = await desk.signedIn('inspector', '2222');
    await inspector.call('qc.coa', { lotId: lot.id, locale: 'en' });
    const wall: Record<'en' | 'zh-CN', number[]> = { en: [], 'zh-CN': [] };
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const t = performance.now();
        const c = process.cpuUsage();
        const pdf = await inspector.call('qc.coa', { lotId: lot.id, locale, timeZone: 'Asia/Shanghai' });
        wall[locale].push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        bytes = Math.max(bytes, pdf.base64.length * 0.75);
      }
    }
    const target = { below: TARGET_MS };
    return {
      name: 'certificate of analysis, 40 characteristics (155 results)',
      rows: [
        row('qc.coa en, median', wall.en, 'ms', { target }),
        row('qc.coa en, p99', wall.en, 'ms', { stat: 'p99', target }),
        row('qc.coa zh-CN, median', wall['zh-CN'], 'ms', { target }),
        row('qc.coa zh-CN, p99', wall['zh-CN'], 'ms', { stat: 'p99', target }),
        row('qc.coa CPU time, median (both languages)', cpu, 'ms', { target }),
        onceRow('PDF size', Math.round(bytes / 1024), 'KiB'),
      ],
      notes: [`${runs} runs per language after one warm-up`, `load average ${loadavg()[0].toFixed(1)} at the end (a shared machine: wall times include the queue)`],
    };
  } finally {
    desk.close();
  }
}
