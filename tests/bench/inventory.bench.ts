/**
 * Inventory views and commands on `lotdesk seed --scale 100000` (100k lots, 1M movements, 2k bins;
 * item GEN-0001 holds 10k lots), measured through the dispatcher as the UI calls them: session,
 * role and schema checks included. Commands include their durable (synchronous=FULL) commit.
 * The near-expiry screen is timed in Chromium by a child process: no Playwright in this one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { seededCopy, headlineLots } from './dataset';
import { row, TINY, type BenchReport, type BenchRow } from './harness';

/** The near-expiry screen in Chromium, measured by a child process (tests/bench/near-expiry-screen.ts). */
async function nearExpiryScreen(file: string, loads: number): Promise<number[]> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'near-expiry-screen.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, String(loads)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`near-expiry-screen.ts exited with ${code}: ${err}`);
  return JSON.parse(out.trim().split('\n').pop()!) as number[];
}

export default async function bench(): Promise<BenchReport> {
  const lots = headlineLots();
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-inv-'));
  const file = join(dir, 'scale.db');
  // The cached set of this many lots (tests/bench/dataset.ts), copied: seeded once per generator version.
  const seeded = seededCopy(file, lots);
  const { station, dispatch } = openDesk(file);
  const auth: AuthState = {};
  const call = async (name: string, input: unknown) => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.result as any;
  };
  const measure = async (full: number, fn: (i: number) => Promise<unknown>) => {
    const n = TINY ? Math.min(full, 5) : full;
    for (let i = 0; i < Math.min(100, n); i++) await fn(i); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(i);
      samples.push(performance.now() - t);
    }
    return samples;
  };
  try {
    await call('session.signIn', { username: 'lead', secret: '3333' });
    const items = (await call('catalog.items', {})) as { id: string; sku: string }[];
    const gen1 = items.find((i) => i.sku === 'GEN-0001')!;
    const [row0] = await call('stock.byItem', { itemId: gen1.id });

    const byItem = await measure(2000, () => call('stock.byItem', { itemId: gen1.id }));
    const allItems = await measure(50, () => call('stock.byItem', {}));
    // The stock screen: newest 500 rows, then a search typed into it (a lot code near the oldest end, then an item name).
    const stockList = await measure(50, () => call('stock.list', { limit: 500 }));
    const searchRare = await measure(10, () => call('stock.list', { limit: 500, search: 'L0000012' }));
    const searchCommon = await measure(20, () => call('stock.list', { limit: 500, search: 'GEN-0007' }));
    const found = async (search: string) => ((await call('stock.list', { limit: 500, search })) as { rows: unknown[] }).rows.length;
    const [rareRows, commonRows] = [await found('L0000012'), await found('GEN-0007')];
    // Seeded lots expire 65 to 365 days out: a 120-day default horizon puts a good share on the list.
    station.db.prepare("INSERT INTO settings (key, value) VALUES ('inventory.nearExpiryDays', '120')").run();
    const nearExpiry = await measure(20, () => call('stock.nearExpiry', {}));
    const nearRows = (await call('stock.nearExpiry', {})).total as number;
    const lastPage = await measure(20, () => call('stock.nearExpiry', { offset: nearRows - 50 }));
    const nearScreen = await nearExpiryScreen(file, TINY ? 3 : 5);

    // Moves of seeded lots out of their bins, one lot per command, through the dispatcher.
    const target = station.db.prepare("SELECT id FROM locations WHERE code = 'A-0001'").pluck().get() as string;
    // Lots outside the target bin (a move into its own bin is refused).
    const moveable = station.db
      .prepare("SELECT b.lot_id, b.location_id FROM balances b JOIN lots l ON l.id = b.lot_id WHERE l.status = 'released' AND l.expiry_date >= date('now') AND b.location_id <> ? LIMIT 600")
      .all(target) as { lot_id: string; location_id: string }[];
    const moves = await measure(500, (i) =>
      call('stock.move', { toLocationId: target, lines: [{ lotId: moveable[i].lot_id, fromLocationId: moveable[i].location_id, quantity: 1 }] }),
    );
    const suggest = await measure(200, (i) => call('putaway.suggest', { lotId: moveable[i].lot_id, fromLocationId: moveable[i].location_id }));

    const rows: BenchRow[] = [
      row(`stock.byItem GEN-0001 (${row0.lots} lots) median`, byItem, 'ms', { target: { below: 2 } }),
      row('stock.byItem GEN-0001 p99', byItem, 'ms', { stat: 'p99' }),
      row(`stock.byItem all ${items.length} items median`, allItems, 'ms'),
      row('stock.list newest 500 rows (the stock screen), median', stockList, 'ms'),
      row(`stock.list search for one lot code (${rareRows} rows of ${lots} lots), median`, searchRare, 'ms'),
      row(`stock.list search for an item's SKU (first ${commonRows} rows), median`, searchCommon, 'ms'),
      row(`stock.nearExpiry first page of 50 and the counts, median (120-day horizon, ${nearRows} lots on the list)`, nearExpiry, 'ms'),
      row('stock.nearExpiry last page, median', lastPage, 'ms'),
      row(`near-expiry screen in Chromium: click in the header to the first row shown, median of ${nearScreen.length} (serve mode, a child process)`, nearScreen, 'ms'),
      row('stock.move one line median (durable commit)', moves, 'ms'),
      row('stock.move p99', moves, 'ms', { stat: 'p99' }),
      row('putaway.suggest median (2,000 bins)', suggest, 'ms'),
    ];
    return { name: 'Inventory views and commands on seed --scale (issue 4)', rows, notes: [`npx tsx tests/bench/run.ts inventory  (LOTDESK_BENCH_LOTS=${lots}, LOTDESK_BENCH_FULL=1 for 1M)`, `${seeded.cached ? 'cached set' : 'seeded now'}: ${seeded.stdout}`] };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
