/**
 * The layers of ../shared/ARCHITECTURE.md, held on the real import graph of src/, renderer/ and
 * main/ (docs/DESIGN.md, "Layering rules, held by tests"). Type-only imports count: a type that
 * crosses a layer ties the layers as much as a value does.
 */
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { checkRules, findCycles, isNodeBuiltin, reachableFrom, readSourceTree, scanCode, under, type Edge, type ImportGraph, type Rule } from '../support/import-graph';

/** Packages that need a browser, Electron or Vue: never in the core. */
const UI_PACKAGES = new Set(['electron', 'vue', 'vue-router', 'vue-i18n', 'pinia', 'naive-ui']);
const isUiPackage = (pkg: string) => UI_PACKAGES.has(pkg) || pkg.startsWith('@vue/');

/** The parts of src/i18n with no Node API and nothing of the core: the renderer and the contract may use them. */
const PURE_I18N = ['src/i18n/catalog.ts', 'src/i18n/format.ts', 'src/i18n/params.ts', 'src/i18n/locales.ts', 'src/i18n/audit-labels.ts', 'src/i18n/messages'];
/** What the renderer may import of src/ (and all that it reaches there): the contract, pure domain rules and pure i18n. */
const RENDERER_MAY_REACH = under('src/contract', 'src/domain', ...PURE_I18N);

/** The folders of src/ that build on src/store (and so may not be below it). */
const ABOVE_STORE = under('src/app', 'src/contract', 'src/api', 'src/cli', 'src/documents');

/**
 * `import()` in these files loads a screen lazily (route-level code splitting), after every static
 * import has run: the screens table gates who may open a screen, and a screen asks the session
 * store, which asks the table. That is no circle of module evaluation, so these edges are left out.
 */
const LAZY_ROUTE_TABLES = new Set(['renderer/screens.ts', 'renderer/router.ts']);
const isLazyRoute = (e: Edge) => e.dynamic && LAZY_ROUTE_TABLES.has(e.from);

const RULES: Rule[] = [
  {
    id: 'a',
    says: 'src/ never imports Electron, Vue or the DOM',
    covers: under('src'),
    forbids: (e) =>
      e.pkg && isUiPackage(e.pkg) ? `'${e.pkg}' needs Electron or a browser` : under('renderer', 'main')(e.target) ? 'renderer/ and main/ run in the browser or Electron' : null,
  },
  {
    id: 'b',
    says: 'the renderer imports of src/ only src/contract, src/domain and the pure parts of src/i18n, and no Node API',
    covers: under('renderer'),
    forbids: (e) => {
      if (e.pkg && (isNodeBuiltin(e.pkg) || e.pkg === 'better-sqlite3')) return `'${e.pkg}' runs only in Node`;
      if (under('main')(e.target)) return 'main/ is the Electron process, not the page';
      if (under('src')(e.target) && !RENDERER_MAY_REACH(e.target)) return 'the renderer talks to the core through the contract only';
      return null;
    },
  },
  {
    id: 'b*',
    says: 'what the renderer reaches of src/ stays in src/contract, src/domain and pure i18n, with no Node API',
    // Filled in by the test from the real graph: the files of src/ that some renderer file reaches.
    covers: () => false,
    forbids: (e) =>
      e.pkg && (isNodeBuiltin(e.pkg) || e.pkg === 'better-sqlite3')
        ? `'${e.pkg}' runs only in Node, and the renderer loads this file`
        : e.target && !RENDERER_MAY_REACH(e.target)
          ? 'the renderer loads this file, and through it the core'
          : null,
  },
  {
    id: 'c',
    says: 'src/domain imports only src/domain: pure rules and types, no I/O and no package',
    covers: under('src/domain'),
    forbids: (e) => (e.pkg ? `'${e.pkg}' is a package (a pure one may be allowed here by name)` : e.target && !under('src/domain')(e.target) ? 'the domain is the bottom layer' : null),
  },
  {
    id: 'd',
    says: 'src/store imports nothing of what builds on it (src/app, src/contract, src/api, src/cli, src/documents)',
    covers: under('src/store'),
    forbids: (e) => (ABOVE_STORE(e.target) ? 'the store is below the app and the contract' : null),
  },
  {
    id: 'e',
    says: 'src/contract imports only src/contract, src/domain, pure i18n and zod',
    covers: under('src/contract'),
    forbids: (e) =>
      e.pkg && e.pkg !== 'zod'
        ? `'${e.pkg}' is not zod: the renderer loads the contract`
        : e.target && !under('src/contract', 'src/domain', ...PURE_I18N)(e.target)
          ? 'the contract is what the renderer may import; it may not pull the core in'
          : null,
  },
  {
    id: 'g',
    says: 'src/server (the centre) imports only src/server, src/sync-protocol, src/contract (its field schemas), src/domain and src/i18n: never the desk store or app',
    covers: under('src/server'),
    forbids: (e) => (e.target && !under('src/server', 'src/sync-protocol', 'src/contract', 'src/domain', 'src/i18n')(e.target) ? 'the centre shares only the protocol, the contract\'s schemas, the domain and i18n with the desk' : null),
  },
  {
    id: 'h',
    says: 'src/sync-protocol imports only itself and zod (the desk and the centre share it)',
    covers: under('src/sync-protocol'),
    forbids: (e) => (e.pkg && e.pkg !== 'zod' ? `'${e.pkg}' is not zod` : e.target && !under('src/sync-protocol')(e.target) ? 'the protocol stands alone' : null),
  },
  {
    id: 'i',
    says: 'the renderer never imports src/server',
    covers: under('renderer'),
    forbids: (e) => (under('src/server')(e.target) ? 'the central server runs in Node, not the page' : null),
  },
];

/** Rule (b*) covers the files of src/ that the renderer loads, whatever path leads there. */
function withReach(graph: ImportGraph, rules: Rule[]): Rule[] {
  const renderer = [...graph.keys()].filter(under('renderer'));
  const reached = reachableFrom(graph, renderer);
  return rules.map((r) => (r.id === 'b*' ? { ...r, covers: (f: string) => under('src')(f) && reached.has(f) } : r));
}

const countsForCircles = (e: Edge) => !isLazyRoute(e);

describe('layering of the real tree', () => {
  const tree = readSourceTree(ROOT, ['src', 'renderer', 'main']);

  it('reads the whole tree, every relative import resolved', () => {
    expect(tree.graph.size).toBeGreaterThan(150);
    expect([...tree.graph.keys()].filter((f) => f.endsWith('.vue')).length).toBeGreaterThan(20);
    expect([...tree.graph.values()].flat().length).toBeGreaterThan(800);
    expect(tree.unresolved.map((e) => `${e.from}:${e.line} '${e.spec}'`)).toEqual([]);
  });

  it('keeps the rules (a)–(e): the failure names the file, the line and the import', () => {
    expect(checkRules(tree.graph, withReach(tree.graph, RULES))).toEqual([]);
  });

  it('uses no browser global (window, document…) in src/', () => {
    const uses = [...tree.domGlobals].filter(([f]) => under('src')(f)).flatMap(([f, gs]) => gs.map((g) => `${f}:${g.line} uses '${g.name}'`));
    expect(uses).toEqual([]);
  });

  it('has no import circle (f), type-only imports included', () => {
    expect(findCycles(tree.graph, countsForCircles).map((c) => c.join(' → '))).toEqual([]);
  });
});

describe('the layering checker', () => {
  const edge = (from: string, spec: string, extra: Partial<Edge> = {}): Edge => {
    const relativeSpec = spec.startsWith('.');
    const target = relativeSpec ? `${from.split('/').slice(0, -1).join('/')}/${spec}`.replace(/\/\.\//g, '/') : null;
    return { from, spec, line: 1, typeOnly: false, dynamic: false, target: extra.target ?? target, pkg: relativeSpec ? null : spec, ...extra };
  };
  const graphOf = (edges: Edge[]): ImportGraph => {
    const g: ImportGraph = new Map();
    for (const e of edges) {
      g.set(e.from, [...(g.get(e.from) ?? []), e]);
      if (e.target && !g.has(e.target)) g.set(e.target, []);
    }
    return g;
  };

  it('reports each forbidden edge with its rule, file, line and import', () => {
    const g = graphOf([
      edge('src/domain/lot.ts', '../store/db', { target: 'src/store/db.ts', line: 7, typeOnly: true }),
      edge('src/store/db.ts', '../contract/results', { target: 'src/contract/results/index.ts', typeOnly: true }),
      edge('src/app/x.ts', 'vue'),
      edge('src/contract/client.ts', '../app/kernel/dispatch', { target: 'src/app/kernel/dispatch.ts' }),
      edge('renderer/views/A.vue', '../../src/store/db', { target: 'src/store/db.ts' }),
      edge('renderer/views/B.vue', '../../src/i18n/translate', { target: 'src/i18n/translate.ts' }),
      edge('renderer/views/C.vue', 'node:fs'),
      edge('renderer/views/D.vue', '../../src/contract/client', { target: 'src/contract/client.ts' }),
      // allowed:
      edge('renderer/views/E.vue', '../../src/i18n/params', { target: 'src/i18n/params.ts' }),
      edge('src/contract/contract.ts', '../i18n/locales', { target: 'src/i18n/locales.ts' }),
      edge('src/app/y.ts', '../contract/results', { target: 'src/contract/results/index.ts' }),
    ]);
    const broken = checkRules(g, withReach(g, RULES));
    expect(broken).toEqual([
      expect.stringMatching(/^rule a .*src\/app\/x\.ts:1 imports 'vue'/),
      expect.stringMatching(/^rule b .*renderer\/views\/A\.vue:1 imports '\.\.\/\.\.\/src\/store\/db' \(src\/store\/db\.ts\)/),
      expect.stringMatching(/^rule b .*renderer\/views\/B\.vue:1 imports '\.\.\/\.\.\/src\/i18n\/translate'/),
      expect.stringMatching(/^rule b .*renderer\/views\/C\.vue:1 imports 'node:fs'/),
      // D.vue may import the client, but the client pulls the app in, and the renderer with it:
      expect.stringMatching(/^rule b\* .*src\/contract\/client\.ts:1 imports '\.\.\/app\/kernel\/dispatch'/),
      expect.stringMatching(/^rule c .*src\/domain\/lot\.ts:7 imports type '\.\.\/store\/db'/),
      expect.stringMatching(/^rule d .*src\/store\/db\.ts:1 imports type '\.\.\/contract\/results'/),
      expect.stringMatching(/^rule e .*src\/contract\/client\.ts:1 imports '\.\.\/app\/kernel\/dispatch'/),
    ]);
  });

  it('reports a circle as its path, and none in a graph without one', () => {
    const g = graphOf([
      edge('src/app/a.ts', './b', { target: 'src/app/b.ts' }),
      edge('src/app/b.ts', './c', { target: 'src/app/c.ts', typeOnly: true }),
      edge('src/app/c.ts', './a', { target: 'src/app/a.ts' }),
      edge('src/app/c.ts', './d', { target: 'src/app/d.ts' }),
      edge('src/app/self.ts', './self', { target: 'src/app/self.ts' }),
    ]);
    expect(findCycles(g, countsForCircles)).toEqual([
      ['src/app/a.ts', 'src/app/b.ts', 'src/app/c.ts', 'src/app/a.ts'],
      ['src/app/self.ts', 'src/app/self.ts'],
    ]);
    expect(findCycles(graphOf([edge('src/app/a.ts', './b', { target: 'src/app/b.ts' }), edge('src/app/b.ts', './d', { target: 'src/app/d.ts' })]))).toEqual([]);
  });

  it("leaves out only the route tables' lazy import()", () => {
    const lazy = graphOf([
      edge('renderer/screens.ts', './views/A.vue', { target: 'renderer/views/A.vue', dynamic: true }),
      edge('renderer/views/A.vue', './screens', { target: 'renderer/screens.ts' }),
    ]);
    expect(findCycles(lazy, countsForCircles)).toEqual([]);
    const elsewhere = graphOf([
      edge('renderer/views/A.vue', './B.vue', { target: 'renderer/views/B.vue', dynamic: true }),
      edge('renderer/views/B.vue', './A.vue', { target: 'renderer/views/A.vue' }),
    ]);
    expect(findCycles(elsewhere, countsForCircles)).toEqual([['renderer/views/A.vue', 'renderer/views/B.vue', 'renderer/views/A.vue']]);
  });

  it('reads every kind of import, type-only and lazy ones marked, and browser globals but not names of their own', () => {
    const { imports, domGlobals } = scanCode(
      [
        "import a from './a';",
        "import type { B } from './b';",
        "import { type C } from './c';",
        "export * from './d';",
        "export type { E } from './e';",
        "const f = () => import('./f');",
        "type G = import('./g').G;",
        "import './h.css';",
        'const x = { window: 1, document: 2 }; x.window; window.addEventListener("k", () => document.title);',
      ].join('\n'),
    );
    expect(imports).toEqual([
      { spec: './a', line: 1, typeOnly: false, dynamic: false },
      { spec: './b', line: 2, typeOnly: true, dynamic: false },
      { spec: './c', line: 3, typeOnly: false, dynamic: false },
      { spec: './d', line: 4, typeOnly: false, dynamic: false },
      { spec: './e', line: 5, typeOnly: true, dynamic: false },
      { spec: './f', line: 6, typeOnly: false, dynamic: true },
      { spec: './g', line: 7, typeOnly: true, dynamic: false },
      { spec: './h.css', line: 8, typeOnly: false, dynamic: false },
    ]);
    expect(domGlobals).toEqual([
      { name: 'window', line: 9 },
      { name: 'document', line: 9 },
    ]);
    expect(scanCode('const document = makeDoc(); document.add();').domGlobals).toEqual([]);
  });
});
