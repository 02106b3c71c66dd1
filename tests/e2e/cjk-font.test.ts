/**
 * Chinese screens on a desk without a CJK system font (this machine has none: `fc-list :lang=zh`
 * is empty): every Chinese character is drawn with the subset font LotDesk ships, never as an
 * empty box in a system font, and Latin text stays in the system font.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { sel } from './support/flows';

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

/** The fonts Chromium drew an element's text with, and how many glyphs each. */
async function fontsOf(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

/** Opens the first-start screen in a language, with the font files the page fetched. */
async function setupScreen(locale: string): Promise<{ page: Page; fontFiles: string[] }> {
  const ui = await openPage(browser, desk, locale);
  pages.push(ui);
  await ui.page.locator(sel('setup-title')).waitFor();
  await ui.page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Every file the page loaded since it opened, from the page's own record.
  const fontFiles = await ui.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => /\.(otf|ttf|woff2?)$/.test(new URL(u).pathname)),
  );
  return { page: ui.page, fontFiles };
}

it('draws every Chinese character with the font LotDesk ships, in English pages too', { timeout: 60_000 }, async () => {
  const zh = await setupScreen('zh-CN');
  const title = (await zh.page.locator(sel('setup-title')).innerText()).trim();
  const hanzi = [...title].filter((c) => /\p{Script=Han}/u.test(c)).length;
  expect(hanzi).toBeGreaterThan(0);
  const fonts = await fontsOf(zh.page, sel('setup-title'));
  // The Han characters in the shipped font (its own name is Noto Sans CJK SC), the rest in a system font.
  expect(fonts.filter((f) => f.isCustomFont)).toEqual([{ familyName: 'Noto Sans CJK SC', isCustomFont: true, glyphCount: hanzi, postScriptName: expect.stringMatching(/^NotoSansCJKsc-/) }]);
  expect(fonts.filter((f) => !f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0)).toBe([...title].length - hanzi);
  expect(zh.fontFiles.some((u) => u.includes('NotoSansSC-LotDesk'))).toBe(true);

  // An English page names the other language in Chinese (the switch's 中文), in the same font.
  const en = await setupScreen('en-US');
  expect((await en.page.locator(sel('setup-title')).innerText()).trim()).toMatch(/^[\x20-\x7e]+$/);
  expect(await fontsOf(en.page, sel('lang-zh-CN'))).toEqual([{ familyName: 'Noto Sans CJK SC', isCustomFont: true, glyphCount: 2, postScriptName: expect.stringMatching(/^NotoSansCJKsc-/) }]);
});
