/**
 * The serve-mode page's first contentful paint in headless Chromium, as a desk opens it: the real
 * `lotdesk serve` process (tests/support/serve-desk.ts builds the renderer when stale) on the
 * cached seeded set of a real desk's size (100k lots; 1M with LOTDESK_BENCH_FULL=1), not an
 * in-process server on an empty database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDesk } from '../support/serve-desk';
import { headlineLots, seededCopy } from './dataset';
import { benchSize, row, type BenchReport } from './harness';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export default async function bench(): Promise<BenchReport> {
  const lots = headlineLots();
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-fcp-'));
  const file = join(dir, 'scale.db');
  const seeded = seededCopy(file, lots);
  const desk = await startDesk({ dbFile: file });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }).catch(async (e: unknown) => {
    await desk.stop();
    throw e;
  });
  try {
    const fcp: number[] = [];
    for (let i = 0; i < benchSize(null, 7, 3); i++) {
      // A fresh context each time: a cold cache, as a desk opening the app in the morning.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${desk.url}/`, { waitUntil: 'load' });
      const value = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
          }),
      );
      fcp.push(value);
      await context.close();
    }
    return {
      name: 'Serve-mode first contentful paint, headless Chromium (issue 2)',
      rows: [
        row(`first contentful paint, median of ${fcp.length} cold loads (\`lotdesk serve\` on the seeded set of ${lots} lots)`, fcp, 'ms', { target: { below: 1500 } }),
      ],
      notes: [`${seeded.cached ? 'cached set' : 'seeded now'}: ${seeded.stdout}`],
    };
  } finally {
    await browser.close();
    await desk.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
