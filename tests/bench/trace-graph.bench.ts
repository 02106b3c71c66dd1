/**
 * The trace screen's graph on a 10k-node trace in headless Chromium (issue 16: "a 10k-node trace
 * stays usable"). Needs `electron-vite build` first. The trace itself is made up
 * (tests/support/synthetic-trace.ts: 3,000 descendant lots, 40 ancestors, 7,000 shipment lines
 * to 300 customers, 60 receipts from 12 suppliers) and served in place of `trace.lot`'s answer,
 * so this times the screen, not the query (the trace engine has its own benchmark).
 *
 * Measured in the page: from the trace's arrival to the first frame drawn (graph model, Cytoscape
 * setup, elements added, fit, first render), as the screen reports it in data-render-ms; then
 * ungrouping every customer (all ~10.4k nodes on the canvas) and grouping them again, each to the
 * next frame; a search over every node; the JS heap afterwards.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openDesk } from '../../src/app/open';
import { createHttpServer } from '../../src/api/http';
import { RENDERER_DIR } from '../../src/cli/serve';
import { syntheticTrace } from '../support/synthetic-trace';
import { CHROMIUM_ARGS } from './first-paint.bench';
import { onceRow, row, type BenchReport } from './harness';

const sel = (test: string) => `[data-test="${test}"]`;
const RUNS = 3;

async function signInLead(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(sel('load-demo')).click();
  await page.locator(sel('go-sign-in')).click();
  await page.locator(sel('user-lead')).click();
  await page.locator(sel('secret')).fill('3333');
  await page.keyboard.press('Enter');
  await page.locator(sel('app-header')).waitFor();
}

/** Clicks a button and resolves with the time until the graph reports `until` nodes and one more frame is drawn. */
async function timedClick(page: Page, test: string, until: (nodes: number) => boolean): Promise<number> {
  const started = await page.evaluate((t) => {
    const at = performance.now();
    (document.querySelector(`[data-test="${t}"]`) as HTMLElement).click();
    return at;
  }, test);
  await page.waitForFunction(
    ({ limit }) => {
      const n = Number(document.querySelector('[data-test="trace-graph"]')?.getAttribute('data-nodes'));
      return limit === 'many' ? n > 10_000 : n < 5_000;
    },
    { limit: until(20_000) ? 'many' : 'few' },
    { timeout: 300_000, polling: 'raf' },
  );
  return await page.evaluate((at) => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - at)))), started);
}

export default async function bench(): Promise<BenchReport> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('build the renderer first: npx electron-vite build');
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-trace-graph-'));
  const { station, dispatch } = openDesk(join(dir, 'graph.db'));
  const app = await createHttpServer(dispatch, { rendererDir: RENDERER_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/`;
  // The screen's folding and grouping controls appear only on a trace this large, so a tiny run draws it too.
  const trace = syntheticTrace({ lots: 3000, shipments: 7000, customers: 300 });
  const body = JSON.stringify({ ok: true, result: trace });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInLead(page, url);
    await page.route('**/api/trace.lot', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    const render: number[] = [];
    const drawn: number[] = [];
    await page.goto(`${url}#/trace?lot=${trace.root.lotId}`);
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) {
        // Another direction asks again: the same answer is drawn anew.
        const before = await page.locator(sel('trace-graph')).getAttribute('data-render-ms');
        await page.locator(sel(`trace-direction-${i % 2 ? 'forward' : 'both'}`)).click();
        await page.waitForFunction((b) => {
          const el = document.querySelector('[data-test="trace-graph"]');
          return el && el.getAttribute('data-render-ms') !== b && el.getAttribute('data-render-ms') !== '0';
        }, before, { timeout: 300_000 });
      } else {
        await page.waitForFunction(() => Number(document.querySelector('[data-test="trace-graph"]')?.getAttribute('data-render-ms')) > 0, undefined, { timeout: 300_000 });
      }
      render.push(Number(await page.locator(sel('trace-graph')).getAttribute('data-render-ms')));
      drawn.push(Number(await page.locator(sel('trace-graph')).getAttribute('data-nodes')));
    }
    const unfold = await timedClick(page, 'trace-unfold-all', () => false);
    const ungroup: number[] = [];
    const regroup: number[] = [];
    let allNodes = 0;
    // Three rounds: the target is judged on the median.
    for (let i = 0; i < 3; i++) {
      ungroup.push(await timedClick(page, 'trace-show-shipments', () => true));
      allNodes = Number(await page.locator(sel('trace-graph')).getAttribute('data-nodes'));
      regroup.push(await timedClick(page, 'trace-group', () => false));
    }
    await timedClick(page, 'trace-show-shipments', () => true);
    const search: number[] = [];
    for (const q of ['cus-0042']) {
      const started = await page.evaluate(() => performance.now());
      await page.locator(sel('trace-search')).fill(q);
      await page.locator(sel('trace-graph-matches')).waitFor();
      search.push((await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))))) - started);
    }
    await page.screenshot({ path: join(tmpdir(), 'lotdesk-trace-10k.png') });
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    await context.close();
    return {
      name: 'Trace screen graph, 10k-node trace, headless Chromium (issue 16)',
      rows: [
        row(`first draw, grouped by customer, lots next to the root folded (${drawn[0]} nodes), median of ${RUNS}`, render, 'ms', { target: { below: 3000 } }),
        onceRow('unfold every lot (shipments still grouped by customer)', unfold, 'ms'),
        row(`show every shipment (${allNodes} nodes on the canvas), median of ${ungroup.length}`, ungroup, 'ms', { target: { below: 3000 } }),
        row(`group by customer again, median of ${regroup.length}`, regroup, 'ms'),
        onceRow(`search with ${allNodes} nodes shown (typing to the next frame)`, search[0], 'ms'),
        onceRow('JS heap after', Math.round(heap / 1e6), 'MB'),
      ],
      notes: [`trace: ${trace.nodes.length} lots, ${trace.shipments.length} shipment lines to ${trace.totals.customers} customers, ${trace.receipts.length} receipts; first draws ${render.join(', ')} ms`, `screenshot: ${join(tmpdir(), 'lotdesk-trace-10k.png')}`],
    };
  } finally {
    await browser.close();
    await app.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
