/** What the newest audit record of a command says it changed (audit.changes, migration 017). */
import type { Db } from '../../src/store/db';

export type Change = { object: string; objectId: string; label: string; field: string; before: unknown; after: unknown };

export function lastChanges(db: Db, command: string): Change[] {
  const row = db.prepare('SELECT changes FROM audit WHERE command = ? ORDER BY seq DESC LIMIT 1').get(command) as { changes: string | null } | undefined;
  return row?.changes ? (JSON.parse(row.changes) as Change[]) : [];
}
