/**
 * Putaway shows what orders were promised before a bin is scanned: the from-bin choice names the
 * allocated part, the quantity starts at what is free, and a lot that is all allocated says so
 * at once (in English and Chinese) instead of offering its whole quantity to be refused later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import type { ReceiveResult } from '../../src/contract/results';
import { demoGtin } from '../../src/app/demo/demo-data';
import { activeTest, answerLate, chooseLanguage, demoStock, inDays, sel, signedInPage, TEA_GTIN, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
const lots: Record<string, ReceiveResult> = {};

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const { receive, itemId, customerId } = await demoStock(desk);
  lots.tea = await receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(300), bin: 'A-01' });
  lots.soy = await receive({ sku: 'SOY-500', quantity: 5, expiryDate: inDays(300), bin: 'A-02' });
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  const order = await lead.result<{ id: string }>('orders.create', {
    customerId: customerId('CUS-SFO'),
    lines: [
      { itemId: itemId('TEA-250'), quantity: 6 },
      { itemId: itemId('SOY-500'), quantity: 5 },
    ],
  });
  await lead.result('allocation.allocate', { orderId: order.id });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('putaway of allocated stock (e2e)', () => {
  it('starts at the free part, names what is allocated, and says at once when all of it is', { timeout: 90_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-putaway')).click();
    await page.locator(sel('putaway-page')).waitFor();
    await typeLikeScanner(page, `]C101${TEA_GTIN}10${lots.tea.lot.code}`);
    await page.locator(sel('putaway-line')).waitFor();
    expect(await page.locator(sel('move-quantity')).inputValue()).toBe('4');
    expect(await page.locator(sel('from-bin-select')).innerText()).toContain('A-01 · 10 pcs, 6 pcs allocated');
    expect(await page.locator(sel('all-reserved')).count()).toBe(0);

    await page.keyboard.press('Escape');
    await page.locator(sel('putaway-line')).waitFor({ state: 'detached' });
    await typeLikeScanner(page, `]C101${demoGtin('30027')}10${lots.soy.lot.code}`);
    await page.locator(sel('all-reserved')).waitFor();
    expect(await page.locator(sel('move-quantity')).inputValue()).toBe('');
    expect(await text(page, 'all-reserved')).toBe('All of it is allocated to orders: pick it or release the allocation before moving it.');
    // Scanning a bin anyway is refused, and the cursor goes to the quantity to correct, not back to the scan field.
    await typeLikeScanner(page, 'A-07');
    await page.locator(sel('putaway-error')).waitFor();
    await expect.poll(() => activeTest(page)).toBe('move-quantity');

    await chooseLanguage(page, 'zh-CN');
    expect(await text(page, 'all-reserved')).toBe('全部已分配给订单：请先拣货或释放分配，再移动。');
    expect(await page.locator(sel('from-bin-select')).innerText()).toContain('A-02 · 5 件，已分配 5 件');
    expect(ui.problems).toEqual([]);
  });

  it('moves the lot to a bin scanned while its bin suggestion is still on its way', { timeout: 90_000 }, async () => {
    const { page } = ui;
    await chooseLanguage(page, 'en');
    await page.keyboard.press('Escape');
    await page.locator(sel('putaway-line')).waitFor({ state: 'detached' });
    // The suggestion answers late, as on a loaded desk: the bin's scan comes while the desk still waits.
    const late = await answerLate(page, 'putaway.suggest');
    await typeLikeScanner(page, `]C101${TEA_GTIN}10${lots.tea.lot.code}`);
    await page.locator(sel('putaway-lot')).waitFor();
    await typeLikeScanner(page, 'A-05');
    const moved = page.locator(`${sel('moved')}[data-lot="${lots.tea.lot.code}"]`);
    await moved.waitFor();
    expect(late.held()).toBe(1);
    expect(await moved.innerText()).toContain('A-01 → A-05');
    expect(await moved.innerText()).toContain('4 pcs');
    await late.end();
    expect(ui.problems).toEqual([]);
  });
});
