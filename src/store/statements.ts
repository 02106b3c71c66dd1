/**
 * Prepared statements kept per database: compiling SQL costs more than running it on the hot
 * paths (allocating a 200-line order, a pick scan), so each text is prepared once per connection.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
