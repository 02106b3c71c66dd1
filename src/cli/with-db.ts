/**
 * The shape of every `lotdesk <command> --db FILE` maintenance command: open, run, always close.
 * A path that does not exist is refused (opening it would create an empty database that then
 * "verifies" or "traces" as nothing); `readonly` opens the file without writing a byte to it.
 */
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Db } from '../store/db';
import { dropTraceIndex } from '../store/trace-index';

export interface WithDbOptions {
  readonly?: boolean;
  /** Further options of the command, beside --db. */
  options?: ParseArgsConfig['options'];
}

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export async function withDb(command: string, args: string[], body: (db: Db, values: CliValues, file: string) => number | Promise<number>, o: WithDbOptions = {}): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, ...o.options } });
  const file = values.db;
  if (typeof file !== 'string' || !file) {
    console.error(`lotdesk ${command}: --db FILE is required`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`lotdesk ${command}: no database at ${file}`);
    return 2;
  }
  let db: Db;
  try {
    db = openDatabase(file, { readonly: o.readonly ?? false });
  } catch (err) {
    console.error(`lotdesk ${command}: cannot open ${file}: ${(err as Error).message}`);
    return 2;
  }
  try {
    return await body(db, values as CliValues, file);
  } finally {
    dropTraceIndex(db); // a trace's reader row goes with it (the change log is pruned past it)
    db.close();
  }
}
