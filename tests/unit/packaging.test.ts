/**
 * Packaging (issue 18), checked on paper where electron-builder cannot run here (it needs the
 * Electron binary download): electron-builder.json targets Windows NSIS and Linux AppImage + deb,
 * never rebuilds or downloads a native module, unpacks every .node file from the asar, ships the
 * Electron-ABI better-sqlite3 where main/native-binding.ts looks for it and leaves the Node build
 * out; the N-API modules (node-hid, serialport) load in Electron as installed; nothing the main
 * process imports is left out of the package.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronSqliteBinding } from '../../main/native-binding';
import { ROOT } from '../support/cli';

interface BuilderConfig {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  buildDependenciesFromSource: boolean;
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[] };
}

const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', path), 'utf8')) as Record<string, unknown>;

describe('electron-builder configuration', () => {
  it('builds Windows NSIS and Linux AppImage and deb installers', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });

  it('packages the built app, its resources and the main entry', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']));
    expect(pkg.main.replace(/^\.\//, '')).toMatch(/^out\//);
  });

  it('never compiles or downloads a native module while packaging', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('unpacks native modules from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the Electron build of better-sqlite3 where the app looks for it, and not the Node build', () => {
    const extra = config.extraResources.find((r) => r.to.endsWith('better_sqlite3.node'))!;
    expect(extra).toEqual({ from: 'build/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    // The script that builds it writes exactly that file.
    expect(readFileSync(join(ROOT, 'scripts/build-electron-sqlite.mjs'), 'utf8')).toContain("join(root, 'build', 'electron', 'better_sqlite3.node')");
    expect(config.files).toContain('!node_modules/better-sqlite3/build/**');
    // A packaged app (resourcesPath) finds it there.
    const resources = mkdtempSync(join(tmpdir(), 'lotdesk-resources-'));
    try {
      mkdirSync(join(resources, 'native'));
      writeFileSync(join(resources, extra.to), '');
      expect(electronSqliteBinding(join(resources, 'app.asar'), resources)).toBe(join(resources, 'native', 'better_sqlite3.node'));
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  });

  it('relies on N-API prebuilds for node-hid and serialport, which load in Electron unchanged', () => {
    expect((readJson('node-hid/package.json').binary as { napi_versions: number[] }).napi_versions.length).toBeGreaterThan(0);
    expect(readdirSync(join(ROOT, 'node_modules/node-hid/prebuilds/HID-win32-x64'))).toEqual(expect.arrayContaining([expect.stringMatching(/napi.*\.node$/)]));
    expect((readJson('@serialport/bindings-cpp/package.json').binary as { napi_versions: number[] }).napi_versions.length).toBeGreaterThan(0);
    expect(readdirSync(join(ROOT, 'node_modules/@serialport/bindings-cpp/prebuilds'))).toEqual(expect.arrayContaining(['win32-x64', 'linux-x64']));
  });

  it('leaves out only packages the main process does not import', () => {
    const excluded = config.files
      .filter((f) => f.startsWith('!node_modules/{'))
      .flatMap((f) => f.slice('!node_modules/{'.length, f.indexOf('}')).split(','));
    expect(excluded).toEqual(expect.arrayContaining(['tsx', 'esbuild', 'echarts']));
    const sources = ['src', 'main'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
    );
    for (const name of excluded) {
      const imported = sources.some((s) => new RegExp(`from '${name}(/[^']*)?'|import\\('${name}(/[^']*)?'\\)`).test(s));
      expect(imported, name).toBe(false);
    }
  });
});
