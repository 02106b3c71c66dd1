/**
 * `audit verify` digests covered rows in SQL (digestTextSql): the text SQLite builds must be the very
 * text rowDigest hashes in JavaScript, or an intact desk would be called forged. Where SQLite cannot
 * be sure (a blob, a long real), the text is NULL and verify digests the row in JavaScript.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { digestOfText, digestTextSql, rowDigest, type FactTable } from '../../src/store/audit-facts';

const t: FactTable = { table: 'facts_probe', key: 'id', columns: ['id', 'a', 'b', 'c'] };
const db = new Database(':memory:');
db.exec('CREATE TABLE facts_probe (id TEXT PRIMARY KEY, a, b, c)');
const insert = db.prepare('INSERT INTO facts_probe (id, a, b, c) VALUES (?, ?, ?, ?)');
const read = db.prepare(`SELECT ${digestTextSql(t)} AS text, ${t.columns.join(', ')} FROM facts_probe WHERE id = ?`).raw();

function both(values: unknown[]): { sql: string | null; js: string } {
  db.exec('DELETE FROM facts_probe');
  insert.run('k', ...values);
  const [text, ...row] = read.get('k') as unknown[];
  return { sql: text === null ? null : digestOfText(text as string), js: rowDigest(t, row) };
}

const value = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme-composite' }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((d) => Math.round(d * 1000) / 1000),
);

describe('the digest text SQLite writes', () => {
  it('is the text JavaScript writes for any text, integer and real (or NULL, and then never wrong)', () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        const { sql, js } = both([a, b, c]);
        if (sql !== null) expect(sql).toBe(js);
      }),
      { numRuns: 3000 },
    );
  });

  it('covers the values a desk writes: ids, dates, quantities, control characters, CJK, emoji, decimals', () => {
    for (const row of [
      ['m-1', 1000, '2026-12-07T01:00:00.000Z'],
      ['茶叶 250 g', 'line\n"two"\\\t\u0001\u001f\u007f\u2028', '🍵'],
      [12.5, 0.1, -3.25],
      [5.0, -0.0, 1e-4],
      [null, null, 9007199254740991],
    ]) {
      const { sql, js } = both(row);
      expect(sql).toBe(js);
    }
  });

  it('leaves to JavaScript what it cannot write surely: a blob, an integer beyond 2^53, a long or tiny real', () => {
    for (const v of [Buffer.from('x'), 2n ** 60n, 0.1 + 0.2, 1e-7, 1e20 + 0.5]) {
      expect(both([v, null, null]).sql).toBeNull();
    }
  });
});

describe("a keyed record's HMAC input written by SQLite", () => {
  it('is JSON.stringify of the record as JavaScript reads it', () => {
    const probe = db.prepare('SELECT json_array(2, ?, ?, ?, ?) AS text').pluck();
    fc.assert(
      fc.property(fc.integer({ min: 1 }), fc.string({ unit: 'grapheme-composite' }), fc.option(fc.string({ unit: 'binary' })), fc.option(fc.json()), (seq, id, user, detail) => {
        // seq is an INTEGER column: bound as one (a JS number binds as a real)
        expect(probe.get(BigInt(seq), id, user, detail)).toBe(JSON.stringify([2, seq, id, user, detail]));
      }),
      { numRuns: 2000 },
    );
  });
});
