/**
 * The Audit screen's verify says what `lotdesk audit verify` says (issue 18), in Chromium on a
 * served demo desk: intact and anchored by the checkpoint the manager saves from the screen, then
 * — after an item is edited in the file behind the application's back — the forged row named,
 * in English and in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, sel, signIn, text } from './support/flows';

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

describe('the Audit screen verifies the keyed chain (e2e)', () => {
  it('saves a signed checkpoint, then names an item edited in the file in both languages', { timeout: 180_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'manager', '4444');
    await chooseLanguage(page, 'en');
    await page.locator(sel('nav-audit')).click();
    await page.locator(sel('audit-page')).waitFor();

    const download = page.waitForEvent('download');
    await page.locator(sel('audit-checkpoint')).click();
    const saved = await (await download).path();
    expect(readFileSync(saved, 'utf8')).toMatch(/^LotDesk audit checkpoint\n[^]*Signing key fingerprint: [0-9a-f]{16}\n/);

    await page.locator(sel('audit-verify')).click();
    await expect.poll(() => page.locator(sel('audit-chain')).getAttribute('data-ok')).toBe('true');
    expect(await text(page, 'audit-chain')).toMatch(/^Chain intact: [\d,]+ records and [\d,]+ ledger, lot, signature and master-data rows, keyed with the station key\. Matches the signed checkpoint of record \d+/);

    const raw = new Database(desk.dbFile);
    const id = raw.prepare("SELECT id FROM items WHERE sku = 'TEA-250'").pluck().get() as string;
    raw.prepare("UPDATE items SET qc_required = 0, name = 'Green tea (relabelled)' WHERE id = ?").run(id);
    raw.close();

    await page.locator(sel('audit-verify')).click();
    await expect.poll(() => page.locator(sel('audit-chain')).getAttribute('data-ok')).toBe('false');
    expect(await text(page, 'audit-chain')).toBe('Chain broken: 1 problem(s).');
    expect(await page.locator(sel('audit-chain-problem')).allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^items row ${id} differs from what record \\d+ recorded: edited behind the application’s back\\.$`)),
    ]);
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('audit-verify')).click();
    await expect.poll(() => page.locator(sel('audit-chain-problem')).allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^items 中的 ${id} 行与第 \\d+ 条记录所记载的不同：被绕过应用程序修改。$`)),
    ]);
    expect(ui.problems).toEqual([]);
  });
});
