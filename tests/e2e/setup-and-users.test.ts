/**
 * A real first day from an empty database (issue 15): the setup screen names the site (GLN with
 * its check digit), the GS1 prefix, the station and the first admin — a wrong GLN is refused in
 * Chinese first; the admin signs in, creates a clerk with a PIN on the Users screen, and the
 * clerk signs in with it. The Users screen also shows the fingerprint of the desk's HTTPS
 * certificate for PDAs once a `--lan` start made one (issue 18), "none" before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, createUser, fillSetup, sel, signIn, submitSetupAndSignIn, text } from './support/flows';
import { dirname } from 'node:path';
import { ensureLanCertificate } from '../../src/app/admin/lan-certificate';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('setup and users (e2e)', () => {
  it('sets up the site and first admin, who creates a clerk that then signs in', { timeout: 120_000 }, async () => {
    ui = await openPage(browser, desk, 'zh-CN');
    const { page } = ui;
    await page.locator(sel('setup-form')).waitFor();
    await chooseLanguage(page, 'zh-CN');
    const fill = async (test: string, value: string) => page.locator(sel(test)).fill(value);
    await fillSetup(page, {
      siteCode: 'DC1',
      siteName: '上海仓 Shanghai DC',
      gln: '0614141000013',
      companyPrefix: '0614141',
      stationName: 'Dock 1',
      admin: { username: 'boss', displayName: 'Zhang Min 张敏', password: 'secret-pass' },
    });
    await page.locator(sel('setup-submit')).click();
    await expect.poll(() => text(page, 'setup-error')).toBe('此 GLN 的校验位错误，请检查号码。');

    await chooseLanguage(page, 'en');
    await fill('setup-gln', '0614141000012');
    await submitSetupAndSignIn(page, { username: 'boss', password: 'secret-pass' });

    await page.locator(sel('nav-users')).click();
    await page.locator(`${sel('user-row')}[data-user="boss"]`).waitFor();
    expect(await text(page, 'page-title')).toBe('Users');
    await createUser(page, { username: 'zhao', displayName: 'Zhao Lei 赵磊', secret: '5678' });
    const row = page.locator(`${sel('user-row')}[data-user="zhao"]`);
    expect(await row.locator(sel('user-role')).innerText()).toBe('Receiving clerk');
    expect(await row.locator(sel('user-last-sign-in')).innerText()).toBe('never');

    expect(await text(page, 'lan-none')).toContain('lotdesk serve --lan');
    const tls = await ensureLanCertificate(dirname(desk.dbFile), ['desk3.local', '192.168.7.20']);
    await page.reload();
    await page.locator(sel('lan-fingerprint')).waitFor();
    expect(await text(page, 'lan-fingerprint')).toBe(tls.fingerprint);
    expect(await text(page, 'lan-names')).toBe('desk3.local, 192.168.7.20');
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => page.locator(`${sel('lan-certificate')} .n-card-header`).innerText()).toContain('PDA 使用的 HTTPS 证书');
    await chooseLanguage(page, 'en');

    await page.locator(sel('sign-out')).click();
    await page.locator(sel('roster')).waitFor();
    await signIn(page, 'zhao', '5678');
    expect(await page.locator(sel('nav-users')).count()).toBe(0);
    expect(ui.problems).toEqual([]);
  });
});
