/**
 * The trace core's lines and links without a sort or a Set (src/domain/trace/genealogy-index.ts):
 * `linesOf` gathers a lot set's line positions and puts them in trace order through a bitmap
 * when they are many, `distinctLinks` drops a link walked both ways with a stamp array. Both are
 * held here to the previous path on random tables (gather every lot's positions, then sort them
 * and count parties with a Set; de-duplicate links with a Set), lines appended after the build
 * included, small and large line sets alike.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GenealogyIndex, LineTable } from '../../src/domain/trace/genealogy-index';

function indexOf(lots: number, lineLots: number[], parties: number[], appended: [number, number][], links: [number, number][]): GenealogyIndex {
  const n = lineLots.length;
  const table = new LineTable(Int32Array.from(lineLots, (_, i) => i + 1), Int32Array.from(parties), Int32Array.from(lineLots), n, lots);
  for (const [lot, party] of appended) table.append(table.count + 1, party, lot);
  const receipts = new LineTable(new Int32Array(16), new Int32Array(16), new Int32Array(16), 0, lots);
  const linkColumns = { parent: Int32Array.from(links, (l) => l[0]), child: Int32Array.from(links, (l) => l[1]), quantity: new Float64Array(links.length).fill(1), kind: new Uint8Array(links.length), count: links.length };
  return new GenealogyIndex(linkColumns, lots, table, receipts);
}

/** The previous path: every lot's positions, sorted; parties counted with a Set (no party, -1, counts as one). */
function sortedLines(table: LineTable, lots: number[]): { lines: number[]; parties: number } {
  const lines: number[] = [];
  for (let i = 0; i < table.count; i++) if (lots.includes(table.lot.data[i])) lines.push(i);
  lines.sort((a, b) => a - b);
  return { lines, parties: new Set(lines.map((i) => table.party.data[i])).size };
}

const tables = fc.integer({ min: 1, max: 40 }).chain((lots) =>
  fc.record({
    lots: fc.constant(lots),
    lines: fc.array(fc.tuple(fc.nat(lots - 1), fc.integer({ min: -1, max: 30 })), { maxLength: 3000 }),
    appended: fc.array(fc.tuple(fc.nat(lots - 1), fc.integer({ min: -1, max: 30 })), { maxLength: 200 }),
    asked: fc.uniqueArray(fc.nat(lots - 1), { minLength: 1, maxLength: lots }),
  }),
);

describe('the trace core without a sort', () => {
  it('lists the lines of a lot set in trace order with their distinct parties, as gather-then-sort did', () => {
    fc.assert(
      fc.property(tables, ({ lots, lines, appended, asked }) => {
        const index = indexOf(lots, lines.map((l) => l[0]), lines.map((l) => l[1]), appended, []);
        // Twice: the bitmap is cleared as it is read, so a second call starts clean.
        for (let round = 0; round < 2; round++) {
          const got = index.linesOf(index.shipments, asked);
          expect({ lines: Array.from(got.lines), parties: got.parties }).toEqual(sortedLines(index.shipments, asked));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answers on the bitmap path (many lines) and the sort (few, far apart)', () => {
    // 5,000 lines over 10 lots: two lots' 1,000 lines read back from the bitmap.
    const dense = Array.from({ length: 5000 }, (_, i) => i % 10);
    const index = indexOf(10, dense, dense.map((l) => l * 3), [], []);
    expect(Array.from(index.linesOf(index.shipments, [3, 7]).lines)).toEqual(sortedLines(index.shipments, [3, 7]).lines);
    // 100 lines spread over 100,000 positions: sorted.
    const spread = Array.from({ length: 100_000 }, (_, i) => (i % 1000 === 0 ? 1 : 0));
    const wide = indexOf(2, spread, spread, [], []);
    expect(Array.from(wide.linesOf(wide.shipments, [1]).lines)).toEqual(sortedLines(wide.shipments, [1]).lines);
  });

  it('lists each link of several walks once, in the order first walked, as a Set did', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(99), { maxLength: 80 }), { maxLength: 3 }), (walks) => {
        const index = indexOf(2, [], [], [], Array.from({ length: 100 }, () => [0, 1] as [number, number]));
        const seen = new Set<number>();
        const expected = walks.flat().filter((e) => !seen.has(e) && seen.add(e));
        expect(index.distinctLinks(walks)).toEqual(expected);
        expect(index.distinctLinks(walks)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
