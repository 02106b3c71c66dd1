/**
 * The counts desk end to end: a count below what an order was promised names the order and what
 * it lost; counts typed for a bin survive scanning another bin; a failed adjustment does not leave
 * the previous one's "saved" line on the screen; the adjustment fields have real placeholders; each
 * lot scanned for an adjustment starts with the cursor in its quantity and no reason chosen; damaged
 * stock an order was promised is written off and the order named; a bin scanned before the screen
 * has read the site's bins still opens, and a label read while the desk still answers the last scan
 * keeps its first keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoGtin } from '../../src/app/demo/demo-data';
import type { OrderDetail, ReceiveResult } from '../../src/contract/results';
import { activeTest, answerLate, chooseLanguage, demoStock, inDays, sel, signedInPage, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
const lots: Record<string, ReceiveResult> = {};
let order: { id: string; number: string };
let leadApi: ReturnType<Desk['client']>;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const { receive, itemId, customerId } = await demoStock(desk);
  lots.tea = await receive({ sku: 'TEA-250', quantity: 48, expiryDate: inDays(300), bin: 'A-01' });
  lots.soy = await receive({ sku: 'SOY-500', quantity: 12, expiryDate: inDays(300), bin: 'A-09' });
  lots.oil = await receive({ sku: 'OIL-5L', quantity: 6, expiryDate: inDays(300), bin: 'A-10' });
  leadApi = desk.client();
  await leadApi.result('session.signIn', { username: 'lead', secret: '3333' });
  order = await leadApi.result('orders.create', { customerId: customerId('CUS-SFO'), lines: [{ itemId: itemId('TEA-250'), quantity: 30 }] });
  await leadApi.result('allocation.allocate', { orderId: order.id });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const counted = (lot: ReceiveResult) => `[data-test="counted"][data-lot-id="${lot.lot.id}"]`;

describe('counts desk (e2e)', () => {
  it('names the orders a count shortened, keeps typed counts per bin, clears an old adjustment result', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    // The adjustment's reason select (after the bin's): what it shows, and choosing from its menu.
    const reason = page.locator(`${sel('adjust-form')} .n-base-selection`).nth(1);
    const reasonShown = async () => (await reason.innerText()).trim();
    // Chosen from the keyboard, as a clerk does: typed at a person's pace (keys under 50 ms apart
    // read as a scan), then Enter once the menu shows it. Clicks raced the menu's transitions.
    const chooseReason = async (label: string) => {
      await page.locator(sel('adjust-reason')).focus();
      await page.waitForTimeout(100);
      await page.keyboard.type(label, { delay: 80 });
      await page.locator('.n-base-select-option--pending:visible', { hasText: label }).waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => reasonShown()).toBe(label);
    };
    await page.locator(sel('nav-counts')).click();
    await page.locator(sel('count-page')).waitFor();

    // ── A-01 holds 48, the order has 30 of it: counting 10 takes 20 away from the order.
    await typeLikeScanner(page, 'A-01');
    await page.locator(counted(lots.tea)).fill('10');
    await page.keyboard.press('F8');
    await page.locator(sel('count-result')).waitFor();
    const shortened = page.locator(sel('count-shortened'));
    await shortened.waitFor();
    expect(await shortened.innerText()).toContain('Orders lost stock they were promised');
    expect(await text(page, 'count-shortened-order')).toBe(`Order ${order.number}: 20 pcs of lot ${lots.tea.lot.code} no longer allocated`);
    const line = (await leadApi.result<OrderDetail>('orders.get', { orderId: order.id })).lines[0];
    expect(line.allocated).toBe(10);
    // The order's line opens that order on the Orders screen.
    await page.locator(sel('count-shortened-link')).click();
    await page.locator(sel('orders-page')).waitFor();
    await page.locator(`${sel('order-detail')}[data-order="${order.number}"]`).waitFor();
    await page.goBack();
    await page.locator(sel('count-page')).waitFor();

    // ── Typed counts of A-09 survive a scan of A-10 and come back with A-09.
    await typeLikeScanner(page, 'A-09');
    await page.locator(counted(lots.soy)).fill('7');
    await page.locator(sel('scan')).focus();
    await typeLikeScanner(page, 'A-10');
    await page.locator(counted(lots.oil)).waitFor();
    expect(await text(page, 'count-draft-notice')).toBe('The counts typed for bin A-09 are not saved yet: they wait until you scan A-09 again.');
    await page.locator(sel('scan')).focus();
    await typeLikeScanner(page, 'A-09');
    await page.locator(counted(lots.soy)).waitFor();
    expect(await page.locator(counted(lots.soy)).inputValue()).toBe('7');
    expect(await text(page, 'count-draft-notice')).toBe('Your unsaved counts for bin A-09 are back. Check them and save with F8.');
    // Esc throws them away on purpose.
    await page.keyboard.press('Escape');
    await typeLikeScanner(page, 'A-09');
    await page.locator(counted(lots.soy)).waitFor();
    expect(await page.locator(counted(lots.soy)).inputValue()).toBe('');
    expect(await page.locator(sel('count-draft-notice')).count()).toBe(0);

    // ── Adjustment: a saved one, then a refused one; the "saved" line goes with the new attempt.
    await page.locator(sel('mode-adjust')).click();
    await page.locator(sel('scan')).focus();
    await typeLikeScanner(page, `]C101${demoGtin('30027')}10${lots.soy.lot.code}`);
    await page.locator(sel('adjust-form')).waitFor();
    // The cursor goes to the quantity; no reason is chosen for the clerk.
    await expect.poll(() => activeTest(page)).toBe('adjust-quantity');
    expect(await page.locator(sel('adjust-quantity')).getAttribute('placeholder')).toBe('Quantity to remove');
    expect(await page.locator(sel('adjust-note')).getAttribute('placeholder')).toBe('Optional: what happened');
    expect(await reasonShown()).toBe('Choose the reason for this lot');
    await page.keyboard.type('1');
    await page.keyboard.press('F8');
    // Without a reason nothing is saved, and the cursor waits in the reason: typed, then Enter.
    await expect.poll(() => text(page, 'count-error')).toBe('Choose a reason code for the adjustment.');
    expect(await page.locator(sel('adjust-result')).count()).toBe(0);
    await expect.poll(() => activeTest(page)).toBe('adjust-reason');
    // A person's pause after F8: '1', F8 and 'Dam' + Enter with every gap under 50 ms read as a scan
    // (the wedge detector's rule), which a fast machine managed, and a scan's Enter is not the menu's.
    await page.waitForTimeout(100);
    await page.keyboard.type('Dam');
    // Enter once the menu shows the filtered reason, as the clerk sees it (a loaded machine filters late).
    await page.locator('.n-base-select-option:visible', { hasText: 'Damaged' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => reasonShown()).toBe('Damaged');
    await page.keyboard.press('F8');
    await page.locator(sel('adjust-result')).waitFor();
    expect(await text(page, 'adjust-result')).toContain('the bin now holds 11 pcs');
    await page.locator(sel('adjust-quantity')).fill('999');
    await page.keyboard.press('F8');
    await page.locator(sel('count-error')).waitFor();
    expect(await page.locator(sel('adjust-result')).count()).toBe(0);
    // The cursor waits in the refused quantity, its text selected: typing replaces it.
    await expect.poll(() => activeTest(page)).toBe('adjust-quantity');
    await page.keyboard.type('2');
    expect(await page.locator(sel('adjust-quantity')).inputValue()).toBe('2');

    // ── The same placeholders in Chinese, never naive-ui's "请输入".
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('direction-in')).click();
    expect(await page.locator(sel('adjust-quantity')).getAttribute('placeholder')).toBe('要增加的数量');
    expect(await page.locator(sel('adjust-note')).getAttribute('placeholder')).toBe('可选：说明情况');

    // ── Damaged stock that the order was promised is written off all the same, and the order named:
    // A-01 now holds 10 tea, all 10 allocated.
    await page.locator(sel('direction-out')).click();
    await chooseReason('损坏');
    // A new lot: the reason chosen for the soy is not kept for the tea.
    await page.locator(sel('scan')).focus();
    await typeLikeScanner(page, `]C101${demoGtin('13435')}10${lots.tea.lot.code}`);
    await page.locator(`${sel('adjust-form')}`).getByText(lots.tea.lot.code).waitFor();
    await expect.poll(() => reasonShown()).toBe('请为此批次选择原因');
    await expect.poll(() => activeTest(page)).toBe('adjust-quantity');
    await page.keyboard.type('2');
    await chooseReason('损坏');
    await page.keyboard.press('F8');
    await page.locator(sel('adjust-shortened')).waitFor();
    expect(await text(page, 'adjust-result')).toContain('该库位现有 8');
    expect(await text(page, 'adjust-shortened-order')).toBe(`订单 ${order.number}：批次 ${lots.tea.lot.code} 的 2 件已取消分配`);
    expect((await leadApi.result<OrderDetail>('orders.get', { orderId: order.id })).lines[0].allocated).toBe(8);
    expect(ui.problems).toEqual([]);
  });

  it('opens a bin scanned while the screen is still reading the site\'s bins', { timeout: 60_000 }, async () => {
    const { page } = ui;
    await page.locator(sel('nav-stock-overview')).click();
    await page.locator(sel('count-page')).waitFor({ state: 'detached' });
    // The bins answer late, as on a loaded desk: the clerk scans the bin the moment the screen shows.
    const late = await answerLate(page, 'catalog.locations');
    await page.locator(sel('nav-counts')).click();
    await page.locator(sel('count-page')).waitFor();
    await typeLikeScanner(page, 'A-09');
    await page.locator(counted(lots.soy)).waitFor();
    expect(late.held()).toBe(1);
    expect(await page.locator(sel('count-error')).count()).toBe(0);
    await late.end();
    expect(ui.problems).toEqual([]);
  });

  it('keeps the next label\'s keys that come while the desk still answers the last scan', { timeout: 60_000 }, async () => {
    const { page } = ui;
    // Bin A-05 (empty: the cursor stays in the scan field) answers once A-09's label is half read.
    let answer = () => {};
    const answered = new Promise<void>((r) => (answer = r));
    const late = await answerLate(page, 'counts.sheet', answered);
    await page.locator(sel('scan')).focus();
    await typeLikeScanner(page, 'A-05');
    await typeLikeScanner(page, 'A-', { enter: false });
    const a05 = page.waitForResponse('**/api/counts.sheet');
    answer();
    await a05;
    await expect.poll(() => text(page, 'count-sheet')).toContain('A-05');
    expect(await page.locator(sel('scan')).inputValue()).toBe('A-');
    await typeLikeScanner(page, '09');
    await page.locator(counted(lots.soy)).waitFor();
    expect(await page.locator(sel('count-error')).count()).toBe(0);
    await late.end();
    expect(ui.problems).toEqual([]);
  });
});
