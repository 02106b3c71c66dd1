/**
 * The bins file (issue 15, item 7): new bins of the station's site created from a clean file,
 * their zones created when missing; a bin already as the file says is left; a bin the file
 * describes otherwise is refused (bins are changed on the Bins screen, where a bin holding stock
 * is guarded). One store function inserts a bin: src/store/bin-sheet-rows.ts.
 */
import { fail } from '../../domain/errors';
import type { Locale } from '../../i18n/locales';
import type { BinFieldsParsed } from '../../contract/master-data-schemas';
import type { MasterImportPreview, MasterImportResult } from '../../contract/results';
import type { Db } from '../../store/db';
import { binByCode, insertBinRow, siteBins, siteIdByCode, zoneOfSite, type BinRow } from '../../store/bin-sheet-rows';
import { getSetting } from '../kernel/settings';
import { noteChanges } from '../kernel/audit-changes';
import type { CallContext } from '../kernel/context';
import { duplicateInFile, readFlag, rowError, writeFlag, type RowError, type SheetColumn } from './sheet-columns';

export const binColumns: SheetColumn<BinRow>[] = [
  { field: 'code', en: 'Bin', zh: '库位', aliases: ['code', 'location', '库位编码'], required: true, read: (t) => t, write: (b) => b.code },
  { field: 'zone', en: 'Zone', zh: '库区', required: true, read: (t) => t, write: (b) => b.zone },
  { field: 'pickable', en: 'Pickable', zh: '可拣货', read: readFlag, write: (b, l) => writeFlag(b.pickable, l) },
  { field: 'quarantine', en: 'Quarantine', zh: '隔离', read: readFlag, write: (b, l) => writeFlag(b.quarantine, l) },
  { field: 'receiving', en: 'Receiving', zh: '收货区', read: readFlag, write: (b, l) => writeFlag(b.receiving, l) },
  { field: 'staging', en: 'Staging', zh: '暂存区', read: readFlag, write: (b, l) => writeFlag(b.staging, l) },
];

const FLAGS = ['pickable', 'quarantine', 'receiving', 'staging'] as const;

function siteCode(db: Db): string | null {
  return getSetting(db, 'station.site');
}

export function checkBinRecords(db: Db, records: BinFieldsParsed[], rows: number[], headers: Map<string, string>) {
  const errors: RowError[] = [];
  const actions: MasterImportPreview<BinFieldsParsed>['actions'] = [];
  const site = siteCode(db);
  if (!site || !siteIdByCode(db, site)) return { errors: [rowError(1, headers, '', 'errors.bins.noSite')], actions };
  const dup = duplicateInFile();
  records.forEach((bin, i) => {
    const twice = dup(rows[i], headers, 'code', bin.code);
    if (twice) return void errors.push(twice);
    const existing = binByCode(db, bin.code);
    if (!existing) return void actions.push('create');
    const differs = existing.zone.toLowerCase() !== bin.zone.toLowerCase() || FLAGS.some((f) => existing[f] !== bin[f]);
    if (differs) errors.push(rowError(rows[i], headers, 'code', 'errors.bins.differs', { code: existing.code }));
    else actions.push('same');
  });
  return { errors, actions };
}

export function importBins(ctx: CallContext, bins: BinFieldsParsed[], actions: MasterImportPreview<BinFieldsParsed>['actions']): MasterImportResult {
  const db = ctx.station.db;
  const siteId = siteIdByCode(db, siteCode(db) ?? '');
  if (!siteId) throw fail.rule('errors.bins.noSite');
  const result = { created: 0, updated: 0, unchanged: 0 };
  bins.forEach((bin, i) => {
    if (actions[i] === 'same') return void result.unchanged++;
    const zone = zoneOfSite(db, siteId, bin.zone);
    if (zone.created) noteChanges(ctx, { object: 'zone', id: zone.id, label: bin.zone }, null, { code: bin.zone });
    const id = insertBinRow(db, zone.id, bin);
    noteChanges(ctx, { object: 'location', id, label: bin.code }, null, { ...bin });
    result.created++;
  });
  return result;
}

export function binExportRows(db: Db, locale: Locale): string[][] {
  const site = siteCode(db);
  return (site ? siteBins(db, site) : []).map((b) => binColumns.map((c) => c.write(b, locale)));
}
