/**
 * Seeded data sets made once and reused across benches (issue 21, item 2). A set is the file of
 * `lotdesk seed --scale N` with its station key and checkpoint file, kept under
 * `~/.cache/lotdesk-bench/<generator version>/` (LOTDESK_BENCH_CACHE overrides the folder). The
 * generator's version is a digest of the seed's sources and of every migration, so changing either
 * makes a new set. A bench gets its own copy (it writes to it); LOTDESK_BENCH_NO_CACHE=1 seeds
 * afresh every time. `LOTDESK_BENCH_FULL=1` makes the headline benches run on the 1M-lot set.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { lotdesk, ROOT } from '../support/cli';
import { benchSize } from './harness';

const SOURCES = ['src/app/demo', 'src/store/migrations'];

/** The digest of the generator's sources and the schema's migrations. */
export function generatorVersion(): string {
  const h = createHash('sha256');
  for (const dir of SOURCES) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) {
      if (!f.endsWith('.ts')) continue;
      h.update(`${dir}/${f}\0`);
      h.update(readFileSync(join(ROOT, dir, f)));
    }
  }
  for (const f of ['src/store/audit-facts.ts', 'src/app/master-data/inserts.ts']) h.update(readFileSync(join(ROOT, f)));
  return h.digest('hex').slice(0, 16);
}

/** The lots of a headline bench: 1M with LOTDESK_BENCH_FULL=1, else LOTDESK_BENCH_LOTS / 100k (tiny: 300). */
export function headlineLots(): number {
  return process.env.LOTDESK_BENCH_FULL === '1' && process.env.LOTDESK_BENCH_TINY !== '1' ? 1_000_000 : benchSize('LOTDESK_BENCH_LOTS', 100_000, 300);
}

function companions(file: string): string[] {
  return [file, join(dirname(file), 'keys', `${basename(file)}.keys`), join(dirname(file), 'checkpoints', `${basename(file)}.jsonl`)];
}

/**
 * Puts a copy of the `lots`-lot set at `file` (its key and checkpoints beside it, where the
 * station looks) and returns what the seed printed, and whether the set came from the cache.
 */
export function seededCopy(file: string, lots: number): { stdout: string; cached: boolean } {
  if (process.env.LOTDESK_BENCH_NO_CACHE === '1') {
    const stdout = seedInto(file, lots);
    flush(file);
    return { stdout, cached: false };
  }
  const dir = join(process.env.LOTDESK_BENCH_CACHE || join(homedir(), '.cache', 'lotdesk-bench'), generatorVersion());
  const cachedFile = join(dir, `scale-${lots}.db`);
  const said = join(dir, `scale-${lots}.txt`);
  let cached = true;
  if (!existsSync(said)) {
    cached = false;
    const tmp = join(dir, `.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    const tmpFile = join(tmp, `scale-${lots}.db`);
    const stdout = seedInto(tmpFile, lots);
    const from = companions(tmpFile);
    const to = companions(cachedFile);
    for (let i = 0; i < from.length; i++) {
      mkdirSync(dirname(to[i]), { recursive: true });
      renameSync(from[i], to[i]);
    }
    writeFileSync(said, stdout);
    rmSync(tmp, { recursive: true, force: true });
  }
  const from = companions(cachedFile);
  const to = companions(file);
  for (let i = 0; i < from.length; i++) {
    mkdirSync(dirname(to[i]), { recursive: true });
    copyFileSync(from[i], to[i]);
    flush(to[i]);
  }
  return { stdout: readFileSync(said, 'utf8'), cached };
}

/**
 * A copy is ~1 GB (100k) to ~5 GB (1M) of dirty pages; flushed now, the kernel's write-back of it
 * does not land in the bench's measured commits (it put 100+ ms stalls into them). A desk's file
 * is not a minute-old gigabyte.
 */
function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function seedInto(file: string, lots: number): string {
  mkdirSync(dirname(file), { recursive: true });
  const r = lotdesk(['seed', '--db', file, '--scale', String(lots)], {}, 1_800_000);
  if (r.status !== 0) throw new Error(`lotdesk seed --scale ${lots}: ${r.stderr}`);
  return r.stdout.trim();
}
