/**
 * What a database file's schema holds, for code that must work on older files too (an audit
 * verify of an unmigrated file, capture triggers built over a table's present columns).
 */
import type { Db } from './db';
import { statement } from './statements';

export function tableExists(db: Db, table: string): boolean {
  return statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** The column names of `table` as this file has them (empty when the table is missing). */
export function tableColumns(db: Db, table: string): Set<string> {
  return new Set((statement(db, 'SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name));
}

/** A key expression for a trigger: every column name in it (rowid included) prefixed by NEW. or OLD. */
export function keyOver(expr: string, columns: ReadonlySet<string> | readonly string[], row: 'NEW' | 'OLD'): string {
  const names = new Set([...columns, 'rowid']);
  return expr.replace(/\b[a-z_][a-z0-9_]*\b/g, (w) => (names.has(w) ? `${row}.${w}` : w));
}
