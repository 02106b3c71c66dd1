/**
 * The supplier-quality dashboard as a workbook (issue 17, item 7): the supplier × item figures,
 * and for the chosen supplier and item the months, each numeric characteristic's spread and
 * control limits, and every lot mean plotted. Headers in the reader's language; codes, numbers
 * and UTC times as stored, yields as fractions (0–1), so the sheets sort and chart as they are.
 */
import type { SupplierQuality } from '../contract/results';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { writeXlsx, type SheetSpec } from './xlsx-writer';

export function supplierQualityXlsx(q: SupplierQuality, locale: Locale): Buffer {
  const t = (key: string) => translate(locale, `supplierQuality.columns.${key}`);
  const sheet = (name: string, columns: string[], rows: SheetSpec['rows']): SheetSpec => ({
    name: translate(locale, `supplierQuality.sheets.${name}`),
    header: columns.map(t),
    widths: columns.map((c) => (/name|item|supplier$/i.test(c) ? 28 : 14)),
    rows,
  });
  const sheets = [
    sheet('suppliers', ['supplierCode', 'supplierName', 'sku', 'itemName', 'received', 'rejected', 'onHold', 'decided', 'firstPass', 'firstPassYield'],
      q.rows.map((r) => [r.supplierCode, r.supplierName, r.sku, r.itemName, r.received, r.rejected, r.onHold, r.decided, r.firstPass, r.firstPassYield])),
  ];
  const d = q.detail;
  if (d) {
    sheets.push(
      sheet('months', ['month', 'received', 'rejected', 'onHold', 'decided', 'firstPass', 'firstPassYield'],
        d.months.map((m) => [m.month, m.received, m.rejected, m.onHold, m.decided, m.firstPass, m.firstPassYield])),
      sheet('characteristics', ['code', 'characteristic', 'unit', 'lowerLimit', 'target', 'upperLimit', 'values', 'mean', 'sd', 'min', 'max', 'lots', 'centre', 'lcl', 'ucl'],
        d.characteristics.map((c) => [c.code, locale === 'zh-CN' && c.nameZh ? c.nameZh : c.name, c.unit, c.lowerLimit, c.target, c.upperLimit, c.n, c.mean, c.sd, c.min, c.max, c.points.length, c.centre, c.lcl, c.ucl])),
      sheet('lotMeans', ['code', 'lot', 'receivedAt', 'values', 'mean', 'outOfControl', 'outOfSpec'],
        d.characteristics.flatMap((c) => c.points.map((p) => [c.code, p.lotCode, p.receivedAt, p.n, p.mean, p.outOfControl ? t('yes') : null, p.outOfSpec ? t('yes') : null]))),
    );
  }
  return writeXlsx(sheets);
}
