/**
 * SQL of recalls (issue 16, migration 018): the recall and its roots, the affected lots it found,
 * customers notified, returns received, and the figures of a root lot's mass balance. Records
 * come back camelCase with stored quantities (thousandths).
 */
import type { Db } from './db';
import { newId } from './ids';
import { statement } from './statements';
import type { StoredLotStatus } from '../domain/lot-status';
import type { MassBalanceFigures, NotifyMethod, RecallClass, RecallFacts } from '../domain/recall';

export interface RecallRecord extends RecallFacts {
  startedBy: string;
  startedByName: string;
  accountedPercent: number | null;
  closedAt: string | null;
  closedByName: string | null;
  closedByUsername: string | null;
  signatureMeaning: string | null;
  closingNote: string | null;
}

const RECALL_SELECT = `SELECT r.id, r.number, r.mock, r.class AS recallClass, r.reason, r.status, r.started_at AS startedAt, r.started_by AS startedBy,
  su.display_name AS startedByName, r.reconciled_at AS reconciledAt, r.accounted_percent AS accountedPercent, r.closed_at AS closedAt,
  cu.display_name AS closedByName, cu.username AS closedByUsername, r.signature_meaning AS signatureMeaning, r.closing_note AS closingNote
  FROM recalls r JOIN users su ON su.id = r.started_by LEFT JOIN users cu ON cu.id = r.closed_by`;

type StoredRecall = Omit<RecallRecord, 'mock'> & { mock: number };

function toRecall(r: StoredRecall): RecallRecord {
  return { ...r, mock: r.mock === 1 };
}

export function insertRecall(db: Db, r: { id: string; number: string; mock: boolean; recallClass: RecallClass; reason: string; at: string; userId: string; rootLotIds: string[] }): void {
  statement(db, `INSERT INTO recalls (id, number, mock, class, reason, status, started_at, started_by) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`).run(
    r.id, r.number, r.mock ? 1 : 0, r.recallClass, r.reason, r.at, r.userId,
  );
  const root = statement(db, 'INSERT INTO recall_roots (recall_id, lot_id) VALUES (?, ?)');
  for (const lotId of r.rootLotIds) root.run(r.id, lotId);
}

export function insertRecallLot(db: Db, recallId: string, l: { lotId: string; depth: number; onHand: number; previousStatus: StoredLotStatus; held: boolean }): void {
  statement(db, 'INSERT INTO recall_lots (recall_id, lot_id, depth, on_hand, previous_status, held) VALUES (?, ?, ?, ?, ?, ?)').run(
    recallId, l.lotId, l.depth, l.onHand, l.previousStatus, l.held ? 1 : 0,
  );
}

export function markRecallLotHeld(db: Db, recallId: string, lotId: string): void {
  statement(db, 'UPDATE recall_lots SET held = 1 WHERE recall_id = ? AND lot_id = ?').run(recallId, lotId);
}

/** A lot's stored status goes to another value through this one statement (the item_stock trigger regroups its stock). */
export function setLotStatus(db: Db, lotId: string, status: StoredLotStatus): void {
  statement(db, 'UPDATE lots SET status = ? WHERE id = ?').run(status, lotId);
}

export function storedStatuses(db: Db, lotIds: string[]): Map<string, { code: string; status: StoredLotStatus }> {
  const rows = statement(db, 'SELECT id, code, status FROM lots WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(lotIds)) as { id: string; code: string; status: StoredLotStatus }[];
  return new Map(rows.map((r) => [r.id, { code: r.code, status: r.status }]));
}

/** Stock on hand per lot (every bin, staging included), stored quantity; lots without stock are absent. */
export function onHandOf(db: Db, lotIds: string[]): Map<string, number> {
  const rows = statement(db, 'SELECT lot_id AS lotId, SUM(quantity) AS quantity FROM balances WHERE lot_id IN (SELECT value FROM json_each(?)) GROUP BY lot_id').all(JSON.stringify(lotIds)) as { lotId: string; quantity: number }[];
  return new Map(rows.map((r) => [r.lotId, r.quantity]));
}

/** Open recalls that have one of these lots as a root. */
export function openRecallsOfRoots(db: Db, lotIds: string[]): { lotId: string; number: string; mock: boolean }[] {
  const rows = statement(
    db,
    `SELECT rr.lot_id AS lotId, r.number, r.mock FROM recall_roots rr JOIN recalls r ON r.id = rr.recall_id
     WHERE r.status = 'open' AND rr.lot_id IN (SELECT value FROM json_each(?)) ORDER BY r.started_at`,
  ).all(JSON.stringify(lotIds)) as { lotId: string; number: string; mock: number }[];
  return rows.map((r) => ({ ...r, mock: r.mock === 1 }));
}

export function recallById(db: Db, id: string): RecallRecord | null {
  const row = statement(db, `${RECALL_SELECT} WHERE r.id = ?`).get(id) as StoredRecall | undefined;
  return row ? toRecall(row) : null;
}

export function listRecalls(db: Db, limit: number): (RecallRecord & { rootCodes: string[] })[] {
  const rows = statement(
    db,
    `${RECALL_SELECT.replace('FROM recalls r', `, (SELECT json_group_array(l.code) FROM recall_roots rr JOIN lots l ON l.id = rr.lot_id WHERE rr.recall_id = r.id) AS roots FROM recalls r`)}
     ORDER BY r.started_at DESC, r.number DESC LIMIT ?`,
  ).all(limit) as (StoredRecall & { roots: string })[];
  return rows.map(({ roots, ...r }) => ({ ...toRecall(r), rootCodes: (JSON.parse(roots) as string[]).sort() }));
}

export function recallRootIds(db: Db, recallId: string): string[] {
  return (statement(db, 'SELECT lot_id AS lotId FROM recall_roots WHERE recall_id = ? ORDER BY lot_id').all(recallId) as { lotId: string }[]).map((r) => r.lotId);
}

export interface RecallLotRecord {
  lotId: string;
  depth: number;
  onHand: number;
  previousStatus: StoredLotStatus;
  held: boolean;
}

export function recallLots(db: Db, recallId: string): RecallLotRecord[] {
  const rows = statement(db, 'SELECT lot_id AS lotId, depth, on_hand AS onHand, previous_status AS previousStatus, held FROM recall_lots WHERE recall_id = ?').all(recallId) as (Omit<RecallLotRecord, 'held'> & { held: number })[];
  return rows.map((r) => ({ ...r, held: r.held === 1 }));
}

export interface PartyRecord {
  id: string;
  code: string;
  name: string;
  gln: string | null;
  region: string | null;
  channel: string | null;
}

export function customersByCode(db: Db, codes: string[]): Map<string, PartyRecord> {
  const rows = statement(db, "SELECT id, code, name, gln, region, channel FROM parties WHERE kind = 'customer' AND code IN (SELECT value FROM json_each(?))").all(JSON.stringify(codes)) as PartyRecord[];
  return new Map(rows.map((r) => [r.code, r]));
}

export interface ContactRecord {
  kind: 'gln' | 'region' | 'phone' | 'email' | 'person';
  value: string;
}

/** The contacts of each party in two reads for all of them: its GLN and region, then its people (party_contacts) with phone and e-mail. */
export function contactsOf(db: Db, partyIds: string[]): Map<string, ContactRecord[]> {
  const ids = JSON.stringify(partyIds);
  const rows = statement(db, 'SELECT id, gln, region FROM parties WHERE id IN (SELECT value FROM json_each(?))').all(ids) as { id: string; gln: string | null; region: string | null }[];
  const people = statement(db, 'SELECT party_id, name, phone, email, role FROM party_contacts WHERE party_id IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(ids) as {
    party_id: string;
    name: string;
    phone: string | null;
    email: string | null;
    role: string | null;
  }[];
  const out = new Map<string, ContactRecord[]>();
  for (const r of rows) {
    const list: ContactRecord[] = [];
    if (r.gln) list.push({ kind: 'gln', value: r.gln });
    if (r.region) list.push({ kind: 'region', value: r.region });
    out.set(r.id, list);
  }
  for (const p of people) {
    const list = out.get(p.party_id);
    if (!list) continue;
    list.push({ kind: 'person', value: p.role ? `${p.name} (${p.role})` : p.name });
    if (p.phone) list.push({ kind: 'phone', value: p.phone });
    if (p.email) list.push({ kind: 'email', value: p.email });
  }
  return out;
}

export interface NotificationRecord {
  partyId: string;
  notifiedAt: string;
  contact: string;
  method: NotifyMethod;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

export function insertNotification(db: Db, n: { recallId: string; partyId: string; notifiedAt: string; contact: string; method: NotifyMethod; note: string | null; at: string; userId: string }): string {
  const id = newId();
  statement(
    db,
    'INSERT INTO recall_notifications (id, recall_id, party_id, notified_at, contact, method, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, n.recallId, n.partyId, n.notifiedAt, n.contact, n.method, n.note, n.at, n.userId);
  return id;
}

export function notificationsOf(db: Db, recallId: string): NotificationRecord[] {
  return statement(
    db,
    `SELECT n.party_id AS partyId, n.notified_at AS notifiedAt, n.contact, n.method, n.note, n.recorded_at AS recordedAt, u.display_name AS recordedBy
     FROM recall_notifications n JOIN users u ON u.id = n.recorded_by WHERE n.recall_id = ? ORDER BY n.notified_at, n.recorded_at`,
  ).all(recallId) as NotificationRecord[];
}

export interface ReturnRecord {
  partyId: string;
  lotId: string;
  quantity: number;
  locationCode: string;
  at: string;
  userName: string;
}

export function insertReturn(db: Db, r: { recallId: string; partyId: string; lotId: string; quantity: number; locationId: string; movementId: string; at: string; userId: string }): string {
  const id = newId();
  statement(db, 'INSERT INTO recall_returns (id, recall_id, party_id, lot_id, quantity, location_id, movement_id, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    id, r.recallId, r.partyId, r.lotId, r.quantity, r.locationId, r.movementId, r.at, r.userId,
  );
  return id;
}

export function returnsOf(db: Db, recallId: string): ReturnRecord[] {
  return statement(
    db,
    `SELECT r.party_id AS partyId, r.lot_id AS lotId, r.quantity, loc.code AS locationCode, r.at, u.display_name AS userName
     FROM recall_returns r JOIN locations loc ON loc.id = r.location_id JOIN users u ON u.id = r.user_id WHERE r.recall_id = ? ORDER BY r.at`,
  ).all(recallId) as ReturnRecord[];
}

/** Returned so far of a lot by a customer, over every recall (a second recall of the same lot must not count a return twice). */
export function returnedByParty(db: Db, partyId: string, lotId: string): number {
  return (statement(db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM recall_returns WHERE party_id = ? AND lot_id = ?').get(partyId, lotId) as { q: number }).q;
}

export function locationForReturn(db: Db, id: string): { id: string; code: string; quarantine: boolean; active: boolean } | null {
  const row = statement(db, 'SELECT id, code, quarantine, active FROM locations WHERE id = ?').get(id) as { id: string; code: string; quarantine: number; active: number } | undefined;
  return row ? { id: row.id, code: row.code, quarantine: row.quarantine === 1, active: row.active === 1 } : null;
}

/**
 * A root lot's mass-balance figures, each from its own record: what came in and went into other
 * lots or adjustments from the movements ledger (recall returns set apart), what was shipped from
 * the shipment documents, what is on hand from the balances.
 */
export function massBalanceFigures(db: Db, lotId: string): MassBalanceFigures {
  const ledger = statement(
    db,
    `SELECT
       COALESCE(SUM(CASE WHEN m.from_location_id IS NULL AND m.kind IN ('receive', 'produce', 'split', 'merge') AND rr.id IS NULL THEN m.quantity END), 0) AS input,
       COALESCE(SUM(CASE WHEN rr.id IS NOT NULL THEN m.quantity END), 0) AS returned,
       COALESCE(SUM(CASE WHEN m.to_location_id IS NULL AND m.kind IN ('consume', 'split', 'merge') THEN m.quantity END), 0) AS consumed,
       COALESCE(SUM(CASE WHEN m.kind = 'adjust' AND m.to_location_id IS NULL THEN m.quantity WHEN m.kind = 'adjust' AND m.from_location_id IS NULL THEN -m.quantity END), 0) AS adjusted
     FROM movements m LEFT JOIN recall_returns rr ON rr.movement_id = m.id WHERE m.lot_id = ?`,
  ).get(lotId) as { input: number; returned: number; consumed: number; adjusted: number };
  const shipped = statement(
    db,
    `SELECT COALESCE(SUM(dl.quantity), 0) AS q FROM document_lines dl JOIN documents d ON d.id = dl.document_id AND d.kind = 'shipment' WHERE dl.lot_id = ?`,
  ).get(lotId) as { q: number };
  const onHand = statement(db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM balances WHERE lot_id = ?').get(lotId) as { q: number };
  return { ...ledger, shipped: shipped.q, onHand: onHand.q };
}

export function setReconciled(db: Db, recallId: string, at: string, userId: string, accountedPercent: number): void {
  statement(db, 'UPDATE recalls SET reconciled_at = ?, reconciled_by = ?, accounted_percent = ? WHERE id = ? AND reconciled_at IS NULL').run(at, userId, accountedPercent, recallId);
}

export function setClosed(db: Db, recallId: string, c: { at: string; userId: string; meaning: string; note: string | null }): void {
  statement(db, "UPDATE recalls SET status = 'closed', closed_at = ?, closed_by = ?, signature_meaning = ?, closing_note = ? WHERE id = ?").run(c.at, c.userId, c.meaning, c.note, recallId);
}

export function customerById(db: Db, id: string): PartyRecord | null {
  return (statement(db, "SELECT id, code, name, gln, region, channel FROM parties WHERE id = ? AND kind = 'customer'").get(id) as PartyRecord | undefined) ?? null;
}

/** Codes of the customers this recall has notified at least once. */
export function notifiedCustomerCodes(db: Db, recallId: string): Set<string> {
  const rows = statement(db, 'SELECT DISTINCT p.code FROM recall_notifications n JOIN parties p ON p.id = n.party_id WHERE n.recall_id = ?').all(recallId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}
