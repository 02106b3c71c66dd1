/**
 * `lotdesk audit checkpoint --db FILE [--keys FILE] [--out FILE] [--lang en|zh-CN]`: signs the
 * chain's head now with the station key, adds it to the data folder's checkpoint file and prints
 * it (or writes it to --out) for the manager to print or file. Reads the database only.
 */
import { writeFileSync } from 'node:fs';
import { attachChain } from '../app/kernel/chain-anchor';
import { checkpointText, defaultCheckpointPath, writeCheckpoint } from '../app/kernel/checkpoints';
import { getSetting } from '../app/kernel/settings';
import { loadKeys, localeOf } from './audit-verify';
import { withDb } from './with-db';

export async function run(args: string[]): Promise<number> {
  return withDb(
    'audit checkpoint',
    args,
    (db, values, file) => {
      const { keys, where } = loadKeys(file, values);
      if (!keys) {
        console.error(`lotdesk audit checkpoint: no station key at ${where}; give it with --keys FILE`);
        return 1;
      }
      attachChain(db, { keys, where, checkpointFile: defaultCheckpointPath(file), stationId: getSetting(db, 'station.id') ?? 'unknown' });
      const c = writeCheckpoint(db, new Date());
      if (!c) {
        console.error('lotdesk audit checkpoint: the audit trail is empty');
        return 1;
      }
      const text = checkpointText(c, localeOf(values));
      if (typeof values.out === 'string') writeFileSync(values.out, text);
      else process.stdout.write(text);
      return 0;
    },
    { readonly: true, options: { keys: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } } },
  );
}
