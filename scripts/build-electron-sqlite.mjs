#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into build/electron/better_sqlite3.node, leaving the
 * Node build in node_modules for tests and the CLI. main/ hands the file to better-sqlite3 as
 * `nativeBinding`. Needs Electron's headers (downloaded by node-gyp once, on a machine with
 * internet access); skipped when the file is already there.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'build', 'electron', 'better_sqlite3.node');
if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`electron sqlite binding present: ${target}`);
  process.exit(0);
}
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'lotdesk-electron-sqlite-'));
try {
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
  execFileSync(
    process.execPath,
    [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
    { cwd: work, stdio: 'inherit' },
  );
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`built ${target} for Electron ${electronVersion}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
