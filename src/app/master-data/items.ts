/**
 * The Items screen's rules (issue 15, item 3): a SKU and a GTIN name one item each, a GTIN's check
 * digit is right (the schema), the unit of an item with stock stays (its ledger is counted in it),
 * the default zone is one of the site's, the lot pattern is one the lot numbering can follow.
 * Items are deactivated, never deleted. Every change reaches the audit field by field.
 * SQL in src/store/items.ts.
 */
import { fail } from '../../domain/errors';
import { parseScan } from '../../domain/gs1';
import { hasValidCheckDigit } from '../../domain/gs1/check-digit';
import { checkLotPattern, LOT_PATTERN_TOKENS } from '../../domain/lot-pattern';
import { UNITS, isUnit } from '../../domain/quantity';
import type { ItemDetail } from '../../contract/results';
import type { ItemFieldsParsed } from '../../contract/master-data-schemas';
import type { Db } from '../../store/db';
import {
  insertItemRecord,
  itemHasStock,
  itemIdWithGtin,
  itemIdWithSku,
  itemRecordById,
  searchItemRecords,
  setItemActive,
  updateItemRecord,
  type ItemFields,
  type ItemRecord,
} from '../../store/items';
import { zonesByCode } from '../../store/items';
import { noteChanges, type AuditFields } from '../kernel/audit-changes';
import type { CallContext, Handlers } from '../kernel/context';
import { retryAfterDeskWrite } from '../../sync/apply';

export function toItemDetail(r: ItemRecord): ItemDetail {
  const { defaultZoneId: _zone, ...rest } = r;
  return { ...rest, unitDecimals: isUnit(r.unit) ? UNITS[r.unit] : 0 };
}

/** What the audit shows of an item (the zone by its code). */
export function itemAuditFields(r: ItemFields & { defaultZone: string | null }, active?: boolean): AuditFields {
  return {
    sku: r.sku,
    gtin: r.gtin,
    name: r.name,
    nameZh: r.nameZh,
    unit: r.unit,
    shelfLifeDays: r.shelfLifeDays,
    qcRequired: r.qcRequired,
    removalStrategy: r.removalStrategy,
    nearExpiryDays: r.nearExpiryDays,
    lotPattern: r.lotPattern,
    defaultZone: r.defaultZone,
    catchWeight: r.catchWeight,
    ...(active === undefined ? {} : { active }),
  };
}

/** Zone codes of the desk, looked up once per call (an import checks thousands of rows). */
export type ZoneLookup = Map<string, { id: string; code: string }>;
export const zoneLookup = (db: Db): ZoneLookup => zonesByCode(db);

/**
 * The item's fields as stored, or the first rule it breaks (an AppError naming the field).
 * `existing`: the item being edited; null for a new one.
 */
export function checkItem(db: Db, input: ItemFieldsParsed, existing: ItemRecord | null, zones: ZoneLookup): ItemFields & { defaultZone: string | null } {
  const otherSku = itemIdWithSku(db, input.sku, existing?.id);
  if (otherSku) throw fail.conflict('errors.items.duplicateSku', { sku: input.sku }, 'sku');
  if (input.gtin) {
    const other = itemIdWithGtin(db, input.gtin, existing?.id);
    if (other) throw fail.conflict('errors.items.duplicateGtin', { gtin: input.gtin, sku: itemRecordById(db, other)?.sku ?? '' }, 'gtin');
  }
  if (existing && existing.unit !== input.unit && itemHasStock(db, existing.id)) {
    throw fail.rule('errors.items.unitHasStock', { sku: existing.sku, unit: existing.unit }, 'unit');
  }
  if (input.lotPattern !== null) {
    const problem = checkLotPattern(input.lotPattern);
    if (problem) throw fail.validation(`errors.lotPattern.${problem}`, 'lotPattern', { pattern: input.lotPattern, tokens: LOT_PATTERN_TOKENS, example: '{SEQ:4}' });
  }
  const zone = input.defaultZone === null ? null : zones.get(input.defaultZone.toLowerCase());
  if (zone === undefined) throw fail.validation('errors.items.unknownZone', 'defaultZone', { zone: input.defaultZone ?? '' });
  return { ...input, defaultZoneId: zone?.id ?? null, defaultZone: zone?.code ?? null };
}

function target(db: Db, id: string): ItemRecord {
  const item = itemRecordById(db, id);
  if (!item) throw fail.notFound('errors.item.unknown', {}, 'itemId');
  return item;
}

/** Writes one checked item (new or edited) and notes what changed; the audit names it by SKU. */
export function writeItem(ctx: CallContext, checked: ReturnType<typeof checkItem>, existing: ItemRecord | null): { id: string; changed: boolean } {
  const db = ctx.station.db;
  const { defaultZone: _code, ...fields } = checked;
  const id = existing ? existing.id : insertItemRecord(db, fields, ctx.now.toISOString());
  const before = existing ? itemAuditFields(existing) : null;
  const after = itemAuditFields(checked, existing ? undefined : true);
  const changed = before === null || Object.keys(after).some((k) => (after[k] ?? null) !== (before[k] ?? null));
  if (existing && changed) updateItemRecord(db, id, fields);
  noteChanges(ctx, { object: 'item', id, label: checked.sku }, before, after);
  // A SKU freed (or an item written) may let parked central items and the ERP orders waiting for them in.
  if (changed) retryAfterDeskWrite(db, [id], ctx.now.toISOString(), (ctx.auditChanges ??= []));
  return { id, changed };
}

/** The GTIN a search names when it is a barcode: a bare GTIN with its check digit, or a GS1 scan (label, Digital Link). */
export function gtinOfSearch(term: string, today: string): { gtin: string | null; isScan: boolean } {
  if (/^(\d{8}|\d{12,14})$/.test(term)) return { gtin: hasValidCheckDigit(term) ? term.padStart(14, '0') : null, isScan: false };
  if (!/^(\]|\(|https?:\/\/)/.test(term) && !term.includes(String.fromCharCode(0x1d))) return { gtin: null, isScan: false };
  const parsed = parseScan(term, { today });
  return parsed.ok && parsed.gtin ? { gtin: parsed.gtin, isScan: true } : { gtin: null, isScan: false };
}

export const itemHandlers = {
  'items.search': (ctx, input) => {
    const term = (input.search ?? '').trim();
    const { gtin, isScan } = gtinOfSearch(term, ctx.today);
    const found = searchItemRecords(ctx.station.db, isScan ? '' : term, gtin, input.limit ?? 50, input.includeInactive ?? false);
    // A scanned label names one item: the page of every item is no answer to it.
    const items = isScan ? found.items.filter((i) => i.gtin === gtin) : found.items;
    return { items: items.map(toItemDetail), more: isScan ? false : found.more };
  },
  'items.get': (ctx, input) => toItemDetail(target(ctx.station.db, input.itemId)),
  'items.create': (ctx, input) => {
    const checked = checkItem(ctx.station.db, input, null, zoneLookup(ctx.station.db));
    return { id: writeItem(ctx, checked, null).id };
  },
  'items.update': (ctx, input) => {
    const db = ctx.station.db;
    const existing = target(db, input.itemId);
    const { itemId: _id, ...fields } = input;
    const checked = checkItem(db, fields, existing, zoneLookup(db));
    if (!writeItem(ctx, checked, existing).changed) throw fail.rule('errors.items.noChange', {}, 'sku');
    return { done: true };
  },
  'items.setActive': (ctx, input) => {
    const db = ctx.station.db;
    const item = target(db, input.itemId);
    if (item.active === input.active) throw fail.conflict(input.active ? 'errors.items.alreadyActive' : 'errors.items.alreadyInactive', { sku: item.sku }, 'itemId');
    setItemActive(db, item.id, input.active);
    noteChanges(ctx, { object: 'item', id: item.id, label: item.sku }, { active: item.active }, { active: input.active });
    return { done: true };
  },
} satisfies Partial<Handlers>;
