/**
 * better-sqlite3 must match Electron's ABI inside the app while tests use the Node build.
 * `npm run electron:sqlite` builds the Electron copy into build/electron/; the app passes it to
 * better-sqlite3 as `nativeBinding` and never touches the Node build in node_modules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronSqliteBinding(appPath: string, resourcesPath: string): string | undefined {
  const candidates = [
    process.env.LOTDESK_SQLITE_BINDING,
    join(resourcesPath, 'native', 'better_sqlite3.node'), // packaged app
    join(appPath, 'build', 'electron', 'better_sqlite3.node'), // npm start from the repo
  ];
  return candidates.find((p): p is string => !!p && existsSync(p));
}
