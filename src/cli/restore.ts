/**
 * `lotdesk restore --from FILE --db FILE [--keys FILE]`: checks the backup (integrity, schema version, audit
 * chain), moves the current database aside (never deleted), swaps the backup in, brings its schema
 * up to this LotDesk and records the restore in its trail. Stop the desk on that file first; the
 * desk's own restore (Backups screen) does that part itself.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkBackupFile } from '../app/admin/backup-check';
import { appendAudit } from '../app/kernel/audit-log';
import { chainKeys, defaultKeyPath, fileKeyStore } from '../app/kernel/chain-keys';
import { defaultCheckpointPath } from '../app/kernel/checkpoints';
import { getSetting } from '../app/kernel/settings';
import { swapInBackup } from '../store/backup-files';
import { openStation } from '../app/kernel/station';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, db: { type: 'string' }, keys: { type: 'string' } } });
  if (!values.from || !values.db) {
    console.error('lotdesk restore: --from FILE and --db FILE are required');
    return 2;
  }
  // The backup's keyed records verify with the key of the station that wrote them: the target's own
  // key file, or --keys (a desk restored on another machine brings its key file along).
  const targetKeys = fileKeyStore(defaultKeyPath(values.db));
  const keyFile = (values.keys ? fileKeyStore(values.keys) : targetKeys).load();
  const check = await checkBackupFile(values.from, { keys: keyFile ? chainKeys(keyFile) : null });
  if (!check.ok) {
    console.error(`lotdesk restore: refused, ${values.from}: ${check.problem!.replaceAll('_', ' ')}${check.detail ? ` (${check.detail})` : ''}; nothing was changed`);
    return 1;
  }
  if (keyFile && !targetKeys.load()) targetKeys.save(keyFile);
  const now = new Date();
  const aside = await swapInBackup(values.from, values.db, now, [defaultCheckpointPath(values.db)]);
  // Opened as the station (its chain keys attached): the restore's record is keyed like every other.
  const station = openStation(values.db);
  const db = station.db;
  try {
    const detail = { file: basename(values.from), movedAside: aside ? basename(aside) : '' };
    db.transaction(() =>
      appendAudit(db, { at: now.toISOString(), stationId: getSetting(db, 'station.id') ?? 'cli', userId: null, command: 'backup.restored', input: detail, result: 'ok', detail }),
    ).immediate();
  } finally {
    station.close();
  }
  console.log(`restored ${values.from} (${check.records} audit records verified) into ${values.db}`);
  console.log(aside ? `the database it replaced was moved to ${aside}` : 'there was no database at that path before');
  return 0;
}
