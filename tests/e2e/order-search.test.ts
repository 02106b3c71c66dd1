/**
 * A busy desk: 260 open orders, allocated and not picked, more than one answer holds. The picking
 * desk finds an old order by typing part of its number (in Chinese); the packing desk offers none
 * of them (and says why) until one is picked, then only that one; the Orders screen counts every
 * open order, pages through them oldest first and finds one by its reference, its short line counted in the
 * singular; its New and Import buttons stay side by side on one line at 1440 and 1280 px in both
 * languages; a customer's name stays on one line of the narrow list. A new order's requested lot
 * is offered FEFO first and found by its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import type { ReceiveResult } from '../../src/contract/results';
import { chooseLanguage, demoStock, inDays, sel, signedInPage, text } from './support/flows';

const ORDERS = 260;
let browser: Browser;
let desk: Desk;
let ui: DeskPage | undefined;
/** Every open order, oldest first. */
let open: { id: string; number: string; reference: string | null }[];
/** The 40th oldest: past the selector's first answer, and older than the 200 newest the desk used to list. */
let old: (typeof open)[number];
/** Soy lots received for the order form, in receipt order; the second expires first. */
let soy: ReceiveResult[];
/** The tea every order is allocated from, in bin A-01. */
let tea: ReceiveResult;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  soy = [];
  for (const days of [300, 20, 200]) soy.push(await stock.receive({ sku: 'SOY-500', quantity: 5, expiryDate: inDays(days) }));
  tea = await stock.receive({ sku: 'TEA-250', quantity: ORDERS, expiryDate: inDays(520), bin: 'A-01' });
  const lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  for (let i = 0; i < ORDERS; i++) {
    // Tea to pick, and oil the desk has none of: a line short.
    const order = await lead.result<{ id: string }>('orders.create', {
      customerId: stock.customerId(['CUS-SHM', 'CUS-BER', 'CUS-SFO'][i % 3]),
      reference: `E2E-${i}`,
      lines: [
        { itemId: stock.itemId('TEA-250'), quantity: 1 },
        { itemId: stock.itemId('OIL-5L'), quantity: 1 },
      ],
    });
    await lead.result('allocation.allocate', { orderId: order.id });
  }
  const pages = await Promise.all([0, 200].map((offset) => lead.result<{ rows: typeof open }>('orders.list', { status: 'open', offset, limit: 200 })));
  open = pages.flatMap((p) => p.rows);
  old = open[39];
  expect(old.reference).toBe('E2E-39');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('open orders on a busy desk (e2e)', () => {
  it('in Chinese: the picking desk finds an old order by typing part of its number', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'zh-CN' });
    const { page } = ui;
    await page.locator(sel('nav-picking')).click();
    await page.locator(sel('picking-page')).waitFor();
    await page.locator(sel('order-choice')).click();
    // The first answer holds the oldest open orders, and says there are more.
    expect(await text(page, 'order-choice-more')).toBe(`共 ${open.length} 个待拣货订单，按时间从早到晚显示前 30 个：输入内容以缩小范围`);
    await expect.poll(() => page.locator('.n-base-select-option:visible').first().innerText()).toContain(open[0].number);
    expect(await page.locator('.n-base-select-option:visible', { hasText: old.number }).count()).toBe(0);

    await page.keyboard.type(old.number.slice(-4));
    const option = page.locator('.n-base-select-option:visible', { hasText: old.number });
    await option.waitFor();
    expect(await page.locator('.n-base-select-option:visible').count()).toBe(1);
    await option.click();
    await expect.poll(() => new URL(page.url().replace('#', '')).searchParams.get('order')).toBe(old.id);
    expect(await page.locator(sel('order-select')).innerText()).toContain(old.number);
    await page.locator(sel('pick-list')).waitFor();

    await page.locator(sel('order-choice')).click();
    await page.keyboard.type('SO-1999');
    expect(await text(page, 'order-choice-empty')).toBe('没有匹配的待拣货订单。');
    expect(ui.problems).toEqual([]);
    await ui.context.close();
    ui = undefined;
  });

  it('the packing desk offers only orders with picked stock, and says why its list is empty', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-packing')).click();
    await page.locator(sel('packing-page')).waitFor();
    // 260 open orders, none picked: nothing to pack.
    await page.locator(sel('order-choice')).click();
    expect(await text(page, 'order-choice-empty')).toBe(
      'No open order has picked stock waiting to be packed and shipped. An order shows here once something is picked for it.',
    );
    expect(await page.locator('.n-base-select-option:visible').count()).toBe(0);
    await page.keyboard.press('Escape');

    // The 40th oldest is picked: the next look at the list offers it, and only it.
    const clerk = desk.client();
    await clerk.result('session.signIn', { username: 'clerk', secret: '1111' });
    await clerk.result('picking.scan', { orderId: old.id, bin: 'A-01', scan: tea.lot.code, quantity: 1 });
    await page.locator(sel('order-choice')).click();
    const option = page.locator('.n-base-select-option:visible', { hasText: old.number });
    await option.waitFor();
    expect(await page.locator('.n-base-select-option:visible').count()).toBe(1);
    await page.keyboard.type(open[0].number.slice(-4));
    expect(await text(page, 'order-choice-empty')).toBe('No order with picked stock to pack matches.');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(old.number.slice(-4));
    await option.click();
    await page.locator(sel('pack-check')).waitFor();
    expect(ui.problems).toEqual([]);
    await ui.context.close();
    ui = undefined;
  });

  it('the Orders screen counts every open order, pages oldest first and finds one by reference', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('order-row')).first().waitFor();
    expect(await text(page, 'orders-count')).toBe(`${open.length} orders`);
    const numbers = () => page.locator(sel('order-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')));
    expect(await numbers()).toEqual(open.slice(0, 50).map((o) => o.number));
    // At 1440 × 900 each customer's name stays on one line (cut with an ellipsis, whole on hover),
    // however long with its reference: it used to wrap a letter or two per line.
    const customers = await page.locator(sel('order-row-customer')).evaluateAll((cells) => cells.map((c) => ({ height: c.getBoundingClientRect().height, title: c.getAttribute('title') })));
    expect(customers[0].title).toBe(`Shanghai Fresh Mart 上海鲜超市 · ${open[0].reference}`);
    expect(Math.max(...customers.map((c) => c.height))).toBeLessThan(24);
    // The actions above the narrow list hold one line, side by side, at 1440 and 1280 px in both
    // languages: Import used to fall onto a line of its own.
    for (const locale of ['en', 'zh-CN'] as const) {
      await chooseLanguage(page, locale);
      for (const width of [1440, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await expect
          .poll(async () => {
            const [add, load] = await Promise.all([page.locator(sel('new-order')).boundingBox(), page.locator(sel('import-orders-open')).boundingBox()]);
            return { locale, width, oneLine: load!.height < 36, sameRow: load!.y === add!.y };
          })
          .toEqual({ locale, width, oneLine: true, sameRow: true });
      }
    }
    await chooseLanguage(page, 'en');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator(`${sel('orders-pager')} .n-pagination-item`, { hasText: /^2$/ }).click();
    await expect.poll(numbers).toEqual(open.slice(50, 100).map((o) => o.number));

    await page.locator(sel('orders-search')).fill('e2e-39');
    await expect.poll(numbers).toEqual([old.number]);
    expect(await text(page, 'orders-count')).toBe('1 order');
    expect(await text(page, 'order-row-short')).toBe('1 line short');
    expect(ui.problems).toEqual([]);
  });

  it("the order form offers the item's lots FEFO first and finds one by its code", { timeout: 120_000 }, async () => {
    await ui?.context.close();
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('new-order')).click();
    await page.locator(sel('order-form')).waitFor();
    await page.locator(sel('order-customer')).click();
    await page.locator('.n-base-select-option:visible', { hasText: 'CUS-SFO' }).first().click();
    await page.locator(sel('line-item')).click();
    await page.locator('.n-base-select-option:visible', { hasText: 'SOY-500' }).first().click();
    await page.locator(sel('line-quantity')).fill('2');

    await page.locator(sel('line-lot')).click();
    const offered = () => page.locator(`${sel('lot-option')}:visible`).evaluateAll((o) => o.map((e) => e.getAttribute('data-lot')));
    await expect.poll(offered).toContain(soy[0].lot.code);
    const lots = await offered();
    // Received second, expiring first (the demo's own soy lots, if any, all expire later).
    expect(lots[0]).toBe(soy[1].lot.code);
    expect(lots.indexOf(soy[2].lot.code)).toBeLessThan(lots.indexOf(soy[0].lot.code));

    await page.keyboard.type('ZZZ-NONE');
    expect(await text(page, 'no-lot')).toBe('No lot of this item in stock matches.');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(soy[2].lot.code);
    await expect.poll(offered).toEqual([soy[2].lot.code]);
    await page.locator(`${sel('lot-option')}:visible`).click();
    await page.keyboard.press('F8');
    const line = page.locator(`${sel('order-detail')} ${sel('order-line')}[data-sku="SOY-500"]`);
    await line.waitFor();
    expect(await line.innerText()).toContain(soy[2].lot.code);
    expect(ui.problems).toEqual([]);
  });
});
