/** Which fonts Chromium drew an element's text with (CDP), to hold Chinese to the font LotDesk ships. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface DrawnFont {
  familyName: string;
  postScriptName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

export async function fontsOf(page: Page, selector: string): Promise<DrawnFont[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts as DrawnFont[];
  } finally {
    await cdp.detach();
  }
}

/**
 * Every Han character of the element's own text was drawn with the shipped subset (its internal
 * name is Noto Sans CJK SC) and everything else with a system font: no empty boxes.
 */
export async function expectHanInShippedFont(page: Page, selector: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const text = (await page.locator(selector).first().innerText()).trim();
  const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
  expect(han, `${selector}: ${text}`).toBeGreaterThan(0);
  const fonts = await fontsOf(page, selector);
  expect(fonts.filter((f) => f.isCustomFont), `${selector}: ${text}`).toEqual([
    { familyName: 'Noto Sans CJK SC', postScriptName: expect.stringMatching(/^NotoSansCJKsc-/), isCustomFont: true, glyphCount: han },
  ]);
  expect(fonts.filter((f) => !f.isCustomFont).reduce((n, f) => n + f.glyphCount, 0), `${selector}: ${text}`).toBe([...text].length - han);
}
