/**
 * The import graph of the real tree, and the checks of the layering rules over it
 * (tests/unit/layering.test.ts). Reads every .ts and .vue file as text with the TypeScript parser:
 * nothing is executed or bundled, so a check of the whole tree takes well under a second.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** One import of a file: `target` is the repo-relative file of a relative import, `pkg` the package of a bare one. */
export interface Edge {
  from: string;
  spec: string;
  line: number;
  /** `import type`, `export type … from` or a type `import('…')`: erased from the running code. */
  typeOnly: boolean;
  /** A lazy `import('…')` call: loaded after every static import has run. */
  dynamic: boolean;
  target: string | null;
  pkg: string | null;
}

/** Repo-relative file (posix separators) → its imports, in source order. */
export type ImportGraph = Map<string, Edge[]>;

const BUILTINS = new Set(builtinModules);

export function isNodeBuiltin(pkg: string): boolean {
  return pkg.startsWith('node:') || BUILTINS.has(pkg);
}

/** `@fastify/static/x` → `@fastify/static`, `pdfmake/interfaces` → `pdfmake`, `node:fs` stays. */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function listSources(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const rel = posix.join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return listSources(root, rel);
    return /\.(ts|vue)$/.test(name) ? [rel] : [];
  });
}

/** The script blocks of a .vue file, each with the line it starts on, or the whole file for .ts. */
function scriptBlocks(file: string, text: string): { code: string; firstLine: number }[] {
  if (!file.endsWith('.vue')) return [{ code: text, firstLine: 0 }];
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => {
    const start = m.index + m[0].indexOf('>') + 1;
    return { code: m[1], firstLine: text.slice(0, start).split('\n').length - 1 };
  });
}

export type ImportSite = Pick<Edge, 'spec' | 'line' | 'typeOnly' | 'dynamic'>;

export interface GlobalUse {
  name: string;
  line: number;
}

const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage', 'sessionStorage']);

/**
 * What a piece of code imports (import, export-from, `import()`, `import('…').T`) and where it uses
 * the browser's globals (`window`, `document`…; a local of that name does not count), by line.
 */
export function scanCode(code: string, fileName = 'x.ts'): { imports: ImportSite[]; domGlobals: GlobalUse[] } {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const imports: ImportSite[] = [];
  const uses: GlobalUse[] = [];
  const declared = new Set<string>();
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean, dynamic = false) => {
    if (spec && ts.isStringLiteralLike(spec)) imports.push({ spec: spec.text, line: lineOf(node), typeOnly, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      // Under verbatimModuleSyntax `import { type A } from 'x'` still loads 'x'; only `import type` is erased.
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    } else if (ts.isIdentifier(node) && DOM_GLOBALS.has(node.text)) {
      const parent = node.parent as ts.Node & { name?: ts.Node };
      if (parent.name === node) {
        // `x.window` and `{ window: 1 }` are names of their own; `const window = …` shadows the global.
        if (!ts.isPropertyAccessExpression(parent) && !ts.isPropertyAssignment(parent) && !ts.isPropertySignature(parent)) declared.add(node.text);
      } else if (!(ts.isQualifiedName(parent) && parent.right === node)) {
        uses.push({ name: node.text, line: lineOf(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, domGlobals: uses.filter((u) => !declared.has(u.name)) };
}

function resolveRelative(root: string, from: string, spec: string): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [base, `${base}.ts`, `${base}.vue`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
  for (const c of candidates) {
    const abs = join(root, c);
    if (existsSync(abs) && statSync(abs).isFile()) return c;
  }
  return null;
}

export interface SourceTree {
  graph: ImportGraph;
  /** Relative imports that name no file: the graph would be silently incomplete without this list. */
  unresolved: Edge[];
  /** Uses of browser globals, by file. */
  domGlobals: Map<string, GlobalUse[]>;
}

/** Reads every .ts and .vue file under `dirs` of `root` into an import graph. */
export function readSourceTree(root: string, dirs: string[]): SourceTree {
  const graph: ImportGraph = new Map();
  const unresolved: Edge[] = [];
  const domGlobals = new Map<string, GlobalUse[]>();
  for (const file of dirs.flatMap((d) => listSources(root, d)).sort()) {
    const text = readFileSync(join(root, file), 'utf8');
    const edges: Edge[] = [];
    const globals: GlobalUse[] = [];
    for (const { code, firstLine } of scriptBlocks(file, text)) {
      const scanned = scanCode(code, file);
      for (const { spec, line, typeOnly, dynamic } of scanned.imports) {
        const relativeSpec = spec.startsWith('.') || spec.startsWith('/');
        const edge: Edge = {
          from: file,
          spec,
          line: line + firstLine,
          typeOnly,
          dynamic,
          target: relativeSpec ? resolveRelative(root, file, spec) : null,
          pkg: relativeSpec ? null : packageName(spec),
        };
        if (relativeSpec && edge.target === null) unresolved.push(edge);
        edges.push(edge);
      }
      globals.push(...scanned.domGlobals.map((g) => ({ ...g, line: g.line + firstLine })));
    }
    graph.set(file, edges);
    if (globals.length) domGlobals.set(file, globals);
  }
  return { graph, unresolved, domGlobals };
}

/** A layering rule: for each import of a file the rule covers, the reason it is forbidden, or null. */
export interface Rule {
  id: string;
  /** What the rule says, for the failure message. */
  says: string;
  covers: (file: string) => boolean;
  forbids: (edge: Edge) => string | null;
}

export const under =
  (...dirs: string[]) =>
  (path: string | null): boolean =>
    path !== null && dirs.some((d) => path === d || path.startsWith(d.endsWith('/') ? d : `${d}/`));

export function describeEdge(e: Edge): string {
  return `${e.from}:${e.line} imports${e.typeOnly ? ' type' : ''} '${e.spec}'${e.target && e.target !== e.spec ? ` (${e.target})` : ''}`;
}

/** Every import that breaks a rule, one line each: rule, offending file and line, the import, why. */
export function checkRules(graph: ImportGraph, rules: Rule[]): string[] {
  const broken: string[] = [];
  for (const rule of rules) {
    for (const [file, edges] of graph) {
      if (!rule.covers(file)) continue;
      for (const edge of edges) {
        const why = rule.forbids(edge);
        if (why) broken.push(`rule ${rule.id} (${rule.says}): ${describeEdge(edge)}: ${why}`);
      }
    }
  }
  return broken;
}

/**
 * The import circles among the graph's own files, each as a path that starts and ends at the
 * same file (a → b → c → a): one circle per strongly connected component (Tarjan), the shortest
 * through its first file. `keep` chooses the edges that count.
 */
export function findCycles(graph: ImportGraph, keep: (e: Edge) => boolean = () => true): string[][] {
  const next = new Map<string, string[]>();
  for (const [file, edges] of graph) {
    next.set(file, [...new Set(edges.filter((e) => keep(e) && e.target !== null && graph.has(e.target)).map((e) => e.target as string))]);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort()[0];
    if (component.length === 1 && !(next.get(start) ?? []).includes(start)) continue;
    // Breadth-first from start, inside the component, back to start: the shortest circle through it.
    const cameFrom = new Map<string, string>();
    const queue = [start];
    let last: string | null = null;
    while (queue.length && last === null) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          last = v;
          break;
        }
        if (!cameFrom.has(w)) {
          cameFrom.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = last!; v !== start; v = cameFrom.get(v)!) path.splice(1, 0, v);
    path.push(start);
    cycles.push(path);
  }
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Every file reachable from `files` through the graph's relative imports (the files included). */
export function reachableFrom(graph: ImportGraph, files: Iterable<string>, keep: (e: Edge) => boolean = () => true): Set<string> {
  const seen = new Set<string>();
  const todo = [...files];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const e of graph.get(f) ?? []) if (keep(e) && e.target && graph.has(e.target)) todo.push(e.target);
  }
  return seen;
}
