/**
 * End-to-end support: the serve-mode desk (tests/support/serve-desk.ts) and the system Chromium
 * driven by playwright-core (never a browser download).
 */
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { Desk } from '../../support/serve-desk';

export * from '../../support/serve-desk';

const CHROMIUM = process.env.LOTDESK_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface DeskPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export interface Viewport {
  width: number;
  height: number;
}
/** The window most end-to-end tests use. */
export const WIDE_DESK: Viewport = { width: 1440, height: 900 };
/** The smallest window the desks run in (1280×800 screens on the floor): layouts must hold here too. */
export const SMALL_DESK: Viewport = { width: 1280, height: 800 };

/**
 * A fresh browser context (own cookies and storage) on the desk, 1440×900 unless told. HTTP 4xx answers of the API are
 * expected (typed errors) and Chromium logs each as "Failed to load resource"; those are not problems.
 */
export async function openPage(browser: Browser, desk: Desk, locale = 'en-US', viewport: Viewport = WIDE_DESK): Promise<DeskPage> {
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text) && msg.location().url.includes('/api/')) return;
    problems.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(desk.url);
  return { page, context, problems };
}
