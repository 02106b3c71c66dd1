/**
 * A million-record audit trail for the Audit screen's benchmark: written through appendAudit
 * itself (so the chain is valid and each record's hash, changes and objects are what a desk
 * writes), over a year, in a realistic mix: most records are stock movements without changes
 * (their facts are in the ledger), a fifth are edits of master data with field/before/after on
 * one or a few objects, a few are refused PIN checks.
 */
import { appendAudit } from '../../src/app/kernel/audit-log';
import { diffFields } from '../../src/app/kernel/audit-changes';
import type { AuditChange } from '../../src/app/kernel/audit-log';
import type { Db } from '../../src/store/db';
import { insertUser } from '../../src/store/users';

export const TRAIL_START = Date.parse('2026-01-01T00:00:00.000Z');
/** One record every 30 s: a million records span about a year. */
export const TRAIL_STEP_MS = 30_000;

const MOVES = ['receiving.receive', 'stock.move', 'picking.scan', 'packing.scan', 'shipping.ship', 'session.signIn', 'allocation.allocate', 'lots.split'];
const EDITS = ['items.setNearExpiryDays', 'customers.setShelfLifeRule', 'locations.setRoute', 'users.update', 'stock.adjust', 'orders.create', 'boms.set', 'admin.setLotPattern'];

/** A small deterministic generator: the same trail on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function changesFor(command: string, n: number, r: () => number): AuditChange[] {
  const pick = (k: number) => Math.floor(r() * k);
  switch (command) {
    case 'items.setNearExpiryDays': {
      const i = pick(10_000);
      return diffFields({ object: 'item', id: `item-${i}`, label: `SKU-${i}` }, { nearExpiryDays: pick(60) }, { nearExpiryDays: 61 + pick(30) });
    }
    case 'customers.setShelfLifeRule': {
      const c = pick(500);
      return diffFields({ object: 'customer', id: `cust-${c}`, label: `C${c}` }, { minShelfLifeDays: pick(30) }, { minShelfLifeDays: 31 + pick(30) });
    }
    case 'locations.setRoute':
      return Array.from({ length: 5 }, (_, k) => {
        const l = pick(2000);
        return diffFields({ object: 'location', id: `loc-${l}`, label: `A-${l}` }, { routeOrder: k + 10 }, { routeOrder: k + 1 });
      }).flat();
    case 'users.update': {
      const u = pick(20);
      return diffFields({ object: 'user', id: `user-${u}`, label: `user${u}` }, { displayName: `User ${u}` }, { displayName: `User ${u} (${n})` });
    }
    case 'stock.adjust': {
      const l = pick(100_000);
      return diffFields({ object: 'lot', id: `lot-${l}`, label: `L${l}` }, { 'balance@A-1': 10 }, { 'balance@A-1': 9, document: `ADJ-${n}`, reason: 'damaged' });
    }
    case 'orders.create':
      return diffFields({ object: 'salesOrder', id: `so-${n}`, label: `SO-${n}` }, null, { number: `SO-${n}`, customer: `C${pick(500)}`, lines: 1 + pick(20) });
    case 'boms.set': {
      const i = pick(10_000);
      return diffFields({ object: 'item', id: `item-${i}`, label: `SKU-${i}` }, { bom: null }, { bom: `SKU-${pick(10_000)}×2` });
    }
    default: {
      const i = pick(10_000);
      return diffFields({ object: 'item', id: `item-${i}`, label: `SKU-${i}` }, { lotPattern: null }, { lotPattern: '{YY}{SEQ:4}' });
    }
  }
}

/** Writes `count` records (and 20 users); returns the users' ids. */
export function writeTrail(db: Db, count: number): string[] {
  const users = Array.from({ length: 20 }, (_, u) =>
    insertUser(db, { username: `user${u}`, displayName: `User ${u}`, role: u === 0 ? 'admin' : 'clerk', secretKind: 'pin', secretHash: 'x', locale: 'en' }, new Date(TRAIL_START).toISOString()),
  );
  const r = rng(15);
  const batch = 20_000;
  for (let start = 0; start < count; start += batch) {
    db.transaction(() => {
      for (let n = start; n < Math.min(count, start + batch); n++) {
        const roll = r();
        const userId = users[Math.floor(r() * users.length)];
        const at = new Date(TRAIL_START + n * TRAIL_STEP_MS).toISOString();
        const base = { at, stationId: 'st-1', userId, input: { n } };
        if (roll < 0.02) appendAudit(db, { ...base, command: 'session.signIn', result: 'denied' });
        else if (roll < 0.22) {
          const command = EDITS[Math.floor(r() * EDITS.length)];
          appendAudit(db, { ...base, command, result: 'ok', changes: changesFor(command, n, r) });
        } else appendAudit(db, { ...base, command: MOVES[Math.floor(r() * MOVES.length)], result: 'ok' });
      }
    })();
  }
  return users;
}
