/**
 * Reading the audit trail (issue 15): the Audit screen's filters, newest first, one page at a
 * time by seq (keyset: `before` is the last seq a page showed). Each filter walks an index in
 * seq order, so a page costs the same over a thousand records or a million:
 * user → audit_user_seq, command → audit_command_seq, both → audit_user_command_seq, refused → audit_refused,
 * object kind → audit_objects_seq, object label → audit_objects_label, object id → its primary key,
 * and a date range becomes a seq window found through audit_at (two probes), checked on `at` too.
 */
import type { Db } from './db';
import { statement } from './statements';

export interface AuditFilter {
  userId?: string;
  command?: string;
  /** Instants, `from` included and `to` not. */
  from?: string;
  to?: string;
  object?: string;
  objectLabel?: string;
  objectId?: string;
  result?: 'ok' | 'refused';
  /** Only records older than this seq (the last seq of the page before). */
  before?: number;
  limit: number;
}

export interface AuditRecordRow {
  seq: number;
  at: string;
  userId: string | null;
  user: string | null;
  command: string;
  result: string;
  detail: string | null;
  changes: string | null;
}

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  user: string | null;
  command: string;
  result: string;
  detail: string | null;
  changes: string | null;
}

/**
 * The seq window of a date range. The trail's `at` follows its seq (one database, appended in
 * immediate transactions), so the first record at or after `from` and the last before `to` bound it;
 * the records in the window are checked on `at` as well. Null when no record falls in the range.
 */
function seqWindow(db: Db, from: string | undefined, to: string | undefined): { lo: number; hi: number } | null {
  let lo = 1;
  let hi = Number.MAX_SAFE_INTEGER;
  if (from !== undefined) {
    const r = statement(db, 'SELECT seq FROM audit WHERE at >= ? ORDER BY at, seq LIMIT 1').get(from) as { seq: number } | undefined;
    if (!r) return null;
    lo = r.seq;
  }
  if (to !== undefined) {
    const r = statement(db, 'SELECT seq FROM audit WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1').get(to) as { seq: number } | undefined;
    if (!r) return null;
    hi = r.seq;
  }
  return lo <= hi ? { lo, hi } : null;
}

/** The SQL and parameters of one page; exported so a test and the benchmark read its query plan. */
export function auditSearchSql(db: Db, f: AuditFilter): { sql: string; params: Record<string, unknown> } | null {
  const window = seqWindow(db, f.from, f.to);
  if (!window) return null;
  const hi = Math.min(window.hi, (f.before ?? Number.MAX_SAFE_INTEGER) - 1);
  const params: Record<string, unknown> = { lo: window.lo, hi, limit: f.limit };
  const where: string[] = [];
  const add = (sql: string, name: string, value: unknown): void => {
    where.push(sql);
    params[name] = value;
  };
  if (f.userId !== undefined) add('a.user_id = @userId', 'userId', f.userId);
  if (f.command !== undefined) add('a.command = @command', 'command', f.command);
  if (f.from !== undefined) add('a.at >= @from', 'from', f.from);
  if (f.to !== undefined) add('a.at < @to', 'to', f.to);
  if (f.result === 'ok') where.push("a.result = 'ok'");
  // Written as the partial index's own condition, so the planner may use it.
  if (f.result === 'refused') where.push("a.result <> 'ok'");
  const columns = 'a.seq, a.at, a.user_id, u.display_name AS user, a.command, a.result, a.detail, a.changes';
  if (f.object !== undefined) {
    // Driven by the objects list in seq order; a record touching several objects of the kind is one row.
    const on: string[] = ['o.object = @object', 'o.seq >= @lo', 'o.seq <= @hi'];
    params.object = f.object;
    if (f.objectLabel !== undefined) {
      on.push('o.label = @label');
      params.label = f.objectLabel;
    }
    if (f.objectId !== undefined) {
      on.push('o.object_id = @objectId');
      params.objectId = f.objectId;
    }
    return {
      sql: `SELECT ${columns} FROM audit_objects o JOIN audit a ON a.seq = o.seq LEFT JOIN users u ON u.id = a.user_id
            WHERE ${[...on, ...where].join(' AND ')} GROUP BY o.seq ORDER BY o.seq DESC LIMIT @limit`,
      params,
    };
  }
  // One user's records of one command: the index of both, named, as the planner without statistics
  // would take the command's and read every other user's records of it.
  const both = f.userId !== undefined && f.command !== undefined ? 'INDEXED BY audit_user_command_seq' : '';
  return {
    sql: `SELECT ${columns} FROM audit a ${both} LEFT JOIN users u ON u.id = a.user_id
          WHERE ${['a.seq >= @lo', 'a.seq <= @hi', ...where].join(' AND ')} ORDER BY a.seq DESC LIMIT @limit`,
    params,
  };
}

export function searchAudit(db: Db, f: AuditFilter): AuditRecordRow[] {
  const q = auditSearchSql(db, f);
  if (!q) return [];
  return (statement(db, q.sql).all(q.params) as Row[]).map((r) => ({
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    user: r.user,
    command: r.command,
    result: r.result,
    detail: r.detail,
    changes: r.changes,
  }));
}

/** The query plan of one page (EXPLAIN QUERY PLAN details): what the test and the benchmark check for an index. */
export function auditSearchPlan(db: Db, f: AuditFilter): string[] {
  const q = auditSearchSql(db, f);
  if (!q) return [];
  return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => r.detail);
}

/** The newest records, for `audit.recent`. */
export function recentAudit(db: Db, limit: number): AuditRecordRow[] {
  return searchAudit(db, { limit });
}
