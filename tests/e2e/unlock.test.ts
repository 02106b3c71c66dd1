/**
 * A lead mistyped their PIN five times and a script kept trying: the manager finds the lead in
 * the Audit screen's list of locked PINs (in Chinese, with the counts of the lock), unlocks them
 * from the keyboard, and the trail shows whom and how many tries; the lead signs in at once. A
 * lock another manager lifted meanwhile is refused in words, and the list catches up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, sel, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
  const guesser = desk.client();
  for (let i = 0; i < 5; i++) await guesser.call('session.signIn', { username: 'lead', secret: String(5000 + i) });
  // Three more tries while locked: one audit record, three counted.
  for (let i = 0; i < 3; i++) expect((await guesser.call('session.signIn', { username: 'lead', secret: '3333' })).status).toBe(429);
  for (let i = 0; i < 5; i++) await guesser.call('session.signIn', { username: 'inspector', secret: String(6000 + i) });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('unlocking a PIN (e2e)', () => {
  it('a manager sees the locked lead on the Audit screen and unlocks them from the keyboard, in Chinese and English', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'zh-CN' });
    const { page } = ui;
    await page.locator(sel('nav-audit')).click();
    const row = page.locator(`${sel('locked-row')}[data-user="lead"]`);
    await row.waitFor();
    expect(await page.locator(`${sel('locked-panel')} .n-card-header`).innerText()).toContain('已锁定的 PIN/密码');
    expect(await page.locator(sel('locked-row')).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-user')))).toEqual(['lead', 'inspector']);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(0, 2).map((c) => c.trim())).toEqual(['Sam Carter lead', '仓库主管']);
    expect(await row.locator(sel('locked-failures')).innerText()).toBe('5');
    expect(await row.locator(sel('locked-tries')).innerText()).toBe('3');
    // Only the first try while locked is a row of the trail.
    const locked = page.locator(`${sel('audit-row')}[data-result="locked"]`);
    await locked.first().waitFor();
    expect(await locked.count()).toBe(1);

    // F2 puts the cursor on the Unlock button, Enter unlocks.
    await page.keyboard.press('F2');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('解锁 Sam Carter');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'locked-notice')).toBe('已解锁 Sam Carter，可再次登录和审批。');
    await expect.poll(() => page.locator(sel('locked-row')).count()).toBe(1);

    // Meanwhile the admin lifted the inspector's lock at another desk; the cursor is on its Unlock already.
    const admin = desk.client();
    await admin.result('session.signIn', { username: 'admin', secret: 'admin1234' });
    const [inspector] = await admin.result<{ userId: string; username: string }[]>('secrets.locked');
    expect(inspector.username).toBe('inspector');
    await admin.result('secrets.unlock', { userId: inspector.userId });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('解锁 Wang Wei 王伟');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'locked-error')).toBe('Wang Wei 王伟 未被锁定：锁定已到期或已被解除。请刷新锁定用户列表。未执行任何操作。');
    await page.locator(sel('locked-none')).waitFor();
    expect(await text(page, 'locked-none')).toBe('没有被锁定的用户。');

    // The trail's newest row of this desk says who unlocked whom, and the counts of the lock.
    await page.locator(sel('audit-refresh')).click();
    const top = page.locator(`${sel('audit-row')}:has-text("Chen Jing")`).first();
    await expect.poll(() => top.locator(sel('audit-command')).innerText()).toBe('解锁 PIN/密码');
    expect(await top.locator(sel('audit-result')).innerText()).toBe('成功');
    expect(await top.locator(sel('audit-detail')).innerText()).toBe('Sam Carter：连续错误 5 次，锁定期间尝试 3 次');

    await chooseLanguage(page, 'en');
    expect(await top.locator(sel('audit-command')).innerText()).toBe('Unlocked a PIN or password');
    expect(await top.locator(sel('audit-detail')).innerText()).toBe('Sam Carter: wrong in a row 5, tries while locked 3');
    expect(await text(page, 'locked-none')).toBe('No user is locked.');

    // Well within the 15 minutes, the lead's right PIN is taken again.
    const lead = await desk.client().call('session.signIn', { username: 'lead', secret: '3333' });
    expect(lead.status).toBe(200);
    expect(ui.problems).toEqual([]);
  });
});
