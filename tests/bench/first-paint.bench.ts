/** The serve-mode page's first contentful paint in headless Chromium (needs `electron-vite build` first). */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDesk } from '../../src/app/open';
import { createHttpServer } from '../../src/api/http';
import { RENDERER_DIR } from '../../src/cli/serve';
import { benchSize, row, type BenchReport } from './harness';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export default async function bench(): Promise<BenchReport> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('build the renderer first: npx electron-vite build');
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-fcp-'));
  const { station, dispatch } = openDesk(join(dir, 'fcp.db'));
  const app = await createHttpServer(dispatch, { rendererDir: RENDERER_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const fcp: number[] = [];
    for (let i = 0; i < benchSize(null, 7, 3); i++) {
      // A fresh context each time: a cold cache, as a desk opening the app in the morning.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
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
        row(`first contentful paint, median of ${fcp.length} cold loads (in-process server, empty database)`, fcp, 'ms', { target: { below: 1500 } }),
      ],
    };
  } finally {
    await browser.close();
    await app.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
