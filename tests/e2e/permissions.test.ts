/** Roles in the UI and in the core: what a clerk sees and may call, user switch, sign-out, session end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, sel, signIn, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('roles and sessions (e2e)', () => {
  it('a clerk does not see the audit trail and a direct call is refused; a manager does', { timeout: 120_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'clerk', '1111');
    await chooseLanguage(page, 'en');

    await page.locator(sel('nav-stock')).waitFor();
    expect(await page.locator(sel('nav-receiving')).count()).toBe(1);
    expect(await page.locator(sel('nav-audit')).count()).toBe(0);

    // Typing the address does not open it either.
    await page.goto(`${desk.url}/#/audit`);
    await page.locator(sel('receiving-page')).waitFor();
    expect(await page.locator(sel('audit-page')).count()).toBe(0);

    // The core refuses the call itself, whatever the UI shows.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/audit.recent', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lotdesk': '1' },
        body: '{}',
        credentials: 'same-origin',
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string; key: string } } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', key: 'errors.auth.forbidden' });

    // Quick switch to the manager without signing out first.
    await page.keyboard.press('Alt+U');
    await page.locator(sel('switch-user-dialog')).waitFor();
    await page.locator(`${sel('switch-user-dialog')} ${sel('user-manager')}`).click();
    await page.locator(`${sel('switch-user-dialog')} ${sel('secret')}`).fill('4444');
    await page.keyboard.press('Enter');
    await page.locator(sel('switch-user-dialog')).waitFor({ state: 'detached' });
    expect(await text(page, 'current-role')).toBe('Manager');
    await page.locator(sel('nav-audit')).click();
    await page.locator(sel('audit-row')).first().waitFor();
    expect(await page.locator(sel('audit-table')).innerText()).toContain('session.signIn');

    // A session that ends on the server (expired, signed out elsewhere) brings the desk back to sign-in.
    await page.evaluate(() =>
      fetch('/api/session.signOut', { method: 'POST', headers: { 'content-type': 'application/json', 'x-lotdesk': '1' }, body: '{}', credentials: 'same-origin' }),
    );
    await page.locator(sel('nav-stock')).click();
    await page.locator(sel('sign-in-notice')).waitFor();
    expect(await text(page, 'sign-in-notice')).toBe('Please sign in first.');

    // Sign in again and sign out from the header.
    await signIn(page, 'manager', '4444');
    await page.locator(sel('sign-out')).click();
    await page.locator(sel('sign-in-title')).waitFor();

    expect(ui.problems).toEqual([]);
  });

  it('a wrong PIN is refused with a translated message', { timeout: 60_000 }, async () => {
    const other = await openPage(browser, desk, 'en-US');
    try {
      const { page } = other;
      await page.locator(sel('lang-zh-CN')).first().click();
      await page.locator(sel('user-clerk')).click();
      await page.locator(sel('secret')).fill('9999');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(`${sel('sign-in-form')} .n-form-item-feedback`).innerText()).toBe('用户名或 PIN/密码错误，请检查后重试。');
      expect(await page.locator(sel('app-header')).count()).toBe(0);
      expect(other.problems).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});
