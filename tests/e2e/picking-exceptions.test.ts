/**
 * Picking exceptions and release in Chromium against the real serve-mode server: the Orders
 * screen's Pick link opens the Picking screen on that order; a short pick and damaged stock are
 * recorded from the pick list and the core agrees (order line, free stock, ledger); in Chinese, a
 * lead releases an allocation from the Orders screen after a confirm and the lot page shows the
 * stock free again; a link naming an unknown order says so instead of choosing nothing silently.
 * The lead approval of a refused lot is typed with Enter alone, and its answers (a locked PIN, a
 * wrong one) go away once the user name or PIN is typed again; a refused approval puts the cursor on
 * the field at fault and keeps a PIN that was not at fault. A refused quantity at Picking and (in
 * Chinese) Packing gets the cursor with its text selected, and Packing's "too many" has its unit;
 * a bin scanned before the screen has read the site's bins still counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type ApiClient, type Desk, type DeskPage } from './support/desk';
import { activeTest, answerLate, demoStock, inDays, sel, signedInPage, text, typeLikeScanner, type DemoStock } from './support/flows';
import type { PickList } from '../../src/contract/results';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];
let lead: ApiClient;
let demo: DemoStock;

interface Lot {
  id: string;
  code: string;
}
interface Order {
  id: string;
  number: string;
}
interface BinStock {
  locationCode: string;
  quantity: number;
  reserved: number;
  free: number;
}
interface LotPage {
  stock: BinStock[];
  movements: { kind: string; reason: string | null; quantity: number; from: string | null; to: string | null; document: string | null }[];
}
interface OrderDetail {
  lines: { allocated: number; short: number }[];
  allocations: { status: string }[];
  exceptions: { kind: string; quantity: number }[];
}

let tea: Lot;
let soy: Lot;
let teaOrder: Order;
let soyOrder: Order;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  demo = await demoStock(desk);
  const { receive, itemId, customerId } = demo;
  const stock = async (sku: string, quantity: number, bin: string): Promise<Lot> => (await receive({ sku, quantity, expiryDate: inDays(300), bin })).lot;
  tea = await stock('TEA-250', 10, 'A-01');
  soy = await stock('SOY-500', 8, 'A-03');

  lead = desk.client();
  await lead.result('session.signIn', { username: 'lead', secret: '3333' });
  const order = async (sku: string, quantity: number): Promise<Order> => {
    const o = await lead.result<Order>('orders.create', { customerId: customerId('CUS-SFO'), lines: [{ itemId: itemId(sku), quantity }] });
    await lead.result('allocation.allocate', { orderId: o.id });
    return o;
  };
  teaOrder = await order('TEA-250', 6);
  soyOrder = await order('SOY-500', 5);
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
});

const binStock = async (lot: Lot, bin: string) => (await lead.result<LotPage>('lots.get', { lotId: lot.id })).stock.find((s) => s.locationCode === bin);
const orderDetail = (o: Order) => lead.result<OrderDetail>('orders.get', { orderId: o.id });

async function openOrder(page: Page, o: Order): Promise<void> {
  await page.locator(sel('nav-orders')).click();
  await page.locator(sel('orders-page')).waitFor();
  await page.locator(`${sel('order-row')}[data-order="${o.number}"]`).click();
  await page.locator(`${sel('order-detail')}[data-order="${o.number}"]`).waitFor();
}

async function recordException(page: Page, lot: Lot, kind: 'short' | 'damaged', quantity: string): Promise<string> {
  await page.locator(`${sel('pick-row')}[data-lot="${lot.code}"] ${sel(kind === 'short' ? 'short-pick' : 'damaged')}`).click();
  const dialog = page.locator(sel('exception-dialog'));
  await dialog.waitFor();
  const title = (await dialog.locator('.n-card-header').innerText()).trim();
  // A real hint in the user's language, never naive-ui's "Please Input" / 请输入.
  expect(await page.locator(sel('exception-quantity')).getAttribute('placeholder')).toMatch(/^(How many|数量)$/);
  await page.locator(sel('exception-quantity')).fill(quantity);
  await page.locator(sel('exception-save')).click();
  await dialog.waitFor({ state: 'detached' });
  return title;
}

async function lotPage(page: Page, lot: Lot, bin: string) {
  await page.goto(`${desk.url}/#/stock/lot/${lot.id}`);
  const row = page.locator(`${sel('lot-stock-row')}[data-bin="${bin}"]`);
  await row.waitFor();
  const cell = async (test: string) => (await row.locator(sel(test)).innerText()).trim();
  return { quantity: await cell('bin-quantity'), reserved: await cell('bin-reserved'), free: await cell('bin-free') };
}

/** Where the cursor is (id, else data-test), what that input holds and whether all of it is selected, so typing replaces it. */
async function cursor(page: Page): Promise<{ at: string | null; value: string; selected: boolean }> {
  return await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const value = el?.value ?? '';
    return { at: el?.id || el?.getAttribute('data-test') || null, value, selected: !!el && el.selectionStart === 0 && el.selectionEnd === value.length };
  });
}

/**
 * Two more lots of the item: the earlier-expiring one (B-01) is allocated to a new order of 2, the
 * later one is scanned at the Picking desk by `user` and refused; F8 opens the lead approval.
 */
async function refusedPick(sku: string, user: { username: string; secret: string }) {
  const early = (await demo.receive({ sku, quantity: 4, expiryDate: inDays(100), bin: 'B-01' })).lot;
  const late = (await demo.receive({ sku, quantity: 4, expiryDate: inDays(400), bin: 'A-02' })).lot;
  const order = await lead.result<Order>('orders.create', { customerId: demo.customerId('CUS-SFO'), lines: [{ itemId: demo.itemId(sku), quantity: 2 }] });
  await lead.result('allocation.allocate', { orderId: order.id });

  const ui = await signedInPage(browser, desk, { ...user, locale: 'en' });
  pages.push(ui);
  const { page } = ui;
  await page.goto(`${desk.url}/#/picking?order=${order.id}`);
  await page.locator(`${sel('pick-row')}[data-lot="${early.code}"]`).waitFor();
  await page.locator('#pick-scan').focus();
  await typeLikeScanner(page, 'A-02');
  await typeLikeScanner(page, late.code);
  await page.locator(sel('pick-refused')).waitFor();
  await page.keyboard.press('F8');
  await page.locator(sel('override-dialog')).waitFor();
  expect(await activeTest(page)).toBe('override-username');
  return { early, late, ui, page };
}

/**
 * At the Picking or Packing desk: F3, a quantity typed, Enter or F2 back to the scan field, a scan:
 * refused with `message`, and the cursor on the typed quantity with all of it selected.
 */
async function refusedQuantity(page: Page, at: 'pick' | 'pack', step: { typed: string; back: 'Enter' | 'F2'; scan: string; message: string }): Promise<void> {
  await page.keyboard.press('F3');
  await page.keyboard.type(step.typed);
  await page.keyboard.press(step.back);
  expect((await cursor(page)).at).toBe(`${at}-scan`);
  await typeLikeScanner(page, step.scan);
  await expect.poll(() => text(page, `${at}-error`)).toBe(step.message);
  await expect.poll(() => cursor(page)).toEqual({ at: `${at}-quantity`, value: step.typed, selected: true });
}

describe('picking exceptions and release (e2e)', () => {
  it('Pick opens the order on the Picking screen; short and damaged picks are recorded and the core agrees', { timeout: 120_000 }, async () => {
    const ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    pages.push(ui);
    const { page } = ui;
    expect(await binStock(tea, 'A-01')).toEqual({ locationCode: 'A-01', quantity: 10, reserved: 6, free: 4 });
    const movementsBefore = (await lead.result<LotPage>('lots.get', { lotId: tea.id })).movements.length;

    // ── Orders → Pick: the Picking screen opens with the order already chosen.
    await openOrder(page, teaOrder);
    await page.locator(sel('pick-order')).click();
    await page.locator(sel('picking-page')).waitFor();
    const row = page.locator(`${sel('pick-row')}[data-lot="${tea.code}"]`);
    await row.waitFor();
    expect(page.url()).toContain(`#/picking?order=${teaOrder.id}`);
    expect(await page.locator(sel('order-select')).innerText()).toContain(teaOrder.number);
    expect(await text(page, 'pick-list')).toContain(`Pick list ${teaOrder.number}`);
    expect(await row.getAttribute('data-bin')).toBe('A-01');
    expect(await row.locator(sel('pick-row-quantity')).innerText()).toBe('6 pcs');

    // ── Short: 2 of the 6 are not in the bin. The row drops to 4, the shortage is listed.
    expect(await recordException(page, tea, 'short', '2')).toBe(`Short pick: lot ${tea.code} in A-01`);
    await expect.poll(() => row.locator(sel('pick-row-quantity')).innerText()).toBe('4 pcs');
    const short = page.locator(`${sel('pick-exception')}[data-kind="short"][data-lot="${tea.code}"]`);
    expect(await short.innerText()).toContain('Short');
    expect(await short.locator(sel('pick-exception-quantity')).innerText()).toBe('2 pcs');
    // The core: the line is covered by 4 now (2 short), nothing moved, and the 2 no longer
    // promised count as free in the bin again (a short pick shrinks the allocation only).
    expect((await lead.result<{ rows: { quantity: number }[] }>('picking.list', { orderId: teaOrder.id })).rows.map((r) => r.quantity)).toEqual([4]);
    let detail = await orderDetail(teaOrder);
    expect(detail.lines[0]).toMatchObject({ allocated: 4, short: 2 });
    expect(detail.exceptions.map((e) => [e.kind, e.quantity])).toEqual([['short', 2]]);
    expect(await binStock(tea, 'A-01')).toEqual({ locationCode: 'A-01', quantity: 10, reserved: 4, free: 6 });
    expect((await lead.result<LotPage>('lots.get', { lotId: tea.id })).movements).toHaveLength(movementsBefore);

    // ── Damaged: 1 case is broken. It leaves the bin by an adjustment; free stock stays as it was.
    expect(await recordException(page, tea, 'damaged', '1')).toBe(`Damaged: lot ${tea.code} in A-01`);
    await expect.poll(() => row.locator(sel('pick-row-quantity')).innerText()).toBe('3 pcs');
    const damaged = page.locator(`${sel('pick-exception')}[data-kind="damaged"][data-lot="${tea.code}"]`);
    expect(await damaged.innerText()).toContain('Damaged');
    expect(await damaged.locator(sel('pick-exception-quantity')).innerText()).toBe('1 pcs');
    detail = await orderDetail(teaOrder);
    expect(detail.lines[0]).toMatchObject({ allocated: 3, short: 3 });
    expect(detail.exceptions.map((e) => [e.kind, e.quantity])).toEqual([
      ['short', 2],
      ['damaged', 1],
    ]);
    expect(await binStock(tea, 'A-01')).toEqual({ locationCode: 'A-01', quantity: 9, reserved: 3, free: 6 });
    const movements = (await lead.result<LotPage>('lots.get', { lotId: tea.id })).movements;
    expect(movements).toHaveLength(movementsBefore + 1);
    expect(movements.at(-1)).toMatchObject({ kind: 'adjust', reason: 'damaged', quantity: 1, from: 'A-01', to: null, document: teaOrder.number });

    // ── The lot page shows the same: balance, allocated and free per bin, and the adjustment in the history.
    expect(await lotPage(page, tea, 'A-01')).toEqual({ quantity: '9 pcs', reserved: '3 pcs', free: '6 pcs' });
    const last = page.locator(sel('movement-row')).last();
    expect(await last.innerText()).toContain('Adjustment · Damaged');
    expect(await last.innerText()).toContain(teaOrder.number);

    // ── The Orders screen shows the line covered by 3 and 3 short.
    await openOrder(page, teaOrder);
    expect(await text(page, 'line-allocated')).toBe('3 pcs');
    expect(await text(page, 'line-short')).toBe('3 pcs');

    // ── The Packing screen reads the order from the address the same way.
    await page.goto(`${desk.url}/#/packing?order=${teaOrder.id}`);
    await page.locator(sel('pack-check')).waitFor();
    expect(await text(page, 'pack-check')).toContain(`Check of ${teaOrder.number}`);

    expect(ui.problems).toEqual([]);
  });

  it('in Chinese: an unknown order in the link is named, and Release (after a confirm) frees the stock', { timeout: 120_000 }, async () => {
    const ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'zh-CN' });
    pages.push(ui);
    const { page } = ui;

    // A link to an order that does not exist chooses nothing and says why, in Chinese.
    await page.goto(`${desk.url}/#/picking?order=no-such-order`);
    await page.locator(sel('order-link-error')).waitFor();
    expect(await text(page, 'order-link-error')).toBe('未知的销售订单。请从列表中选择订单。');
    expect(await page.locator(sel('pick-list')).count()).toBe(0);

    expect(await binStock(soy, 'A-03')).toEqual({ locationCode: 'A-03', quantity: 8, reserved: 5, free: 3 });
    expect(await lotPage(page, soy, 'A-03')).toEqual({ quantity: '8 件', reserved: '5 件', free: '3 件' });

    await openOrder(page, soyOrder);
    expect(await text(page, 'pick-order')).toBe('去拣货');
    expect(await text(page, 'line-allocated')).toBe('5 件');
    // Release asks first; cancelling keeps the allocation.
    await page.locator(sel('release')).click();
    await page.locator(sel('release-question')).waitFor();
    expect(await text(page, 'release-question')).toBe(`释放 ${soyOrder.number} 已分配但尚未拣货的全部库存？这些库存将可供其他订单使用。`);
    await page.locator('.n-popconfirm__action button', { hasText: '取消' }).click();
    await page.locator(sel('release-question')).waitFor({ state: 'hidden' });
    expect((await orderDetail(soyOrder)).lines[0].allocated).toBe(5);

    await page.locator(sel('release')).click();
    await page.locator(sel('release-confirm')).click();
    await expect.poll(() => text(page, 'line-allocated')).toBe('0 件');
    expect(await text(page, 'line-short')).toBe('5 件');
    expect(await page.locator(sel('pick-order')).count()).toBe(0);
    expect(await page.locator(sel('allocation-row')).count()).toBe(0);
    expect(await page.locator(sel('release')).isDisabled()).toBe(true);

    // The core: nothing allocated on the order, the whole lot free in its bin.
    const detail = await orderDetail(soyOrder);
    expect(detail.lines[0]).toMatchObject({ allocated: 0, short: 5 });
    expect(detail.allocations.filter((a) => a.status === 'open')).toEqual([]);
    expect(await binStock(soy, 'A-03')).toEqual({ locationCode: 'A-03', quantity: 8, reserved: 0, free: 8 });
    expect(await lotPage(page, soy, 'A-03')).toEqual({ quantity: '8 件', reserved: '0 件', free: '8 件' });

    expect(ui.problems).toEqual([]);
  });

  it('the lead approval is typed with Enter alone; a locked or wrong PIN is said until the user name or PIN is typed again', { timeout: 120_000 }, async () => {
    // The manager's PIN was mistyped five times elsewhere: locked.
    for (let i = 0; i < 5; i++) await desk.client().call('session.signIn', { username: 'manager', secret: String(7000 + i) });
    const { early, late, ui, page } = await refusedPick('TEA-250', { username: 'lead', secret: '3333' });

    // Enter: user name → PIN → reason (the reason is still empty), and from the reason it submits.
    await page.keyboard.type('manager');
    await page.keyboard.press('Enter');
    expect(await activeTest(page)).toBe('override-pin');
    await page.keyboard.type('4444');
    await page.keyboard.press('Enter');
    expect(await activeTest(page)).toBe('override-reason');
    await page.keyboard.type('Aisle B blocked');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(sel('override-error')).count()).toBe(1);
    expect(await text(page, 'override-error')).toBe('Too many wrong PINs or passwords for Chen Jing 陈静: locked, try again in 15 min or ask a manager to unlock it. Nothing was done.');
    // The PIN is emptied and has the cursor.
    expect(await page.locator(sel('override-pin')).inputValue()).toBe('');
    await expect.poll(() => activeTest(page)).toBe('override-pin');

    // Another lead's name: the lock no longer describes what is typed.
    await page.locator(sel('override-username')).fill('lead');
    expect(await page.locator(sel('override-error')).count()).toBe(0);
    // A wrong PIN, submitted from the PIN with Enter now that all three are filled: the new answer.
    await page.locator(sel('override-pin')).focus();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(sel('override-error')).count()).toBe(1);
    expect(await text(page, 'override-error')).toBe('The lead name or PIN is wrong. Nothing was picked.');
    await expect.poll(() => activeTest(page)).toBe('override-pin');
    // Typing the PIN again clears it; the right PIN and Enter approve.
    await page.keyboard.type('3');
    expect(await page.locator(sel('override-error')).count()).toBe(0);
    await page.keyboard.type('333');
    await page.keyboard.press('Enter');
    await page.locator(sel('override-dialog')).waitFor({ state: 'detached' });
    await page.locator(`${sel('picked')}[data-lot="${late.code}"]`).waitFor();
    expect(await text(page, 'picked-override')).toContain(`instead of ${early.code}`);
    // The desk behind the dialog never took a key of it.
    expect(await page.locator(sel('pick-error')).count()).toBe(0);
    expect(await page.locator('#pick-scan').inputValue()).toBe('');
    expect(await page.locator('body').innerText()).not.toMatch(/4444|9999|3333/);
    expect(ui.problems).toEqual([]);
  });

  it('Picking, then in Chinese Packing: a refused quantity gets the cursor with its text selected, each time, until it is right', { timeout: 120_000 }, async () => {
    const oil = (await demo.receive({ sku: 'OIL-5L', quantity: 6, expiryDate: inDays(300), bin: 'A-01' })).lot;
    const order = await lead.result<Order>('orders.create', { customerId: demo.customerId('CUS-SFO'), lines: [{ itemId: demo.itemId('OIL-5L'), quantity: 4 }] });
    await lead.result('allocation.allocate', { orderId: order.id });

    const picker = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    pages.push(picker);
    let page = picker.page;
    // The site's bins answer late, as on a loaded desk: the bin scanned the moment the screen shows still counts.
    const late = await answerLate(page, 'catalog.locations');
    await page.goto(`${desk.url}/#/picking?order=${order.id}`);
    await page.locator(sel('picking-page')).waitFor();
    await page.locator('#pick-scan').focus();
    await typeLikeScanner(page, 'A-01');
    await expect.poll(() => text(page, 'pick-step'), { timeout: 10_000 }).toContain('A-01');
    await page.locator(`${sel('pick-row')}[data-lot="${oil.code}"]`).waitFor();
    await late.end();
    expect(late.held()).toBe(1);
    const pickRefused = (typed: string, message: string) => refusedQuantity(page, 'pick', { typed, back: 'Enter', scan: oil.code, message });
    await pickRefused('5', `Only 4 pcs of lot ${oil.code} are left to pick here. Pick no more than that.`);
    await pickRefused('-1', 'The quantity must be more than zero.');
    await pickRefused('abc', 'Enter the quantity in digits, with a point for decimals (1000 or 2.5), without thousands separators.');
    // The corrected quantity replaces the selected one; Enter, the lot label: picked.
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await typeLikeScanner(page, oil.code);
    await page.locator(`${sel('picked')}[data-lot="${oil.code}"]`).waitFor();
    expect(await page.locator(sel('pick-error')).count()).toBe(0);
    expect(await cursor(page)).toEqual({ at: 'pick-scan', value: '', selected: true });
    expect(picker.problems).toEqual([]);

    const packer = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'zh-CN' });
    pages.push(packer);
    page = packer.page;
    await page.goto(`${desk.url}/#/packing?order=${order.id}`);
    await page.locator(`${sel('check-line')}[data-lot="${oil.code}"]`).waitFor();
    await page.locator('#pack-scan').focus();
    const packRefused = (typed: string, message: string) => refusedQuantity(page, 'pack', { typed, back: 'F2', scan: oil.code, message });
    // Too many is written as the quantity with its unit, as on screen.
    await packRefused('99999999999', `批次 ${oil.code}：已拣 4 件，已复核 0 件；再加 99,999,999,999 件就多了。请核对箱子和数量。`);
    await packRefused('1.5', '此处按整件计数，请输入整数。');
    await packRefused('-3', '数量必须大于零。');
    await packRefused('0', '数量必须大于零。');
    await packRefused('abc', '请用数字输入数量，小数用小数点（如 1000 或 2.5），不要加千位分隔符。');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await typeLikeScanner(page, oil.code);
    await expect.poll(() => page.locator(`${sel('check-line')}[data-lot="${oil.code}"] td`).nth(4).innerText()).toBe('3 件');
    expect(await page.locator(sel('pack-error')).count()).toBe(0);
    expect(await cursor(page)).toEqual({ at: 'pack-scan', value: '', selected: true });
    expect(packer.problems).toEqual([]);
  });

  it('a refused lead approval puts the cursor on the field at fault; a refused reason keeps the right PIN', { timeout: 120_000 }, async () => {
    const { early, late, ui, page } = await refusedPick('RICE-5KG', { username: 'clerk', secret: '1111' });
    const error = () => text(page, 'override-error');

    // Nothing typed, Enter through to the reason and Enter: the user name is asked for first.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(sel('override-error')).count()).toBe(1);
    await expect.poll(() => cursor(page)).toEqual({ at: 'override-username', value: '', selected: true });

    // The clerk's own name and PIN: not a lead; the cursor on the name, selected, and the PIN emptied.
    await page.keyboard.type('clerk');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Aisle B blocked');
    await page.keyboard.press('Enter');
    await expect.poll(error).toMatch(/is not a lead or manager and cannot approve this pick\.$/);
    await expect.poll(() => cursor(page)).toEqual({ at: 'override-username', value: 'clerk', selected: true });
    expect(await page.locator(sel('override-pin')).inputValue()).toBe('');

    // The lead's name and PIN with a too-short reason: the cursor on the reason, the PIN kept.
    await page.keyboard.type('lead');
    await page.keyboard.press('Enter');
    await page.keyboard.type('3333');
    await page.locator(sel('override-reason')).fill('ok');
    await page.keyboard.press('Enter');
    await expect.poll(error).toBe('Give a reason for the override (at least 3 characters).');
    await expect.poll(() => cursor(page)).toEqual({ at: 'override-reason', value: 'ok', selected: true });
    expect(await page.locator(sel('override-pin')).inputValue()).toBe('3333');

    // A reason typed over the refused one and Enter approve with the PIN kept.
    await page.keyboard.type('Aisle B blocked');
    await page.keyboard.press('Enter');
    await page.locator(sel('override-dialog')).waitFor({ state: 'detached' });
    await page.locator(`${sel('picked')}[data-lot="${late.code}"]`).waitFor();
    expect(await text(page, 'picked-override')).toContain(`instead of ${early.code}`);
    expect(ui.problems).toEqual([]);
  });
  it('the short and damaged dialog opens with the cursor in its quantity; a refused quantity gets it back, selected', { timeout: 120_000 }, async () => {
    const oil = (await demo.receive({ sku: 'OIL-5L', quantity: 6, expiryDate: inDays(200), bin: 'A-03' })).lot;
    const order = await lead.result<Order>('orders.create', { customerId: demo.customerId('CUS-SFO'), lines: [{ itemId: demo.itemId('OIL-5L'), quantity: 4 }] });
    await lead.result('allocation.allocate', { orderId: order.id });
    const ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    pages.push(ui);
    const { page } = ui;
    await page.goto(`${desk.url}/#/picking?order=${order.id}`);
    const row = page.locator(`${sel('pick-row')}[data-lot="${oil.code}"]`);
    await row.waitFor();
    // The order may take earlier oil of this file's other tests first: what is left on this lot's line.
    const left = (await lead.result<PickList>('picking.list', { orderId: order.id })).rows.find((r) => r.lotCode === oil.code)!.quantity;

    // Short: what is left is proposed, selected, so the picker types what was not found.
    await row.locator(sel('short-pick')).click();
    await page.locator(sel('exception-dialog')).waitFor();
    await expect.poll(() => cursor(page)).toEqual({ at: 'exception-quantity', value: String(left), selected: true });
    for (const [typed, message] of [
      ['9', `Only ${left} pcs of lot ${oil.code} are left on this pick line.`],
      ['abc', 'Enter the quantity in digits, with a point for decimals (1000 or 2.5), without thousands separators.'],
    ]) {
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
      await expect.poll(() => text(page, 'exception-error')).toBe(message);
      await expect.poll(() => cursor(page)).toEqual({ at: 'exception-quantity', value: typed, selected: true });
    }
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.locator(sel('exception-dialog')).waitFor({ state: 'detached' });
    await expect.poll(() => cursor(page)).toEqual({ at: 'pick-scan', value: '', selected: true });
    expect((await orderDetail(order)).exceptions.map((e) => [e.kind, e.quantity])).toEqual([['short', 1]]);

    // Damaged: nothing proposed, the cursor waits in the empty quantity.
    await row.locator(sel('damaged')).click();
    await page.locator(sel('exception-dialog')).waitFor();
    await expect.poll(() => cursor(page)).toEqual({ at: 'exception-quantity', value: '', selected: true });
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.locator(sel('exception-dialog')).waitFor({ state: 'detached' });
    expect((await orderDetail(order)).exceptions.map((e) => [e.kind, e.quantity])).toEqual([
      ['short', 1],
      ['damaged', 1],
    ]);
    expect(ui.problems).toEqual([]);
  });
});

