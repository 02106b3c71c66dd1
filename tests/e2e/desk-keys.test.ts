/**
 * Who gets a key on a scanning desk, end to end in Chromium: a PIN typed as fast as a scanner in
 * the switch-user dialog signs in and is never taken (or shown) by the desk's scan capture behind
 * it; Escape with a dropdown open only closes the menu; the picking and packing desks choose an
 * order from its number typed in the selector (Enter) or scanned into the desk's scan field, switch
 * to another order scanned while one is chosen (or say why not and keep it), and go back to the
 * order choice on Escape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { activeTest, chooseLanguage, demoStock, inDays, palletScan, sel, signIn, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];
type Order = { id: string; number: string };
/**
 * Oldest first: allocated, nothing picked (at the picking desk only); created only (at no desk);
 * two partly picked (at both desks); picked in full (at the packing desk only).
 */
const orders: Record<'toPick' | 'unallocated' | 'alsoToPack' | 'toPack' | 'pickedInFull', Order> = {} as never;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const { receive, itemId, customerId } = await demoStock(desk);
  const tea = await receive({ sku: 'TEA-250', quantity: 48, expiryDate: inDays(300), bin: 'A-01' });
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  const order = () => lead.result<Order>('orders.create', { customerId: customerId('CUS-SFO'), lines: [{ itemId: itemId('TEA-250'), quantity: 10 }] });
  orders.toPick = await order();
  orders.unallocated = await order();
  orders.alsoToPack = await order();
  orders.toPack = await order();
  orders.pickedInFull = await order();
  for (const o of [orders.toPick, orders.alsoToPack, orders.toPack, orders.pickedInFull]) await lead.result('allocation.allocate', { orderId: o.id });
  for (const o of [orders.alsoToPack, orders.toPack]) await lead.result('picking.scan', { orderId: o.id, bin: 'A-01', scan: tea.lot.code, quantity: 2 });
  await lead.result('picking.scan', { orderId: orders.pickedInFull.id, bin: 'A-01', scan: tea.lot.code });
});
afterAll(async () => {
  for (const ui of pages) await ui.context.close();
  await browser?.close();
  await desk?.stop();
});

async function deskPage(username: string, secret: string, locale: 'en' | 'zh-CN' = 'en'): Promise<DeskPage> {
  const ui = await openPage(browser, desk, locale === 'en' ? 'en-US' : 'zh-CN');
  pages.push(ui);
  await signIn(ui.page, username, secret);
  await chooseLanguage(ui.page, locale);
  return ui;
}

/** Opens the picking or packing desk from the menu. */
async function openDesk(page: Page, name: 'picking' | 'packing'): Promise<void> {
  await page.locator(sel(`nav-${name}`)).click();
  await page.locator(sel(`${name}-page`)).waitFor();
}

/** The order the desk's address names (the chosen one). */
const chosenOrder = (page: Page) => new URL(page.url().replace('#', '')).searchParams.get('order');

/** Types each key with the given gaps before it (ms), as a fast typist or a badge scanner does, then Enter. */
async function typeFast(page: Page, keys: string, gaps: number[]): Promise<void> {
  for (let i = 0; i < keys.length; i++) {
    if (gaps[i]) await page.waitForTimeout(gaps[i]);
    await page.keyboard.press(keys[i]);
  }
  await page.keyboard.press('Enter');
}

/** Alt+U, the user, then the PIN typed fast; the dialog closes on a sign-in. */
async function switchUserFast(page: Page, username: string, pin: string, gaps: number[]): Promise<void> {
  await page.keyboard.press('Alt+U');
  await page.locator(sel('switch-user-dialog')).waitFor();
  await page.locator(`${sel('switch-user-dialog')} ${sel(`user-${username}`)}`).click();
  await page.locator(`${sel('switch-user-dialog')} ${sel('secret')}`).waitFor();
  await typeFast(page, pin, gaps);
}

describe('desk keys (e2e)', () => {
  it('a PIN typed at scanner speed in the switch-user dialog signs in, and the desk behind never sees it', { timeout: 120_000 }, async () => {
    const ui = await deskPage('lead', '3333');
    const { page } = ui;
    await page.locator(sel('nav-lot-changes')).click();
    await page.locator(sel('transform-page')).waitFor();
    await page.locator('#transform-scan').focus();

    // 0–20 ms between keys: faster than the scanner's 50 ms burst limit.
    await switchUserFast(page, 'manager', '4444', [0, 0, 7, 20, 13]);
    await page.locator(sel('switch-user-dialog')).waitFor({ state: 'detached' });
    expect(await text(page, 'current-role')).toBe('Manager');
    await page.locator(sel('transform-page')).waitFor();
    expect(await page.locator(sel('transform-error')).count()).toBe(0);
    expect(await page.locator('#transform-scan').inputValue()).toBe('');
    expect(await page.locator('body').innerText()).not.toContain('4444');

    // And back, all keys at once (no gap at all).
    await switchUserFast(page, 'lead', '3333', [0, 0, 0, 0, 0]);
    await page.locator(sel('switch-user-dialog')).waitFor({ state: 'detached' });
    expect(await text(page, 'current-role')).toBe('Warehouse lead');
    expect(await page.locator(sel('transform-error')).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('3333');

    // The desk's scan capture still works once the dialog is closed.
    await typeLikeScanner(page, 'NO-SUCH-LOT');
    await expect.poll(() => page.locator(sel('transform-error')).count()).toBe(1);
    expect(await text(page, 'transform-error')).toContain('NO-SUCH-LOT');
    expect(ui.problems).toEqual([]);
  });

  it('Escape on the Receiving desk with the Supplier menu open closes the menu and keeps the scanned case', { timeout: 120_000 }, async () => {
    const ui = await deskPage('clerk', '1111');
    const { page } = ui;
    await page.locator(sel('mode-blind')).click();
    await typeLikeScanner(page, palletScan({ serial: 9, batch: 'ESC-1', count: 18 }));
    await page.locator(sel('ai-00')).waitFor();
    expect(await page.locator(sel('quantity')).inputValue()).toBe('18');

    await page.locator(sel('supplier')).click();
    await page.locator(sel('supplier-option')).first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator(sel('supplier-option')).first().waitFor({ state: 'hidden' });
    // The case is still there: quantity, supplier lot, expiry and the parsed GS1 elements.
    expect(await page.locator(sel('quantity')).inputValue()).toBe('18');
    expect(await page.locator(sel('supplier-lot')).inputValue()).toBe('ESC-1');
    expect(await page.locator(sel('expiryDate')).inputValue()).not.toBe('');
    expect(await page.locator(sel('ai-00')).count()).toBe(1);

    // With no menu open, Escape clears the case as the key hint says.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(sel('quantity')).inputValue()).toBe('');
    expect(await page.locator(sel('ai-00')).count()).toBe(0);
    expect(ui.problems).toEqual([]);
  });

  it('Picking and Packing: an order number typed in the selector is chosen with Enter alone', { timeout: 120_000 }, async () => {
    const ui = await deskPage('lead', '3333');
    const { page } = ui;
    await openDesk(page, 'picking');
    await page.locator(sel('order-choice')).click();
    // The list offers three orders, oldest first; the newest one's number is typed by a person
    // (slower than a scanner) and Enter pressed at once, before the search has answered.
    await expect.poll(() => page.locator('.n-base-select-option:visible').count()).toBe(3);
    await page.keyboard.type(orders.toPack.number, { delay: 70 });
    await page.keyboard.press('Enter');
    await page.locator(sel('pick-list')).waitFor();
    await expect.poll(() => chosenOrder(page)).toBe(orders.toPack.id);
    expect(await page.locator(sel('order-select')).innerText()).toContain(orders.toPack.number);

    // A whole number of an order with nothing to pick is told why, and the chosen order stays;
    // what was typed for the last order is gone.
    await page.locator(sel('order-choice')).click();
    await page.keyboard.type(orders.pickedInFull.number, { delay: 70 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(sel('order-link-error')).innerText()).toContain(`Order ${orders.pickedInFull.number} is picked in full`);
    expect(await chosenOrder(page)).toBe(orders.toPack.id);
    // Typing again takes the message away.
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator(sel('order-link-error')).count()).toBe(0);
    await page.keyboard.press('Escape');

    await openDesk(page, 'packing');
    await page.locator(sel('order-choice')).click();
    await expect.poll(() => page.locator('.n-base-select-option:visible').count()).toBe(3);
    await page.keyboard.type(orders.toPack.number.toLowerCase(), { delay: 70 });
    await page.keyboard.press('Enter');
    await page.locator(sel('pack-check')).waitFor();
    expect(await page.locator(sel('order-select')).innerText()).toContain(orders.toPack.number);
    expect(ui.problems).toEqual([]);
  });

  it('in Chinese: an order number scanned into the picking desk chooses the order; an unknown one is named', { timeout: 120_000 }, async () => {
    const ui = await deskPage('lead', '3333', 'zh-CN');
    const { page } = ui;
    await openDesk(page, 'picking');
    await page.locator('#pick-scan').focus();

    await typeLikeScanner(page, 'SO-19990101-0009');
    await expect.poll(() => page.locator(sel('pick-error')).count()).toBe(1);
    expect(await text(page, 'pick-error')).toBe('没有订单“SO-19990101-0009”。请重新扫描订单号，或从列表中选择订单。');
    await typeLikeScanner(page, orders.unallocated.number);
    await expect.poll(() => text(page, 'pick-error')).toBe(`订单 ${orders.unallocated.number} 没有已分配、等待拣货的库存。请先在销售订单页面分配库存。`);
    // A bin label before the order is still "choose the order first".
    await typeLikeScanner(page, 'A-01');
    await expect.poll(() => text(page, 'pick-error')).toBe('请先选择订单，再扫描。');

    await typeLikeScanner(page, orders.toPick.number);
    await page.locator(sel('pick-list')).waitFor();
    expect(await page.locator(sel('order-select')).innerText()).toContain(orders.toPick.number);
    expect(await page.locator(sel('pick-error')).count()).toBe(0);
    expect(ui.problems).toEqual([]);

    // Packing: the scanned number of an order with picked stock chooses it too.
    await openDesk(page, 'packing');
    await page.locator('#pack-scan').focus();
    await typeLikeScanner(page, orders.toPack.number);
    await page.locator(sel('pack-check')).waitFor();
    expect(await page.locator(sel('pack-error')).count()).toBe(0);
  });

  it('Picking: an order number scanned while an order is chosen switches to it, or says why not and keeps the order; Escape goes back to the order choice', { timeout: 120_000 }, async () => {
    const { pickedInFull } = orders;
    const ui = await deskPage('lead', '3333');
    const { page } = ui;
    await openDesk(page, 'picking');
    await typeLikeScanner(page, orders.toPick.number);
    await expect.poll(() => text(page, 'pick-list')).toContain(orders.toPick.number);

    // At a bin, the next pick list's barcode: that order, not "no lot SO-…".
    await typeLikeScanner(page, 'A-01');
    await expect.poll(() => text(page, 'pick-step')).toBe('At bin A-01: scan the lot label.');
    await typeLikeScanner(page, orders.alsoToPack.number);
    await expect.poll(() => text(page, 'pick-list')).toContain(orders.alsoToPack.number);
    expect(chosenOrder(page)).toBe(orders.alsoToPack.id);
    expect(await text(page, 'pick-step')).toBe('Scan the bin label.');
    expect(await page.locator(sel('pick-error')).count()).toBe(0);
    // Waiting for a bin, the same: an order, not "no bin SO-…".
    await typeLikeScanner(page, orders.toPick.number.toLowerCase());
    await expect.poll(() => text(page, 'pick-list')).toContain(orders.toPick.number);
    expect(chosenOrder(page)).toBe(orders.toPick.id);

    // Orders with nothing to pick are named with the reason, and the order being picked stays.
    await typeLikeScanner(page, pickedInFull.number);
    await expect.poll(() => page.locator(sel('pick-error')).count()).toBe(1);
    expect(await text(page, 'pick-error')).toBe(`Order ${pickedInFull.number} is picked in full: nothing is left to pick. It waits at the Packing desk.`);
    await typeLikeScanner(page, orders.unallocated.number);
    await expect.poll(() => text(page, 'pick-error')).toBe(`Order ${orders.unallocated.number} has no stock allocated and waiting to be picked. Allocate it on the Orders screen first.`);
    expect(await text(page, 'pick-list')).toContain(orders.toPick.number);
    expect(chosenOrder(page)).toBe(orders.toPick.id);

    // Escape in a dialog or an open menu closes that only.
    await page.locator(sel('short-pick')).first().click();
    await page.locator(sel('exception-dialog')).waitFor();
    await page.keyboard.press('Escape');
    await page.locator(sel('exception-dialog')).waitFor({ state: 'detached' });
    await page.locator(sel('order-choice')).click();
    await page.locator('.n-base-select-option').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.n-base-select-option').first().waitFor({ state: 'hidden' });
    expect(await text(page, 'pick-list')).toContain(orders.toPick.number);
    expect(chosenOrder(page)).toBe(orders.toPick.id);

    // On the desk, Escape gives up the bin scanned first, then the order: the cursor waits in the order selector.
    await typeLikeScanner(page, 'A-01');
    await expect.poll(() => text(page, 'pick-step')).toBe('At bin A-01: scan the lot label.');
    await page.keyboard.press('Escape');
    await expect.poll(() => text(page, 'pick-step')).toBe('Scan the bin label.');
    expect(chosenOrder(page)).toBe(orders.toPick.id);
    await page.keyboard.press('Escape');
    await page.locator(sel('pick-list')).waitFor({ state: 'detached' });
    await expect.poll(() => chosenOrder(page)).toBeNull();
    await expect.poll(() => activeTest(page)).toBe('order-choice');
    expect(await page.locator(sel('order-select')).innerText()).not.toContain(orders.toPick.number);
    // A reload stays on the choice, and a scan chooses again.
    await page.reload();
    await page.locator(sel('picking-page')).waitFor();
    await typeLikeScanner(page, orders.toPick.number);
    await expect.poll(() => text(page, 'pick-list')).toContain(orders.toPick.number);
    expect(ui.problems).toEqual([]);
  });

  it('in Chinese, Packing: a scanned order number switches orders, an order not picked yet is said so; Escape goes back to the order choice', { timeout: 120_000 }, async () => {
    const ui = await deskPage('lead', '3333', 'zh-CN');
    const { page } = ui;
    await openDesk(page, 'packing');
    await typeLikeScanner(page, orders.toPack.number);
    await expect.poll(() => text(page, 'pack-check')).toContain(orders.toPack.number);

    await typeLikeScanner(page, orders.alsoToPack.number);
    await expect.poll(() => text(page, 'pack-check')).toContain(orders.alsoToPack.number);
    expect(chosenOrder(page)).toBe(orders.alsoToPack.id);
    expect(await page.locator(sel('pack-error')).count()).toBe(0);

    await typeLikeScanner(page, orders.toPick.number);
    await expect.poll(() => page.locator(sel('pack-error')).count()).toBe(1);
    expect(await text(page, 'pack-error')).toBe(`订单 ${orders.toPick.number} 尚未拣货。请先在拣货台拣货：拣货后才会出现在这里。`);
    await typeLikeScanner(page, orders.unallocated.number);
    await expect.poll(() => text(page, 'pack-error')).toBe(`订单 ${orders.unallocated.number} 没有已分配或已拣货的库存。请先在销售订单页面分配库存，然后拣货。`);
    expect(await text(page, 'pack-check')).toContain(orders.alsoToPack.number);
    expect(chosenOrder(page)).toBe(orders.alsoToPack.id);

    await page.keyboard.press('Escape');
    await page.locator(sel('pack-check')).waitFor({ state: 'detached' });
    await expect.poll(() => chosenOrder(page)).toBeNull();
    await expect.poll(() => activeTest(page)).toBe('order-choice');
    expect(await page.locator(sel('pack-error')).count()).toBe(0);
    expect(ui.problems).toEqual([]);
  });
});
