/** What a person at the desk does, step by step, through the real UI. */
import { expect } from 'vitest';
import type { Browser, CDPSession, Page, Response } from 'playwright-core';
import { openPage, type ApiClient, type Desk, type DeskPage, type Viewport } from './desk';
import type { ReceiveResult } from '../../../src/contract/results';
import { demoGtin } from '../../../src/app/demo/demo-data';
import { addDays, dateOf } from '../../../src/domain/dates';
import { gs1CheckDigit } from '../../../src/domain/gs1/check-digit';

export const GS = '\x1d';

/** A 13-digit GTIN from its first twelve digits and the check digit. */
export const gtin13 = (body: string): string => body + gs1CheckDigit(body);
export const TEA_GTIN = demoGtin('13435');
export const MILK_GTIN = demoGtin('20011');

function yymmdd(d: Date): string {
  return `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The last day of next year: an expiry date that is always in the future. */
export function nextYearEnd(): Date {
  return new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 31));
}

/**
 * A trade-item case label as a GS1-128 scanner with AIM identifiers sends it: ]C1, fixed-length
 * AIs first, GS after the variable-length batch: (01) GTIN (17) expiry (10) batch GS (30) count.
 */
export function caseScan(options: { batch: string; count: number; expiry?: Date; gtin?: string }): string {
  return `]C101${options.gtin ?? TEA_GTIN}17${yymmdd(options.expiry ?? nextYearEnd())}10${options.batch}${GS}30${options.count}`;
}

/** A logistic-unit (pallet) label: (00) SSCC (02) content GTIN (17) expiry (10) batch GS (37) count. */
export function palletScan(options: { serial: number; batch: string; count: number; expiry?: Date; gtin?: string }): string {
  const body = `00950600${String(options.serial).padStart(9, '0')}`;
  const sscc = body + gs1CheckDigit(body);
  return `]C100${sscc}02${options.gtin ?? TEA_GTIN}17${yymmdd(options.expiry ?? nextYearEnd())}10${options.batch}${GS}37${options.count}`;
}

/** The ISO date `days` days from now. */
export const inDays = (days: number): string => addDays(dateOf(new Date()), days);

/** The demo station seen through the clerk's API client, for setting up stock before a test drives the UI. */
export interface DemoStock {
  /** Signed in as the demo clerk (1111). */
  clerk: ApiClient;
  itemId(sku: string): string;
  supplierId(code: string): string;
  customerId(code: string): string;
  locationId(code: string): string;
  /**
   * Receives a lot of the item in pcs (from SUP-HZT unless told), then moves all of it to `bin` when one
   * is named; the answer is the receipt's (its `location` is the receiving bin).
   */
  receive(options: { sku: string; quantity: number; expiryDate: string; bin?: string; supplier?: string }): Promise<ReceiveResult>;
}

/**
 * An order of one line that the lead allocates and the clerk picks from `bin`, packs and ships, all
 * of one lot, through the contract; the answer names the order and the shipment.
 */
export async function shipOrder(
  stock: DemoStock,
  lead: ApiClient,
  options: { customer: string; sku: string; lotCode: string; bin: string; quantity: number },
): Promise<{ orderNumber: string; shipmentNumber: string }> {
  const { customer, sku, lotCode, bin, quantity } = options;
  const order = await lead.result<{ id: string; number: string }>('orders.create', { customerId: stock.customerId(customer), lines: [{ itemId: stock.itemId(sku), quantity }] });
  await lead.result('allocation.allocate', { orderId: order.id });
  await stock.clerk.result('picking.scan', { orderId: order.id, bin, scan: lotCode, quantity });
  await stock.clerk.result('packing.scan', { orderId: order.id, scan: lotCode });
  const { shipmentNumber } = await stock.clerk.result<{ shipmentNumber: string }>('shipping.ship', { orderId: order.id });
  return { orderNumber: order.number, shipmentNumber };
}

/** Loads the demo data on the desk, signs the clerk in and looks up the demo items, parties and bins. */
export async function demoStock(desk: Desk): Promise<DemoStock> {
  const clerk = desk.client();
  await clerk.result('station.loadDemo');
  await clerk.result('session.signIn', { username: 'clerk', secret: '1111' });
  type Row = { id: string; code: string };
  const [items, suppliers, customers, bins] = await Promise.all([
    clerk.result<{ id: string; sku: string }[]>('catalog.items'),
    clerk.result<Row[]>('catalog.parties', { kind: 'supplier' }),
    clerk.result<Row[]>('catalog.parties', { kind: 'customer' }),
    clerk.result<Row[]>('catalog.locations'),
  ]);
  const find = (what: string, rows: Row[], code: string): string => {
    const row = rows.find((r) => r.code === code);
    if (!row) throw new Error(`no ${what} ${code} in the demo data`);
    return row.id;
  };
  const stock: DemoStock = {
    clerk,
    itemId: (sku) => find('item', items.map((i) => ({ id: i.id, code: i.sku })), sku),
    supplierId: (code) => find('supplier', suppliers, code),
    customerId: (code) => find('customer', customers, code),
    locationId: (code) => find('location', bins, code),
    async receive({ sku, quantity, expiryDate, bin, supplier = 'SUP-HZT' }) {
      const r = await clerk.result<ReceiveResult>('receiving.receive', {
        itemId: stock.itemId(sku),
        supplierId: stock.supplierId(supplier),
        quantity,
        unit: 'pcs',
        expiryDate,
      });
      if (bin) await clerk.result('stock.move', { toLocationId: stock.locationId(bin), lines: [{ lotId: r.lot.id, fromLocationId: r.location.id, quantity }] });
      return r;
    },
  };
  return stock;
}

/** Keys of the characters scans hold, as a US keyboard names them (code, Windows virtual key). */
function keyOf(ch: string): { key: string; code: string; vk: number } {
  if (/^[a-z]$/i.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(ch)) return { key: ch, code: `Digit${ch}`, vk: ch.charCodeAt(0) };
  const named: Record<string, [string, number]> = {
    '-': ['Minus', 189], '.': ['Period', 190], '/': ['Slash', 191], ']': ['BracketRight', 221], '[': ['BracketLeft', 219],
    '(': ['Digit9', 57], ')': ['Digit0', 48], ' ': ['Space', 32], '_': ['Minus', 189], '+': ['Equal', 187], '*': ['Digit8', 56],
  };
  const [code, vk] = named[ch] ?? ['', 0];
  return { key: ch, code, vk };
}

const SCANNER_KEY_GAP_MS = 2;
const scannerSessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * Types a scan the way a keyboard-wedge scanner does: keys 2 ms apart, Ctrl+] for GS, Enter at
 * the end. Each key carries its own timestamp (CDP Input.dispatchKeyEvent), so a test machine
 * busy with other work cannot stretch the burst into what the desk takes for typing by hand
 * (renderer/scanner.ts tells the two apart by the gaps between keys). The burst is dated to end
 * now, as the keys a scanner sends have all been typed by the time the last one arrives. Without
 * `enter`, the first part of a label whose rest comes in another call.
 */
export async function typeLikeScanner(page: Page, scan: string, { enter = true } = {}): Promise<void> {
  let session = scannerSessions.get(page);
  if (!session) scannerSessions.set(page, (session = page.context().newCDPSession(page)));
  const cdp = await session;
  const keys = [...scan].map((ch) => (ch === GS ? { key: ']', code: 'BracketRight', vk: 221, text: '', modifiers: 2 } : { ...keyOf(ch), text: ch, modifiers: 0 }));
  if (enter) keys.push({ key: 'Enter', code: 'Enter', vk: 13, text: '\r', modifiers: 0 });
  let at = Date.now() - keys.length * SCANNER_KEY_GAP_MS;
  for (const k of keys) {
    const common = { modifiers: k.modifiers, key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, timestamp: at / 1000 };
    await cdp.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', text: k.text || undefined, unmodifiedText: k.text || undefined, ...common });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
    at += SCANNER_KEY_GAP_MS;
  }
}

export const sel = (test: string) => `[data-test="${test}"]`;

export async function text(page: Page, test: string): Promise<string> {
  return (await page.locator(sel(test)).first().innerText()).trim();
}

/** First start: load the demo data from the setup screen, then go to sign-in. */
export async function loadDemoFromSetup(page: Page): Promise<void> {
  await page.locator(sel('load-demo')).click();
  await page.locator(sel('demo-users')).waitFor();
  expect(await page.locator(sel('demo-user-clerk')).innerText()).toContain('1111');
  await page.locator(sel('go-sign-in')).click();
  await page.locator(sel('roster')).waitFor();
}

/** Picks the user on the roster and types the PIN, then Enter. */
export async function signIn(page: Page, username: string, secret: string): Promise<void> {
  await page.locator(sel(`user-${username}`)).click();
  await page.locator(sel('secret')).fill(secret);
  await page.keyboard.press('Enter');
  await page.locator(sel('app-header')).waitFor();
  await page.locator(sel('sign-in-title')).waitFor({ state: 'detached' });
}

/** A fresh browser context on the desk, signed in as the user, in the chosen language. */
export async function signedInPage(browser: Browser, desk: Desk, user: { username: string; secret: string; locale: 'en' | 'zh-CN'; viewport?: Viewport }): Promise<DeskPage> {
  const ui = await openPage(browser, desk, user.locale === 'en' ? 'en-US' : 'zh-CN', user.viewport);
  await signIn(ui.page, user.username, user.secret);
  await chooseLanguage(ui.page, user.locale);
  return ui;
}

/** The centre's renderer (serve mode pointed at `centreUrl`), signed in with a central user's password. */
export async function signedInCentralPage(browser: Browser, desk: Desk, centreUrl: string, user: { username: string; password: string }): Promise<DeskPage> {
  const ui = await openPage(browser, { ...desk, url: centreUrl }, 'en-US');
  await ui.page.locator(sel('central-username')).fill(user.username);
  await ui.page.locator(sel('central-password')).fill(user.password);
  await ui.page.locator(sel('central-password')).press('Enter');
  await ui.page.locator(sel('central-header')).waitFor();
  return ui;
}

export async function chooseLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.locator(sel(`lang-${locale}`)).first().click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** Chooses the open line of a purchase order in the receiving form. */
export async function choosePoLine(page: Page, po: string): Promise<void> {
  await page.locator(sel('po-line')).click();
  await page.locator(sel('po-line-option'), { hasText: po }).first().click();
  await page.locator(sel('po-line-info')).waitFor();
  // The form moves on to the supplier lot once the line is chosen.
  await expect.poll(() => activeTest(page)).toBe('supplier-lot');
}

export async function activeTest(page: Page): Promise<string | null> {
  return await page.evaluate(() => document.activeElement?.getAttribute('data-test') ?? null);
}

/**
 * Waits until no select menu is shown: the last select's menu fades out with pointer events off,
 * and an option found in it is clicked through to whatever lies below (then it vanishes).
 */
async function menusGone(page: Page): Promise<void> {
  await page.locator(`${sel('option')}:visible`).first().waitFor({ state: 'hidden' });
}

/** Opens a select (its data-test or any selector) and clicks the first shown option holding the text. */
export async function pickOption(page: Page, select: string, hasText: string): Promise<void> {
  await menusGone(page);
  await page.locator(select).first().click();
  await page.locator(`${sel('option')}:visible`, { hasText }).first().click();
}

/** Opens the select `test` and clicks its option of that value. */
export async function chooseValue(page: Page, test: string, value: string): Promise<void> {
  await menusGone(page);
  await page.locator(sel(test)).click();
  await page.locator(`${sel('option')}[data-value="${value}"]`).click();
}

/** The Audit screen: each shown record's object blocks as "object | line; line". */
export async function shownChanges(page: Page): Promise<string[][]> {
  const rows = page.locator(sel('audit-row'));
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const groups = rows.nth(i).locator(sel('audit-change'));
    const row: string[] = [];
    for (let g = 0; g < (await groups.count()); g++) {
      const group = groups.nth(g);
      const lines = await group.locator(sel('audit-change-line')).allInnerTexts();
      row.push(`${(await group.locator(sel('audit-change-object')).innerText()).trim()} | ${lines.map((l) => l.trim()).join('; ')}`);
    }
    out.push(row);
  }
  return out;
}

/** The next labels.lot answer of the page (a lot label PDF). */
export function labelAnswer(deskPage: DeskPage): Promise<Response> {
  return deskPage.page.waitForResponse((r) => r.url().endsWith('/api/labels.lot') && r.request().method() === 'POST');
}

/** Waits for the label the preview shows: the labels.lot answer (a PDF) and the Blob URL in the frame. */
export async function labelShown(deskPage: DeskPage, answer: Promise<Response>): Promise<{ src: string; pdf: Buffer }> {
  const body = (await (await answer).json()) as { ok: boolean; result: { base64: string; fileName: string } };
  expect(body.ok).toBe(true);
  const frame = deskPage.page.locator(sel('label-preview'));
  await frame.waitFor();
  return { src: (await frame.getAttribute('src')) ?? '', pdf: Buffer.from(body.result.base64, 'base64') };
}

/** What the Setup screen asks on the first start. */
export interface SiteSetup {
  siteCode: string;
  siteName: string;
  gln: string;
  companyPrefix: string;
  stationName: string;
  admin: { username: string; displayName: string; password: string };
}

/** Fills the Setup screen's form (not submitted). */
export async function fillSetup(page: Page, s: SiteSetup): Promise<void> {
  const fields: [string, string][] = [
    ['setup-site-code', s.siteCode],
    ['setup-site-name', s.siteName],
    ['setup-gln', s.gln],
    ['setup-company-prefix', s.companyPrefix],
    ['setup-station-name', s.stationName],
    ['setup-admin-username', s.admin.username],
    ['setup-admin-display-name', s.admin.displayName],
    ['setup-admin-password', s.admin.password],
  ];
  for (const [test, value] of fields) await page.locator(sel(test)).fill(value);
}

/** Submits the Setup screen (in English), then signs the new admin in. */
export async function submitSetupAndSignIn(page: Page, admin: { username: string; password: string }): Promise<void> {
  await page.locator(sel('setup-submit')).click();
  await expect.poll(() => text(page, 'setup-done')).toBe(`The station is set up. Sign in as ${admin.username}.`);
  await page.locator(sel('go-sign-in')).click();
  await page.locator(sel('roster')).waitFor();
  await signIn(page, admin.username, admin.password);
}

/** On the Users screen (in English): a new user of the default role with a PIN, and its notice. */
export async function createUser(page: Page, user: { username: string; displayName: string; secret: string }): Promise<void> {
  await page.locator(sel('new-username')).fill(user.username);
  await page.locator(sel('new-display-name')).fill(user.displayName);
  await page.locator(sel('new-secret')).fill(user.secret);
  await page.locator(sel('create-user')).click();
  await expect.poll(() => text(page, 'users-notice')).toBe(`User ${user.username} created.`);
}

/**
 * On the Locations screen (in English): a new zone, then a range of its bins of two parts
 * (`prefix`-from..to-from..to), previewed and created; the answer is the notice.
 */
export async function createZoneAndRange(page: Page, r: { zone: string; zoneName: string; prefix: string; parts: [[number, number], [number, number]]; count: number }): Promise<string> {
  await page.locator(sel('nav-locations')).click();
  await page.locator(sel('zones-panel')).waitFor();
  await page.locator(sel('new-zone-code')).fill(r.zone);
  await page.locator(sel('new-zone-name')).fill(r.zoneName);
  await page.keyboard.press('Enter');
  await page.locator(`${sel('zone-row')}[data-zone="${r.zone}"]`).waitFor();
  await pickOption(page, sel('range-zone'), r.zoneName);
  await page.locator(sel('range-prefix')).fill(r.prefix);
  for (const [i, [from, to]] of r.parts.entries()) {
    await page.locator(sel('range-from')).nth(i).fill(String(from));
    await page.locator(sel('range-to')).nth(i).fill(String(to));
  }
  await page.locator(sel('range-preview')).click();
  await expect.poll(() => page.locator(sel('range-preview-result')).getAttribute('data-count')).toBe(String(r.count));
  const preview = await text(page, 'range-preview-result');
  await page.locator(sel('range-create')).click();
  await expect.poll(() => text(page, 'locations-notice')).toMatch(/created/);
  return preview;
}

/**
 * The desk answers calls of `call` late, as a loaded desk does: each waits `until` (milliseconds, or
 * until the promise settles) before it goes on. Returns how many were held back, and `end` to
 * answer on time again.
 */
export async function answerLate(page: Page, call: string, until: number | Promise<void> = 1500): Promise<{ held: () => number; end: () => Promise<void> }> {
  const url = `**/api/${call}`;
  let held = 0;
  await page.route(url, async (route) => {
    held++;
    await (typeof until === 'number' ? new Promise((r) => setTimeout(r, until)) : until);
    await route.continue();
  });
  return { held: () => held, end: () => page.unroute(url) };
}
