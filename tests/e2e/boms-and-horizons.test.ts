/**
 * Bills of materials and near-expiry horizons in Chromium against the real serve-mode server: a
 * manager scans the produced item, adds one component by scanning and one from the list, types
 * how much of each goes into one unit made, saves with F8 and finds them after a reload; a component that would make the item out of itself is
 * refused with the reason and marked; in Chinese, the page and a refusal read in Chinese. A
 * manager sets the station's default horizon and the near-expiry list follows it; a lead sees
 * the default but cannot change it; the stock list marks lots by each item's horizon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type ApiClient, type Desk, type DeskPage } from './support/desk';
import { demoGtin } from '../../src/app/demo/demo-data';
import { demoStock, inDays, MILK_GTIN, sel, signedInPage, TEA_GTIN, text, typeLikeScanner, type DemoStock } from './support/flows';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];
let manager: ApiClient;

const GIFT_GTIN = demoGtin('60014');

interface Lot {
  id: string;
  code: string;
}
let stock: DemoStock;
const lots: Record<string, Lot> = {};

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  stock = await demoStock(desk);
  const receive = async (sku: string, expiryDate: string): Promise<Lot> => (await stock.receive({ sku, quantity: 5, expiryDate })).lot;
  lots.teaSoon = await receive('TEA-250', inDays(40)); // inside TEA's own 60 days
  lots.teaLater = await receive('TEA-250', inDays(200));
  lots.soy = await receive('SOY-500', inDays(40)); // SOY has no horizon: outside the 30-day default, inside 45
  manager = desk.client();
  await manager.result('session.signIn', { username: 'manager', secret: '4444' });
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
});

const bomSkus = async (sku: string) => (await manager.result<{ components: { sku: string }[] }>('boms.get', { itemId: stock.itemId(sku) })).components.map((c) => c.sku);
const shownComponents = (page: Page) => page.locator(sel('bom-component')).evaluateAll((els) => els.map((e) => e.getAttribute('data-sku')));
const component = (page: Page, sku: string) => page.locator(`${sel('bom-component')}[data-sku="${sku}"]`);
const per = (page: Page, sku: string) => page.locator(`${sel('bom-per')}[data-sku="${sku}"]`);
const activeSku = (page: Page) => page.evaluate(() => `${document.activeElement?.getAttribute('data-test')} ${document.activeElement?.getAttribute('data-sku')}`);

const SECRETS = { manager: '4444', lead: '3333' };

/** Signs the user in on a fresh page in the language and opens a screen from the header. */
async function openScreen(username: keyof typeof SECRETS, locale: 'en' | 'zh-CN', nav: string, screen: string): Promise<DeskPage> {
  const ui = await signedInPage(browser, desk, { username, secret: SECRETS[username], locale });
  pages.push(ui);
  await ui.page.locator(sel(nav)).click();
  await ui.page.locator(sel(screen)).waitFor();
  return ui;
}

/** Types a code by hand into the scan field and presses Enter. */
async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator(sel('scan')).focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

describe('bills of materials (e2e)', () => {
  it('a manager scans the produced item, adds components by scan and from the list, saves with F8, and finds them after a reload', { timeout: 120_000 }, async () => {
    const ui = await openScreen('manager', 'en', 'nav-boms', 'bom-page');
    const { page } = ui;
    expect(await text(page, 'page-title')).toBe('Bills of materials');

    // The gift box's case label names the produced item; its demo BOM is shown.
    await typeLikeScanner(page, `]C101${GIFT_GTIN}`);
    await expect.poll(() => shownComponents(page)).toEqual(['SOY-500', 'TEA-250']);
    expect(await page.locator(sel('bom-item')).innerText()).toContain('GIFT-TEA');
    expect(await component(page, 'TEA-250').innerText()).toContain(TEA_GTIN);
    // One tea and one soy go into a gift box.
    expect([await per(page, 'SOY-500').inputValue(), await per(page, 'TEA-250').inputValue()]).toEqual(['1', '1']);
    expect(await per(page, 'TEA-250').getAttribute('placeholder')).toBe('How many per GIFT-TEA');

    // Milk by its EAN-13 barcode: the cursor waits in its quantity, and Enter goes back to the scan field.
    await typeLikeScanner(page, `]E0${MILK_GTIN.slice(1)}`);
    await component(page, 'MILK-1L').waitFor();
    await expect.poll(() => activeSku(page)).toBe('bom-per MILK-1L');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeSku(page)).toBe('scan null');
    // The oil has no barcode, so it comes from the list; a quantity that is no number is refused where it was typed.
    await page.locator(sel('bom-add')).click();
    await page.keyboard.type('OIL');
    await page.locator('.n-base-select-option', { hasText: 'OIL-5L' }).click();
    await component(page, 'OIL-5L').waitFor();
    await expect.poll(() => activeSku(page)).toBe('bom-per OIL-5L');
    await page.keyboard.type('1,5');
    expect(await shownComponents(page)).toEqual(['SOY-500', 'TEA-250', 'MILK-1L', 'OIL-5L']);
    await page.locator(sel('bom-unsaved')).waitFor();
    expect(await bomSkus('GIFT-TEA')).toEqual(['SOY-500', 'TEA-250']);
    await page.keyboard.press('F8');
    await expect.poll(() => text(page, 'bom-error')).toBe('Enter the quantity in digits, with a point for decimals (1000 or 2.5), without thousands separators.');
    expect(await component(page, 'OIL-5L').getAttribute('class')).toContain('bad');
    await expect.poll(() => activeSku(page)).toBe('bom-per OIL-5L');
    expect(await bomSkus('GIFT-TEA')).toEqual(['SOY-500', 'TEA-250']);
    // Emptied, it states no quantity for the oil.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    expect(await page.locator(sel('bom-error')).count()).toBe(0);

    await page.keyboard.press('F8');
    await page.locator(sel('bom-saved')).waitFor();
    expect(await text(page, 'bom-saved')).toBe('Bill of materials of GIFT-TEA saved.');
    expect(await page.locator(sel('bom-unsaved')).count()).toBe(0);
    expect(await bomSkus('GIFT-TEA')).toEqual(['MILK-1L', 'OIL-5L', 'SOY-500', 'TEA-250']);
    const saved = await manager.result<{ components: { sku: string; quantity: number | null }[] }>('boms.get', { itemId: stock.itemId('GIFT-TEA') });
    expect(saved.components.map((c) => c.quantity)).toEqual([2, null, 1, 1]);

    // After a reload the saved list comes back from the core; the SKU typed by hand in any case names the item.
    await page.reload();
    await page.locator(sel('bom-page')).waitFor();
    await typeCode(page, 'gift-tea');
    await expect.poll(() => shownComponents(page)).toEqual(['MILK-1L', 'OIL-5L', 'SOY-500', 'TEA-250']);
    expect(await component(page, 'MILK-1L').innerText()).toContain(MILK_GTIN);

    // An unknown code is named, and the produced item stays as it was.
    await typeCode(page, 'NO-SUCH-SKU');
    await page.locator(sel('bom-error')).waitFor();
    expect(await text(page, 'bom-error')).toBe('No item has the SKU or GTIN “NO-SUCH-SKU”. Scan the item’s barcode, or choose it from the list.');
    expect(await shownComponents(page)).toEqual(['MILK-1L', 'OIL-5L', 'SOY-500', 'TEA-250']);

    // Tea made from gift boxes would make tea out of itself: refused with the path, the line marked, nothing saved.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(sel('bom-component')).count()).toBe(0);
    await typeLikeScanner(page, TEA_GTIN);
    await page.locator(sel('bom-empty')).waitFor();
    expect(await page.locator(sel('bom-item')).innerText()).toContain('TEA-250');
    await typeLikeScanner(page, GIFT_GTIN);
    await component(page, 'GIFT-TEA').waitFor();
    await page.keyboard.press('F8');
    await page.locator(sel('bom-error')).waitFor();
    expect(await text(page, 'bom-error')).toBe(
      'GIFT-TEA cannot be a component of TEA-250: GIFT-TEA is itself made from TEA-250 (GIFT-TEA → TEA-250). Remove it from the list.',
    );
    expect(await component(page, 'GIFT-TEA').getAttribute('class')).toContain('bad');
    expect(await bomSkus('TEA-250')).toEqual([]);
    await component(page, 'GIFT-TEA').locator(sel('remove-component')).click();
    expect(await page.locator(sel('bom-error')).count()).toBe(0);
    await page.locator(sel('bom-empty')).waitFor();

    expect(ui.problems).toEqual([]);
  });

  it('in Chinese: the page title and a refused duplicate read in Chinese', { timeout: 120_000 }, async () => {
    const ui = await openScreen('manager', 'zh-CN', 'nav-boms', 'bom-page');
    const { page } = ui;
    expect(await text(page, 'page-title')).toBe('物料清单');
    await typeCode(page, 'RICE-5KG');
    await expect.poll(() => shownComponents(page)).toEqual(['RICE-BULK']);
    await typeCode(page, 'rice-bulk');
    await expect.poll(() => shownComponents(page)).toEqual(['RICE-BULK', 'RICE-BULK']);
    await page.keyboard.press('F8');
    await page.locator(sel('bom-error')).waitFor();
    expect(await text(page, 'bom-error')).toBe('物料 RICE-BULK 在此物料清单中出现了两次。请删除其中一个。');
    // The second one is the one refused.
    expect(await page.locator(sel('bom-component')).nth(1).getAttribute('class')).toContain('bad');
    expect(await page.locator(sel('bom-component')).nth(0).getAttribute('class')).not.toContain('bad');
    expect(await bomSkus('RICE-5KG')).toEqual(['RICE-BULK']);
    expect(ui.problems).toEqual([]);
  });
});

describe('near-expiry horizons (e2e)', () => {
  const row = (page: Page, lot: Lot) => page.locator(`${sel('near-expiry-row')}[data-lot-id="${lot.id}"]`);

  it('a manager sets the station default; the list and its label follow', { timeout: 120_000 }, async () => {
    const ui = await openScreen('manager', 'en', 'nav-near-expiry', 'near-expiry-page');
    const { page } = ui;
    await row(page, lots.teaSoon).waitFor();
    expect(await text(page, 'station-default')).toBe('Station default: 30 days');
    expect(await row(page, lots.soy).count()).toBe(0);

    // Out of range and empty are refused with the reason; nothing changes.
    for (const typed of ['0', '']) {
      await page.locator(sel('default-days')).fill(typed);
      await page.locator(sel('save-default')).click();
      await page.locator(sel('default-error')).waitFor();
      expect(await text(page, 'default-error')).toBe('Enter the station default as whole days from 1 to 3650.');
    }
    expect(await manager.result('settings.nearExpiryDefault')).toEqual({ days: 30 });

    await page.locator(sel('default-days')).fill('45');
    await page.keyboard.press('Enter');
    await page.locator(sel('default-saved')).waitFor();
    expect(await page.locator(sel('default-error')).count()).toBe(0);
    await expect.poll(() => text(page, 'station-default')).toBe('Station default: 45 days');
    await row(page, lots.soy).waitFor();
    expect(await row(page, lots.soy).innerText()).toContain('45 d');
    expect(await row(page, lots.teaSoon).innerText()).toContain('60 d');
    expect(await manager.result('settings.nearExpiryDefault')).toEqual({ days: 45 });
    expect(ui.problems).toEqual([]);
  });

  it('a lead sees the station default but not the card to change it, nor the bills of materials', { timeout: 120_000 }, async () => {
    const ui = await openScreen('lead', 'en', 'nav-near-expiry', 'near-expiry-page');
    const { page } = ui;
    await expect.poll(() => text(page, 'station-default')).toBe('Station default: 45 days');
    await page.locator(sel('save-horizon')).waitFor(); // the lead's own card: an item's horizon
    // Saved with no item chosen: the message says what is missing.
    await page.locator(sel('save-horizon')).click();
    await expect.poll(() => text(page, 'horizon-error')).toBe('Enter or choose the item.');
    expect(await page.locator(sel('station-default-card')).count()).toBe(0);
    expect(await page.locator(sel('default-days')).count()).toBe(0);
    expect(await page.locator(sel('nav-boms')).count()).toBe(0);
    expect(ui.problems).toEqual([]);
  });

  it('the stock list marks a lot by its item horizon or the station default', { timeout: 120_000 }, async () => {
    const ui = await openScreen('lead', 'en', 'nav-stock', 'stock-page');
    const { page } = ui;
    const mark = async (lot: Lot) => {
      // Lot codes are unique per item only: the row is found by the lot's own link.
      const cell = page.locator(`${sel('stock-row')}:has(a[href$="/stock/lot/${lot.id}"]) ${sel('stock-expiry')}`);
      await cell.waitFor();
      return { mark: await cell.getAttribute('data-expiry'), cls: await cell.getAttribute('class') };
    };
    expect(await mark(lots.teaSoon)).toEqual({ mark: 'soon', cls: 'expiry-soon' }); // 40 days, TEA's own 60
    expect(await mark(lots.soy)).toEqual({ mark: 'soon', cls: 'expiry-soon' }); // 40 days, the station's 45
    expect(await mark(lots.teaLater)).toEqual({ mark: '', cls: '' });
    expect(ui.problems).toEqual([]);
  });

  it('a lead pages through a long list and narrows it to one item; in Chinese the counts read in Chinese', { timeout: 120_000 }, async () => {
    // 102 more soy lots inside the station's 45 days: 104 lots on the list, three pages of 50.
    for (let i = 0; i < 102; i++) await stock.receive({ sku: 'SOY-500', quantity: 1, expiryDate: inDays(2 + (i % 40)) });
    const lead = desk.client();
    await lead.result('session.signIn', { username: 'lead', secret: '3333' });
    type Page1 = { rows: { lot: { id: string } }[]; total: number };
    const listed = async (input: object) => (await lead.result<Page1>('stock.nearExpiry', input)).rows.map((r) => r.lot.id);
    const shown = (page: Page) => page.locator(sel('near-expiry-row')).evaluateAll((els) => els.map((e) => e.getAttribute('data-lot-id')));

    const ui = await openScreen('lead', 'en', 'nav-near-expiry', 'near-expiry-page');
    const { page } = ui;
    await expect.poll(() => text(page, 'near-expiry-count')).toBe('Lots on the list: 104 · expired: 0');
    await expect.poll(() => shown(page)).toEqual(await listed({ offset: 0, limit: 50 }));
    // The pager sits below fifty rows; the next page starts at the list's head, not at the pager.
    const pageButton = (n: number) => page.locator(`${sel('near-expiry-pager')} .n-pagination-item`, { hasText: new RegExp(`^${n}$`) });
    await pageButton(2).click();
    await expect.poll(() => shown(page)).toEqual(await listed({ offset: 50, limit: 50 }));
    const headTop = () => page.locator(sel('near-expiry-count')).evaluate((e) => e.getBoundingClientRect().top);
    expect(await headTop()).toBeGreaterThanOrEqual(0);
    expect(await headTop()).toBeLessThan(200);
    await pageButton(3).click();
    await expect.poll(() => shown(page)).toEqual(await listed({ offset: 100, limit: 50 }));
    expect((await shown(page)).length).toBe(4);

    // One item: back to its first page, its own count.
    await page.locator(sel('near-expiry-item')).click();
    await page.keyboard.type('TEA-250');
    await page.locator('.n-base-select-option', { hasText: 'TEA-250' }).click();
    await expect.poll(() => text(page, 'near-expiry-count')).toBe('Lots on the list: 1 · expired: 0');
    await expect.poll(() => shown(page)).toEqual([lots.teaSoon.id]);
    expect(await page.locator(sel('near-expiry-pager')).count()).toBe(0);
    expect(ui.problems).toEqual([]);

    const zh = await openScreen('lead', 'zh-CN', 'nav-near-expiry', 'near-expiry-page');
    await expect.poll(() => text(zh.page, 'near-expiry-count')).toBe('列表中的批次：104 · 已过期：0');
    expect(zh.problems).toEqual([]);
  });
});
