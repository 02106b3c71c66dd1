/**
 * A trace index (src/domain/trace/genealogy-index.ts) made up in memory at a million lots, shaped
 * like `lotdesk seed --scale 1000000` where it matters to the core's time: the array sizes (1M
 * lots, 1.3M links, 1.8M shipment lines, so lookups miss the caches as they do there) and one
 * common-ingredient lot whose descendants (12.5k lots, ≤ 6 levels) ship 44k lines to 2,000
 * customers spread over the later part of the history. Built in seconds, without SQLite: the
 * core's benchmark and profile at full scale on a machine that cannot afford a 1M seed.
 */
import { GenealogyIndex, LineTable } from '../../src/domain/trace/genealogy-index';
import { mulberry32 } from '../../src/app/demo/seed-scale';

export interface SyntheticGenealogy {
  index: GenealogyIndex;
  /** The common-ingredient lot's number. */
  common: number;
}

export function syntheticGenealogy(o: { lots?: number; links?: number; lines?: number; commonLots?: number; commonLines?: number; customers?: number; seed?: number } = {}): SyntheticGenealogy {
  const lots = o.lots ?? 1_000_000;
  const linkCount = o.links ?? 1_300_000;
  const lineCount = o.lines ?? 1_800_000;
  const commonLots = o.commonLots ?? 12_500;
  const commonLines = o.commonLines ?? 44_000;
  const customers = o.customers ?? 2_000;
  const rnd = mulberry32(o.seed ?? 16);
  const int = (n: number) => Math.floor(rnd() * n);
  const common = Math.floor(lots * 0.3);
  const parent = new Int32Array(linkCount);
  const child = new Int32Array(linkCount);
  const quantity = new Float64Array(linkCount);
  const kind = new Uint8Array(linkCount);
  let n = 0;
  const link = (p: number, c: number) => {
    parent[n] = p;
    child[n] = c;
    quantity[n] = 1000 + int(9000);
    kind[n] = int(3);
    n++;
  };
  // The common lot's descendants: later lots, each level taking parents from the one before.
  const span = lots - common - 1;
  const levels: number[][] = [[common]];
  const taken = new Set<number>([common]);
  const descendants: number[] = [];
  for (let d = 1; descendants.length < commonLots; d++) {
    const want = Math.min(commonLots - descendants.length, Math.ceil(commonLots / 6) * (d === 1 ? 0.02 : 1));
    const level: number[] = [];
    for (let i = 0; i < Math.max(1, want); i++) {
      let lot = common + 1 + int(span);
      while (taken.has(lot)) lot = common + 1 + int(span);
      taken.add(lot);
      link(levels[d - 1][int(levels[d - 1].length)], lot);
      level.push(lot);
      descendants.push(lot);
    }
    levels.push(level);
  }
  // The rest of the genealogy: short chains among nearby lots (time locality), no further into the common tree.
  while (n < linkCount) {
    const c = 2 + int(lots - 2);
    const p = Math.max(1, c - 1 - int(500));
    if (taken.has(c) || taken.has(p) || p === c) continue;
    link(p, c);
  }
  // Lines in trace order: the common tree's 44k among the later 70 % of positions, the rest anywhere.
  const lineLot = new Int32Array(lineCount);
  const lineParty = new Int32Array(lineCount);
  const lineNo = new Int32Array(lineCount);
  const from = Math.floor(lineCount * 0.3);
  const mine = new Uint8Array(lineCount);
  for (let i = 0; i < commonLines; i++) {
    let at = from + int(lineCount - from);
    while (mine[at]) at = from + int(lineCount - from);
    mine[at] = 1;
    lineLot[at] = descendants[int(descendants.length)];
  }
  for (let i = 0; i < lineCount; i++) {
    lineNo[i] = i + 1;
    lineParty[i] = int(customers);
    if (!mine[i]) {
      let lot = 1 + int(lots - 1);
      while (taken.has(lot)) lot = 1 + int(lots - 1);
      lineLot[i] = lot;
    }
  }
  const lotSpace = lots + 1;
  const shipments = new LineTable(lineNo, lineParty, lineLot, lineCount, lotSpace);
  const receipts = new LineTable(new Int32Array(16), new Int32Array(16), new Int32Array(16), 0, lotSpace);
  const index = new GenealogyIndex({ parent, child, quantity, kind, count: n }, lotSpace, shipments, receipts);
  return { index, common };
}
