/**
 * The audit that shows who changed what (issue 15), in Chromium on the demo station: a manager
 * creates a clerk and promotes her on the Users screen; the clerk (who sees neither Users nor
 * Audit) changes her own PIN on My account; the Audit screen filtered by user and by object shows
 * who created what with before → after, in English and in Chinese, and the chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, chooseValue, createUser, sel, shownChanges, signIn, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage | undefined;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('the Audit screen (e2e)', () => {
  it('shows who created and changed a user, field by field, filtered by user and object, in both languages', { timeout: 180_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'manager', '4444');
    await chooseLanguage(page, 'en');

    await page.locator(sel('nav-users')).click();
    await createUser(page, { username: 'zhao', displayName: 'Zhao Lei 赵磊', secret: '5678' });
    const row = page.locator(`${sel('user-row')}[data-user="zhao"]`);
    await row.locator(sel('user-edit')).click();
    await chooseValue(page, 'edit-role', 'lead');
    await page.locator(sel('user-save')).click();
    await expect.poll(() => row.locator(sel('user-role')).innerText()).toBe('Warehouse lead');

    // The new user, a lead, sees no Users or Audit screen, and changes her own PIN on My account.
    await page.locator(sel('sign-out')).click();
    await signIn(page, 'zhao', '5678');
    await page.locator(sel('nav-stock')).waitFor();
    expect(await page.locator(sel('nav-users')).count()).toBe(0);
    expect(await page.locator(sel('nav-audit')).count()).toBe(0);
    await page.locator(sel('my-account')).click();
    await page.locator(sel('account-page')).waitFor();
    await page.locator(sel('own-current')).fill('5678');
    await page.locator(sel('own-new')).fill('8642');
    await page.locator(sel('own-change')).click();
    await page.locator(sel('own-secret-done')).waitFor();
    await page.locator(sel('sign-out')).click();
    await signIn(page, 'zhao', '8642');
    await page.locator(sel('sign-out')).click();

    // A clerk: no Users or Audit in the nav, the addresses typed do not open them, My account does.
    await signIn(page, 'clerk', '1111');
    await page.locator(sel('nav-receiving')).waitFor();
    expect(await page.locator(sel('nav-users')).count()).toBe(0);
    expect(await page.locator(sel('nav-audit')).count()).toBe(0);
    for (const path of ['/#/users', '/#/audit']) {
      await page.goto(`${desk.url}${path}`);
      await page.locator(sel('receiving-page')).waitFor();
    }
    await page.locator(sel('my-account')).click();
    await page.locator(sel('own-secret')).waitFor();
    await page.locator(sel('sign-out')).click();

    await signIn(page, 'manager', '4444');
    await page.locator(sel('nav-audit')).click();
    await page.locator(sel('audit-row')).first().waitFor();

    // By user: what the manager did to users, newest first.
    await chooseValue(page, 'audit-filter-user', (await managerId()) as string);
    await chooseValue(page, 'audit-filter-object', 'user');
    await page.locator(sel('audit-filter-apply')).click();
    await expect.poll(() => page.locator(sel('audit-row')).count()).toBe(2);
    expect(await page.locator(sel('audit-command')).allInnerTexts()).toEqual(['Edited a user', 'Created a user']);
    expect(await shownChanges(page)).toEqual([
      ['User zhao | role: Receiving clerk → Warehouse lead'],
      ['User zhao | user name: — → zhao; name: — → Zhao Lei 赵磊; role: — → Receiving clerk; signs in with: — → PIN; active: — → yes'],
    ]);
    expect(await page.locator(sel('audit-user')).allInnerTexts()).toEqual(['Chen Jing 陈静', 'Chen Jing 陈静']);

    // By object alone: everything that happened to zhao, her own PIN change included.
    await page.locator(sel('audit-filter-user')).hover();
    await page.locator(`${sel('audit-filter-user')} .n-base-clear`).click();
    await page.locator(sel('audit-filter-text')).fill('zhao');
    await page.locator(sel('audit-filter-apply')).click();
    await expect.poll(() => page.locator(sel('audit-row')).count()).toBe(3);
    expect(await page.locator(sel('audit-user')).allInnerTexts()).toEqual(['Zhao Lei 赵磊', 'Chen Jing 陈静', 'Chen Jing 陈静']);
    expect((await shownChanges(page))[0]).toEqual(['User zhao | PIN/password changed: — → yes']);
    expect(await page.locator(sel('audit-end')).count()).toBe(1);

    // The same, in Chinese.
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => page.locator(sel('audit-command')).allInnerTexts()).toEqual(['修改自己的 PIN/密码', '编辑用户', '创建用户']);
    expect((await shownChanges(page)).slice(1)).toEqual([
      ['用户 zhao | 角色: 收货员 → 仓库主管'],
      ['用户 zhao | 用户名: — → zhao; 姓名: — → Zhao Lei 赵磊; 角色: — → 收货员; 登录方式: — → PIN; 启用: — → 是'],
    ]);

    await page.locator(sel('audit-verify')).click();
    await page.locator(sel('audit-chain')).waitFor();
    expect(await page.locator(sel('audit-chain')).getAttribute('data-ok')).toBe('true');
    expect(await text(page, 'audit-chain')).toMatch(/^哈希链完整：共 [\d,]+ 条记录/);
    expect(ui.problems).toEqual([]);
  });
});

async function managerId(): Promise<string> {
  const client = desk.client();
  await client.result('session.signIn', { username: 'manager', secret: '4444' });
  const users = await client.result<{ id: string; username: string }[]>('users.list', {});
  return users.find((u) => u.username === 'manager')!.id;
}
