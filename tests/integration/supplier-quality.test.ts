/**
 * Supplier quality (issue 17, item 7) on a small known history, every figure worked by hand:
 * Golden Grain (SUP-GRN) delivered six lots of RICE-BULK in 2026 — L1 and L2 released at once,
 * L3 rejected, L4 released after a reopening, L5 on hold, L6 still open — plus a split of L1 (not a
 * delivery), a lot of December 2025 (outside the period) and one lot from Hangzhou Tea (SUP-HZT).
 * L1 was re-tested later with a wild value, L4 has a superseded typo: neither may count.
 * The workbook is read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { itemId, partyId, writeGrainHistory, writeInspection, writeLot } from '../support/qc-history';
import { insertPlan } from '../support/qc';
import type { Client } from '../../src/contract/client';

let desk: TestDesk;
let manager: Client;
let rice: string;
let grn: string;
const year = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
  desk = await openTestDesk();
  ({ rice, grn } = writeGrainHistory(desk.db));
  manager = await desk.signedIn('manager', '4444');
});
afterAll(() => desk.close());

describe('supplier quality', () => {
  it('counts the lots of each supplier and item: received, rejected, on hold, decided, first pass', async () => {
    const q = await manager.call('qc.supplierQuality', year);
    expect(q.rows.map((r) => [r.supplierCode, r.sku, r.received, r.rejected, r.onHold, r.decided, r.firstPass, r.firstPassYield])).toEqual([
      ['SUP-GRN', 'RICE-BULK', 6, 1, 1, 5, 2, 0.4],
      ['SUP-HZT', 'RICE-BULK', 1, 0, 0, 1, 1, 1],
    ]);
    // Without a supplier and item chosen there is no detail.
    expect(q.detail).toBeNull();
    // December 2025 is in a period that reaches it.
    const wider = await manager.call('qc.supplierQuality', { from: '2025-12-01', to: '2026-12-31', supplierId: grn });
    expect(wider.rows.map((r) => [r.received, r.rejected, r.decided, r.firstPass])).toEqual([[7, 2, 6, 2]]);
  });

  it('gives the months and the control chart of one supplier and item', async () => {
    const q = await manager.call('qc.supplierQuality', { ...year, supplierId: grn, itemId: rice });
    const d = q.detail!;
    expect(d.supplierCode).toBe('SUP-GRN');
    expect(d.months.map((m) => [m.month, m.received, m.rejected, m.onHold, m.decided, m.firstPass, m.firstPassYield])).toEqual([
      ['2026-01', 2, 0, 0, 2, 2, 1],
      ['2026-02', 2, 1, 0, 2, 0, 0],
      ['2026-03', 2, 0, 1, 1, 0, 0],
    ]);
    // Numeric characteristics only, by code; the pass/fail APPEAR has no chart.
    expect(d.characteristics.map((c) => c.code)).toEqual(['BROKEN', 'MOIST']);
    const moist = d.characteristics[1];
    expect(moist.points.map((p) => [p.lotCode, round(p.mean), p.n])).toEqual([['L1', 12.2, 2], ['L2', 12, 2], ['L3', 14.8, 2], ['L4', 12.8, 2], ['L5', 12.2, 2]]);
    // Ten values, sum 128.0: mean 12.8, squared deviations 11.06 → s = √(11.06 / 9).
    expect([moist.n, round(moist.mean), round(moist.sd!), moist.min, moist.max]).toEqual([10, 12.8, round(Math.sqrt(11.06 / 9)), 11.8, 15]);
    // Lot means 12.2, 12.0, 14.8, 12.8, 12.2: centre 12.8, squared deviations 5.36 → σ = √1.34.
    const sigma = Math.sqrt(1.34);
    expect([round(moist.centre), round(moist.sigma!), round(moist.ucl!), round(moist.lcl!)]).toEqual([12.8, round(sigma), round(12.8 + 3 * sigma), round(12.8 - 3 * sigma)]);
    // The newest limits (v2: 10–12.5 %) put L3 and L4 out of spec; none is beyond the control limits.
    expect([moist.lowerLimit, moist.upperLimit, moist.unit]).toEqual([10, 12.5, '%']);
    expect(moist.points.filter((p) => p.outOfSpec).map((p) => p.lotCode)).toEqual(['L3', 'L4']);
    expect(moist.points.filter((p) => p.outOfControl)).toEqual([]);
    const broken = d.characteristics[0];
    // 3, 4, 2, 2: mean 2.75, s = √(2.75 / 3); lot means 3.5 and 2: σ = √1.125.
    expect([broken.n, broken.mean, round(broken.sd!), broken.centre, round(broken.sigma!)]).toEqual([4, 2.75, round(Math.sqrt(2.75 / 3)), 2.75, round(Math.sqrt(1.125))]);
  });

  it('marks a lot mean beyond the control limits', async () => {
    // Nineteen steady lots of another item and one far off: the far one is beyond 3σ of the means.
    const db = desk.db;
    const milk = itemId(db, 'MILK-1L');
    const nda = partyId(db, 'SUP-NDA');
    const { planId, ids: chars } = insertPlan(db, { sku: 'MILK-1L', sampling: { kind: 'fixed', n: 1 }, characteristics: [{ code: 'FAT', kind: 'numeric', unit: '%', lower: 3, upper: 4 }] });
    const fats = [3.5, 3.5, 3.6, 3.4, 3.5, 3.5, 3.6, 3.4, 3.5, 3.5, 3.6, 3.4, 3.5, 3.5, 3.6, 3.4, 3.5, 3.5, 3.6, 5.5];
    fats.forEach((fat, i) => {
      const at = `2026-04-${String(i + 1).padStart(2, '0')}T08:00:00.000Z`;
      writeLot(db, { id: `M${i}`, itemId: milk, code: `M${i}`, supplierId: nda, status: 'released', at });
      writeInspection(db, { lotId: `M${i}`, planId, at, decision: 'released', results: { FAT: [fat] } }, chars);
    });
    // One item from the supplier: its detail comes without choosing the item.
    const q = await manager.call('qc.supplierQuality', { ...year, supplierId: nda });
    const fat = q.detail!.characteristics[0];
    // Nineteen means around 3.5 and one of 5.5: centre 72.1 / 20 = 3.605, squared deviations 3.8695 → σ = √(3.8695 / 19), UCL ≈ 4.959.
    expect([round(fat.centre), round(fat.sigma!), round(fat.ucl!)]).toEqual([3.605, round(Math.sqrt(3.8695 / 19)), round(3.605 + 3 * Math.sqrt(3.8695 / 19))]);
    expect(fat.points.filter((p) => p.outOfControl).map((p) => p.lotCode)).toEqual(['M19']);
    expect(fat.points.filter((p) => p.outOfSpec).map((p) => p.lotCode)).toEqual(['M19']);
  });

  it('exports the figures as a workbook in the reader’s language', async () => {
    const file = await manager.call('qc.supplierQualityExport', { ...year, supplierId: grn, itemId: rice, locale: 'zh-CN' });
    expect(file.fileName).toBe('supplier-quality-SUP-GRN-RICE-BULK-2026-01-01-2026-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['供应商', '月度', '检验特性', '批次均值']);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows('供应商')).toEqual([
      ['供应商代码', '供应商', 'SKU', '物料', '收货批次', '拒收', '冻结', '已判定', '一次放行', '一次合格率'],
      ['SUP-GRN', 'Golden Grain 金谷粮油', 'RICE-BULK', 'Jasmine rice, bulk', 6, 1, 1, 5, 2, 0.4],
    ]);
    expect(rows('月度').slice(1).map((r) => [r[0], r[6]])).toEqual([['2026-01', 1], ['2026-02', 0], ['2026-03', 0]]);
    const moist = rows('检验特性').find((r) => r[0] === 'MOIST')!;
    expect([moist[1], moist[6], round(moist[7] as number), moist[11], round(moist[12] as number)]).toEqual(['MOIST', 10, 12.8, 5, 12.8]);
    expect(rows('批次均值').filter((r) => r[0] === 'MOIST' && r[6] === '是').map((r) => r[1])).toEqual(['L3', 'L4']);
  });

  it('is the manager’s, and refuses a period that ends before it starts', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('qc.supplierQuality', year))).code).toBe('forbidden');
    expect(await errorOf(manager.call('qc.supplierQuality', { from: '2026-02-01', to: '2026-01-31' }))).toMatchObject({ key: 'errors.supplierQuality.period', field: 'to' });
    expect(await errorOf(manager.call('qc.supplierQuality', { from: '2010-01-01', to: '2026-01-31' }))).toMatchObject({ key: 'errors.supplierQuality.tooLong' });
    expect(await errorOf(manager.call('qc.supplierQuality', { from: '2026-13-01', to: '2026-01-31' }))).toMatchObject({ key: 'errors.date.invalid' });
  });
});

const round = (x: number) => Math.round(x * 1e6) / 1e6;
