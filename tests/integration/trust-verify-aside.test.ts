/**
 * `audit verify` with its fact pass in a worker thread beside the record walk (issue 18: two cores
 * for a million records) is exactly as strict as on one thread: the intact chain passes either
 * way, each attack is named the same (same problems, same order, same counts), and a worker that
 * cannot read leaves the pass to the caller's thread.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openTestDesk, keysOf, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot } from '../support/inventory';
import { verifyChain, type VerifyOptions } from '../../src/app/kernel/audit-verify';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
  const clerk = await desk.signedIn('clerk', '1111');
  const refs = await demoRefs(clerk);
  for (const supplierLot of ['A', 'B', 'C']) await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30', { supplierLot });
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => desk.close());

/** Writes as someone holding the file would: another connection, the append-only triggers dropped. */
function tamper(sql: string): void {
  const raw = new Database(desk.file);
  raw.pragma('foreign_keys = OFF');
  raw.exec('DROP TRIGGER IF EXISTS audit_append_only_update; DROP TRIGGER IF EXISTS movements_append_only_update; DROP TRIGGER IF EXISTS movements_append_only_delete;');
  raw.exec(sql);
  raw.close();
}

/** The file verified read-only, as the CLI does, the fact pass aside or here. */
function verifyBoth(extra: Partial<VerifyOptions> = {}) {
  const ro = new Database(desk.file, { readonly: true });
  try {
    const options = { keys: keysOf(desk.file), checkpoints: [], ...extra };
    const { factsAside, ...aside } = verifyChain(ro, { ...options, parallel: true });
    const { factsAside: here_, ...here } = verifyChain(ro, { ...options, parallel: false });
    expect(here_).toBe(false);
    return { aside, here, factsAside };
  } finally {
    ro.close();
  }
}

describe('audit verify with the fact pass in a worker', () => {
  it('passes the intact chain, counting the same facts', () => {
    const { aside, here, factsAside } = verifyBoth();
    expect(factsAside).toBe(true);
    expect(aside.problems).toEqual([]);
    expect(aside).toEqual(here);
    expect(aside.facts).toBeGreaterThan(10);
  });

  it('names every attack as the one-thread pass does', () => {
    tamper(`UPDATE movements SET quantity = quantity + 1 WHERE seq = (SELECT MIN(seq) FROM movements);
            INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, to_location_id)
              SELECT 'forged-move', kind, station_id, user_id, at, item_id, lot_id, 999, to_location_id FROM movements LIMIT 1;
            DELETE FROM document_lines WHERE id = (SELECT MAX(id) FROM document_lines);
            UPDATE documents SET status = 'cancelled' WHERE id = (SELECT MIN(id) FROM documents);
            UPDATE audit SET result = 'refused' WHERE seq = 5;`);
    const { aside, here, factsAside } = verifyBoth();
    expect(factsAside).toBe(true);
    expect(aside).toEqual(here);
    const kinds = aside.problems.map((p) => `${p.problem} ${p.table ?? ''}`);
    for (const k of ['hash_mismatch ', 'fact_edited movements', 'fact_unrecorded movements', 'fact_deleted document_lines', 'fact_edited documents']) expect(kinds).toContain(k);
  });

  it('a worker that cannot open the file leaves the pass to this thread, as strict', () => {
    tamper("UPDATE lots SET supplier_lot = 'forged' WHERE id = (SELECT MIN(id) FROM lots)");
    const { aside, here, factsAside } = verifyBoth({ nativeBinding: '/nonexistent/better_sqlite3.node' });
    expect(factsAside).toBe(false);
    expect(aside).toEqual(here);
    expect(aside.problems.map((p) => p.table)).toContain('lots');
  });
});
