/**
 * `npm run bench [name-filter]`: runs every tests/bench/*.bench.ts in turn and prints its figures.
 * Benchmarks are measurements, not tests: they never fail the build, they report.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchReport } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const all = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
// A bench's whole name runs it alone ('qc' would also run qc-coa and qc-plans); else any name containing it.
const files = all.includes(`${filter}.bench.ts`) ? [`${filter}.bench.ts`] : all.filter((f) => !filter || f.includes(filter));

function print(report: BenchReport): void {
  console.log(`\n## ${report.name}`);
  console.log('| metric | value | spread | n | target | ok |\n|---|---|---|---|---|---|');
  for (const r of report.rows) {
    const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3);
    const ok = r.ok === undefined ? '' : r.ok ? 'yes' : 'NO';
    console.log(`| ${r.metric.replaceAll('|', '/')} | ${value} ${r.unit} | ${r.spread} | ${r.runs} | ${r.target ?? ''} | ${ok} |`);
  }
  for (const n of report.notes ?? []) console.log(`- ${n}`);
}

for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  const started = performance.now();
  const report = await mod.default();
  print(report);
  console.log(`(${file} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
