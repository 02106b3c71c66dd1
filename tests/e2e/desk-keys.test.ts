/**
 * Who gets a key on a scanning desk, end to end in Chromium: a PIN typed as fast as a scanner in
 * the switch-user dialog signs in and is never taken (or shown) by the desk's scan capture behind
 * it; Escape with a dropdown open only closes the menu.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, demoStock, palletScan, sel, signIn, text, typeLikeScanner } from './support/flows';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await demoStock(desk);
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
});
