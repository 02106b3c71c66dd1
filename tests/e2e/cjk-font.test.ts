/**
 * Chinese screens on a desk without a CJK system font (this machine has none: `fc-list :lang=zh`
 * is empty): every Chinese character is drawn with the subset font LotDesk ships, never as an
 * empty box in a system font, and Latin text stays in the system font. The receiving flow in
 * Chinese (receiving.test.ts) holds a monospace element to the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { sel } from './support/flows';
import { expectHanInShippedFont } from './support/fonts';

let browser: Browser;
let desk: Desk;
const pages: DeskPage[] = [];

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await desk?.stop();
});

it('draws every Chinese character with the font LotDesk ships, in English pages too', { timeout: 60_000 }, async () => {
  const zh = await openPage(browser, desk, 'zh-CN');
  pages.push(zh);
  await zh.page.locator(sel('setup-title')).waitFor();
  expect(await zh.page.locator(sel('setup-title')).innerText()).toMatch(/\p{Script=Han}/u);
  await expectHanInShippedFont(zh.page, sel('setup-title')); // bold
  await expectHanInShippedFont(zh.page, sel('lang-zh-CN'));

  // An English page names the other language in Chinese (the switch's 中文), in the same font.
  const en = await openPage(browser, desk, 'en-US');
  pages.push(en);
  await en.page.locator(sel('setup-title')).waitFor();
  expect((await en.page.locator(sel('setup-title')).innerText()).trim()).toMatch(/^[\x20-\x7e]+$/);
  await expectHanInShippedFont(en.page, sel('lang-zh-CN'));
});
