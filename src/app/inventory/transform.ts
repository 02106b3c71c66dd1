/**
 * Lot split, merge and transformation (repack, blend, kitting). Each takes stock out of parent
 * lots and puts a new lot (numbered like a received one) into a bin, with a genealogy link per
 * parent carrying the quantity taken. Split and merge keep the item and inherit status and
 * dates; a transformation consumes released component lots of its BOM and produces a lot that
 * starts like a received one (quarantine when the item needs QC) and expires no later than its
 * earliest component.
 */
import { noteChanges } from '../kernel/audit-changes';
import { bomComponentsBySku } from '../../store/audited-records';
import { newId } from '../../store/ids';
import { fail } from '../../domain/errors';
import { assertComponentsInBom, madeFromPath } from '../../domain/bom';
import { addDays } from '../../domain/dates';
import type { StoredLotStatus } from '../../domain/lot-status';
import { fromStored } from '../../domain/quantity';
import type { BomView, NewLotResult } from '../../contract/results';
import type { MovementKind } from '../../store/ledger';
import { findLot } from '../../store/lots';
import { assertBinFits, ledgerFor, loadBin, loadPart, loadParts, requireLot, requireSite, storedQuantity, type Part, type SiteBin } from './bins';
import { findItem, type ItemRow } from '../master-data/catalog';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';
import { writeBom } from '../master-data/inserts';
import { nextLotCode } from '../inbound/receiving';
import { checkProduction, madeLotStatus, writeProduction } from '../qc/production';
import { documentIdByNumber } from '../../store/production';

interface NewLot {
  reference: string;
  item: ItemRow;
  status: StoredLotStatus;
  supplierId: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  bestBeforeDate: string | null;
  parts: Part[];
  outKind: MovementKind;
  inKind: MovementKind;
  to: SiteBin;
  allowNonPickable: boolean;
  /** Thousandths of the new lot's unit. */
  quantity: number;
}

function makeLot(ctx: CallContext, n: NewLot): NewLotResult {
  const db = ctx.station.db;
  const lotId = newId();
  const at = ctx.now.toISOString();
  db.prepare(
    `INSERT INTO lots (id, item_id, code, supplier_id, production_date, expiry_date, best_before_date, status, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(lotId, n.item.id, nextLotCode(db, n.item, requireSite(ctx), ctx.today), n.supplierId, n.productionDate, n.expiryDate, n.bestBeforeDate, n.status, at, requireUser(ctx).id);
  const lot = findLot(db, lotId, ctx.today)!;
  // The new lot inherits a blocked status; the bin must fit it like any move.
  assertBinFits(lot, n.to, n.allowNonPickable, 'toLocationId');
  const doc = createDocument(ctx, 'transformation', { reference: n.reference });
  const record = ledgerFor(ctx, doc.id);
  const link = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity, movement_id) VALUES (?, ?, ?, ?)');
  for (const p of n.parts) {
    const out = record({ kind: n.outKind, itemId: p.lot.itemId, lotId: p.lot.id, quantity: p.stored, fromLocationId: p.bin.id });
    link.run(p.lot.id, lotId, p.stored, out);
  }
  record({ kind: n.inKind, itemId: n.item.id, lotId, quantity: n.quantity, toLocationId: n.to.id });
  return { documentNumber: doc.number, lot, location: { id: n.to.id, code: n.to.code }, quantity: fromStored(n.quantity) };
}

/** The earliest of some dates, ignoring missing ones. */
function earliest(dates: (string | null)[]): string | null {
  return dates.filter((d): d is string => d !== null).sort()[0] ?? null;
}

function requireItem(ctx: CallContext, itemId: string, field: string): ItemRow {
  const item = findItem(ctx.station.db, itemId);
  if (!item) throw fail.notFound('errors.item.unknown', {}, field);
  return item;
}

/** Stored status of a lot: the new lot of a split or merge carries it (expired stays derived from the date). */
function storedStatus(ctx: CallContext, lotId: string): StoredLotStatus {
  return (ctx.station.db.prepare('SELECT status FROM lots WHERE id = ?').get(lotId) as { status: StoredLotStatus }).status;
}

function lotDates(ctx: CallContext, lotIds: string[]): { production_date: string | null; expiry_date: string | null; best_before_date: string | null; supplier_id: string | null }[] {
  const q = ctx.station.db.prepare('SELECT production_date, expiry_date, best_before_date, supplier_id FROM lots WHERE id = ?');
  return lotIds.map((id) => q.get(id) as ReturnType<typeof lotDates>[number]);
}

export function readBom(ctx: CallContext, itemId: string): BomView {
  const components = ctx.station.db
    .prepare('SELECT i.id AS itemId, i.sku, i.gtin, i.name, i.unit, b.quantity FROM bom_components b JOIN items i ON i.id = b.component_item_id WHERE b.item_id = ? ORDER BY i.sku')
    .all(itemId) as BomView['components'];
  return { itemId, components: components.map((c) => ({ ...c, quantity: c.quantity === null ? null : fromStored(c.quantity) })) };
}

/** A bill of materials as a person reads it in the audit: "SKU×quantity, SKU" by SKU; null when there is none. */
function bomText(ctx: CallContext, itemId: string): string | null {
  const rows = bomComponentsBySku(ctx.station.db, itemId);
  return rows.length === 0 ? null : rows.map((r) => (r.quantity === null ? r.sku : `${r.sku}×${fromStored(r.quantity)}`)).join(', ');
}

export const transformHandlers = {
  'lots.split': (ctx, input) => {
    const part = loadPart(ctx, { lotId: input.lotId, fromLocationId: input.fromLocationId, quantity: input.quantity }, 'split', 'relabel');
    const [parent] = lotDates(ctx, [part.lot.id]);
    const to = input.toLocationId ? loadBin(ctx, input.toLocationId, 'toLocationId') : part.bin;
    return makeLot(ctx, {
      reference: 'split',
      item: requireItem(ctx, part.lot.itemId, 'lotId'),
      status: storedStatus(ctx, part.lot.id),
      supplierId: parent.supplier_id,
      productionDate: parent.production_date,
      expiryDate: parent.expiry_date,
      bestBeforeDate: parent.best_before_date,
      parts: [part],
      outKind: 'split',
      inKind: 'split',
      to,
      // Splitting in place moves nothing: the bin already holds the parent.
      allowNonPickable: input.allowNonPickable ?? to.id === part.bin.id,
      quantity: part.stored,
    });
  },

  'lots.merge': (ctx, input) => {
    const parts = loadParts(ctx, input.parts, 'parts', 'relabel');
    const first = parts[0].lot;
    if (new Set(parts.map((p) => p.lot.id)).size < 2) throw fail.validation('errors.merge.twoLots', 'parts');
    const statuses = parts.map((p) => storedStatus(ctx, p.lot.id));
    parts.forEach((p, i) => {
      if (p.lot.itemId !== first.itemId) throw fail.rule('errors.merge.otherItem', { lot: p.lot.code, sku: p.lot.sku, expected: first.sku }, `parts.${i}.lotId`);
      if (statuses[i] !== statuses[0]) throw fail.rule('errors.merge.mixedStatus', { lot: p.lot.code, status: statuses[i], expected: statuses[0] }, `parts.${i}.lotId`);
    });
    const parents = lotDates(ctx, parts.map((p) => p.lot.id));
    const suppliers = new Set(parents.map((p) => p.supplier_id));
    return makeLot(ctx, {
      reference: 'merge',
      item: requireItem(ctx, first.itemId, 'parts.0.lotId'),
      status: statuses[0],
      supplierId: suppliers.size === 1 ? parents[0].supplier_id : null,
      // The merged lot is as old as its oldest parent and expires with the first to expire.
      productionDate: earliest(parents.map((p) => p.production_date)),
      expiryDate: earliest(parents.map((p) => p.expiry_date)),
      bestBeforeDate: earliest(parents.map((p) => p.best_before_date)),
      parts,
      outKind: 'merge',
      inKind: 'merge',
      to: loadBin(ctx, input.toLocationId, 'toLocationId'),
      allowNonPickable: input.allowNonPickable ?? false,
      quantity: parts.reduce((sum, p) => sum + p.stored, 0),
    });
  },

  'lots.transform': (ctx, input) => {
    const item = requireItem(ctx, input.itemId, 'itemId');
    if (input.unit !== item.unit) throw fail.validation('errors.quantity.wrongUnit', 'unit', { unit: input.unit, itemUnit: item.unit });
    const quantity = storedQuantity(input.quantity, item.unit, 'quantity');
    const bom = new Set(readBom(ctx, item.id).components.map((c) => c.itemId));
    // The BOM is checked before status and stock, so a wrong scan is named as the wrong item.
    const lots = input.components.map((c, i) => requireLot(ctx, c.lotId, `components.${i}.lotId`));
    assertComponentsInBom(item.sku, bom, lots.map((l) => ({ itemId: l.itemId, sku: l.sku, lotCode: l.code })));
    const parts = loadParts(ctx, input.components, 'components', 'consume');
    // The production record is checked before anything is written; a failed in-process check starts the lot on hold.
    const production = checkProduction(ctx, item.id, item.sku, input.production);
    const fromShelfLife = item.shelf_life_days ? addDays(ctx.today, item.shelf_life_days) : null;
    const made = makeLot(ctx, {
      reference: input.kind,
      item,
      status: madeLotStatus(item.qc_required === 1, production),
      supplierId: null,
      productionDate: ctx.today,
      expiryDate: earliest([fromShelfLife, ...parts.map((p) => p.lot.expiryDate)]),
      bestBeforeDate: null,
      parts,
      outKind: 'consume',
      inKind: 'produce',
      to: loadBin(ctx, input.toLocationId, 'toLocationId'),
      allowNonPickable: input.allowNonPickable ?? false,
      quantity,
    });
    if (production) writeProduction(ctx, made.lot, documentIdByNumber(ctx.station.db, made.documentNumber), production, quantity);
    return made;
  },

  'boms.get': (ctx, input) => {
    requireItem(ctx, input.itemId, 'itemId');
    return readBom(ctx, input.itemId);
  },

  'boms.set': (ctx, input) => {
    const item = requireItem(ctx, input.itemId, 'itemId');
    const componentsOf = ctx.station.db.prepare('SELECT component_item_id FROM bom_components WHERE item_id = ?').pluck();
    const sku = ctx.station.db.prepare('SELECT sku FROM items WHERE id = ?').pluck();
    const quantities = input.quantities ?? [];
    if (quantities.length > input.componentItemIds.length) throw fail.validation('errors.bom.quantities', 'quantities');
    const stored = input.componentItemIds.map((componentId, i) => {
      const field = `componentItemIds.${i}`;
      const component = requireItem(ctx, componentId, field);
      if (componentId === item.id) throw fail.validation('errors.bom.self', field, { sku: item.sku });
      if (input.componentItemIds.indexOf(componentId) < i) throw fail.validation('errors.bom.duplicate', field, { sku: component.sku });
      // A component already made (through any BOM) from this item would make the item out of itself.
      const loop = madeFromPath(componentId, item.id, (id) => componentsOf.all(id) as string[]);
      if (loop) throw fail.rule('errors.bom.cycle', { component: component.sku, item: item.sku, path: loop.map((id) => sku.get(id) as string).join(' → ') }, field);
      const per = quantities[i] ?? null;
      return per === null ? null : storedQuantity(per, component.unit, `quantities.${i}`);
    });
    const before = bomText(ctx, item.id);
    writeBom(ctx.station.db, item.id, input.componentItemIds, stored);
    noteChanges(ctx, { object: 'item', id: item.id, label: item.sku }, { bom: before }, { bom: bomText(ctx, item.id) });
    return readBom(ctx, item.id);
  },
} satisfies Partial<Handlers>;
