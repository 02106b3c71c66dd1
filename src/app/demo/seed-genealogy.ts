/**
 * The genealogy of `lotdesk seed --scale N` (issue 16): N lots over 600 days, in time order, with
 * the links, receipts and shipments a food plant writes, all in bulk with prepared statements.
 *
 * - Items 0–9 are raw materials (received from one of 200 suppliers, one receipt line per lot,
 *   four lots to a receipt), 10–29 intermediates, 30–49 finished goods (the first item still holds
 *   a tenth of all lots). Two more items, salt and a base syrup, have five lots received on day one.
 * - A produced lot is a split (15 %: one recent lot of its own item), a merge (10 %: two or three
 *   recent lots of its own item) or a transformation (raw components for an intermediate,
 *   intermediates and a raw component for a finished good, each a recent lot of its item).
 *   "Recent" is the last 64 lots of an item, so genealogies stay local in time as a plant's do.
 *   A lot's level is one more than its deepest parent's; no lot is deeper than 8 levels.
 * - 4 % of transformations also take salt or syrup: those five lots reach tens of thousands of
 *   shipments (the common-ingredient case).
 * - Finished lots ship 3–7 lines each, a tenth of intermediates 1–2, to 2,000 customers, grouped
 *   into shipments of 3–7 lines, 1–14 days after the lot was made (~2M lines at a million lots).
 * - Movements: in (receive / produce / split / merge), a putaway move, one out per link, a pick
 *   and a ship per shipment line, and bin-to-bin moves, ~10 per lot. Balances are rebuilt after.
 * Deterministic: the PRNG is mulberry32 with a fixed seed.
 */
import { newId } from '../../store/ids';
import type { Db } from '../../store/db';
import { addDays } from '../../domain/dates';
import { QTY_SCALE } from '../../domain/quantity';
import { insertItem, insertParty } from '../master-data/inserts';

export const GENEALOGY_DAYS = 600;
export const MAX_LEVEL = 8;
const RING = 64;
const SUPPLIERS = 200;
const CUSTOMERS = 2000;
const COMMON_LOTS = 5;

export interface GenealogyCounts {
  lots: number;
  links: number;
  movements: number;
  shipments: number;
  shipmentLines: number;
  receipts: number;
  maxLevel: number;
  /** Lot codes of the salt and syrup lots. */
  commonLotCodes: string[];
}

interface SeedBase {
  stationId: string;
  userId: string;
  bins: string[];
  rcv: string;
  staging: string;
}

export function writeGenealogy(db: Db, lots: number, today: string, base: SeedBase, random: () => number): GenealogyCounts {
  const at0 = `${today}T00:00:00.000Z`;
  const items: string[] = [];
  for (let i = 1; i <= 50; i++) items.push(insertItem(db, { sku: `GEN-${String(i).padStart(4, '0')}`, name: `Generated item ${i}`, unit: 'pcs', shelfLifeDays: 365 }, at0));
  items.push(insertItem(db, { sku: 'SALT-25KG', name: 'Sea salt 25 kg 海盐', unit: 'kg', shelfLifeDays: 1825 }, at0));
  items.push(insertItem(db, { sku: 'SYRUP-BASE', name: 'Base syrup 基础糖浆', unit: 'kg', shelfLifeDays: 730 }, at0));
  const SALT = 50;
  const SYRUP = 51;
  const suppliers: string[] = [];
  for (let s = 1; s <= SUPPLIERS; s++) suppliers.push(insertParty(db, { kind: 'supplier', code: `GSUP-${String(s).padStart(4, '0')}`, name: `Supplier ${s}` }));
  const regions = ['CN-SH', 'CN-BJ', 'CN-GD', 'CN-ZJ', 'CN-SC', 'DE-BE', 'US-CA', 'JP-13'];
  const channels = ['retail', 'wholesale', 'online', 'horeca'];
  const customers: string[] = [];
  const customerRegion: string[] = [];
  const customerChannel: string[] = [];
  for (let c = 1; c <= CUSTOMERS; c++) {
    const region = regions[c % regions.length];
    const channel = channels[(c >> 3) % channels.length];
    customers.push(insertParty(db, { kind: 'customer', code: `GCUS-${String(c).padStart(5, '0')}`, name: `Customer ${c}`, region, channel }));
    customerRegion.push(region);
    customerChannel.push(channel);
  }
  const days: string[] = [];
  for (let d = 0; d <= GENEALOGY_DAYS + 20; d++) days.push(addDays(today, d - GENEALOGY_DAYS - 20));

  const maxNo = (table: string) => (db.prepare(`SELECT IFNULL(MAX(no), 0) AS n FROM ${table}`).get() as { n: number }).n;
  let lotNo = maxNo('lots');
  let docNo = maxNo('documents');
  let lineNo = maxNo('document_lines');
  const insertLot = db.prepare(
    `INSERT INTO lots (id, item_id, code, supplier_id, supplier_lot, production_date, expiry_date, status, created_at, created_by, no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMove = db.prepare(
    `INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id, to_location_id, document_id, document_line_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity, movement_id) VALUES (?, ?, ?, ?)');
  const insertDoc = db.prepare(
    'INSERT INTO documents (id, kind, number, party_id, status, reference, created_at, created_by, no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLine = db.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity, no) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertShipment = db.prepare('INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, ?, ?, ?)');

  const { stationId, userId, bins, rcv, staging } = base;
  const lotIds: string[] = new Array(lots);
  const lotItem = new Int16Array(lots);
  const level = new Int8Array(lots);
  const remaining = new Float64Array(lots);
  const lotBin = new Int32Array(lots);
  const ring = new Int32Array(items.length * RING);
  const ringCount = new Int32Array(items.length);
  const counts: GenealogyCounts = { lots, links: 0, movements: 0, shipments: 0, shipmentLines: 0, receipts: 0, maxLevel: 0, commonLotCodes: [] };
  const pick = (n: number) => Math.floor(random() * n);
  const move = (kind: string, at: string, lot: number, units: number, from: string | null, to: string | null, docId: string | null = null, lineId: string | null = null): string => {
    const id = newId();
    insertMove.run(id, kind, stationId, userId, at, items[lotItem[lot]], lotIds[lot], Math.round(units * QTY_SCALE), from, to, docId, lineId);
    counts.movements++;
    return id;
  };
  /** A recent lot of the item, shallower than the deepest level and with stock left, or -1. */
  const recentOf = (item: number, need: number): number => {
    const count = Math.min(ringCount[item], RING);
    for (let tries = 0; tries < 4 && count > 0; tries++) {
      const lot = ring[item * RING + pick(count)];
      if (level[lot] < MAX_LEVEL && remaining[lot] >= need) return lot;
    }
    return -1;
  };
  const remember = (lot: number) => {
    const item = lotItem[lot];
    ring[item * RING + (ringCount[item] % RING)] = lot;
    ringCount[item]++;
  };

  // Receipts: four raw lots of one supplier to a receipt document.
  let receipt: { id: string; supplier: number; lines: number } | null = null;
  // Shipment lines wait here until a shipment's worth (3–7) has gathered.
  const pendingLot: number[] = [];
  const pendingUnits: number[] = [];
  let shipmentSize = 3 + pick(5);

  const flushShipment = (day: number) => {
    const customer = pick(CUSTOMERS);
    const shippedDay = Math.min(day + 1 + pick(14), days.length - 1);
    const shippedAt = `${days[shippedDay]}T${String(8 + pick(10)).padStart(2, '0')}:${String(pick(60)).padStart(2, '0')}:00.000Z`;
    counts.shipments++;
    const orderId = newId();
    const number = String(counts.shipments).padStart(7, '0');
    insertDoc.run(orderId, 'sales_order', `GSO-${number}`, customers[customer], 'shipped', null, shippedAt, userId, ++docNo);
    const docId = newId();
    insertDoc.run(docId, 'shipment', `GSH-${number}`, customers[customer], 'shipped', `GSO-${number}`, shippedAt, userId, ++docNo);
    insertShipment.run(docId, orderId, customerRegion[customer], customerChannel[customer], shippedAt);
    for (let i = 0; i < pendingLot.length; i++) {
      const lot = pendingLot[i];
      const lineId = newId();
      insertLine.run(lineId, docId, i + 1, items[lotItem[lot]], lotIds[lot], Math.round(pendingUnits[i] * QTY_SCALE), ++lineNo);
      counts.shipmentLines++;
      move('pick', shippedAt, lot, pendingUnits[i], bins[lotBin[lot]], staging, docId, lineId);
      move('ship', shippedAt, lot, pendingUnits[i], staging, null, docId, lineId);
    }
    pendingLot.length = 0;
    pendingUnits.length = 0;
    shipmentSize = 3 + pick(5);
  };

  for (let n = 0; n < lots; n++) {
    const day = Math.floor((n * GENEALOGY_DAYS) / lots);
    const date = days[day];
    const at = `${date}T${String(6 + (n % 12)).padStart(2, '0')}:00:00.000Z`;
    const common = n < COMMON_LOTS;
    const item = common ? (n < 3 ? SALT : SYRUP) : n % 10 === 0 ? 0 : 1 + (n % 49);
    lotItem[n] = item;
    const lotId = newId();
    lotIds[n] = lotId;
    const code = `L${String(n).padStart(7, '0')}`;
    const raw = common || item < 10;
    const bin = pick(bins.length);
    lotBin[n] = bin;
    const status = random() < 0.9 ? 'released' : 'quarantine';
    const units = common ? 10_000_000 : raw ? 1000 : 100;

    if (raw) {
      if (!receipt || receipt.lines === 4) {
        const supplier = pick(SUPPLIERS);
        receipt = { id: newId(), supplier, lines: 0 };
        counts.receipts++;
        insertDoc.run(receipt.id, 'receipt', `GRC-${String(counts.receipts).padStart(7, '0')}`, suppliers[supplier], 'done', null, at, userId, ++docNo);
      }
      insertLot.run(lotId, items[item], code, suppliers[receipt.supplier], `S${receipt.supplier}-${n}`, addDays(date, -3), addDays(date, 362), status, at, userId, ++lotNo);
      const lineId = newId();
      insertLine.run(lineId, receipt.id, ++receipt.lines, items[item], lotId, units * QTY_SCALE, ++lineNo);
      move('receive', at, n, units, null, rcv, receipt.id, lineId);
      remaining[n] = units;
    } else {
      // The parents and the kind of the step that made this lot.
      const parents: number[] = [];
      const r = random();
      let kind: 'split' | 'merge' | 'consume' = 'consume';
      const same = recentOf(item, 5);
      if (r < 0.15 && same >= 0) {
        kind = 'split';
        parents.push(same);
      } else if (r < 0.25 && same >= 0) {
        const other = recentOf(item, 5);
        if (other >= 0 && other !== same) {
          kind = 'merge';
          parents.push(same, other);
          const third = random() < 0.3 ? recentOf(item, 5) : -1;
          if (third >= 0 && !parents.includes(third)) parents.push(third);
        }
      }
      if (parents.length === 0) {
        const finished = item >= 30;
        const components = finished ? [10 + pick(20), random() < 0.5 ? 10 + pick(20) : -1, random() < 0.6 ? pick(10) : -1] : [pick(10), random() < 0.5 ? pick(10) : -1];
        for (const c of components) {
          if (c < 0) continue;
          const p = recentOf(c, 5);
          if (p >= 0 && !parents.includes(p)) parents.push(p);
        }
        if (random() < 0.04) parents.push(random() < 0.6 ? pick(3) : 3 + pick(2));
        if (parents.length === 0) {
          // Nothing recent with stock: the first raw component with stock (raw lots hold 1,000).
          for (let c = 0; c < 10 && parents.length === 0; c++) {
            const p = recentOf(c, 5);
            if (p >= 0) parents.push(p);
          }
        }
      }
      let deepest = 0;
      for (const p of parents) deepest = Math.max(deepest, level[p]);
      level[n] = parents.length > 0 ? deepest + 1 : 0;
      counts.maxLevel = Math.max(counts.maxLevel, level[n]);
      insertLot.run(lotId, items[item], code, null, null, date, addDays(date, 365), status, at, userId, ++lotNo);
      let produced = 0;
      for (const p of parents) {
        const give = Math.min(Math.floor(remaining[p] / 2), 1 + pick(20));
        if (give < 1) continue;
        remaining[p] -= give;
        produced += give;
        const out = move(kind, at, p, give, bins[lotBin[p]], null);
        insertLink.run(lotIds[p], lotId, Math.round(give * QTY_SCALE), out);
        counts.links++;
      }
      const made = kind === 'consume' ? units : Math.max(produced, 1);
      move(kind === 'consume' ? 'produce' : kind, at, n, made, null, rcv);
      remaining[n] = made;
    }
    move('move', at, n, remaining[n], rcv, bins[bin]);
    if (!common) remember(n);
    else counts.commonLotCodes.push(code);

    // What ships of it: finished goods 3–7 lines, a tenth of intermediates 1–2.
    const lines = item >= 30 && item < 50 ? 3 + pick(5) : item >= 10 && item < 30 && random() < 0.1 ? 1 + pick(2) : 0;
    for (let l = 0; l < lines; l++) {
      const ship = Math.min(1 + pick(5), Math.floor(remaining[n] / 3));
      if (ship < 1) break;
      remaining[n] -= ship;
      pendingLot.push(n);
      pendingUnits.push(ship);
      if (pendingLot.length >= shipmentSize) flushShipment(day);
    }
    // Bin-to-bin moves (replenishment, consolidation), out and back: a movement ledger of ~10 per lot.
    for (let m = random() < 0.55 ? 2 : 1; m > 0; m--) {
      const other = bins[(bin + 1 + pick(bins.length - 1)) % bins.length];
      move('move', at, n, 1, bins[bin], other);
      move('move', at, n, 1, other, bins[bin]);
    }
  }
  if (pendingLot.length > 0) flushShipment(GENEALOGY_DAYS);
  return counts;
}
