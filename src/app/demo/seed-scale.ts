/**
 * Data sets for trying and measuring LotDesk: the demo set, and a generated one of N lots with
 * ten movements each (receive, putaway, eight shipments) over 2,000 bins, written in bulk.
 */
import { newId, nextNo } from '../../store/ids';
import type { Db } from '../../store/db';
import { addDays } from '../../domain/dates';
import { QTY_SCALE } from '../../domain/quantity';
import { rebuildBalances } from '../../store/ledger';
import { appendAudit } from '../kernel/audit-log';
import { writeDemoData } from './demo-data';
import { insertItem } from '../master-data/inserts';
import { getSetting } from '../kernel/settings';

export const SCALE_ITEMS = 50;
export const SCALE_BINS = 2000;
export const MOVEMENTS_PER_LOT = 10;

export function seedDemo(db: Db, now: Date): void {
  db.transaction(() => {
    writeDemoData(db, now.toISOString());
    appendAudit(db, { at: now.toISOString(), stationId: getSetting(db, 'station.id') ?? 'seed', userId: null, command: 'seed.demo', input: {}, result: 'ok' });
  }).immediate();
}

/** A small deterministic PRNG so seeded data sets are the same on every machine. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * N lots over 50 items; the first item holds a tenth of all lots (the "item with 10k lots" of the
 * benchmarks). Balances are rebuilt from the ledger at the end, as the real commands keep them.
 */
export function seedScale(db: Db, lots: number, now: Date): void {
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const random = mulberry32(20261125);
  db.pragma('synchronous = OFF');
  try {
    db.transaction(() => {
      const demo = writeDemoData(db, at, { bins: SCALE_BINS });
      const stationId = getSetting(db, 'station.id') ?? 'seed';
      const userId = demo.userIds.clerk;
      const supplierIds = Object.values(demo.supplierIds);
      const bins = Object.entries(demo.locationIds).filter(([code]) => /^[AB]-/.test(code)).map(([, id]) => id);
      const rcv = demo.locationIds['RCV-01'];
      const items: string[] = [];
      for (let i = 1; i <= SCALE_ITEMS; i++) {
        items.push(insertItem(db, { sku: `GEN-${String(i).padStart(4, '0')}`, name: `Generated item ${i}`, unit: 'pcs', shelfLifeDays: 365 }, at));
      }
      const insertLot = db.prepare(
        `INSERT INTO lots (id, item_id, code, supplier_id, supplier_lot, production_date, expiry_date, status, created_at, created_by, no)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${nextNo('lots')})`,
      );
      const insertMove = db.prepare(
        `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id, to_location_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (let n = 0; n < lots; n++) {
        const itemId = n % 10 === 0 ? items[0] : items[1 + (n % (SCALE_ITEMS - 1))];
        const lotId = newId();
        const produced = addDays(today, -Math.floor(random() * 300));
        const status = random() < 0.9 ? 'released' : 'quarantine';
        const received = `${addDays(produced, 2)}T08:00:00.000Z`;
        insertLot.run(lotId, itemId, `L${String(n).padStart(7, '0')}`, supplierIds[n % supplierIds.length], `SL${n}`, produced, addDays(produced, 365), status, received, userId);
        const bin = bins[Math.floor(random() * bins.length)];
        insertMove.run(newId(), 'receive', stationId, userId, received, itemId, lotId, 100 * QTY_SCALE, null, rcv);
        insertMove.run(newId(), 'move', stationId, userId, received, itemId, lotId, 100 * QTY_SCALE, rcv, bin);
        for (let s = 0; s < MOVEMENTS_PER_LOT - 2; s++) {
          insertMove.run(newId(), 'ship', stationId, userId, received, itemId, lotId, QTY_SCALE, bin, null);
        }
      }
      appendAudit(db, { at, stationId, userId: null, command: 'seed.scale', input: { lots }, result: 'ok' });
    }).immediate();
    rebuildBalances(db);
  } finally {
    db.pragma('synchronous = FULL');
  }
}
