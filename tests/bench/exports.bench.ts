/**
 * Trace exports (issue 16) for a common-ingredient lot that reaches 30,000 shipments: one soy
 * sauce lot received, made by 3,000 transformation documents into 3,000 gift-kit lots, each kit
 * lot shipped to customers in 10 shipments. The fixture is written with bulk inserts into a demo
 * desk (what the ledger would hold after years of work), then timed: the FSMA 204 XLSX (target
 * < 2 s), its CSV, the EPCIS 2.0 document, and apart from them the trace (`traceLot`, another
 * helper's) and the event gathering, to show where the time goes.
 * `LOTDESK_BENCH_KITS` changes the number of kit lots (10 shipments each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import { traceLot } from '../../src/app/trace/trace-lot';
import { traceEvents } from '../../src/app/trace/exports/trace-events';
import { exportFsma } from '../../src/app/trace/exports/fsma';
import { exportEpcis } from '../../src/app/trace/exports/epcis';
import { benchSize, onceRow, row, type BenchReport } from './harness';

const TODAY = '2026-11-25';

export default async function bench(): Promise<BenchReport> {
  const kits = benchSize('LOTDESK_BENCH_KITS', 3000, 20);
  const perKit = 10;
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-exports-'));
  const file = join(dir, 'exports.db');
  const { station, dispatch } = openDesk(file);
  try {
    const env = await dispatch({}, 'station.loadDemo', {});
    if (!env.ok) throw new Error(JSON.stringify(env.error));
    const db = station.db;
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    const user = one<{ id: string }>("SELECT id FROM users WHERE username = 'admin'").id;
    const soy = one<{ id: string }>("SELECT id FROM items WHERE sku = 'SOY-500'").id;
    const kit = one<{ id: string }>("SELECT id FROM items WHERE sku = 'GIFT-TEA'").id;
    const supplier = one<{ id: string }>("SELECT id FROM parties WHERE code = 'SUP-GRN'").id;
    const customers = (db.prepare("SELECT id FROM parties WHERE kind = 'customer'").all() as { id: string }[]).map((c) => c.id);
    const bin = one<{ id: string }>("SELECT id FROM locations WHERE code = 'A-01'").id;
    const at = (i: number) => new Date(Date.parse('2025-01-01T08:00:00Z') + i * 60_000).toISOString();
    const t0 = performance.now();
    db.transaction(() => {
      const lot = db.prepare(`INSERT INTO lots (id, item_id, code, supplier_id, supplier_lot, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, 'released', ?, ?)`);
      const doc = db.prepare(`INSERT INTO documents (id, kind, number, party_id, status, reference, source_id, created_at, created_by) VALUES (?, ?, ?, ?, 'done', ?, ?, ?, ?)`);
      const line = db.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity) VALUES (?, ?, ?, ?, ?, ?)');
      const move = db.prepare(`INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, from_location_id, to_location_id, document_id) VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?)`);
      const link = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity, movement_id) VALUES (?, ?, ?, ?)');
      const ship = db.prepare('INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, ?, ?, ?)');
      lot.run('bench-soy', soy, 'SOY-BENCH', supplier, 'GRN-SOY-1', at(0), user);
      doc.run('bench-rcv', 'receipt', 'RCV-BENCH', supplier, null, null, at(0), user);
      line.run('bench-rcv-1', 'bench-rcv', 1, soy, 'bench-soy', kits * 1000);
      move.run('bench-mv-rcv', 'receive', user, at(0), soy, 'bench-soy', kits * 1000, null, bin, 'bench-rcv');
      for (let k = 0; k < kits; k++) {
        const kitLot = `bench-kit-${k}`;
        lot.run(kitLot, kit, `KIT-${String(k).padStart(5, '0')}`, null, null, at(k + 1), user);
        doc.run(`bench-tf-${k}`, 'transformation', `TF-BENCH-${k}`, null, 'kitting', null, at(k + 1), user);
        move.run(`bench-mv-c-${k}`, 'consume', user, at(k + 1), soy, 'bench-soy', 1000, bin, null, `bench-tf-${k}`);
        move.run(`bench-mv-p-${k}`, 'produce', user, at(k + 1), kit, kitLot, perKit * 1000, null, bin, `bench-tf-${k}`);
        link.run('bench-soy', kitLot, 1000, `bench-mv-c-${k}`);
        for (let s = 0; s < perKit; s++) {
          const n = k * perKit + s;
          const customer = customers[n % customers.length];
          doc.run(`bench-so-${n}`, 'sales_order', `SO-BENCH-${n}`, customer, `PO-${n}`, null, at(kits + n), user);
          doc.run(`bench-sh-${n}`, 'shipment', `SH-BENCH-${n}`, customer, null, `bench-so-${n}`, at(kits + n), user);
          line.run(`bench-sh-${n}-1`, `bench-sh-${n}`, 1, kit, kitLot, 1000);
          ship.run(`bench-sh-${n}`, `bench-so-${n}`, 'US-CA', 'retail', at(kits + n));
        }
      }
    })();
    const fixtureMs = performance.now() - t0;

    // Wall time and this process's CPU time (user + system): on a shared, loaded machine the CPU time is the steadier figure.
    const cpu: Record<string, number[]> = {};
    let current = '';
    const time = async (runs: number, fn: () => unknown) => {
      const samples: number[] = [];
      const cpuSamples: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        await fn();
        const used = process.cpuUsage(c);
        if (i > 0) {
          samples.push(performance.now() - t); // the first run warms the statements
          cpuSamples.push((used.user + used.system) / 1000);
        }
      }
      cpu[current] = cpuSamples;
      return samples;
    };
    const timed = (name: string, runs: number, fn: () => unknown) => {
      current = name;
      return time(runs, fn);
    };
    const site = station.site();
    const trace = traceLot(db, { lotId: 'bench-soy', direction: 'both' }, TODAY);
    const xlsx = await exportFsma(db, ['bench-soy'], 'xlsx', 'en', TODAY, site);
    const traceMs = await timed('trace', 5, () => traceLot(db, { lotId: 'bench-soy', direction: 'both' }, TODAY));
    const eventsMs = await timed('events', 5, () => traceEvents(db, ['bench-soy'], site, TODAY));
    const xlsxMs = await timed('xlsx', 5, () => exportFsma(db, ['bench-soy'], 'xlsx', 'en', TODAY, site));
    const csvMs = await timed('csv', 5, () => exportFsma(db, ['bench-soy'], 'csv', 'en', TODAY, site));
    const epcisMs = await timed('epcis', 5, () => exportEpcis(db, ['bench-soy'], 'en', TODAY, new Date(), site));
    // The worst run is in each row's spread; the target is judged on the medians.
    const rows = (metric: string, samples: number[], key: string, below?: number) => [
      row(`${metric}, median`, samples, 'ms', below ? { target: { below } } : {}),
      row(`${metric}, CPU time median`, cpu[key], 'ms', below ? { target: { below } } : {}),
    ];
    return {
      name: `Trace exports: a lot reaching ${trace.shipments.length} shipments (${kits} kit lots)`,
      rows: [
        ...rows('FSMA 204 XLSX (trace + events + workbook)', xlsxMs, 'xlsx', 2000),
        ...rows('FSMA 204 CSV', csvMs, 'csv'),
        ...rows('EPCIS 2.0 JSON-LD', epcisMs, 'epcis'),
        ...rows('of which traceLot (both ways)', traceMs, 'trace'),
        ...rows('of which event gathering (trace + export SQL)', eventsMs, 'events'),
        onceRow('XLSX size', Math.round(xlsx.bytes.length / 1024), 'KiB'),
      ],
      notes: [`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`, `fixture: ${kits} transformations, ${trace.shipments.length} shipments, written in ${(fixtureMs / 1000).toFixed(1)} s with bulk inserts`],
    };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await bench();
  console.log(`## ${r.name}`);
  for (const x of r.rows) console.log(`| ${x.metric} | ${x.value.toFixed(1)} ${x.unit} | ${x.spread} | ${x.runs} | ${x.target ?? ''} | ${x.ok === undefined ? '' : x.ok ? 'yes' : 'NO'} |`);
  for (const n of r.notes ?? []) console.log(`- ${n}`);
}
