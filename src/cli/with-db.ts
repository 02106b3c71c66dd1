/** The shape of every `lotdesk <command> --db FILE` maintenance command: open, run, always close. */
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../store/db';

export async function withDb(command: string, args: string[], body: (db: Db) => number | Promise<number>): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  if (!values.db) {
    console.error(`lotdesk ${command}: --db FILE is required`);
    return 2;
  }
  const db = openDatabase(values.db);
  try {
    return await body(db);
  } finally {
    db.close();
  }
}
