/**
 * Applying central changes to the desk's tables (issue 20, pull). Call inside one SQLite
 * transaction per page (puller.ts), which also records each change in `sync_applied`, moves the
 * cursor and appends one audit record `sync.apply`: the rows written here are facts of the keyed
 * chain like any other (audit verify would name them unrecorded otherwise).
 *
 * Master data bodies are the desk's own rows (snake_case columns, as a row event carries them):
 * the columns the desk's table has are written, others ignored, so a newer centre with more
 * columns is read by an older desk. Lot status goes through the one lot-status model: the stored
 * status of the lot, which every stock-moving command checks (domain/lot-status.ts).
 */
import type { Db } from '../store/db';
import { statement } from '../store/statements';
import { tableColumns } from '../store/table-info';
import { setLotStatus } from '../store/recalls';
import type { StoredLotStatus } from '../domain/lot-status';
import { LotStatusBodySchema, type Change, type OrderKind } from '../sync-protocol/messages';
import type { AuditChange } from '../app/kernel/audit-log';
import { applyOrder, retryParkedOrders } from './apply-orders';
import { parkChange, parkedChange, parkedOfKinds, sameBody, unpark } from '../store/sync-parked';
import { applyQcPlan } from './apply-qc-plan';

/** Where each kind of central master data lands on the desk, and how its key names a row (orders: apply-orders.ts, QC plans: apply-qc-plan.ts). */
const TABLES: Record<Exclude<Change['kind'], 'lot_status' | 'qc_plan' | OrderKind>, { table: string; keys: readonly string[]; updateOnly?: boolean }> = {
  item: { table: 'items', keys: ['id'] },
  party: { table: 'parties', keys: ['id'] },
  location: { table: 'locations', keys: ['id'] },
  // A user authored centrally has no secret the desk could check: the desk updates the users it has
  // (role, name, active) and never creates one without a PIN or password set at the desk.
  user: { table: 'users', keys: ['id'], updateOnly: true },
  bom: { table: 'bom_components', keys: ['item_id', 'component_item_id'] },
};

const NEVER_WRITTEN = new Set(['secret_hash', 'signing_hash', 'secret_kind']);

export interface ApplyOutcome {
  applied: number;
  skipped: number;
  changes: AuditChange[];
}

function keyValues(keys: readonly string[], key: string): string[] {
  return keys.length === 1 ? [key] : key.split('/');
}

function applyMaster(db: Db, change: Change, at: string): boolean {
  const target = TABLES[change.kind as keyof typeof TABLES];
  if (!target) return false;
  const where = target.keys.map((k) => `${k} = ?`).join(' AND ');
  const keyVals = keyValues(target.keys, change.key);
  if (change.body === null) {
    if (target.updateOnly) return statement(db, `UPDATE ${target.table} SET active = 0 WHERE ${where}`).run(...keyVals).changes > 0;
    return statement(db, `DELETE FROM ${target.table} WHERE ${where}`).run(...keyVals).changes > 0;
  }
  const have = tableColumns(db, target.table);
  const body: Record<string, unknown> = { ...change.body };
  target.keys.forEach((k, i) => (body[k] = keyVals[i]));
  // A row the centre authored carries no desk creation time (an ERP's item): it was created here, now.
  if (have.has('created_at') && body.created_at === undefined) body.created_at = at;
  const cols = Object.keys(body).filter((c) => have.has(c) && !NEVER_WRITTEN.has(c));
  const values = cols.map((c) => (typeof body[c] === 'boolean' ? (body[c] ? 1 : 0) : (body[c] as unknown)));
  const sets = cols.filter((c) => !target.keys.includes(c));
  // An existing row is updated with what the body names (a body may be partial); a new one inserted whole.
  const exists = statement(db, `SELECT 1 FROM ${target.table} WHERE ${where}`).get(...keyVals) !== undefined;
  if (exists || target.updateOnly) {
    if (!exists || sets.length === 0) return false;
    return statement(db, `UPDATE ${target.table} SET ${sets.map((c) => `${c} = ?`).join(', ')} WHERE ${where}`).run(...sets.map((c) => values[cols.indexOf(c)]), ...keyVals).changes > 0;
  }
  statement(db, `INSERT INTO ${target.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
  return true;
}

/**
 * A central hold or recall sets the lot's stored status; a central release lifts only what the
 * centre can have put there (on hold, recalled): it never releases a lot QC still holds in quarantine.
 */
function applyLotStatus(db: Db, change: Change, out: AuditChange[]): boolean {
  const parsed = LotStatusBodySchema.safeParse(change.body);
  if (!parsed.success) return false;
  const { lotId, status } = parsed.data;
  const lot = statement(db, 'SELECT code, status FROM lots WHERE id = ?').get(lotId) as { code: string; status: StoredLotStatus } | undefined;
  if (!lot) return false;
  const next: StoredLotStatus | null = status === 'released' ? (lot.status === 'on_hold' || lot.status === 'recalled' ? 'released' : null) : status;
  if (next === null || next === lot.status) return false;
  setLotStatus(db, lotId, next);
  out.push({ object: 'lot', objectId: lotId, label: lot.code, field: 'status', before: lot.status, after: next });
  return true;
}

/**
 * Applies one change. A change that cannot be applied here (a lot this desk never had, a bin of a
 * zone it lacks) is skipped — in a savepoint, so it leaves nothing half-written — but still counted
 * as applied: the page must not stop on it forever.
 */
export function applyChange(db: Db, change: Change, outcome: ApplyOutcome, at: string): void {
  // The same version parked already (a re-read): refused and recorded once. A newer one replaces
  // it (and is parked again below if it is refused too).
  const parked = isParkable(change) ? parkedChange(db, change.kind, change.key) : undefined;
  if (parked && sameBody(parked, change)) {
    outcome.skipped++;
    return;
  }
  if (parked) unpark(db, change.kind, change.key);
  const apply = (): boolean => {
    if (change.kind === 'lot_status') return applyLotStatus(db, change, outcome.changes);
    if (isOrder(change)) return applyOrder(db, change, at, outcome.changes);
    if (change.kind === 'qc_plan') return applyQcPlan(db, change, at, outcome.changes);
    return applyMaster(db, change, at);
  };
  try {
    const done = db.transaction(apply)();
    if (done) outcome.applied++;
    else outcome.skipped++;
    // An item or party that arrived: the orders parked waiting for it, in this page's transaction.
    if (done && isParkable(change)) retryParkedOrders(db, [change.key], at, outcome.changes);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CONSTRAINT')) throw err;
    outcome.skipped++;
    // An item or party a desk row's SKU / code refused (the desk's own TEA-250): kept, and tried
    // again when the desk writes an item or party (retryAfterDeskWrite), e.g. renames its own.
    if (isParkable(change) && change.body !== null) {
      parkChange(db, change.kind, change.key, change, 'taken', [], at);
      outcome.changes.push({ object: change.kind, objectId: change.key, label: labelOf(change), field: 'syncRefused', before: null, after: 'taken' });
    }
  }
}

const isParkable = (c: Change): c is Change & { kind: 'item' | 'party' } => c.kind === 'item' || c.kind === 'party';
const labelOf = (c: Change) => String(c.body?.sku ?? c.body?.code ?? c.key);

/**
 * After the desk wrote an item or party (a command, in its transaction): the central items and
 * parties parked because a desk row held their SKU or code are tried again, then the orders parked
 * waiting for any of them or for `written`. What was applied is in `out` (`syncRetried` and the
 * rows' changes) — the command's own audit record says it.
 */
export function retryAfterDeskWrite(db: Db, written: readonly string[], at: string, out: AuditChange[]): void {
  const arrived = [...written];
  for (const p of parkedOfKinds(db, ['item', 'party'])) {
    const change = JSON.parse(p.change) as Change;
    unpark(db, p.kind, p.key);
    try {
      if (!db.transaction(() => applyMaster(db, change, at))()) continue;
    } catch (err) {
      if (!String((err as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw err;
      parkChange(db, p.kind, p.key, change, p.reason, [], at);
      continue;
    }
    arrived.push(change.key);
    out.push({ object: change.kind, objectId: change.key, label: labelOf(change), field: 'syncRetried', before: p.reason, after: 'applied' });
  }
  retryParkedOrders(db, arrived, at, out);
}

const isOrder = (c: Change): c is Change & { kind: OrderKind } => c.kind === 'purchase_order' || c.kind === 'sales_order';

export function newOutcome(): ApplyOutcome {
  return { applied: 0, skipped: 0, changes: [] };
}
