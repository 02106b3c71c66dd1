/**
 * The Locations and Pick route screens' rules (issue 15): zones, bins with a kind, ranges created
 * whole or not at all, the walking route, bin labels. SQL in src/store/locations.ts. A bin that
 * holds stock keeps its code and stays active (its label is on the shelf and the stock is found by
 * it), and changes kind only when its stock still fits (src/domain/bin-kinds.ts). Every change
 * notes field/before/after in the audit.
 */
import { expandBinRange, flagsOfKind, kindChangeRefusal, type BinKind } from '../../domain/bin-kinds';
import { fail } from '../../domain/errors';
import { effectiveStatus } from '../../domain/lot-status';
import type { ParsedInput } from '../../contract/contract';
import type { BinView, RangePreview } from '../../contract/results';
import { renderBinLabelsPdf } from '../../documents/bin-labels';
import type { Db } from '../../store/db';
import {
  countActiveWithFlag,
  existingLocationCodes,
  insertLocation,
  insertLocations,
  insertZone,
  listLocations,
  listZones,
  locationById,
  setLocationActive,
  setRouteOrder,
  siteIdByCode,
  stockInLocation,
  updateLocation,
  updateZone,
  zoneByCode,
  zoneById,
} from '../../store/locations';
import { noteChanges } from '../kernel/audit-changes';
import type { CallContext, Handlers } from '../kernel/context';

function siteId(ctx: CallContext): string {
  const site = ctx.station.site();
  const id = site ? siteIdByCode(ctx.station.db, site) : null;
  if (!id) throw fail.rule('errors.station.noSite');
  return id;
}

function zoneOfSite(ctx: CallContext, zoneId: string) {
  const zone = zoneById(ctx.station.db, zoneId);
  if (!zone || zone.siteId !== siteId(ctx)) throw fail.notFound('errors.locations.unknownZone', {}, 'zoneId');
  return zone;
}

function binOfSite(ctx: CallContext, locationId: string) {
  const bin = locationById(ctx.station.db, locationId);
  if (!bin || bin.siteId !== siteId(ctx)) throw fail.notFound('errors.location.unknown', {}, 'locationId');
  return bin;
}

function assertCodeFree(db: Db, code: string, exceptId = ''): void {
  const [taken] = existingLocationCodes(db, [code], exceptId);
  if (taken) throw fail.conflict('errors.locations.duplicateCode', { code: taken }, 'code');
}

/**
 * Refuses to leave the site without a receiving dock, a staging bin or a quarantine bin: receipts,
 * packing and QC receipts need one (they would fail later with "no receiving bin" and the like).
 */
function keepOneOfEach(ctx: CallContext, bin: { id: string; code: string; kind: BinKind; siteId: string }, next: BinKind | null): void {
  const now = flagsOfKind(bin.kind);
  const after = next ? flagsOfKind(next) : null;
  for (const flag of ['receiving', 'staging', 'quarantine'] as const) {
    if (now[flag] && !after?.[flag] && countActiveWithFlag(ctx.station.db, bin.siteId, flag, bin.id) === 0) {
      throw fail.rule('errors.locations.lastOfKind', { bin: bin.code, binKind: bin.kind }, next ? 'kind' : 'locationId');
    }
  }
}

const binFields = (b: { code: string; zoneCode: string; kind: BinKind; active: boolean }) => ({ code: b.code, zone: b.zoneCode, kind: b.kind, active: b.active });

function range(ctx: CallContext, input: ParsedInput<'locations.previewRange'>): RangePreview & { zone: { id: string; code: string } } {
  const zone = zoneOfSite(ctx, input.zoneId);
  const result = expandBinRange(input.parts, input.separator ?? '-', input.prefix ?? '');
  if (!result.ok) throw fail.validation(result.key, result.part === undefined ? 'parts' : `parts.${result.part}`, result.params);
  return { zone, codes: result.codes, count: result.codes.length, existing: existingLocationCodes(ctx.station.db, result.codes) };
}

export const locationHandlers = {
  'zones.list': (ctx) => listZones(ctx.station.db, siteId(ctx)).map(({ id, code, name, bins }) => ({ id, code, name, bins })),
  'zones.create': (ctx, input) => {
    const site = siteId(ctx);
    if (zoneByCode(ctx.station.db, site, input.code)) throw fail.conflict('errors.locations.duplicateZone', { code: input.code }, 'code');
    const id = insertZone(ctx.station.db, site, input.code, input.name);
    noteChanges(ctx, { object: 'zone', id, label: input.code }, null, { code: input.code, name: input.name });
    return { id };
  },
  'zones.update': (ctx, input) => {
    const zone = zoneOfSite(ctx, input.zoneId);
    if (zoneByCode(ctx.station.db, zone.siteId, input.code, zone.id)) throw fail.conflict('errors.locations.duplicateZone', { code: input.code }, 'code');
    if (zone.code === input.code && zone.name === input.name) throw fail.rule('errors.locations.noChange', {}, 'name');
    updateZone(ctx.station.db, zone.id, input.code, input.name);
    noteChanges(ctx, { object: 'zone', id: zone.id, label: input.code }, { code: zone.code, name: zone.name }, { code: input.code, name: input.name });
    return { done: true };
  },
  'locations.list': (ctx, input): BinView[] => listLocations(ctx.station.db, siteId(ctx), { includeInactive: input.includeInactive }),
  'locations.create': (ctx, input) => {
    const zone = zoneOfSite(ctx, input.zoneId);
    assertCodeFree(ctx.station.db, input.code);
    const id = insertLocation(ctx.station.db, zone.id, input.code, input.kind);
    noteChanges(ctx, { object: 'location', id, label: input.code }, null, binFields({ code: input.code, zoneCode: zone.code, kind: input.kind, active: true }));
    return { id };
  },
  'locations.update': (ctx, input) => {
    const db = ctx.station.db;
    const bin = binOfSite(ctx, input.locationId);
    const zone = zoneOfSite(ctx, input.zoneId);
    if (bin.code === input.code && bin.zoneId === zone.id && bin.kind === input.kind) throw fail.rule('errors.locations.noChange', {}, 'code');
    const held = stockInLocation(db, bin.id).map((l) => ({ lotCode: l.lotCode, status: effectiveStatus(l.status, l.expiryDate, ctx.today) }));
    // The label on the shelf and every desk's scan name the bin by its code: not while it holds stock.
    if (input.code !== bin.code && held.length > 0) throw fail.rule('errors.locations.renameWithStock', { bin: bin.code }, 'code');
    if (input.code !== bin.code) assertCodeFree(db, input.code, bin.id);
    const refusal = kindChangeRefusal(bin, input.kind, held);
    if (refusal) throw fail.rule(refusal.key, refusal.params, 'kind');
    if (bin.active) keepOneOfEach(ctx, bin, input.kind);
    updateLocation(db, bin.id, { zoneId: zone.id, code: input.code, kind: input.kind });
    noteChanges(ctx, { object: 'location', id: bin.id, label: input.code }, binFields(bin), binFields({ code: input.code, zoneCode: zone.code, kind: input.kind, active: bin.active }));
    return { done: true };
  },
  'locations.setActive': (ctx, input) => {
    const db = ctx.station.db;
    const bin = binOfSite(ctx, input.locationId);
    if (bin.active === input.active) throw fail.conflict(input.active ? 'errors.locations.alreadyActive' : 'errors.locations.alreadyInactive', { bin: bin.code }, 'locationId');
    if (!input.active && bin.hasStock) throw fail.rule('errors.locations.deactivateWithStock', { bin: bin.code }, 'locationId');
    if (!input.active) keepOneOfEach(ctx, bin, null);
    setLocationActive(db, bin.id, input.active);
    noteChanges(ctx, { object: 'location', id: bin.id, label: bin.code }, { active: bin.active }, { active: input.active });
    return { done: true };
  },
  'locations.previewRange': (ctx, input) => {
    const { codes, count, existing } = range(ctx, input);
    return { codes, count, existing };
  },
  'locations.createRange': (ctx, input) => {
    const { zone, codes, existing } = range(ctx, input);
    if (existing.length > 0) {
      throw fail.conflict('errors.locations.rangeDuplicates', { count: existing.length, codes: existing.slice(0, 5).join(', ') }, 'parts');
    }
    const ids = insertLocations(ctx.station.db, zone.id, codes, input.kind);
    ids.forEach((id, i) => noteChanges(ctx, { object: 'location', id, label: codes[i] }, null, binFields({ code: codes[i], zoneCode: zone.code, kind: input.kind, active: true })));
    return { count: codes.length, first: codes[0], last: codes[codes.length - 1] };
  },
  'locations.setRoute': (ctx, input) => {
    const db = ctx.station.db;
    const site = siteId(ctx);
    if (new Set(input.locationIds).size !== input.locationIds.length) throw fail.validation('errors.locations.routeTwice', 'locationIds');
    input.locationIds.forEach((id, i) => {
      const bin = locationById(db, id);
      if (!bin || bin.siteId !== site) throw fail.notFound('errors.location.unknown', {}, `locationIds.${i}`);
      if (!setRouteOrder(db, id, i + 1)) throw fail.notFound('errors.location.unknown', {}, `locationIds.${i}`);
      noteChanges(ctx, { object: 'location', id, label: bin.code }, { routeOrder: bin.routeOrder }, { routeOrder: i + 1 });
    });
    return { done: true };
  },
  'labels.bins': async (ctx, input) => {
    const bins = input.locationIds.map((id, i) => {
      const bin = locationById(ctx.station.db, id);
      if (!bin || bin.siteId !== siteId(ctx)) throw fail.notFound('errors.location.unknown', {}, `locationIds.${i}`);
      return { code: bin.code, zone: bin.zoneCode, kind: bin.kind };
    });
    const pdf = await renderBinLabelsPdf({ locale: input.locale ?? ctx.user?.locale ?? 'en', bins });
    // A code may hold "/", which no file name can.
    const safe = (code: string) => code.replace(/[/\\]/g, '_');
    const fileName = bins.length === 1 ? `bin-label-${safe(bins[0].code)}.pdf` : `bin-labels-${safe(bins[0].code)}-${safe(bins[bins.length - 1].code)}.pdf`;
    return { fileName, base64: pdf.toString('base64') };
  },
} satisfies Partial<Handlers>;
