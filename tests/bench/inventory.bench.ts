/**
 * Inventory views and commands on `lotdesk seed --scale 100000` (100k lots, 1M movements, 2k bins;
 * item GEN-0001 holds 10k lots), measured through the dispatcher as the UI calls them: session,
 * role and schema checks included. Commands include their durable (synchronous=FULL) commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { lotdesk } from '../support/cli';
import { median, percentile, type BenchReport, type BenchRow } from './harness';
import { launchBrowser, openPage, startDesk } from '../e2e/support/desk';
import { sel, signIn } from '../e2e/support/flows';

/** The lead's morning screen on the seeded file: from the header link to the first row shown, through `lotdesk serve`. */
async function nearExpiryScreen(file: string): Promise<number[]> {
  const desk = await startDesk({ dbFile: file });
  const browser = await launchBrowser();
  try {
    const { page, context } = await openPage(browser, desk);
    await signIn(page, 'lead', '3333');
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.locator(sel('nav-stock')).click();
      await page.locator(sel('stock-row')).first().waitFor(); // the stock list has loaded: the server is idle
      const t = performance.now();
      await page.locator(sel('nav-near-expiry')).click();
      await page.locator(sel('near-expiry-row')).first().waitFor();
      if (i > 0) samples.push(performance.now() - t); // the first loads the view's code
    }
    await context.close();
    return samples;
  } finally {
    await browser.close();
    await desk.stop();
  }
}

export default async function bench(): Promise<BenchReport> {
  const lots = Number(process.env.LOTDESK_BENCH_LOTS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-inv-'));
  const file = join(dir, 'scale.db');
  const seeded = lotdesk(['seed', '--db', file, '--scale', String(lots)]);
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const { station, dispatch } = openDesk(file);
  const auth: AuthState = {};
  const call = async (name: string, input: unknown) => {
    const env = await dispatch(auth, name, input);
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.result as any;
  };
  const measure = async (n: number, fn: (i: number) => Promise<unknown>) => {
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
    const [row] = await call('stock.byItem', { itemId: gen1.id });

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
    const nearScreen = await nearExpiryScreen(file);

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

    const p = (s: number[]) => percentile(s, 99);
    const rows: BenchRow[] = [
      { metric: `stock.byItem GEN-0001 (${row.lots} lots) median`, value: median(byItem), unit: 'ms', target: '< 2 ms', ok: median(byItem) < 2 },
      { metric: 'stock.byItem GEN-0001 p99', value: p(byItem), unit: 'ms' },
      { metric: `stock.byItem all ${items.length} items median`, value: median(allItems), unit: 'ms' },
      { metric: 'stock.list newest 500 rows (the stock screen), median', value: median(stockList), unit: 'ms' },
      { metric: `stock.list search for one lot code (${rareRows} rows of ${lots} lots), median`, value: median(searchRare), unit: 'ms' },
      { metric: `stock.list search for an item's SKU (first ${commonRows} rows), median`, value: median(searchCommon), unit: 'ms' },
      { metric: `stock.nearExpiry first page of 50 and the counts, median (120-day horizon, ${nearRows} lots on the list)`, value: median(nearExpiry), unit: 'ms' },
      { metric: 'stock.nearExpiry last page, median', value: median(lastPage), unit: 'ms' },
      { metric: `near-expiry screen in Chromium: click in the header to the first row shown, median of ${nearScreen.length} (serve mode)`, value: median(nearScreen), unit: 'ms' },
      { metric: 'stock.move one line median (durable commit)', value: median(moves), unit: 'ms' },
      { metric: 'stock.move p99', value: p(moves), unit: 'ms' },
      { metric: 'putaway.suggest median (2,000 bins)', value: median(suggest), unit: 'ms' },
    ];
    return { name: 'Inventory views and commands on seed --scale (issue 4)', rows, notes: [`npx tsx tests/bench/run.ts inventory  (LOTDESK_BENCH_LOTS=${lots})`] };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
