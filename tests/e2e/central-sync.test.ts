/**
 * The desk side of sync in Chromium (issue 20), on a served demo desk and a stand-in centre: the
 * header shows "Standalone" to everyone; the admin's Central sync screen refuses a wrong code in
 * words (EN and zh-CN), connects with the right one, the header turns to "Synced", and Disconnect
 * brings the desk back to standalone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, sel, signIn } from './support/flows';
import { startFakeCentre, type FakeCentre } from '../support/fake-centre';

let browser: Browser;
let desk: Desk;
let centre: FakeCentre;
let ui: DeskPage | undefined;

beforeAll(async () => {
  [browser, desk, centre] = await Promise.all([launchBrowser(), startDesk(), startFakeCentre()]);
  await desk.client().result('station.loadDemo');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
  await centre?.close();
});

describe('Central sync (e2e)', () => {
  it('shows the sync status in the header and connects and disconnects the desk as the admin', { timeout: 180_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'admin', 'admin1234');
    await chooseLanguage(page, 'en');
    const badge = page.locator(sel('sync-status'));
    await expect.poll(() => badge.getAttribute('data-test-state')).toBe('standalone');
    expect(await badge.innerText()).toContain('Standalone');

    await page.locator(sel('nav-central-sync')).click();
    await page.locator(sel('central-sync')).waitFor();
    await page.locator(sel('sync-centre-url')).fill(centre.url);
    await page.locator(sel('sync-code')).fill('WRONG');
    await page.locator(sel('sync-connect')).click();
    await expect.poll(() => page.locator(sel('sync-error')).innerText()).toContain('enrolment code is unknown');
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => page.locator(sel('sync-error')).innerText()).toContain('登记码');
    await chooseLanguage(page, 'en');

    await page.locator(sel('sync-code')).fill('GOOD-CODE');
    await page.locator(sel('sync-connect')).click();
    await expect.poll(() => page.locator(sel('sync-mode')).innerText()).toContain(centre.url);
    await page.locator(sel('sync-now')).click();
    await expect.poll(() => page.locator(sel('sync-waiting')).innerText()).toBe('0');
    await page.reload();
    await expect.poll(() => page.locator(sel('sync-status')).getAttribute('data-test-state'), { timeout: 15_000 }).toBe('online');
    expect(centre.watermark).toBeGreaterThan(0);

    await page.locator(sel('sync-disconnect')).click();
    await page.locator(sel('sync-disconnect-confirm')).click();
    await expect.poll(() => page.locator(sel('sync-mode')).innerText()).toContain('Standalone');
  });
});
