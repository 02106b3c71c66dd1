/**
 * Reading a recall: the list (with each mock drill's duration), and one recall in full — its
 * affected lots as found at the start and as they are now, the customers with their shipments,
 * quantities per lot, returns, notifications and contacts, the mass balance of each root, the
 * timeline and the closing signature.
 */
import { effectiveStatus } from '../../domain/lot-status';
import { fromStored } from '../../domain/quantity';
import { massBalance, type MassBalance } from '../../domain/recall';
import type { RecallCustomer, RecallDetail, RecallEvent, RecallListRow, RecallLotView } from '../../contract/results';
import type { Db } from '../../store/db';
import {
  contactsOf, customersByCode, listRecalls, massBalanceFigures, notificationsOf, onHandOf, recallLots, recallRootIds, returnsOf, storedStatuses,
  recallById, type RecallRecord,
} from '../../store/recalls';
import { fail } from '../../domain/errors';
import type { CallContext, Handlers } from '../kernel/context';
import { affectedByIds, type Affected } from './affected';

export function requireRecall(ctx: CallContext, recallId: string): RecallRecord {
  const recall = recallById(ctx.station.db, recallId);
  if (!recall) throw fail.notFound('errors.recall.unknown', {}, 'recallId');
  return recall;
}

function seconds(from: string, to: string | null): number | null {
  return to === null ? null : Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/** The mass balance of each root lot, in the lot's unit. */
export function massBalances(db: Db, rootIds: string[], affected?: Affected): MassBalance[] {
  const info = affected ? new Map(affected.lots.map((l) => [l.lotId, l])) : null;
  const codes = storedStatuses(db, rootIds);
  return rootIds.map((lotId) => {
    const f = massBalanceFigures(db, lotId);
    const { unaccounted, accountedPercent } = massBalance(f);
    const unit = info?.get(lotId)?.unit ?? '';
    return {
      lotId, lotCode: codes.get(lotId)?.code ?? lotId, unit,
      input: fromStored(f.input), onHand: fromStored(f.onHand), shipped: fromStored(f.shipped), returned: fromStored(f.returned),
      consumed: fromStored(f.consumed), adjusted: fromStored(f.adjusted), unaccounted: fromStored(unaccounted), accountedPercent,
    };
  });
}

export function recallDetail(db: Db, recall: RecallRecord, today: string): RecallDetail {
  const rootIds = recallRootIds(db, recall.id);
  const affected = affectedByIds(db, rootIds, today);
  const snapshot = new Map(recallLots(db, recall.id).map((l) => [l.lotId, l]));
  const onHand = onHandOf(db, affected.lots.map((l) => l.lotId));
  const lots: RecallLotView[] = affected.lots.map((l) => {
    const at = snapshot.get(l.lotId);
    return {
      lotId: l.lotId, code: l.code, sku: l.sku, itemName: l.itemName, unit: l.unit, depth: l.depth, root: l.root,
      previousStatus: at ? effectiveStatus(at.previousStatus, null, today) : l.status,
      status: l.status, onHandAtStart: fromStored(at?.onHand ?? 0), onHand: fromStored(onHand.get(l.lotId) ?? 0), held: at?.held ?? false,
    };
  });
  const lotById = new Map(lots.map((l) => [l.lotId, l]));

  const parties = customersByCode(db, [...new Set(affected.shipments.map((s) => s.customerCode).filter((c): c is string => c !== null))]);
  const contacts = contactsOf(db, [...parties.values()].map((p) => p.id));
  const notifications = notificationsOf(db, recall.id);
  const returns = returnsOf(db, recall.id);
  const customers = new Map<string, RecallCustomer>();
  for (const s of affected.shipments) {
    const party = s.customerCode ? parties.get(s.customerCode) : undefined;
    if (!party) continue;
    let c = customers.get(party.id);
    if (!c) {
      c = {
        partyId: party.id, code: party.code, name: party.name, gln: party.gln, region: party.region, channel: party.channel, shippedRegions: [], shippedChannels: [],
        contacts: contacts.get(party.id) ?? [], shipmentCount: 0, lots: [], shipments: [],
        notifications: notifications.filter((n) => n.partyId === party.id).map(({ notifiedAt, contact, method, note, recordedBy }) => ({ notifiedAt, contact, method, note, recordedBy })),
      };
      customers.set(party.id, c);
    }
    c.shipments.push({ shipmentNumber: s.shipmentNumber, shippedAt: s.shippedAt, lotId: s.lotId, lotCode: s.lotCode, quantity: s.quantity, unit: s.unit, region: s.region, channel: s.channel });
    let lot = c.lots.find((l) => l.lotId === s.lotId);
    if (!lot) c.lots.push((lot = { lotId: s.lotId, lotCode: s.lotCode, sku: lotById.get(s.lotId)?.sku ?? '', unit: s.unit, shipped: 0, returned: 0 }));
    lot.shipped = fromStored(Math.round(lot.shipped * 1000) + Math.round(s.quantity * 1000));
    if (s.region && !c.shippedRegions.includes(s.region)) c.shippedRegions.push(s.region);
    if (s.channel && !c.shippedChannels.includes(s.channel)) c.shippedChannels.push(s.channel);
  }
  for (const c of customers.values()) {
    c.shipmentCount = new Set(c.shipments.map((s) => s.shipmentNumber)).size;
    for (const l of c.lots) l.returned = fromStored(returns.filter((r) => r.partyId === c.partyId && r.lotId === l.lotId).reduce((sum, r) => sum + r.quantity, 0));
    c.lots.sort((a, b) => a.lotCode.localeCompare(b.lotCode));
  }
  const customerList = [...customers.values()].sort((a, b) => a.code.localeCompare(b.code));
  const partyCode = new Map(customerList.map((c) => [c.partyId, c.code]));

  const timeline: RecallEvent[] = [{ at: recall.startedAt, kind: 'started', who: recall.startedByName, detail: affected.roots.map((r) => r.code).join(', ') }];
  const held = lots.filter((l) => l.held).length;
  if (held > 0) timeline.push({ at: recall.startedAt, kind: 'held', who: recall.startedByName, detail: String(held) });
  for (const n of notifications) timeline.push({ at: n.notifiedAt, kind: 'notified', who: n.recordedBy, detail: `${partyCode.get(n.partyId) ?? ''} · ${n.contact} · ${n.method}` });
  for (const r of returns) {
    const lot = lotById.get(r.lotId);
    timeline.push({ at: r.at, kind: 'returned', who: r.userName, detail: `${partyCode.get(r.partyId) ?? ''} · ${lot?.code ?? ''} · ${fromStored(r.quantity)} ${lot?.unit ?? ''} → ${r.locationCode}` });
  }
  if (recall.reconciledAt) timeline.push({ at: recall.reconciledAt, kind: 'reconciled', who: recall.closedByName ?? recall.startedByName, detail: `${recall.accountedPercent ?? ''}%` });
  if (recall.closedAt) timeline.push({ at: recall.closedAt, kind: 'closed', who: recall.closedByName ?? '', detail: recall.closingNote ?? '' });
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  return {
    id: recall.id, number: recall.number, mock: recall.mock, recallClass: recall.recallClass, reason: recall.reason, status: recall.status,
    startedAt: recall.startedAt, startedBy: recall.startedByName, reconciledAt: recall.reconciledAt, durationSeconds: seconds(recall.startedAt, recall.reconciledAt),
    roots: lots.filter((l) => l.root),
    lots,
    edges: affected.edges,
    customers: customerList,
    massBalance: massBalances(db, rootIds, affected),
    timeline,
    signature: recall.closedAt && recall.signatureMeaning
      ? { meaning: recall.signatureMeaning, signer: recall.closedByName ?? '', signerUsername: recall.closedByUsername ?? '', at: recall.closedAt, note: recall.closingNote }
      : null,
    totals: {
      lots: lots.length,
      onHandLots: lots.filter((l) => l.onHand > 0).length,
      held,
      customers: customerList.length,
      notified: customerList.filter((c) => c.notifications.length > 0).length,
      shipments: new Set(affected.shipments.map((s) => s.shipmentNumber)).size,
    },
  };
}

export const recallDetailHandlers = {
  'recall.list': (ctx): RecallListRow[] =>
    listRecalls(ctx.station.db, 200).map((r) => ({
      id: r.id, number: r.number, mock: r.mock, recallClass: r.recallClass, reason: r.reason, status: r.status, rootCodes: r.rootCodes,
      startedAt: r.startedAt, startedBy: r.startedByName, reconciledAt: r.reconciledAt, durationSeconds: seconds(r.startedAt, r.reconciledAt),
      accountedPercent: r.accountedPercent, closedAt: r.closedAt,
    })),
  'recall.get': (ctx, input) => recallDetail(ctx.station.db, requireRecall(ctx, input.recallId), ctx.today),
} satisfies Partial<Handlers>;
