/**
 * The audit trail as a manager reads it: refused PIN checks (a guessed lead PIN that locked, an
 * unknown name) stand out from the routine rows, and every action and result is in words of the
 * reader's language, not a raw command id or "ok". A locked PIN is refused at sign-in with a
 * message that says for how long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, sel, signIn } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
  const guesser = desk.client();
  await guesser.call('session.signIn', { username: 'nobody', secret: '1234' });
  for (let i = 0; i < 5; i++) await guesser.call('session.signIn', { username: 'lead', secret: String(5000 + i) });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

/** Each audit row as the screen shows it: user, action label, result tag, and whether it is marked refused. */
async function rows(page: Page) {
  await page.locator(sel('audit-row')).first().waitFor();
  return await page.locator(sel('audit-row')).evaluateAll((trs) =>
    trs.map((tr) => ({
      user: (tr.querySelectorAll('td')[2] as HTMLElement).innerText.trim(),
      action: (tr.querySelector('[data-test="audit-command"]') as HTMLElement).innerText.trim(),
      result: (tr.querySelector('[data-test="audit-result"]') as HTMLElement).innerText.trim(),
      refused: tr.classList.contains('refused'),
      background: getComputedStyle(tr.querySelector('td')!).backgroundColor,
    })),
  );
}

describe('audit trail (e2e)', () => {
  it('shows refused PIN checks distinctly, with every action and result translated, in English and Chinese', { timeout: 120_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await chooseLanguage(page, 'en');

    // The locked lead cannot sign in even with the right PIN, and is told for how long.
    await page.locator(sel('user-lead')).click();
    await page.locator(sel('secret')).fill('3333');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator(`${sel('sign-in-form')} .n-form-item-feedback`).innerText())
      .toMatch(/^Too many wrong PINs or passwords for Sam Carter: locked, try again in 1[45] min or ask a manager to unlock it\. Nothing was done\.$/);
    await page.locator(sel('sign-in-back')).click();

    await signIn(page, 'manager', '4444');
    await page.locator(sel('nav-audit')).click();
    const en = await rows(page);
    // Newest first: the manager's sign-in, the locked try, the guess that locked, four wrong guesses, the unknown name.
    expect(en.slice(0, 7).map(({ user, action, result, refused }) => ({ user, action, result, refused }))).toEqual([
      { user: 'Chen Jing 陈静', action: 'Sign-in', result: 'OK', refused: false },
      { user: 'Sam Carter', action: 'Sign-in', result: 'Refused: locked', refused: true },
      { user: 'Sam Carter', action: 'Sign-in', result: 'Refused and locked', refused: true },
      ...Array.from({ length: 4 }, () => ({ user: 'Sam Carter', action: 'Sign-in', result: 'Refused: wrong PIN or password', refused: true })),
    ]);
    expect(en[7]).toMatchObject({ user: 'unknown user', result: 'Refused: wrong PIN or password', refused: true });
    // The oldest: the desk keying its new chain (issue 18), then the demo data loaded.
    expect(en.at(-1)).toMatchObject({ action: 'Keyed the audit chain', result: 'OK', refused: false });
    expect(en.at(-2)).toMatchObject({ action: 'Loaded demo data', result: 'OK', refused: false });
    expect(en[1].background).not.toBe(en[0].background);
    expect(en.every((r) => r.action !== '')).toBe(true);

    await chooseLanguage(page, 'zh-CN');
    const zh = await rows(page);
    expect(zh.slice(0, 3).map(({ action, result }) => ({ action, result }))).toEqual([
      { action: '登录', result: '成功' },
      { action: '登录', result: '已拒绝：锁定中' },
      { action: '登录', result: '已拒绝并锁定' },
    ]);
    expect(zh[7]).toMatchObject({ user: '未知用户', result: '已拒绝：PIN 或密码错误' });
    expect(zh.filter((r) => r.result === 'ok' || r.result === '')).toEqual([]);
    expect(ui.problems).toEqual([]);
  });
});
