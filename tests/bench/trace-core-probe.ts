/**
 * The trace core and full-detail API alone, for profiling (`node --cpu-prof`) and quick same-run
 * ratios on a seeded file: LOTDESK_TRACE_DB=FILE npx tsx tests/bench/trace-core-probe.ts
 * (LOTDESK_PROBE_CACHE_KIB=0 measures RSS with SQLite's default page cache, as a station opens it).
 */
import { openDatabase } from '../../src/store/db';
import { currentTraceIndex, traceIndexStats } from '../../src/store/trace-index';
import { rootLot, traceCore, traceLot, traceLotRounds } from '../../src/app/trace/trace-lot';
import { mulberry32 } from '../../src/app/demo/seed-scale';
import { median, percentile } from './harness';
import { CTE_QUERIES } from './trace-cte';

const file = process.env.LOTDESK_TRACE_DB!;
const db = openDatabase(file);
// A 64 MiB page cache unless told (LOTDESK_PROBE_CACHE_KIB=0: SQLite's default, as a station runs).
const cacheKib = Number(process.env.LOTDESK_PROBE_CACHE_KIB ?? 65536);
if (cacheKib > 0) db.pragma(`cache_size = -${cacheKib}`);
const today = new Date().toISOString().slice(0, 10);
const mib = () => (process.memoryUsage().rss / 1048576).toFixed(0);
const t = performance.now();
const index = currentTraceIndex(db)!;
console.log(
  `build ${(performance.now() - t).toFixed(0)} ms, arrays ${(traceIndexStats(db)!.bytes / 1048576).toFixed(1)} MiB, details ${(traceIndexStats(db)!.detailBytes / 1048576).toFixed(1)} MiB, RSS ${mib()} MiB`,
);
const maxNo = db.prepare('SELECT MAX(no) FROM lots').pluck().get() as number;
const random = mulberry32(16);
const idOf = db.prepare('SELECT id FROM lots WHERE no = ?').pluck();
const sample = Array.from({ length: 400 }, () => 1 + Math.floor(random() * maxNo)).map((no) => ({ no, id: idOf.get(no) as string })).filter((s) => s.id);
const time = (runs: number, fn: (i: number) => void) => {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn(i);
    out.push(performance.now() - s);
  }
  return out;
};
/** CPU time per call (user + system, µs resolution): what a call costs without the time the scheduler took the process away. */
const cpuTime = (runs: number, fn: (i: number) => void) => {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.cpuUsage();
    fn(i);
    const d = process.cpuUsage(s);
    out.push((d.user + d.system) / 1000);
  }
  return out;
};
const show = (what: string, xs: number[]) => console.log(`${what}: p50 ${median(xs).toFixed(4)} ms, p99 ${percentile(xs, 99).toFixed(4)} ms`);
// A same-run yardstick: a fixed CPU-bound loop, so figures on a loaded machine compare as ratios.
const yard = time(200, () => {
  let x = 0;
  for (let i = 0; i < 200_000; i++) x = (x * 31 + i) | 0;
  if (x === 42) console.log('');
});
show('yardstick (200k-step integer loop)', yard);
const only = process.env.PROBE ?? 'all';
for (const s of sample) traceLot(db, { lotId: s.id, direction: 'both' }, today);
if (only === 'all' || only === 'typical') {
  show('typical core both ways', time(4000, (i) => traceCore(index, sample[i % sample.length].no, 'both')));
  show('typical full-detail API both ways', time(4000, (i) => traceLot(db, { lotId: sample[i % sample.length].id, direction: 'both' }, today)));
  show('typical full-detail API both ways, CPU time', cpuTime(4000, (i) => traceLot(db, { lotId: sample[i % sample.length].id, direction: 'both' }, today)));
  show('yardstick, CPU time', cpuTime(200, () => {
    let x = 0;
    for (let i = 0; i < 200_000; i++) x = (x * 31 + i) | 0;
    if (x === 42) console.log('');
  }));
  // The same result by the first slice's SQL rounds (the fallback), same run: the ratio to quote.
  const cte = CTE_QUERIES.map((q) => db.prepare(q));
  const cteRuns = time(2000, (i) => cte.forEach((s) => s.all({ root: sample[i % sample.length].id })));
  const apiRuns = time(2000, (i) => traceLot(db, { lotId: sample[i % sample.length].id, direction: 'both' }, today));
  show('typical SQLite recursive CTE both ways', cteRuns);
  show('typical full-detail API both ways, again beside it', apiRuns);
  console.log(`CTE / API p50 ratio, same run: ${(median(cteRuns) / median(apiRuns)).toFixed(2)}x`);
  show('typical SQL rounds both ways', time(2000, (i) => traceLotRounds(db, rootLot(db, { lotId: sample[i % sample.length].id }, today), 'both', today)));
}
if (only === 'all' || only === 'common') {
  const commons = (db.prepare("SELECT l.id, l.no, l.code FROM lots l JOIN items i ON i.id = l.item_id WHERE i.sku IN ('SALT-25KG', 'SYRUP-BASE')").all() as { id: string; no: number; code: string }[]).map(
    (c) => ({ ...c, shipments: traceCore(index, c.no, 'forward').shipments.lines.length }),
  );
  const big = commons.sort((a, b) => b.shipments - a.shipments)[0];
  const core = traceCore(index, big.no, 'both');
  console.log(`common lot ${big.code}: ${core.walks[0].walk.lots.length} lots, ${core.edges.length} links, ${core.shipments.lines.length} shipment lines`);
  show('common core both ways', time(Number(process.env.PROBE_RUNS ?? 200), () => traceCore(index, big.no, 'both')));
  show('common forward walk', time(100, () => index.walk(big.no, 'forward')));
  show('common full-detail API both ways', time(10, () => traceLot(db, { lotId: big.id, direction: 'both' }, today)));
}
if (only === 'all' || only === 'status') {
  // A status change committed by raw SQL (the change log's trigger notes it), then the next trace's catch-up: one lot re-read.
  const flip = db.prepare("UPDATE lots SET status = CASE status WHEN 'on_hold' THEN 'released' ELSE 'on_hold' END WHERE no = ?");
  const write: number[] = [];
  const catchUp = time(200, (i) => {
    const s = performance.now();
    flip.run(sample[i % sample.length].no);
    write.push(performance.now() - s);
    const c = performance.now();
    currentTraceIndex(db);
    return c;
  });
  show('status UPDATE itself (with the trigger)', write);
  show('status UPDATE + catch-up at the next trace', catchUp);
  for (let i = 0; i < 200; i++) flip.run(sample[i % sample.length].no); // the same flips again: every lot back as it was
}
if (only === 'backdated') {
  // Shipment lines dated before the last one held (a clock set back), committed one at a time by raw SQL: the next trace inserts each in place.
  const lot = sample[0];
  const party = db.prepare("SELECT id FROM parties WHERE kind = 'customer' LIMIT 1").pluck().get() as string;
  const item = db.prepare('SELECT item_id FROM lots WHERE id = ?').pluck().get(lot.id) as string;
  const built = traceIndexStats(db)!.builtMs;
  const write = db.transaction((i: number) => {
    const doc = `probe-back-${process.pid}-${i}`;
    const at = `2020-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`;
    db.prepare("INSERT INTO documents (id, kind, number, party_id, status, created_at) VALUES (?, 'shipment', ?, ?, 'done', ?)").run(doc, doc, party, at);
    db.prepare("INSERT INTO shipments (document_id, order_id, region, channel, shipped_at) VALUES (?, ?, 'east', 'retail', ?)").run(doc, doc, at);
    db.prepare('INSERT INTO document_lines (id, document_id, line_no, item_id, lot_id, quantity) VALUES (?, ?, 1, ?, ?, 1)').run(`${doc}-1`, doc, item, lot.id);
  });
  const catchUps: number[] = [];
  for (let i = 0; i < 50; i++) {
    write(i);
    const s = performance.now();
    currentTraceIndex(db);
    catchUps.push(performance.now() - s);
  }
  show('back-dated shipment line committed, catch-up at the next trace', catchUps);
  console.log(`rebuilt meanwhile: ${traceIndexStats(db)!.builtMs !== built}`);
}
console.log(`RSS ${mib()} MiB`);
db.close();
