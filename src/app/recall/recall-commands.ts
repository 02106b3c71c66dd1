/**
 * The recall's commands (issue 16): start (real or mock) — in the command's one transaction every
 * affected lot still on hand goes to 'recalled', so picking, packing and shipping refuse it at the
 * next scan; customers notified; returns received by scan into a quarantine bin; the report
 * reconciled (a mock recall's clock stops); closed with the manager's signature. SQL in
 * src/store/recalls.ts, rules in src/domain/recall.ts; each command notes what it changed.
 */
import { fail } from '../../domain/errors';
import { CLOSE_MEANING, assertMayStart, assertReturnBin, goesOnHold } from '../../domain/recall';
import { QTY_SCALE, fromStored, toStored, type Unit } from '../../domain/quantity';
import type { RecallStarted } from '../../contract/results';
import { newId } from '../../store/ids';
import { nextCounterValue } from '../../store/counters';
import { recordMovement } from '../../store/ledger';
import {
  customerById, insertNotification, insertRecall, insertRecallLot, insertReturn, locationForReturn, markRecallLotHeld, notifiedCustomerCodes, onHandOf, openRecallsOfRoots,
  recallRootIds, returnedByParty, setClosed, setLotStatus, setReconciled, storedStatuses, type RecallRecord,
} from '../../store/recalls';
import { noteChanges } from '../kernel/audit-changes';
import { requireUser, type CallContext, type Handlers } from '../kernel/context';
import { sign } from '../kernel/e-signature';
import { resolveLotScan } from '../shared/lot-scan';
import { affectedBy, affectedByIds } from './affected';
import { massBalances, requireRecall } from './recall-detail';


function requireOpen(recall: RecallRecord): void {
  if (recall.status !== 'open') throw fail.conflict('errors.recall.closed', { recall: recall.number }, 'recallId');
}

/** RCL-YYYYMMDD-NNN, mock drills MRC-…: a real recall is never mistaken for a drill on paper. */
function recallNumber(ctx: CallContext, mock: boolean): string {
  const day = ctx.today.replaceAll('-', '');
  const prefix = mock ? 'MRC' : 'RCL';
  return `${prefix}-${day}-${String(nextCounterValue(ctx.station.db, `recall:${prefix}:${day}`)).padStart(3, '0')}`;
}

function start(ctx: CallContext, input: Parameters<Handlers['recall.start']>[1]): RecallStarted {
  const db = ctx.station.db;
  const user = requireUser(ctx);
  const affected = affectedBy(db, input.roots, ctx.today);
  // The same lot named twice (by code and by scan) is one root.
  const rootIds = [...new Set(affected.roots.map((r) => r.lotId))];
  const open = openRecallsOfRoots(db, rootIds);
  affected.roots.forEach((root, i) =>
    assertMayStart(input.mock, open.filter((o) => o.lotId === root.lotId), root.code, `roots.${i}`),
  );
  const id = newId();
  const number = recallNumber(ctx, input.mock);
  const at = ctx.now.toISOString();
  insertRecall(db, { id, number, mock: input.mock, recallClass: input.recallClass, reason: input.reason, at, userId: user.id, rootLotIds: rootIds });
  const lotIds = affected.lots.map((l) => l.lotId);
  const onHand = onHandOf(db, lotIds);
  const stored = storedStatuses(db, lotIds);
  let held = 0;
  for (const lot of affected.lots) {
    const quantity = onHand.get(lot.lotId) ?? 0;
    const previous = stored.get(lot.lotId)!.status;
    const hold = !input.mock && goesOnHold(previous, quantity);
    insertRecallLot(db, id, { lotId: lot.lotId, depth: lot.depth, onHand: quantity, previousStatus: previous, held: hold });
    if (hold) {
      setLotStatus(db, lot.lotId, 'recalled');
      noteChanges(ctx, { object: 'lot', id: lot.lotId, label: lot.code }, { status: previous }, { status: 'recalled' });
      held++;
    }
  }
  noteChanges(ctx, { object: 'recall', id, label: number }, null, {
    mock: input.mock, recallClass: input.recallClass, reason: input.reason, status: 'open',
    roots: affected.roots.map((r) => r.code).join(', '), affectedLots: affected.lots.length, held,
  });
  ctx.auditDetail = { recall: number, mock: String(input.mock), held };
  return { id, number, held };
}

/** The customer must be one the recall's lots were shipped to. */
function affectedCustomer(ctx: CallContext, recall: RecallRecord, customerId: string) {
  const affected = affectedByIds(ctx.station.db, recallRootIds(ctx.station.db, recall.id), ctx.today);
  const party = customerById(ctx.station.db, customerId);
  if (!party) throw fail.notFound('errors.recall.unknownCustomer', {}, 'customerId');
  const shipments = affected.shipments.filter((s) => s.customerCode === party.code);
  if (shipments.length === 0) throw fail.rule('errors.recall.customerNotAffected', { customer: party.name, recall: recall.number }, 'customerId');
  return { party, shipments, affected };
}

export const recallCommandHandlers = {
  'recall.start': (ctx, input) => start(ctx, input),

  'recall.markNotified': (ctx, input) => {
    const recall = requireRecall(ctx, input.recallId);
    requireOpen(recall);
    const { party } = affectedCustomer(ctx, recall, input.customerId);
    const notifiedAt = input.notifiedAt ? new Date(input.notifiedAt).toISOString() : ctx.now.toISOString();
    if (notifiedAt > ctx.now.toISOString() || notifiedAt < recall.startedAt) throw fail.validation('errors.recall.notifiedAt', 'notifiedAt');
    const id = insertNotification(ctx.station.db, {
      recallId: recall.id, partyId: party.id, notifiedAt, contact: input.contact, method: input.method, note: input.note ?? null, at: ctx.now.toISOString(), userId: requireUser(ctx).id,
    });
    noteChanges(ctx, { object: 'recallNotification', id, label: `${recall.number} ${party.code}` }, null, { recall: recall.number, customer: party.code, contact: input.contact, method: input.method, notifiedAt });
    return { done: true };
  },

  'recall.receiveReturn': (ctx, input) => {
    const db = ctx.station.db;
    const recall = requireRecall(ctx, input.recallId);
    requireOpen(recall);
    if (recall.mock) throw fail.rule('errors.recall.mockNoReturns', { recall: recall.number }, 'recallId');
    const { party, shipments } = affectedCustomer(ctx, recall, input.customerId);
    const bin = locationForReturn(db, input.toLocationId);
    if (!bin) throw fail.notFound('errors.location.unknown', {}, 'toLocationId');
    assertReturnBin(bin);
    const scanned = resolveLotScan(db, input.scan, ctx.today, input.gsSubstitute).lots.map((l) => l.lot);
    const lot = scanned.find((l) => shipments.some((s) => s.lotId === l.id));
    if (!lot) throw fail.rule('errors.recall.returnNotShipped', { lot: scanned[0]?.code ?? input.scan, customer: party.name }, 'scan');
    const quantity = toStored(input.quantity, lot.unit as Unit);
    const shipped = shipments.filter((s) => s.lotId === lot.id).reduce((sum, s) => sum + Math.round(s.quantity * QTY_SCALE), 0);
    const returned = returnedByParty(db, party.id, lot.id);
    if (returned + quantity > shipped) {
      throw fail.rule('errors.recall.returnTooMany', { lot: lot.code, customer: party.name, shipped: fromStored(shipped), returned: fromStored(returned), unit: lot.unit }, 'quantity');
    }
    const at = ctx.now.toISOString();
    const user = requireUser(ctx);
    const movementId = recordMovement(db, {
      kind: 'receive', stationId: ctx.station.stationId, userId: user.id, at, itemId: lot.itemId, lotId: lot.id, quantity, toLocationId: bin.id, reason: `recall-return ${recall.number}`,
    });
    const id = insertReturn(db, { recallId: recall.id, partyId: party.id, lotId: lot.id, quantity, locationId: bin.id, movementId, at, userId: user.id });
    // A lot that had no stock when the recall started has some now: it goes on hold like the rest.
    const status = storedStatuses(db, [lot.id]).get(lot.id)!.status;
    if (status !== 'recalled') {
      setLotStatus(db, lot.id, 'recalled');
      markRecallLotHeld(db, recall.id, lot.id);
      noteChanges(ctx, { object: 'lot', id: lot.id, label: lot.code }, { status }, { status: 'recalled' });
    }
    noteChanges(ctx, { object: 'recallReturn', id, label: `${recall.number} ${party.code}` }, null, { recall: recall.number, customer: party.code, lot: lot.code, quantity: input.quantity, bin: bin.code });
    return { done: true };
  },

  'recall.reconcile': (ctx, input) => {
    const recall = requireRecall(ctx, input.recallId);
    requireOpen(recall);
    if (recall.reconciledAt) throw fail.conflict('errors.recall.alreadyReconciled', { recall: recall.number }, 'recallId');
    const balances = massBalances(ctx.station.db, recallRootIds(ctx.station.db, recall.id));
    const percent = Math.min(...balances.map((b) => b.accountedPercent));
    const at = ctx.now.toISOString();
    setReconciled(ctx.station.db, recall.id, at, requireUser(ctx).id, percent);
    const seconds = Math.round((Date.parse(at) - Date.parse(recall.startedAt)) / 1000);
    noteChanges(ctx, { object: 'recall', id: recall.id, label: recall.number }, { reconciledAt: null }, { reconciledAt: at, accountedPercent: percent, durationSeconds: seconds });
    return { done: true };
  },

  'recall.close': (ctx, input) => {
    const db = ctx.station.db;
    const recall = requireRecall(ctx, input.recallId);
    requireOpen(recall);
    const me = requireUser(ctx);
    const affected = affectedByIds(db, recallRootIds(db, recall.id), ctx.today);
    const notified = notifiedCustomerCodes(db, recall.id);
    const missing = [...new Set(affected.shipments.map((s) => s.customerCode).filter((c): c is string => c !== null && !notified.has(c)))];
    if (missing.length > 0) throw fail.rule('errors.recall.notAllNotified', { count: missing.length, customers: missing.slice(0, 5).join(', ') }, 'recallId');
    const at = ctx.now.toISOString();
    if (!recall.reconciledAt) {
      const balances = massBalances(db, recallRootIds(db, recall.id));
      setReconciled(db, recall.id, at, me.id, Math.min(...balances.map((b) => b.accountedPercent)));
    }
    // The closing is an e-signature like every signed act (kernel/e-signature.ts): the signing password typed again
    // (a wrong one counted toward the lock), an e_signatures row with the meaning, bound to what was closed.
    const bound = { recall: recall.id, number: recall.number, mock: recall.mock, roots: recallRootIds(db, recall.id), notified: [...notified].sort(), note: input.note ?? null };
    sign(ctx, { object: 'recall', objectId: recall.id, meaning: CLOSE_MEANING, reason: input.note ?? null, secret: input.secret, bound, command: 'recall.close', deniedKey: 'errors.recall.badSignature' });
    setClosed(db, recall.id, { at, userId: me.id, meaning: CLOSE_MEANING, note: input.note ?? null });
    noteChanges(ctx, { object: 'recall', id: recall.id, label: recall.number }, { status: 'open' }, { status: 'closed', signedBy: me.username, meaning: CLOSE_MEANING, signedAt: at });
    return { done: true };
  },
} satisfies Partial<Handlers>;
