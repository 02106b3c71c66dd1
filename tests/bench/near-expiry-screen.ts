/**
 * The lead's morning screen on a seeded file, run as its own process by inventory.bench.ts:
 * `lotdesk serve` on the file, Chromium driven by Playwright, from the header link to the first
 * row shown. Apart from the bench because Playwright's modules in the process that times the core
 * make its young-generation GCs ~3× slower (tests/support/serve-desk.ts).
 * Usage: node --import tsx tests/bench/near-expiry-screen.ts FILE LOADS  → prints a JSON array of ms.
 */
import { launchBrowser, openPage, startDesk } from '../e2e/support/desk';
import { sel, signIn } from '../e2e/support/flows';

async function nearExpiryScreen(file: string, loads: number): Promise<number[]> {
  const desk = await startDesk({ dbFile: file });
  const browser = await launchBrowser();
  try {
    const { page, context } = await openPage(browser, desk);
    await signIn(page, 'lead', '3333');
    const samples: number[] = [];
    for (let i = 0; i <= loads; i++) {
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

const [file, loads] = process.argv.slice(2);
console.log(JSON.stringify(await nearExpiryScreen(file, Number(loads ?? 5))));
