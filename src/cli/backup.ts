/**
 * `lotdesk backup --db FILE --out DIR [--keep-days N]`: an online backup of a station database
 * (the desk may keep working on it) with its manifest, then, with --keep-days, the retention.
 * The database is opened read-only and must exist: a mistyped path is an error, not a new file.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { makeBackup, pruneBackups } from '../store/backup-files';

function stationLabel(db: Database.Database): string {
  const get = (key: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  return get('station.name') ?? get('station.site') ?? get('station.id') ?? 'station';
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' }, 'keep-days': { type: 'string' } } });
  if (!values.db || !values.out) {
    console.error('lotdesk backup: --db FILE and --out DIR are required');
    return 2;
  }
  const keepDays = values['keep-days'] === undefined ? null : Number(values['keep-days']);
  if (keepDays !== null && !(Number.isInteger(keepDays) && keepDays >= 1)) {
    console.error('lotdesk backup: --keep-days must be a whole number of days, 1 or more');
    return 2;
  }
  if (!existsSync(values.db)) {
    console.error(`lotdesk backup: no database at ${values.db}`);
    return 1;
  }
  const db = new Database(values.db, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const now = new Date();
    const m = await makeBackup(db, { dir: values.out, station: stationLabel(db), now });
    console.log(`backup ${m.file}: ${m.size} bytes, sha256 ${m.sha256}, schema ${m.userVersion}, audit head #${m.audit.seq}`);
    if (keepDays !== null) {
      const gone = await pruneBackups(values.out, keepDays, now);
      if (gone.length > 0) console.log(`removed ${gone.length} backup(s) older than ${keepDays} days: ${gone.join(', ')}`);
    }
    return 0;
  } finally {
    db.close();
  }
}
