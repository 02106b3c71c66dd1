/**
 * `audit verify` alone, for profiling (`node --cpu-prof --import tsx tests/bench/audit-verify-probe.ts`)
 * and CPU-time figures on a loaded machine: builds (once, kept at LOTDESK_VERIFY_DB) a file of
 * LOTDESK_BENCH_CHAIN keyed records each with its movement — audit-chain.bench.ts's million step —
 * then verifies it LOTDESK_VERIFY_RUNS times (3) each way (the fact pass in a worker thread beside the
 * walk, and all on one thread), printing CPU (every thread of the process) and wall time of each.
 */
import { existsSync } from 'node:fs';
import { openDesk } from '../../src/app/open';
import { verifyChain } from '../../src/app/kernel/audit-verify';
import { chainOf } from '../../src/app/kernel/chain-anchor';
import { readCheckpoints } from '../../src/app/kernel/checkpoints';
import { writeMillionChain } from './audit-chain-data';
import { median } from './harness';

const count = Number(process.env.LOTDESK_BENCH_CHAIN ?? 1_000_000);
const file = process.env.LOTDESK_VERIFY_DB ?? `/tmp/lotdesk-verify-${count}.db`;
const runs = Number(process.env.LOTDESK_VERIFY_RUNS ?? 3);
const fresh = !existsSync(file);
const { station } = openDesk(file);
const db = station.db;
if (fresh) {
  const t = performance.now();
  writeMillionChain(db, count);
  console.log(`wrote ${count} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
// Each run verifies twice, the fact pass beside the walk (a worker thread) and on one thread, alternating.
const anchor = chainOf(db)!;
const checkpoints = anchor.checkpointFile ? readCheckpoints(anchor.checkpointFile) : [];
const figures = { parallel: { cpu: [] as number[], wall: [] as number[] }, 'one thread': { cpu: [] as number[], wall: [] as number[] } };
for (let run = 0; run < runs; run++) {
  for (const mode of ['parallel', 'one thread'] as const) {
    const c = process.cpuUsage();
    const t = performance.now();
    const v = verifyChain(db, { keys: anchor.keys, checkpoints, parallel: mode === 'parallel' });
    const wall = (performance.now() - t) / 1000;
    const d = process.cpuUsage(c);
    const cpu = (d.user + d.system) / 1e6;
    figures[mode].cpu.push(cpu);
    figures[mode].wall.push(wall);
    if (v.problems.length > 0) throw new Error(`verify found ${JSON.stringify(v.problems.slice(0, 3))}`);
    console.log(`${mode}: verify ${v.records} records, ${v.facts} facts: CPU ${cpu.toFixed(2)} s, wall ${wall.toFixed(2)} s`);
  }
}
for (const [mode, f] of Object.entries(figures)) console.log(`${mode}: median CPU ${median(f.cpu).toFixed(2)} s, wall ${median(f.wall).toFixed(2)} s`);
station.close();
