/** The audit chain and the derived balances are checkable from the command line, and tampering is caught. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_NOW, openTestDesk, type TestDesk } from '../support/desk';
import { insertAllocation } from '../../src/app/outbound/allocation';
import { lotdesk } from '../support/cli';
import { openDatabase, DatabaseTooNewError } from '../../src/store/db';
import { MIGRATIONS } from '../../src/store/migrations';
import { allocationRefProblems } from '../../src/store/allocation-refs';
import { catalog, stockUp } from '../support/outbound';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
  const clerk = await desk.signedIn('clerk', '1111');
  const [item] = (await clerk.call('catalog.items')).filter((i) => i.sku === 'TEA-250');
  const [supplier] = (await clerk.call('catalog.parties', { kind: 'supplier' })).filter((s) => s.code === 'SUP-HZT');
  for (const lot of ['A', 'B', 'C']) {
    await clerk.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: lot, quantity: 5, unit: 'pcs', expiryDate: '2027-06-30' });
  }
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => desk.close());

/** Tampering as an attacker with the file would: drop the append-only triggers first. */
function tamper(file: string, sql: string): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit verify', () => {
  it('the core itself refuses to edit or delete audit records and movements', () => {
    expect(() => desk.db.prepare("UPDATE audit SET result = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => desk.db.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => desk.db.prepare('DELETE FROM movements').run()).toThrow(/append-only/);
  });

  it('passes an intact chain', () => {
    const r = lotdesk(['audit', 'verify', '--db', desk.file]);
    // The seal (the first keyed record), the demo, the sign-in and three receipts.
    expect(r.stdout).toMatch(/audit trail intact: 6 records \(keyed with the station key/);
    expect(r.status).toBe(0);
  });

  it('names an edited record', () => {
    tamper(desk.file, "UPDATE audit SET user_id = NULL WHERE seq = 3");
    const r = lotdesk(['audit', 'verify', '--db', desk.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #3 \([0-9a-f-]{36}\): hash mismatch/);
    expect(r.stdout).not.toMatch(/#2 |#4 /);
  });

  it('names the record after a deleted one', () => {
    tamper(desk.file, 'DELETE FROM audit WHERE seq = 2');
    const r = lotdesk(['audit', 'verify', '--db', desk.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/audit record #3 .*missing before/);
  });

  it('catches a record whose stored hash was also replaced, by the broken link of the next', () => {
    tamper(desk.file, "UPDATE audit SET command = 'x', hash = '" + 'f'.repeat(64) + "' WHERE seq = 2");
    const r = lotdesk(['audit', 'verify', '--db', desk.file]);
    expect(r.stdout).toMatch(/#2 .*hash mismatch/);
    expect(r.stdout).toMatch(/#3 .*broken link/);
  });
});

describe('store rebuild-balances', () => {
  it('reports that the derived balances equal the ledger', () => {
    const r = lotdesk(['store', 'rebuild-balances', '--db', desk.file]);
    expect(r.stdout).toMatch(/balances equal the ledger \(3 rows\)/);
    expect(r.status).toBe(0);
  });

  it('finds a corrupted balance, names it and rebuilds it from the ledger', () => {
    const raw = new Database(desk.file);
    raw.exec('UPDATE balances SET quantity = quantity + 1000 WHERE lot_id = (SELECT lot_id FROM balances ORDER BY lot_id LIMIT 1)');
    raw.close();
    const r = lotdesk(['store', 'rebuild-balances', '--db', desk.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/table 6000, ledger 5000/);
    expect(r.stdout).toMatch(/rebuilt: 1 difference/);
    expect(lotdesk(['store', 'rebuild-balances', '--db', desk.file]).status).toBe(0);
  });
});

describe('allocation references', () => {
  it("finds an allocation whose order, lot or bin is missing or not its line's", async () => {
    await stockUp(desk, [
      { sku: 'TEA-250', expiry: '2027-03-31', quantity: 10, bin: 'A-01' },
      { sku: 'SOY-500', expiry: '2027-03-31', quantity: 10, bin: 'A-02' },
    ]);
    const lead = await desk.signedIn('lead', '3333');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 4 }] });
    await lead.call('allocation.allocate', { orderId: order.id });
    expect(allocationRefProblems(desk.db)).toEqual([]);
    const id = desk.db.prepare('SELECT id FROM allocation_rows').pluck().get() as number;
    const soyLot = desk.db.prepare("SELECT l.no FROM lots l JOIN items i ON i.id = l.item_id WHERE i.sku = 'SOY-500'").pluck().get() as number;
    const otherOrder = desk.db.prepare('SELECT no FROM documents WHERE id <> ? LIMIT 1').pluck().get(order.id) as number;
    const wrong = (set: string, value: unknown) => {
      const saved = desk.db.prepare('SELECT * FROM allocation_rows WHERE id = ?').get(id) as Record<string, unknown>;
      desk.db.prepare(`UPDATE allocation_rows SET ${set} = ? WHERE id = ?`).run(value, id);
      const problems = allocationRefProblems(desk.db);
      desk.db.prepare(`UPDATE allocation_rows SET ${set} = ? WHERE id = ?`).run(saved[set], id);
      return problems;
    };
    expect(wrong('order_no', otherOrder)).toEqual([{ id, problem: 'order' }]);
    expect(wrong('order_no', 999_999)).toEqual([{ id, problem: 'order' }]);
    expect(wrong('lot_no', 999_999)).toEqual([{ id, problem: 'lot' }]);
    expect(wrong('lot_no', soyLot)).toEqual([{ id, problem: 'lotItem' }]);
    expect(wrong('location_no', 999_999)).toEqual([{ id, problem: 'location' }]);
    expect(allocationRefProblems(desk.db)).toEqual([]);
  });

  it('refuses a single allocation for an order line, lot or bin that is not there, writing nothing', async () => {
    const [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2027-03-31', quantity: 10, bin: 'A-01' }]);
    const lead = await desk.signedIn('lead', '3333');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 4 }] });
    const lineId = desk.db.prepare('SELECT id FROM document_lines WHERE document_id = ?').pluck().get(order.id) as string;
    const row = { lineId, lotId: tea.id, locationId: cat.location('A-01').id, quantity: 1000, at: DEMO_NOW };
    const count = () => desk.db.prepare('SELECT COUNT(*) FROM allocation_rows').pluck().get();
    expect(() => insertAllocation(desk.db, { ...row, lineId: 'no-such-line' })).toThrow(/no order line/);
    expect(() => insertAllocation(desk.db, { ...row, lotId: 'no-such-lot' })).toThrow(/NOT NULL/);
    expect(() => insertAllocation(desk.db, { ...row, locationId: 'no-such-bin' })).toThrow(/NOT NULL/);
    expect(count()).toBe(0);
    const id = insertAllocation(desk.db, row);
    expect(desk.db.prepare('SELECT id, quantity, status FROM allocations WHERE order_line_id = ?').get(lineId)).toEqual({ id, quantity: 1000, status: 'open' });
    expect(allocationRefProblems(desk.db)).toEqual([]);
  });
});

describe('migrations', () => {
  it('applies each migration once and records the version', () => {
    expect(desk.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(desk.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(desk.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database written by a newer LotDesk', () => {
    desk.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => openDatabase(desk.file)).toThrow(DatabaseTooNewError);
  });
});
