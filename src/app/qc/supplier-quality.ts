/**
 * `qc.supplierQuality` and its XLSX export (issue 17, item 7): per supplier and item, over a period
 * of receipt dates, the lots received, rejected and on hold, first-pass yield (overall and per
 * month) and, for one supplier and item, the mean and spread of every numeric characteristic with
 * an X̄ control chart. SQL in src/store/qc-supplier-quality.ts, statistics in
 * src/domain/qc/control-chart.ts; the sheet is written by src/documents/xlsx-writer.ts.
 */
import type { ParsedInput } from '../../contract/contract';
import type { CharacteristicTrend, SupplierQuality, SupplierQualityDetail } from '../../contract/results';
import { addDays } from '../../domain/dates';
import { fail } from '../../domain/errors';
import { controlLimits, firstPassYield, outside, spreadOf } from '../../domain/qc/control-chart';
import { lotCharacteristicSums, monthCounts, supplierItemCounts, type LotCharacteristicSums } from '../../store/qc-supplier-quality';
import type { Db } from '../../store/db';
import type { Handlers } from '../kernel/context';
import { supplierQualityXlsx } from '../../documents/supplier-quality-xlsx';

type Input = ParsedInput<'qc.supplierQuality'>;

/** Ten years of receipts at most: the dashboard is for a supplier's history, not the whole database at once. */
const MAX_DAYS = 3660;

/** Control chart and spread of each characteristic code, from the per-lot sums in receipt order. */
function trends(sums: LotCharacteristicSums[]): CharacteristicTrend[] {
  const byCode = new Map<string, LotCharacteristicSums[]>();
  for (const s of sums) {
    const lots = byCode.get(s.code);
    if (lots) lots.push(s);
    else byCode.set(s.code, [s]);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, lots]) => {
      const newest = lots[lots.length - 1];
      const spread = spreadOf(lots)!;
      const means = lots.map((l) => l.sum / l.n);
      const limits = controlLimits(means)!;
      return {
        code, name: newest.name, nameZh: newest.nameZh, unit: newest.unit, target: newest.target, lowerLimit: newest.lowerLimit, upperLimit: newest.upperLimit,
        ...spread, ...limits,
        points: lots.map((l, i) => ({
          lotId: l.lotId, lotCode: l.lotCode, receivedAt: l.receivedAt, n: l.n, mean: means[i],
          outOfControl: outside(means[i], limits.lcl, limits.ucl),
          outOfSpec: outside(means[i], newest.lowerLimit, newest.upperLimit),
        })),
      };
    });
}

export function supplierQuality(db: Db, input: Input): SupplierQuality {
  if (input.to < input.from) throw fail.validation('errors.supplierQuality.period', 'to');
  if (input.to > addDays(input.from, MAX_DAYS)) throw fail.validation('errors.supplierQuality.tooLong', 'to');
  const period = { from: `${input.from}T00:00:00.000Z`, to: `${addDays(input.to, 1)}T00:00:00.000Z` };
  const rows = supplierItemCounts(db, { ...period, supplierId: input.supplierId ?? null, itemId: input.itemId ?? null }).map((r) => ({ ...r, firstPassYield: firstPassYield(r.firstPass, r.decided) }));
  // The detail needs one supplier and one item: both chosen, or a supplier who sent one item.
  const chosen = input.supplierId && (input.itemId || rows.length === 1) ? rows.find((r) => r.supplierId === input.supplierId && r.itemId === (input.itemId ?? rows[0].itemId)) : undefined;
  let detail: SupplierQualityDetail | null = null;
  if (chosen) {
    const f = { ...period, supplierId: chosen.supplierId, itemId: chosen.itemId };
    detail = {
      supplierId: chosen.supplierId, supplierCode: chosen.supplierCode, supplierName: chosen.supplierName, itemId: chosen.itemId, sku: chosen.sku, itemName: chosen.itemName,
      months: monthCounts(db, f).map((m) => ({ ...m, firstPassYield: firstPassYield(m.firstPass, m.decided) })),
      characteristics: trends(lotCharacteristicSums(db, f)),
    };
  }
  return { from: input.from, to: input.to, rows, detail };
}

export const supplierQualityHandlers = {
  'qc.supplierQuality': (ctx, input) => supplierQuality(ctx.station.db, input),
  'qc.supplierQualityExport': (ctx, input) => {
    const figures = supplierQuality(ctx.station.db, input);
    const locale = input.locale ?? ctx.user?.locale ?? 'en';
    const subject = figures.detail ? `-${figures.detail.supplierCode}-${figures.detail.sku}` : '';
    const name = `supplier-quality${subject}-${figures.from}-${figures.to}.xlsx`.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    return { fileName: name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: supplierQualityXlsx(figures, locale).toString('base64') };
  },
} satisfies Partial<Handlers>;
