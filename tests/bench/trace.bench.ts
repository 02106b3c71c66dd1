/**
 * Trace at scale (issue 16): LotDesk's indexed trace beside a plain recursive CTE over the same
 * SQLite file and over the same data loaded into PostgreSQL (127.0.0.1:5432, database `test`).
 *
 *   LOTDESK_TRACE_DB=/path/seeded.db npx tsx tests/bench/trace.bench.ts    # an existing `lotdesk seed --scale N` file
 *   LOTDESK_BENCH_LOTS=1000000 npx tsx tests/bench/trace.bench.ts           # seeds one first (default 100000)
 *   LOTDESK_TRACE_PG=0 …                                                    # without PostgreSQL
 *
 * Measured: the index build; the core (walk + lines, in numbers) and the full-detail API
 * (`traceLot`, rows read back from SQLite) for typical lots both ways, and for the salt/syrup
 * lot with the most shipments; the API's first page of that lot; the SQL-rounds walk (the first
 * slice's engine); the CTEs; index maintenance per committed link and per shipment line (the
 * catch-up of one write, the bench's rows are removed after); the process RSS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/store/db';
import { currentTraceIndex, dropTraceIndex, traceIndexStats } from '../../src/store/trace-index';
import { rootLot, traceCore, traceLot, traceLotRounds } from '../../src/app/trace/trace-lot';
import { mulberry32 } from '../../src/app/demo/seed-scale';
import { newId } from '../../src/store/ids';
import { lotdesk } from '../support/cli';
import { benchSize, derivedRow, median, onceRow, percentile, row as benchRow, TINY, watchGc, type BenchReport, type BenchRow, type Target } from './harness';
import { CTE_QUERIES } from './trace-cte';

const ms = (from: number) => performance.now() - from;
const mib = () => process.memoryUsage().rss / 1048576;
const began = performance.now();
const progress = (what: string) => process.stderr.write(`[trace bench ${((performance.now() - began) / 1000).toFixed(1)} s] ${what}\n`);

function time(runs: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(ms(t));
  }
  return out;
}


const PG_TABLES: [table: string, columns: string, select: string][] = [
  ['items', 'id text primary key, sku text, name text, unit text', 'SELECT id, sku, name, unit FROM items'],
  ['parties', 'id text primary key, code text, name text', 'SELECT id, code, name FROM parties'],
  ['lots', 'id text primary key, item_id text, code text, status text, supplier_lot text', 'SELECT id, item_id, code, status, supplier_lot FROM lots'],
  ['lot_links', 'parent_lot_id text, child_lot_id text, quantity bigint', 'SELECT parent_lot_id, child_lot_id, quantity FROM lot_links'],
  ['documents', 'id text primary key, kind text, number text, party_id text, created_at text', "SELECT id, kind, number, party_id, created_at FROM documents WHERE kind IN ('shipment','receipt')"],
  ['document_lines', 'id text primary key, document_id text, line_no int, lot_id text, quantity bigint', 'SELECT id, document_id, line_no, lot_id, quantity FROM document_lines WHERE lot_id IS NOT NULL'],
  ['shipments', 'document_id text primary key, region text, channel text, shipped_at text', 'SELECT document_id, region, channel, shipped_at FROM shipments'],
];
const PG_INDEXES = ['lot_links(parent_lot_id)', 'lot_links(child_lot_id)', 'document_lines(lot_id)'];

/** Copies the trace's tables into a schema of our own with COPY (psql \copy of CSV exported by sqlite3). */
async function loadPostgres(file: string, schema: string, dir: string): Promise<{ client: pg.Client; seconds: number }> {
  const started = performance.now();
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, database: 'test', user: process.env.PGUSER ?? 'postgres' });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  for (const [table, columns, select] of PG_TABLES) {
    const csv = join(dir, `${table}.csv`);
    execFileSync('sh', ['-c', `sqlite3 -readonly -csv "${file}" "${select}" > "${csv}"`]);
    await client.query(`CREATE TABLE ${schema}.${table} (${columns})`);
    execFileSync('psql', ['-h', '127.0.0.1', '-U', process.env.PGUSER ?? 'postgres', '-d', 'test', '-q', '-c', `\\copy ${schema}.${table} FROM '${csv}' WITH (FORMAT csv)`]);
    rmSync(csv);
  }
  for (const ix of PG_INDEXES) await client.query(`CREATE INDEX ON ${schema}.${ix}`);
  await client.query(`ANALYZE`);
  await client.query(`SET search_path TO ${schema}`);
  return { client, seconds: ms(started) / 1000 };
}

export default async function bench(): Promise<BenchReport> {
  const rows: BenchRow[] = [];
  // Each figure also goes to stderr as it is measured, so a long run's partial results survive.
  const push = rows.push.bind(rows);
  rows.push = (...r: BenchRow[]) => {
    for (const x of r) process.stderr.write(`  ${x.metric}: ${x.value.toFixed(3)} ${x.unit}\n`);
    return push(...r);
  };
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-bench-'));
  let file = process.env.LOTDESK_TRACE_DB;
  const withPg = process.env.LOTDESK_TRACE_PG !== '0';
  const schema = `lotdesk_trace_bench_${process.pid}`;
  let client: pg.Client | null = null;
  try {
    if (!file) {
      const lots = benchSize('LOTDESK_BENCH_LOTS', 100_000, 300);
      file = join(dir, 'scale.db');
      const t = performance.now();
      const r = lotdesk(['seed', '--db', file, '--scale', String(lots)]);
      if (r.status !== 0) throw new Error(r.stderr);
      rows.push(onceRow(`lotdesk seed --scale ${lots} wall time (incl. CLI start)`, ms(t) / 1000, 's'));
      notes.push(r.stdout.trim());
    }
    const rssBefore = mib();
    const db: Db = openDatabase(file);
    db.pragma('cache_size = -65536');
    const today = new Date().toISOString().slice(0, 10);
    const counts = db.prepare('SELECT (SELECT COUNT(*) FROM lots) AS lots, (SELECT MAX(no) FROM lots) AS maxNo, (SELECT COUNT(*) FROM lot_links) AS links').get() as { lots: number; maxNo: number; links: number };
    notes.push(`${file}: ${counts.lots} lots, ${counts.links} links`);
    const rssOpen = mib();

    let t = performance.now();
    const index = currentTraceIndex(db)!;
    const buildMs = ms(t);
    progress(`index built in ${(buildMs / 1000).toFixed(1)} s`);
    const stats = traceIndexStats(db)!;
    const rssIndexed = mib();
    rows.push(onceRow('index build (first trace after open)', buildMs / 1000, 's'));
    rows.push(onceRow('index typed arrays', stats.bytes / 1048576, 'MiB'));
    notes.push(`index build phases: links ${(stats.phasesMs[0] / 1000).toFixed(1)} s, shipment lines ${(stats.phasesMs[1] / 1000).toFixed(1)} s, receipt lines ${(stats.phasesMs[2] / 1000).toFixed(1)} s`);
    notes.push(`index: ${stats.links} links, ${stats.shipmentLines} shipment lines, ${stats.receiptLines} receipt lines; RSS before open ${rssBefore.toFixed(0)} MiB, open ${rssOpen.toFixed(0)} MiB, indexed ${rssIndexed.toFixed(0)} MiB`);

    // Typical lots: a fixed random sample of lot numbers.
    const random = mulberry32(16);
    const sampleNos = Array.from({ length: benchSize(null, 400, 20) }, () => 1 + Math.floor(random() * counts.maxNo));
    const idOf = db.prepare('SELECT id FROM lots WHERE no = ?').pluck();
    const sample = sampleNos.map((no) => ({ no, id: idOf.get(no) as string })).filter((s) => s.id);
    const gc = watchGc();

    // Warm the caches once per lot, then measure.
    for (const s of sample) traceLot(db, { lotId: s.id, direction: 'both' }, today);
    const sizes = sample.map((s) => traceLot(db, { lotId: s.id, direction: 'both' }, today).totals);
    notes.push(
      `typical lots (${sample.length} random): median ${median(sizes.map((x) => x.lots))} lots, ${median(sizes.map((x) => x.shipments))} shipments, ${median(sizes.map((x) => x.receipts))} receipts; p99 ${percentile(sizes.map((x) => x.lots), 99)} lots, ${percentile(sizes.map((x) => x.shipments), 99)} shipments`,
    );
    const rep = (n: number) => Array.from({ length: n }, (_, i) => sample[i % sample.length]);
    progress('typical lots warmed');
    const runs = rep(benchSize(null, 4000, 40));
    const core = time(runs.length, (i) => traceCore(index, runs[i].no, 'both'));
    const api = time(benchSize(null, 2000, 20), (i) => traceLot(db, { lotId: runs[i].id, direction: 'both' }, today));
    progress('typical core and API timed');
    const rounds = time(benchSize(null, 100, 5), (i) => traceLotRounds(db, rootLot(db, { lotId: sample[i % sample.length].id }, today), 'both', today));
    progress('typical SQL rounds timed');
    const cteStmts = CTE_QUERIES.map((q) => db.prepare(q));
    const cteLite = time(benchSize(null, 100, 5), (i) => cteStmts.forEach((s) => s.all({ root: sample[i % sample.length].id })));
    progress('typical SQLite CTE timed');
    // A p50 row and a p99 row; the targets of trace are p99s.
    const row = (metric: string, samples: number[], p99Below?: number) => {
      rows.push(benchRow(`${metric} p50`, samples, 'ms'));
      rows.push(benchRow(`${metric} p99`, samples, 'ms', { stat: 'p99', ...(p99Below === undefined ? {} : { target: { below: p99Below } }) }));
    };
    const rssReadings = [rssIndexed];
    row('typical lot both ways, core (walk + lines)', core, 1);
    row('typical lot both ways, full detail API (traceLot)', api, 1);
    row('typical lot both ways, SQL rounds (first slice)', rounds);
    row('typical lot both ways, recursive CTE, SQLite', cteLite);

    let pgTyp: number[] = [];
    let pgQuery: ((root: string) => Promise<void>) | null = null;
    if (withPg) {
      progress('loading PostgreSQL');
      const loaded = await loadPostgres(file, schema, dir);
      progress('PostgreSQL loaded');
      client = loaded.client;
      rows.push(onceRow('PostgreSQL load (export CSV + COPY + index + ANALYZE)', loaded.seconds, 's'));
      const texts = CTE_QUERIES.map((q) => q.replaceAll('$root', '$1::text').replaceAll('CROSS JOIN', 'JOIN'));
      pgQuery = async (root: string) => {
        for (let q = 0; q < texts.length; q++) await client!.query({ name: `cte${q}`, text: texts[q], values: [root] });
      };
      for (const s of sample.slice(0, TINY ? 3 : 50)) await pgQuery(s.id);
      pgTyp = [];
      for (const s of sample.slice(0, TINY ? 5 : 100)) {
        const t0 = performance.now();
        await pgQuery(s.id);
        pgTyp.push(ms(t0));
      }
      row('typical lot both ways, recursive CTE, PostgreSQL', pgTyp);
    }
    const ratio = (a: number, b: number) => a / b;
    const fiveTimes: Target = { atLeast: 5 };
    rows.push(derivedRow('typical: SQLite CTE p50 / LotDesk API p50', [[cteLite, 'median'], [api, 'median']], ratio, '×', fiveTimes));
    rows.push(derivedRow('typical: SQLite CTE p99 / LotDesk API p99', [[cteLite, 'p99'], [api, 'p99']], ratio, '×', fiveTimes));
    if (pgTyp.length) {
      rows.push(derivedRow('typical: PostgreSQL CTE p50 / LotDesk API p50', [[pgTyp, 'median'], [api, 'median']], ratio, '×', fiveTimes));
      rows.push(derivedRow('typical: PostgreSQL CTE p99 / LotDesk API p99', [[pgTyp, 'p99'], [api, 'p99']], ratio, '×', fiveTimes));
    }
    rows.push(derivedRow('typical: SQL rounds p50 / LotDesk API p50', [[rounds, 'median'], [api, 'median']], ratio, '×'));
    rssReadings.push(mib());

    // The common-ingredient lot: the salt or syrup lot with the most shipments.
    const commons = (db.prepare("SELECT l.id, l.no, l.code FROM lots l JOIN items i ON i.id = l.item_id WHERE i.sku IN ('SALT-25KG', 'SYRUP-BASE')").all() as { id: string; no: number; code: string }[]).map(
      (c) => ({ ...c, shipments: traceCore(index, c.no, 'forward').shipments.lines.length }),
    );
    if (commons.length > 0) {
      const big = commons.sort((a, b) => b.shipments - a.shipments)[0];
      const whole = traceLot(db, { lotId: big.id, direction: 'both' }, today);
      notes.push(`common-ingredient lot ${big.code}: ${whole.totals.lots} lots, ${whole.totals.edges} links, ${whole.totals.shipments} shipments to ${whole.totals.customers} customers, ${whole.totals.maxDepth} levels (all five: ${commons.map((c) => c.shipments).join(', ')} shipments)`);
      const bigCore = time(60, () => traceCore(index, big.no, 'both'));
      row('common-ingredient lot both ways, core (walk + lines)', bigCore, 10);
      const walkOnly = time(60, () => index.walk(big.no, 'forward'));
      rows.push(benchRow('common-ingredient lot, of which the forward walk, p50', walkOnly, 'ms'));
      const firstPage = time(60, () => traceLot(db, { lotId: big.id, direction: 'both', limit: 200 }, today));
      row('common-ingredient lot, API first page (limit 200, totals of all)', firstPage, 50);
      const full = time(5, () => traceLot(db, { lotId: big.id, direction: 'both' }, today));
      rows.push(benchRow('common-ingredient lot, full detail API (every row), p50', full, 'ms'));
      const bigRounds = time(3, () => traceLotRounds(db, rootLot(db, { lotId: big.id }, today), 'both', today));
      rows.push(benchRow('common-ingredient lot, SQL rounds, p50', bigRounds, 'ms'));
      const bigCte = time(5, () => cteStmts.forEach((s) => s.all({ root: big.id })));
      rows.push(benchRow('common-ingredient lot, recursive CTE SQLite, p50', bigCte, 'ms'));
      rows.push(derivedRow('common-ingredient: SQLite CTE / LotDesk core (p50s)', [[bigCte, 'median'], [bigCore, 'median']], (a, b) => a / b, '×'));
      rows.push(derivedRow('common-ingredient: SQLite CTE / LotDesk full detail API (p50s)', [[bigCte, 'median'], [full, 'median']], (a, b) => a / b, '×'));
      if (pgQuery) {
        const pgBig: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await pgQuery(big.id);
          pgBig.push(ms(t0));
        }
        rows.push(benchRow('common-ingredient lot, recursive CTE PostgreSQL, p50', pgBig, 'ms'));
        rows.push(derivedRow('common-ingredient: PostgreSQL CTE / LotDesk core (p50s)', [[pgBig, 'median'], [bigCore, 'median']], (a, b) => a / b, '×'));
        rows.push(derivedRow('common-ingredient: PostgreSQL CTE / LotDesk full detail API (p50s)', [[pgBig, 'median'], [full, 'median']], (a, b) => a / b, '×'));
      }
    }
    notes.push(`GC pauses inside the measured windows (all): ${gc.inside(0, Infinity).toFixed(1)} ms`);
    rssReadings.push(mib());
    gc.stop();

    progress('common-ingredient lot timed');
    // Index maintenance: commit one link (or one shipment of one line), then time the catch-up the next trace does.
    const lotAt = (i: number) => sample[i % sample.length].id;
    const linkMark = db.prepare('SELECT IFNULL(MAX(rowid), 0) FROM lot_links').pluck().get() as number;
    const lineMark = db.prepare('SELECT IFNULL(MAX(no), 0) FROM document_lines').pluck().get() as number;
    const docMark = db.prepare('SELECT IFNULL(MAX(no), 0) FROM documents').pluck().get() as number;
    const addLink = db.prepare('INSERT INTO lot_links (parent_lot_id, child_lot_id, quantity) VALUES (?, ?, ?)');
    const party = db.prepare("SELECT id FROM parties WHERE kind = 'customer' LIMIT 1").pluck().get() as string;
    const itemOf = db.prepare('SELECT item_id FROM lots WHERE id = ?').pluck();
    const addDoc = db.prepare("INSERT INTO documents (id, kind, number, party_id, status, created_at) VALUES (?, ?, ?, ?, 'shipped', ?)");
    const addShipment = db.prepare('INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, ?, ?, ?)');
    const addLine = db.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity) VALUES (?, ?, 1, ?, ?, ?)');
    const linkWrite: number[] = [];
    const linkCatchUp: number[] = [];
    const lineWrite: number[] = [];
    const lineCatchUp: number[] = [];
    // One second apart, after every seeded shipment: a line that sorted before the last one held
    // would rebuild the index (an earlier `00:00:${i % 60}` went back in time from i = 60 on, and
    // each later sample then timed a whole rebuild, 27 s at 1M lots).
    const shipAt = (i: number) => new Date(Date.UTC(2099, 0, 1) + i * 1000).toISOString();
    try {
      db.pragma('synchronous = NORMAL');
      for (let i = 0; i < benchSize(null, 300, 10); i++) {
        const parent = lotAt(i);
        const child = lotAt(i + 7);
        if (parent === child) continue;
        t = performance.now();
        addLink.run(parent, child, 1000);
        linkWrite.push(ms(t));
        t = performance.now();
        currentTraceIndex(db);
        linkCatchUp.push(ms(t));
        t = performance.now();
        db.transaction(() => {
          const order = newId();
          const doc = newId();
          addDoc.run(order, 'sales_order', `BENCH-SO-${process.pid}-${i}`, party, shipAt(i));
          addDoc.run(doc, 'shipment', `BENCH-SH-${process.pid}-${i}`, party, shipAt(i));
          addShipment.run(doc, order, 'CN-SH', 'retail', shipAt(i));
          addLine.run(newId(), doc, itemOf.get(parent), parent, 1000);
        })();
        lineWrite.push(ms(t));
        t = performance.now();
        currentTraceIndex(db);
        lineCatchUp.push(ms(t));
      }
      const after = traceCore(currentTraceIndex(db)!, sample[0].no, 'forward');
      if (after.shipments.lines.length === 0 && sample.length > 0) notes.push('warning: a bench shipment line did not reach the index');
    } finally {
      db.prepare('DELETE FROM lot_links WHERE rowid > ?').run(linkMark);
      db.prepare('DELETE FROM document_lines WHERE no > ?').run(lineMark);
      db.prepare('DELETE FROM shipments WHERE document_id IN (SELECT id FROM documents WHERE no > ?)').run(docMark);
      db.prepare('DELETE FROM documents WHERE no > ?').run(docMark);
      dropTraceIndex(db);
    }
    row('index maintenance per committed link (catch-up at the next trace)', linkCatchUp, 0.2);
    row('index maintenance per committed shipment line', lineCatchUp, 0.2);
    rows.push(benchRow('for scale: the link INSERT itself (autocommit, synchronous NORMAL), p50', linkWrite, 'ms'));
    rows.push(benchRow('for scale: the shipment transaction itself (4 rows), p50', lineWrite, 'ms'));

    rssReadings.push(mib());
    // The highest reading is what the target is about: the p99 of four readings is their maximum.
    rows.push(benchRow(`RSS with the database open and the index built, highest of ${rssReadings.length} readings`, rssReadings, 'MiB', { stat: 'p99', target: { below: 400 } }));
    db.close();
    return { name: `Trace at ${counts.lots} lots (issue 16)`, rows, notes: [...notes, 'LOTDESK_TRACE_DB=FILE npx tsx tests/bench/trace.bench.ts'] };
  } finally {
    if (client) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: npx tsx tests/bench/trace.bench.ts
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await bench();
  const lines = [`## ${report.name}`, '| metric | value | spread | n | target | ok |', '|---|---|---|---|---|---|'];
  for (const r of report.rows) lines.push(`| ${r.metric} | ${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} ${r.unit} | ${r.spread} | ${r.runs} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`);
  for (const n of report.notes ?? []) lines.push(`- ${n}`);
  console.log(lines.join('\n'));
  if (process.env.LOTDESK_TRACE_OUT) writeFileSync(process.env.LOTDESK_TRACE_OUT, lines.join('\n') + '\n');
}
