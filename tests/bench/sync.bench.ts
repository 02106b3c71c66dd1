/**
 * Sync benchmark (issue 20) on real PostgreSQL, central workers as processes:
 * - one desk's 50,000 events reach the centre (< 10 s), and a second desk's 50,000 resume after
 *   the worker is killed with SIGKILL mid-push (all stored once);
 * - 100 desks × 1,000 events pushed concurrently over the workers: events/s, p99 batch latency,
 *   0 lost and 0 duplicated;
 * - recall propagation to 100 desks listening to nudges: p99 from the central call to the desk
 *   having applied the status (< 2 s);
 * - a new desk's first pull of 100,000 lot statuses (< 30 s).
 * `syncBench(TINY)` runs the same at a small scale in the test suite (tests/integration/sync-bench.test.ts).
 */
import { loadavg } from 'node:os';
import { startCluster, enrolStation, type Cluster } from '../support/central-cluster';
import { WireDesk } from '../support/wire-desk';
import { countRow, onceRow, row, TINY as TINY_RUN, type BenchReport, type BenchRow } from './harness';

export interface SyncBenchScale {
  workers: number;
  singleDeskEvents: number;
  desks: number;
  eventsPerDesk: number;
  recalls: number;
  firstPullLots: number;
}

export const FULL: SyncBenchScale = { workers: 3, singleDeskEvents: 50_000, desks: 100, eventsPerDesk: 1_000, recalls: 10, firstPullLots: 100_000 };
export const TINY: SyncBenchScale = { workers: 2, singleDeskEvents: 600, desks: 6, eventsPerDesk: 40, recalls: 2, firstPullLots: 300 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Progress on stderr as the bench goes (`[sync +12.3 s] phase: what (took 1.2 s)`), so a slow
 * phase shows while it runs; silent inside vitest (the tiny run), or with LOTDESK_BENCH_QUIET=1.
 */
const benchStart = performance.now();
const quiet = process.env.VITEST !== undefined || process.env.LOTDESK_BENCH_QUIET === '1';
export function progress(text: string): void {
  if (quiet) return;
  process.stderr.write(`[sync +${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${text}\n`);
}
/** Runs one phase, saying when it starts, how it goes every 2 s (`tick`) and how long it took. */
async function phase<T>(name: string, fn: () => Promise<T>, tick?: () => string): Promise<T> {
  progress(`${name} …`);
  const t0 = performance.now();
  const timer = quiet ? null : setInterval(() => progress(`  ${name}: ${tick ? tick() : 'still running'}`), 2_000);
  let out: T;
  try {
    out = await fn();
  } finally {
    if (timer) clearInterval(timer);
  }
  progress(`${name}: took ${((performance.now() - t0) / 1000).toFixed(2)} s  (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  return out;
}

/** A wire desk with `events` events in its outbox (receives: a lot row and a movement each). */
async function loadedDesk(cluster: Cluster, station: string, events: number, url: string, batchSize: number): Promise<WireDesk> {
  const cred = await enrolStation(cluster.urls[0], cluster.admin, station);
  const desk = new WireDesk({ station, token: cred.token, centreId: cred.centreId, url, batchSize, timeoutMs: 30_000 });
  const at = new Date().toISOString();
  for (let i = 0; i < events / 2; i++) desk.receive(1 + (i % 9), at);
  return desk;
}

/** Events the centre holds for a station: how many, how many distinct ids, and the highest seq. */
async function stored(cluster: Cluster, stations: string[]): Promise<{ count: number; distinct: number; maxSeqSum: number }> {
  const [r] = await cluster.db.query<{ count: string; distinct: string; max: string }>(
    `SELECT (SELECT count(*) FROM events WHERE station_id = ANY($1)) AS count,
            (SELECT count(DISTINCT id) FROM events WHERE station_id = ANY($1)) AS distinct,
            (SELECT coalesce(sum(m), 0) FROM (SELECT max(seq) AS m FROM events WHERE station_id = ANY($1) GROUP BY station_id) s) AS max`,
    [stations],
  );
  return { count: Number(r.count), distinct: Number(r.distinct), maxSeqSum: Number(r.max) };
}

async function singleDesk(cluster: Cluster, scale: SyncBenchScale, rows: BenchRow[]): Promise<void> {
  const n = scale.singleDeskEvents;
  const desk = await phase(`one desk: enrol and make ${n} events`, () => loadedDesk(cluster, 'bench-one', n, cluster.urls[0], 1000));
  const started = performance.now();
  await phase(`one desk: push ${n} events`, () => desk.pushAll(120_000), () => `${desk.pushed}/${n} acked, ${desk.retries} retries`);
  const s = (performance.now() - started) / 1000;
  // A whole run is one measurement: its target is read over several runs in docs/PERFORMANCE.md, not judged here.
  rows.push({ ...onceRow(`${n} events from one desk reach the centre`, s, 's'), ...(n >= 50_000 ? { target: '< 10 s' } : {}) });

  // Resume: the worker dies with SIGKILL while the desk pushes; the desk goes on once it is back.
  // Batches small enough that the kill lands mid-push at the tiny scale too (600 events).
  const again = await phase(`resume: enrol and make ${n} events`, () => loadedDesk(cluster, 'bench-resume', n, cluster.urls[0], Math.min(1000, Math.max(50, n / 20))));
  let killedAt = 0;
  await phase('resume: push, kill -9 the worker at a third, restart, push to the end', async () => {
    const pushing = again.pushAll(180_000);
    while (again.pushed < n / 3) await sleep(5);
    killedAt = again.pushed;
    await cluster.workers[0].kill9();
    progress(`resume: worker killed at ${killedAt}/${n}`);
    await sleep(300);
    await cluster.workers[0].start();
    progress(`resume: worker back (${again.pushed}/${n} acked)`);
    await pushing;
  }, () => `${again.pushed}/${n} acked, ${again.retries} retries`);
  const r = await phase('resume: count the stored events', () => stored(cluster, ['bench-resume']));
  const wrong = n - r.distinct + (r.count - r.distinct) + (r.maxSeqSum === n ? 0 : 1);
  rows.push(countRow(`resume after kill -9 at ${killedAt}/${n}: events lost, duplicated or out of seq`, wrong, n, 'events', { below: 1, text: '0' }));
}

async function manyDesks(cluster: Cluster, scale: SyncBenchScale, rows: BenchRow[]): Promise<WireDesk[]> {
  const desks = await phase(`many desks: enrol ${scale.desks} desks, ${scale.eventsPerDesk} events each`, () =>
    Promise.all(Array.from({ length: scale.desks }, (_, i) => loadedDesk(cluster, `bench-many-${i}`, scale.eventsPerDesk, cluster.urls[i % cluster.urls.length], 100))),
  );
  const started = performance.now();
  const acked = () => desks.reduce((sum, d) => sum + d.pushed, 0);
  await phase(`many desks: push ${scale.desks} × ${scale.eventsPerDesk} concurrently`, () => Promise.all(desks.map((d) => d.pushAll(300_000))), () => `${acked()}/${scale.desks * scale.eventsPerDesk} acked`);
  const s = (performance.now() - started) / 1000;
  const total = scale.desks * scale.eventsPerDesk;
  const r = await phase('many desks: count the stored events', () =>
    stored(
      cluster,
      desks.map((d) => d.station),
    ),
  );
  const latencies = desks.flatMap((d) => d.batchLatencies);
  rows.push(onceRow(`${scale.desks} desks × ${scale.eventsPerDesk} events concurrently`, total / s, 'events/s'));
  rows.push(row('batch latency (100 events), p99', latencies, 'ms', { stat: 'p99' }));
  rows.push(countRow('events lost', total - r.distinct, total, 'events', { below: 1, text: '0' }));
  rows.push(countRow('events duplicated or out of seq', r.count - r.distinct + (r.maxSeqSum === total ? 0 : 1), total, 'events', { below: 1, text: '0' }));
  return desks;
}

async function recallPropagation(cluster: Cluster, scale: SyncBenchScale, desks: WireDesk[], rows: BenchRow[]): Promise<void> {
  await phase(`recall: ${desks.length} desks pull to date`, () => Promise.all(desks.map((d) => d.pullAll(120_000))));
  const stops = await phase(`recall: ${desks.length} desks open the nudge stream`, () => Promise.all(desks.map((d) => d.listen())));
  const samples: number[] = [];
  try {
    for (let i = 0; i < scale.recalls; i++) {
      const lotId = desks[i % desks.length].outbox[0].key;
      const started = performance.now();
      const applied = Promise.all(desks.map((d) => d.whenStatus(lotId, 'recalled')));
      await cluster.admin.setLotStatus(lotId, 'recalled', 'bench recall');
      const ats = await applied;
      for (const at of ats) samples.push(at - started);
      progress(`recall ${i + 1}/${scale.recalls}: slowest desk ${(Math.max(...ats) - started).toFixed(0)} ms`);
    }
  } finally {
    for (const stop of stops) stop();
  }
  rows.push(row(`recall reaches ${desks.length} listening desks, p99`, samples, 'ms', { stat: 'p99', target: { below: 2000 } }));
}

async function firstPull(cluster: Cluster, scale: SyncBenchScale, rows: BenchRow[]): Promise<void> {
  // The lots: held centrally one after another, as a site's history of status changes would be.
  await phase(`first pull: seed ${scale.firstPullLots} lot-status changes`, () => seedLotStatusChanges(cluster, scale.firstPullLots));
  const cred = await enrolStation(cluster.urls[0], cluster.admin, 'bench-new-desk');
  const desk = new WireDesk({ station: 'bench-new-desk', token: cred.token, centreId: cred.centreId, url: cluster.urls[1 % cluster.urls.length], timeoutMs: 60_000 });
  const started = performance.now();
  // Pulled until the desk has them all: a page without more ends a pass, and the centre's pull
  // horizon (changes read below the oldest open transaction of the PostgreSQL server) can end one
  // early while another database's transaction is open, as the suite's parallel tests' are.
  const everything = async () => {
    const deadline = Date.now() + 120_000;
    let pulled = await desk.pullAll(120_000, 5000);
    while (pulled < scale.firstPullLots && Date.now() < deadline) {
      await sleep(50);
      pulled += await desk.pullAll(Math.max(1, deadline - Date.now()), 5000);
    }
    return pulled;
  };
  const count = await phase('first pull: a new desk pulls everything', everything, () => `${desk.applied.length} changes applied`);
  const s = (performance.now() - started) / 1000;
  const target = scale.firstPullLots >= 100_000;
  rows.push({ ...onceRow(`new desk's first pull (${count} changes, ≥ ${scale.firstPullLots} lots)`, s, 's'), ...(target ? { target: '< 30 s' } : {}) });
  rows.push(countRow('lots missing from the first pull', Math.max(0, scale.firstPullLots - count), scale.firstPullLots, 'lots', { below: 1, text: '0' }));
}

/** Status changes of `n` lots, written as the centre writes them (see seedLotStatusChanges in docs). */
async function seedLotStatusChanges(cluster: Cluster, n: number): Promise<void> {
  for (let from = 0; from < n; from += 10_000) {
    const count = Math.min(10_000, n - from);
    await cluster.db.query(
      `INSERT INTO changes (kind, key, body)
       SELECT 'lot_status', 'bench-lot-' || g, jsonb_build_object('lotId', 'bench-lot-' || g, 'status', 'on_hold', 'reason', 'bench')
         FROM generate_series($1::int, $2::int) g`,
      [from, from + count - 1],
    );
  }
}

export async function syncBench(scale: SyncBenchScale): Promise<BenchReport> {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const name = `sync (${scale.workers} central workers on PostgreSQL)`;
  let cluster: Cluster;
  try {
    cluster = await phase(`start ${scale.workers} central workers`, () => startCluster({ workers: scale.workers }));
  } catch (err) {
    // `npm run bench` goes on with the other benchmarks; the suite's tiny run fails on this instead.
    if (scale !== FULL) throw err;
    return { name, rows: [], notes: [`not measured: the central workers did not start (${String(err).split('\n')[0]})`] };
  }
  const rows: BenchRow[] = [];
  try {
    await singleDesk(cluster, scale, rows);
    const desks = await manyDesks(cluster, scale, rows);
    await recallPropagation(cluster, scale, desks, rows);
    await firstPull(cluster, scale, rows);
  } finally {
    await phase('stop the workers, drop the database', () => cluster.stop());
  }
  return {
    name,
    rows,
    notes: [`loaded machine: load average ${load} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`],
  };
}

export default () => syncBench(TINY_RUN ? TINY : FULL);
