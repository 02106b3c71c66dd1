/**
 * The certificate of analysis of a lot, read as a person would: received milk (supplier, supplier
 * lot, dates) whose receipt inspection by a plan of every kind of characteristic is recorded by the
 * inspector (one pH out of spec) and released on condition by the manager's signature. pdftotext finds the item in both names, the lot and supplier lot, every
 * characteristic with its spec, method and result (n, mean, min, max for a measured one), the
 * verdicts, the decision with printed name, UTC and local time, meaning and an intact signature —
 * in English and in Chinese. The page drawn by pdftoppm carries a GS1 DataMatrix that zxing-wasm
 * decodes to the lot's (01)(17)(10). A lot never decided gets no certificate (a translated
 * refusal); a result changed behind the application's back shows the signature as broken.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot } from '../support/inventory';
import { insertPlan } from '../support/qc-fixtures';
import { decodePng } from '../unit/documents/helpers/zxing';
import type { Client } from '../../src/contract/client';
import type { LotView } from '../../src/contract/results';
import { translate } from '../../src/i18n/translate';

let desk: TestDesk;
let inspector: Client;
let manager: Client;
let clerk: Client;
let milk: LotView;
let other: LotView;
let gtin: string;
let firstResultId: string;

beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  inspector = await desk.signedIn('inspector', '2222');
  manager = await desk.signedIn('manager', '4444');
  const refs = await demoRefs(clerk);
  gtin = refs.item('MILK-1L').gtin!;
  desk.db.prepare("UPDATE items SET name_zh = '全脂超高温灭菌奶 1 升' WHERE sku = 'MILK-1L'").run();
  const { characteristicIds: c } = insertPlan(desk, refs.item('MILK-1L').id, [
    { code: 'FAT', name: 'Fat content', nameZh: '脂肪含量', kind: 'numeric', unit: '%', target: 3.5, lower: 3.2, upper: 3.8, decimals: 2, method: 'ISO 1211' },
    { code: 'PH', name: 'pH at 20 °C', nameZh: '酸碱度', kind: 'numeric', lower: 6.5, upper: 6.9, decimals: 2, method: 'ISO 11289' },
    { code: 'SEAL', name: 'Seal intact', nameZh: '封口完好', kind: 'pass_fail', method: 'Visual' },
    { code: 'COLOUR', name: 'Colour', nameZh: '颜色', kind: 'choice', choices: ['white', 'cream', 'yellow'], accepted: ['white', 'cream'], method: 'Visual' },
    { code: 'NET', name: 'Net content', nameZh: '净含量', kind: 'weight', unit: 'g', lower: 1020, decimals: 1, method: 'Scale' },
    { code: 'NOTE', name: 'Remarks', kind: 'text', mandatory: false },
  ], { triggers: ['receipt'] });
  // Received into quarantine, each lot gets its receipt inspection from the plan (3 samples).
  milk = (await receiveLot(clerk, refs, 'MILK-1L', 120, '2027-05-20', { supplierLot: 'NDA-7781' })).lot;
  other = (await receiveLot(clerk, refs, 'MILK-1L', 10, '2027-06-01', { supplierLot: 'NDA-7790' })).lot;
  const { inspection } = await inspector.call('qc.open', { lotId: milk.id });
  const values: [string, (string | number)[]][] = [
    [c[0], [3.48, 3.52, 3.61]], [c[1], [6.97, 6.8, 6.75]], [c[2], ['pass', 'pass', 'pass']], [c[3], ['cream', 'white', 'cream']], [c[4], [1031.5, 1028, 1030.3]],
  ];
  for (const [characteristicId, samples] of values) {
    for (const [i, value] of samples.entries()) await inspector.call('qc.recordResult', { inspectionId: inspection!.id, characteristicId, sampleNo: i + 1, value: String(value) });
  }
  // One pH out of spec: the sampling rejects, so the manager releases on condition with the deviation signed.
  await manager.call('qc.decide', { inspectionId: inspection!.id, decision: 'conditional', deviation: 'pH 6.97 accepted for UHT use', secret: 'sign-4444' });
  firstResultId = (desk.db.prepare('SELECT id FROM qc_results WHERE inspection_id = ? AND characteristic_id = ? AND sample_no = 1').get(inspection!.id, c[0]) as { id: string }).id;
});
afterAll(() => desk?.close());

function pdfText(base64: string, name: string): string {
  const file = join(desk.dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('qc.coa', () => {
  it('prints the lot, its results, the decision and the signature in English', async () => {
    const pdf = await inspector.call('qc.coa', { lotId: milk.id, locale: 'en', timeZone: 'Asia/Shanghai' });
    expect(pdf.fileName).toBe(`coa-${milk.code}.pdf`);
    const text = pdfText(pdf.base64, 'coa-en.pdf');
    for (const s of [
      'Certificate of analysis', 'MILK-1L', 'UHT whole milk 1 L', '全脂超高温灭菌奶 1 升', milk.code, 'NDA-7781', 'Nordic Dairy AB', 'May 20, 2027',
      'Fat content', 'ISO 1211', 'target 3.50 %', '3.20 – 3.80 %', 'n = 3 · mean 3.537 %', 'min 3.48 · max 3.61',
      'pH at 20 °C', 'n = 3 · mean 6.840', 'min 6.75 · max 6.97', 'OUT OF SPEC', 'Seal intact', '#1 pass', '#3 pass', 'accepted: white, cream', '#2 white',
      '≥ 1,020.0 g', 'n = 3 · mean 1,029.93 g', 'min 1,028.0 · max 1,031.5', 'Remarks', '(optional)', 'not tested', 'In spec',
      'Released on condition', 'Released on condition by Chen Jing 陈静', '2026-11-25 09:30:00 UTC', '17:30:00 GMT+8', 'Reason: pH 6.97 accepted for UHT use', 'Electronic signature intact',
    ]) expect(text, s).toContain(s);
  });

  it('prints the same certificate in Chinese', async () => {
    const pdf = await manager.call('qc.coa', { lotId: milk.id, locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const text = pdfText(pdf.base64, 'coa-zh.pdf');
    for (const s of ['分析证书', '全脂超高温灭菌奶 1 升', milk.code, 'NDA-7781', '脂肪含量', 'ISO 1211', '目标值 3.50 %', '均值 3.537 %', '不合格', '合格', '有条件放行人：Chen Jing 陈静', '电子签名完好', '2027年5月20日']) {
      expect(text, s).toContain(s);
    }
  });

  it('carries a GS1 DataMatrix that decodes to the lot (01)(17)(10)', async () => {
    const pdf = await inspector.call('qc.coa', { lotId: milk.id, locale: 'en' });
    const file = join(desk.dir, 'coa-dm.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    execFileSync('pdftoppm', ['-r', '300', '-png', '-f', '1', '-l', '1', file, join(desk.dir, 'coa-page')]);
    const png = readdirSync(desk.dir).find((f) => f.startsWith('coa-page') && f.endsWith('.png'))!;
    const decoded = await decodePng(readFileSync(join(desk.dir, png)));
    expect(decoded.map((d) => [d.format, d.symbologyIdentifier, d.hri])).toEqual([['DataMatrix', ']d2', `(01)${gtin.padStart(14, '0')}(17)270520(10)${milk.code}`]]);
  });

  it('refuses a lot without a decided inspection, an unknown lot and a made-up time zone, in the reader’s language', async () => {
    const refused = await errorOf(inspector.call('qc.coa', { lotId: other.id }));
    expect(refused).toMatchObject({ code: 'rule', key: 'errors.qcCoa.notDecided', field: 'lotId', params: { lot: other.code } });
    expect(translate('en', refused.key, refused.params)).toContain(`Lot ${other.code} has no decided inspection`);
    expect(translate('zh-CN', refused.key, refused.params)).toContain(`批次 ${other.code} 没有已判定的检验`);
    expect(await errorOf(inspector.call('qc.coa', { lotId: 'no-such-lot' }))).toMatchObject({ code: 'not_found', key: 'errors.lot.unknown' });
    expect(await errorOf(inspector.call('qc.coa', { lotId: milk.id, timeZone: 'Mars/Olympus' }))).toMatchObject({ key: 'errors.qcCoa.badTimeZone', field: 'timeZone' });
    expect(await errorOf(clerk.call('qc.coa', { lotId: milk.id }))).toMatchObject({ code: 'forbidden' });
  });

  it('shows the signature as broken once a result is changed behind the application’s back', async () => {
    desk.db.prepare('UPDATE qc_results SET value_num = 3.55 WHERE id = ?').run(firstResultId);
    const text = pdfText((await inspector.call('qc.coa', { lotId: milk.id, locale: 'en' })).base64, 'coa-broken.pdf');
    expect(text).toContain('SIGNATURE BROKEN');
    expect(text).not.toContain('Electronic signature intact');
  });
});
