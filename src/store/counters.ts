import type { Db } from './db';
import { statement } from './statements';

/** Next value of a named counter; call inside the command's write transaction so it is gap-free and race-free. */
export function nextCounterValue(db: Db, name: string): number {
  const row = statement(db, 'INSERT INTO counters(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
    .get(name) as { value: number };
  return row.value;
}
