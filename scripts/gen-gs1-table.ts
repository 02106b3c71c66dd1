/**
 * Generates src/domain/gs1/ai-table.generated.ts (and the licence notice beside it) from the
 * GS1 Barcode Syntax Dictionary in ../shared/reference/gs1/. Run: `npx tsx scripts/gen-gs1-table.ts`.
 * The output is deterministic; tests/unit/gs1/generated-table.test.ts fails when it drifts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AiPart, AiRow, Cset } from '../src/domain/gs1/ai-spec';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_DIR = resolve(root, '../shared/reference/gs1');
export const TABLE_PATH = join(root, 'src/domain/gs1/ai-table.generated.ts');
export const LICENSE_PATH = join(root, 'src/domain/gs1/LICENSE-gs1-syntax-dictionary.txt');

const FLAG_CHARS = `*!?"$%&'()+,-./:;<=>@[\\]^_\`{|}~`;
const COMPONENT = /^(\[?)([NXYZ])(\.\.)?(\d+)(\]?)((?:,[a-z0-9]+)*)$/;

/** Units of the measure AIs, keyed by the text in the dictionary title's parentheses. */
const UNITS: Record<string, string> = {
  kg: 'kg', m: 'm', 'm²': 'm2', 'm³': 'm3', l: 'l', lb: 'lb', in: 'in', ft: 'ft', yd: 'yd',
  'in²': 'in2', 'ft²': 'ft2', 'yd²': 'yd2', 'in³': 'in3', 'ft³': 'ft3', 'yd³': 'yd3',
  'tr oz': 'oz t', oz: 'fl oz', 'qt (US)': 'qt', 'gal.': 'gal', 'gal (US)': 'gal',
};

function parseComponent(token: string, where: string): AiPart {
  const m = COMPONENT.exec(token);
  if (!m) throw new Error(`${where}: bad specification component "${token}"`);
  const [, open, cset, dots, len, close, linters] = m;
  if (open.length !== close.length) throw new Error(`${where}: unbalanced [] in "${token}"`);
  const max = Number(len);
  return {
    cset: cset as Cset,
    min: dots ? 1 : max,
    max,
    opt: open === '[',
    linters: linters ? linters.slice(1).split(',') : [],
  };
}

function measureUnit(ai: string, title: string, where: string): string | undefined {
  if (ai.startsWith('394')) return '%';
  if (/^3[1-6]/.test(ai)) {
    if (title === 'KG PER m²') return 'kg/m2';
    const m = /\((.+)\)/.exec(title);
    const unit = m && UNITS[m[1]];
    if (!unit) throw new Error(`${where}: no unit known for "${title}"`);
    return unit;
  }
  return undefined;
}

function parseLine(line: string, lineNo: number): AiRow {
  const where = `dictionary line ${lineNo}`;
  const hash = line.indexOf('#');
  const title = hash < 0 ? '' : line.slice(hash + 1).trim();
  const tokens = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/);
  const [range] = tokens;
  const rm = /^(\d{2,4})(?:-(\d{2,4}))?$/.exec(range);
  if (!rm || (rm[2] && rm[2].length !== rm[1].length)) throw new Error(`${where}: bad AI "${range}"`);
  let i = 1;
  let flags = '';
  if (tokens[i] && [...tokens[i]].every((c) => FLAG_CHARS.includes(c))) flags = tokens[i++];
  const parts: AiPart[] = [];
  while (i < tokens.length && COMPONENT.test(tokens[i])) parts.push(parseComponent(tokens[i++], where));
  if (parts.length === 0) throw new Error(`${where}: no specification`);
  parts.forEach((p, k) => {
    if (k < parts.length - 1 && p.min !== p.max) throw new Error(`${where}: only the last component may vary`);
    if (k > 0 && parts[k - 1].opt && !p.opt) throw new Error(`${where}: mandatory after optional`);
  });
  const row: AiRow = {
    from: rm[1],
    to: rm[2] ?? rm[1],
    title,
    predefined: flags.includes('*'),
    dlAttr: flags.includes('?'),
    parts,
    req: [],
    ex: [],
  };
  const req: string[][][] = [];
  const ex: string[] = [];
  for (const attr of tokens.slice(i)) {
    const [key, value] = attr.split('=', 2) as [string, string | undefined];
    if (key === 'req' && value) req.push(value.split(',').map((alt) => alt.split('+')));
    else if (key === 'ex' && value) ex.push(...value.split(','));
    else if (key === 'dlpkey') row.dlpkey = value ? value.split('|').map((seq) => seq.split(',')) : [[]];
    else throw new Error(`${where}: unknown attribute "${attr}"`);
  }
  row.req = req;
  row.ex = ex;
  // A range xxx0-xxxN of 4-digit AIs is a decimal-position family: the 4th digit counts decimals.
  if (row.from !== row.to && row.from.length === 4 && row.from.endsWith('0') && row.from.slice(0, 3) === row.to.slice(0, 3)) {
    row.decimals = true;
    const unit = measureUnit(row.from, title, where);
    if (unit) row.unit = unit;
  }
  return row;
}

export function parseDictionary(text: string): { release: string; rows: AiRow[] } {
  const release = /^#\s*Release:\s*(.+)$/m.exec(text)?.[1].trim() ?? 'unknown';
  const rows: AiRow[] = [];
  text.split(/\r?\n/).forEach((raw, n) => {
    const line = raw.trim();
    if (line && !line.startsWith('#')) rows.push(parseLine(line, n + 1));
  });
  checkPrefixLengths(rows);
  return { release, rows };
}

/** The parser reads an AI's length from its first two digits; refuse a dictionary where that is ambiguous. */
function checkPrefixLengths(rows: AiRow[]): void {
  const lengths = new Map<string, number>();
  for (const r of rows) {
    for (let n = Number(r.from); n <= Number(r.to); n++) {
      const ai = String(n).padStart(r.from.length, '0');
      const seen = lengths.get(ai.slice(0, 2));
      if (seen !== undefined && seen !== ai.length) throw new Error(`AI prefix ${ai.slice(0, 2)} has AIs of two lengths`);
      lengths.set(ai.slice(0, 2), ai.length);
    }
  }
}

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (xs: readonly string[]): string => `[${xs.map(q).join(', ')}]`;

function renderRow(r: AiRow): string {
  const parts = r.parts
    .map((p) => `{ cset: '${p.cset}', min: ${p.min}, max: ${p.max}, opt: ${p.opt}, linters: ${list(p.linters)} }`)
    .join(', ');
  const fields = [
    `from: ${q(r.from)}`,
    `to: ${q(r.to)}`,
    `title: ${q(r.title)}`,
    `predefined: ${r.predefined}`,
    `dlAttr: ${r.dlAttr}`,
    `parts: [${parts}]`,
    `req: [${r.req.map((rule) => `[${rule.map(list).join(', ')}]`).join(', ')}]`,
    `ex: ${list(r.ex)}`,
  ];
  if (r.dlpkey) fields.push(`dlpkey: [${r.dlpkey.map(list).join(', ')}]`);
  if (r.decimals) fields.push('decimals: true');
  if (r.unit) fields.push(`unit: ${q(r.unit)}`);
  return `  { ${fields.join(', ')} },`;
}

export interface Sources {
  dictionary: string;
  readme: string;
  license: string;
}

export function readSources(dir = REFERENCE_DIR): Sources {
  return {
    dictionary: readFileSync(join(dir, 'gs1-syntax-dictionary.txt'), 'utf8'),
    readme: readFileSync(join(dir, 'README.md'), 'utf8'),
    license: readFileSync(join(dir, 'LICENSE'), 'utf8'),
  };
}

export function renderTable(src: Sources): string {
  const { release, rows } = parseDictionary(src.dictionary);
  const commit = /commit ([0-9a-f]{40})/.exec(src.readme)?.[1] ?? 'unknown';
  const sha = createHash('sha256').update(src.dictionary).digest('hex');
  const version = `gs1-syntax-dictionary release ${release}, commit ${commit}, sha256 ${sha}`;
  return [
    '// GENERATED by scripts/gen-gs1-table.ts: do not edit, re-run `npx tsx scripts/gen-gs1-table.ts`.',
    `// Source: GS1 Barcode Syntax Dictionary (${version}).`,
    '// Copyright (c) GS1 AISBL, BWIPP project, Zint project; Apache-2.0: see LICENSE-gs1-syntax-dictionary.txt.',
    "import type { AiRow } from './ai-spec';",
    '',
    `export const DICTIONARY_VERSION = ${q(version)};`,
    '',
    'export const AI_ROWS: readonly AiRow[] = [',
    ...rows.map(renderRow),
    '];',
    '',
  ].join('\n');
}

/** The dictionary's own copyright and licence notice, followed by the Apache-2.0 text it refers to. */
export function renderLicense(src: Sources): string {
  const lines = src.dictionary.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#\s*Copyright/.test(l));
  const end = lines.findIndex((l, k) => k > start && /limitations under the License\./.test(l));
  if (start < 0 || end < 0) throw new Error('licence notice not found in the dictionary header');
  const notice = lines.slice(start, end + 1).map((l) => l.replace(/^# ?/, ''));
  return [
    'The AI table in ai-table.generated.ts is derived from the GS1 Barcode Syntax Dictionary',
    '(https://github.com/gs1/gs1-syntax-dictionary). Its notice:',
    '',
    ...notice,
    '',
    '-----------------------------------------------------------------------------',
    '',
    src.license.trimEnd(),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const src = readSources();
  writeFileSync(TABLE_PATH, renderTable(src));
  writeFileSync(LICENSE_PATH, renderLicense(src));
  console.log(`wrote ${TABLE_PATH} and ${LICENSE_PATH}`);
}
