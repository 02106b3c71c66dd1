/**
 * QC inspections at the desk (issue 17, item 2): opened in the receive transaction for a lot
 * whose item requires QC (trigger 'receipt'), or by an inspector for any lot ('manual'); sample
 * sizes from the plan's sampling and the lot size; results per characteristic and sample, judged
 * by the plan's one value check (domain/qc/characteristic.ts); a correction supersedes the old
 * row with a reason; photos and files kept in the station's data folder, hashed in qc_files; a
 * sampling draw booked as a movement out of stock. Decisions are in disposition.ts.
 */
import { AppError, fail } from '../../domain/errors';
import { checkValue } from '../../domain/qc/characteristic';
import { inspectionSampleSize, type PlanVersion } from '../../domain/qc/plan';
import { assertStatusAllows } from '../../domain/lot-status';
import { fromStored } from '../../domain/quantity';
import type { Lot } from '../../domain/lot';
import type { QcHistoryEntry, QcQueueRow } from '../../contract/results';
import type { Db } from '../../store/db';
import { newId } from '../../store/ids';
import { nextCounterValue } from '../../store/counters';
import { findLot } from '../../store/lots';
import {
  currentResult, inspectionById, inspectionQueue, inspectionsOfLot, insertInspection, insertQcFile, insertResult, lotOnHand, openInspectionOfLot, qcFileById,
  type InspectionRecord, type InspectionTrigger,
} from '../../store/qc-inspections';
import { activePlanForLot, planVersionById } from '../../store/qc-plans';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { createDocument } from '../kernel/document-numbers';
import { resolveLotScan } from '../shared/lot-scan';
import { filesFolder as storedFilesFolder, readStoredFile, storeFile } from '../shared/stored-files';
import { assertAvailable, balanceOf, ledgerFor, loadBin, requireLot, storedQuantity } from '../inventory/bins';
import { checkedSignatures, inspected, inspectionDetail, verdictOf } from './inspection-view';
import { scaleWeight } from './scale-results';

export const QC_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** The movement reason of a sampling draw (stock taken out for inspection). */
export const QC_SAMPLE_REASON = 'qc_sample';

const filesFolder = (db: Db) => storedFilesFolder(db, 'qc-files');
const FILE_KEYS = { prefix: 'errors.qc' };

export function loadInspection(ctx: CallContext, id: string, field = 'inspectionId'): InspectionRecord {
  const q = inspectionById(ctx.station.db, id);
  if (!q) throw fail.notFound('errors.qc.unknown', {}, field);
  return q;
}

function requireOpen(q: InspectionRecord, field = 'inspectionId'): void {
  if (q.status !== 'open') throw fail.rule('errors.qc.decided', { number: q.number }, field);
}

/** Whole units of a lot for the sampling table (a lot of 12.5 kg counts as 13 units). */
const lotSizeOf = (stored: number) => Math.max(0, Math.ceil(fromStored(stored)));

function plannedSampleSize(plan: PlanVersion, lotSize: number): number {
  return Math.max(1, inspectionSampleSize(plan.sampling, inspected(plan), lotSize));
}

const auditedInspection = (q: { number: string; trigger: string; lotSize: number; sampleSize: number; dueAt: string; status: string; planId: string }) => ({
  number: q.number, trigger: q.trigger, lotSize: q.lotSize, sampleSize: q.sampleSize, dueAt: q.dueAt, status: q.status, plan: q.planId,
});

/** Opens an inspection of a lot by a plan, in the caller's transaction. */
export function openInspection(ctx: CallContext, lot: { id: string; code: string }, plan: PlanVersion, trigger: InspectionTrigger, storedLotSize: number): { id: string; number: string } {
  const db = ctx.station.db;
  const lotSize = lotSizeOf(storedLotSize);
  const id = newId();
  const number = `QC-${String(nextCounterValue(db, 'qc_inspection')).padStart(6, '0')}`;
  const sampleSize = plannedSampleSize(plan, lotSize);
  const dueAt = new Date(ctx.now.getTime() + plan.dueHours * 3_600_000).toISOString();
  insertInspection(db, { id, number, lotId: lot.id, planId: plan.id, trigger, lotSize, sampleSize, dueAt, at: ctx.now.toISOString(), userId: requireUser(ctx).id });
  noteChanges(ctx, { object: 'qc_inspection', id, label: number }, null, { ...auditedInspection({ number, trigger, lotSize, sampleSize, dueAt, status: 'open', planId: plan.id }), lot: lot.code });
  return { id, number };
}

/**
 * The receive transaction's hook: a lot received into quarantine gets its inspection at once when
 * its item has an active plan that inspects receipts. Without a plan the lot waits in quarantine
 * and an inspector opens one by hand once a plan exists.
 */
export function openReceiptInspection(ctx: CallContext, lot: { id: string; code: string; itemId: string; supplierId: string | null }, storedQuantity: number): { id: string; number: string } | null {
  const plan = activePlanForLot(ctx.station.db, lot.id);
  if (!plan || !plan.triggers.includes('receipt') || inspected(plan).length === 0) return null;
  return openInspection(ctx, lot, plan, 'receipt', storedQuantity);
}

function queueRow(q: InspectionRecord, now: string): QcQueueRow {
  return {
    id: q.id, number: q.number, lotId: q.lotId, lotCode: q.lotCode, sku: q.sku, itemName: q.itemName, supplierName: q.supplierName, trigger: q.trigger,
    sampleSize: q.sampleSize, createdAt: q.createdAt, dueAt: q.dueAt, overdue: q.dueAt < now,
  };
}

/** The one lot a reference names: its id, its code, or a scanned label (our lot label or the supplier's GS1 barcode). */
function lotNamed(ctx: CallContext, input: { lotId?: string; lotCode?: string; scan?: string; gsSubstitute?: string }, itemId?: string): Lot {
  const db = ctx.station.db;
  if (input.lotId) return requireLot(ctx, input.lotId, 'lotId');
  const field = input.scan !== undefined ? 'scan' : 'lotCode';
  const text = (input.scan ?? input.lotCode ?? '').trim();
  let lots: Lot[];
  try {
    lots = resolveLotScan(db, text, ctx.today, input.gsSubstitute).lots.map((l) => l.lot);
  } catch (err) {
    if (err instanceof AppError && err.data.code === 'not_found') throw fail.notFound('errors.qc.unknownLot', { lot: text }, field);
    throw err;
  }
  const ofItem = itemId ? lots.filter((l) => l.itemId === itemId) : lots;
  if (ofItem.length > 1) throw fail.validation('errors.qc.ambiguousLot', field, { lot: text, count: ofItem.length });
  return ofItem[0] ?? lots[0];
}

function history(db: Db, lotId: string): QcHistoryEntry[] {
  return inspectionsOfLot(db, lotId).map((q) => ({
    id: q.id, number: q.number, trigger: q.trigger, status: q.status, decision: q.decision, createdAt: q.createdAt, decidedAt: q.decidedAt, signatures: checkedSignatures(db, q),
  }));
}

export const inspectionHandlers = {
  'qc.queue': (ctx, input) => {
    const now = ctx.now.toISOString();
    const { rows, total } = inspectionQueue(ctx.station.db, input.offset ?? 0, input.limit ?? 50);
    const overdue = (ctx.station.db.prepare("SELECT count(*) AS n FROM qc_inspections WHERE status = 'open' AND due_at < ?").get(now) as { n: number }).n;
    return { rows: rows.map((q) => queueRow(q, now)), total, overdue };
  },
  'qc.open': (ctx, input) => {
    const db = ctx.station.db;
    const given = input.inspectionId ? loadInspection(ctx, input.inspectionId) : null;
    const named = input.lotId || input.lotCode || input.scan ? lotNamed(ctx, input, given?.itemId) : null;
    if (given && named && named.id !== given.lotId) {
      // A scan at an inspection must be that inspection's lot: another item's lot is the wrong goods on the desk.
      if (named.itemId !== given.itemId) throw fail.rule('errors.qc.lotOfOtherItem', { lot: named.code, sku: named.sku, number: given.number, inspectionSku: given.sku }, input.scan !== undefined ? 'scan' : 'lotCode');
      throw fail.rule('errors.qc.otherLot', { lot: named.code, number: given.number, inspectionLot: given.lotCode }, input.scan !== undefined ? 'scan' : 'lotCode');
    }
    if (!given && !named) throw fail.validation('errors.qc.lotRequired', 'scan');
    const lot = named ?? findLot(db, given!.lotId, ctx.today)!;
    const q = given ?? openInspectionOfLot(db, lot.id) ?? inspectionsOfLot(db, lot.id)[0] ?? null;
    const plan = activePlanForLot(db, lot.id);
    return {
      lot,
      inspection: q && inspectionDetail(db, q, ctx.now),
      planId: plan?.id ?? null,
      mayStart: plan !== null && inspected(plan).length > 0 && !openInspectionOfLot(db, lot.id),
      history: history(db, lot.id),
    };
  },
  'qc.start': (ctx, input) => {
    const db = ctx.station.db;
    const lot = requireLot(ctx, input.lotId, 'lotId');
    const plan = input.planId ? planVersionById(db, input.planId) : activePlanForLot(db, lot.id);
    if (!plan) throw fail.rule(input.planId ? 'errors.qc.unknownPlan' : 'errors.qc.noPlan', { sku: lot.sku }, input.planId ? 'planId' : 'lotId');
    if (plan.itemId !== lot.itemId) {
      const planSku = (db.prepare('SELECT sku FROM items WHERE id = ?').get(plan.itemId) as { sku: string }).sku;
      throw fail.rule('errors.qc.planOfOtherItem', { lot: lot.code, sku: lot.sku, planSku }, 'planId');
    }
    if (plan.status !== 'active') throw fail.rule('errors.qc.planNotActive', { version: plan.version }, 'planId');
    if (inspected(plan).length === 0) throw fail.rule('errors.qc.noPlan', { sku: lot.sku }, 'planId');
    const open = openInspectionOfLot(db, lot.id);
    if (open) throw fail.conflict('errors.qc.alreadyOpen', { lot: lot.code, number: open.number }, 'lotId');
    return openInspection(ctx, lot, plan, 'manual', lotOnHand(db, lot.id));
  },
  'qc.recordResult': (ctx, input) => {
    const db = ctx.station.db;
    const q = loadInspection(ctx, input.inspectionId);
    requireOpen(q);
    const plan = planVersionById(db, q.planId)!;
    const c = inspected(plan).find((x) => x.id === input.characteristicId);
    if (!c) throw fail.notFound('errors.qc.unknownCharacteristic', {}, 'characteristicId');
    const n = verdictOf(plan, q.lotSize, []).characteristics.find((x) => x.code === c.code)!.plan.n;
    if (input.sampleNo > n) throw fail.validation('errors.qc.sampleOutOfPlan', 'sampleNo', { code: c.code, n });
    const weighed = scaleWeight(ctx, c, input);
    const checked = checkValue(c, weighed?.value ?? input.value, 'value');
    const before = currentResult(db, q.id, c.id, input.sampleNo);
    const reason = input.correctionReason?.trim() || null;
    if (before && !reason) throw fail.validation('errors.qc.correctionReason', 'correctionReason', { code: c.code, sample: input.sampleNo });
    if (!before && reason) throw fail.validation('errors.qc.nothingToCorrect', 'correctionReason', { code: c.code, sample: input.sampleNo });
    const id = newId();
    insertResult(db, { id, inspectionId: q.id, characteristicId: c.id, sampleNo: input.sampleNo, ...checked, source: input.source, at: ctx.now.toISOString(), userId: requireUser(ctx).id, correctionReason: reason }, before?.id ?? null);
    const shown = (r: { valueNum: number | null; valueText: string | null; inSpec: boolean; source: string } | null) =>
      r && { value: r.valueNum ?? r.valueText, inSpec: r.inSpec, source: r.source };
    noteChanges(ctx, { object: 'qc_result', id: `${q.id}:${c.code}:${input.sampleNo}`, label: `${q.number} ${c.code} #${input.sampleNo}` }, shown(before), { ...shown({ ...checked, source: input.source })!, ...(weighed ? { device: weighed.deviceId } : {}), ...(reason ? { correctionReason: reason } : {}) });
    return { resultId: id, inSpec: checked.inSpec, inspection: inspectionDetail(db, loadInspection(ctx, q.id), ctx.now) };
  },
  'qc.attachFile': (ctx, input) => {
    const db = ctx.station.db;
    const q = loadInspection(ctx, input.inspectionId);
    const { sha256, size } = storeFile(filesFolder(db), input, QC_FILE_MAX_BYTES, FILE_KEYS, 'base64');
    const id = newId();
    insertQcFile(db, { id, lotId: q.lotId, inspectionId: q.id, kind: input.kind, fileName: input.name, mimeType: input.mimeType, size, sha256, addedAt: ctx.now.toISOString(), addedBy: requireUser(ctx).id });
    noteChanges(ctx, { object: 'qc_inspection', id: q.id, label: q.number }, { file: null }, { file: `${input.name} ${sha256}` });
    return { id, sha256 };
  },
  'qc.file': (ctx, input) => {
    const f = qcFileById(ctx.station.db, input.fileId);
    if (!f) throw fail.notFound('errors.qc.unknownFile', {}, 'fileId');
    return readStoredFile(filesFolder(ctx.station.db), f, FILE_KEYS, 'fileId');
  },
  /** Samples taken out of stock for the inspection: a movement out of the bin, whatever the lot's QC status (lot-status.ts allows it). */
  'qc.drawSample': (ctx, input) => {
    const db = ctx.station.db;
    const q = loadInspection(ctx, input.inspectionId);
    requireOpen(q);
    const lot = requireLot(ctx, q.lotId, 'inspectionId');
    assertStatusAllows(lot.status, 'adjust', lot.code);
    const bin = loadBin(ctx, input.locationId, 'locationId');
    const stored = storedQuantity(input.quantity, lot.unit, 'quantity');
    assertAvailable(db, lot, bin, stored, 'quantity');
    const doc = createDocument(ctx, 'adjustment', { reference: `${QC_SAMPLE_REASON}: ${q.number}` });
    const before = balanceOf(db, lot.id, bin.id);
    const movementId = ledgerFor(ctx, doc.id)({ kind: 'adjust', itemId: lot.itemId, lotId: lot.id, quantity: stored, reason: QC_SAMPLE_REASON, fromLocationId: bin.id });
    const balance = balanceOf(db, lot.id, bin.id);
    noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, { [`balance@${bin.code}`]: fromStored(before) }, { [`balance@${bin.code}`]: fromStored(balance), document: doc.number, reason: QC_SAMPLE_REASON, sampleFor: q.number });
    return { documentNumber: doc.number, movementId, balance: fromStored(balance) };
  },
} satisfies Partial<Handlers>;

