/**
 * The QC Plans screen (issue 17) as the quality manager uses it: the demo's plans are listed, a
 * new plan for the tea is written (the ISO 2859-1 sample for an example lot shown per
 * characteristic), saved as version 1, edited and saved as version 2 with the history showing
 * both; then crossed limits are refused in English and, after switching language, in Chinese,
 * and nothing is written. An inspector sees the plans but cannot save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, demoStock, sel, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let inspectorUi: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await demoStock(desk);
});
afterAll(async () => {
  await ui?.context.close();
  await inspectorUi?.context.close();
  await browser?.close();
  await desk?.stop();
});

const char = (page: Page, index: number, test: string) => page.locator(`${sel('qc-char')}[data-index="${index}"] ${sel(test)}`);
const rows = (page: Page) => page.locator(sel('qc-plan-row')).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-sku')} v${e.getAttribute('data-version')} ${e.getAttribute('data-status')}`));

async function teaPlans(): Promise<{ version: number; status: string }[]> {
  const api = desk.client();
  await api.result('session.signIn', { username: 'manager', secret: '4444' });
  const items = await api.result<{ id: string; sku: string }[]>('catalog.items');
  const tea = items.find((i) => i.sku === 'TEA-250');
  return await api.result<{ version: number; status: string }[]>('qc.plans.list', { itemId: tea?.id, history: true });
}

describe('QC plans screen (e2e)', () => {
  it('writes a plan, saves a new version, and refuses crossed limits in both languages', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'en' });
    const { page } = ui;
    await page.goto(`${desk.url}#/qc/plans`);
    await page.locator(sel('qc-plans-page')).waitFor();
    await expect.poll(() => rows(page)).toEqual(expect.arrayContaining(['MILK-1L v1 active', 'RICE-BULK v1 active', 'VITC-100 v1 active']));

    // A new plan for the tea: one numeric characteristic, sampled by ISO 2859-1 level II normal.
    await page.locator(sel('qc-plan-new')).click();
    await page.locator(sel('qc-plan-editor')).waitFor();
    await page.locator(sel('qc-plan-item')).click();
    await page.keyboard.type('TEA-250');
    await page.locator('.n-base-select-option:visible', { hasText: 'TEA-250' }).click();
    await char(page, 0, 'qc-char-code').fill('LEN');
    await char(page, 0, 'qc-char-name').fill('Leaf length');
    await char(page, 0, 'qc-char-unit').fill('mm');
    await char(page, 0, 'qc-char-lower').fill('10');
    await char(page, 0, 'qc-char-upper').fill('20');
    // A lot of 500 at level II is letter H; AQL 1.0 there is n 50, Ac 1, Re 2 — a lot of 10 (letter B) points down to E, n 13: inspected whole.
    await page.locator(sel('qc-plan-example-lot')).fill('500');
    await expect.poll(() => text(page, 'qc-char-preview')).toBe('letter H: n 50, Ac 1, Re 2');
    await page.locator(sel('qc-plan-example-lot')).fill('10');
    await expect.poll(() => text(page, 'qc-char-preview')).toBe('letter E: every unit (10), Ac 0');
    await page.locator(sel('qc-plan-save')).click();
    await expect.poll(() => text(page, 'qc-plan-saved')).toBe('Saved as version 1.');
    await expect.poll(() => rows(page)).toContain('TEA-250 v1 active');

    // The saved plan stays open: a wider limit and a second, pass/fail characteristic make version 2.
    await expect.poll(() => text(page, 'qc-plan-title')).toContain('version 1');
    await char(page, 0, 'qc-char-upper').fill('25');
    await page.locator(sel('qc-char-add')).click();
    await char(page, 1, 'qc-char-code').fill('SEAL');
    await char(page, 1, 'qc-char-name').fill('Seal intact');
    await char(page, 1, 'qc-char-kind').click();
    await page.locator('.n-base-select-option:visible', { hasText: 'Pass / fail' }).click();
    await page.locator(sel('qc-plan-save')).click();
    await expect.poll(() => text(page, 'qc-plan-saved')).toBe('Saved as version 2.');
    await expect.poll(() => rows(page)).toContain('TEA-250 v2 active');
    await expect.poll(() => text(page, 'qc-plan-title')).toContain('version 2');
    await expect.poll(() => page.locator(sel('qc-plan-version')).evaluateAll((els) => els.map((e) => e.textContent?.trim().split(' · ').slice(0, 2).join(' ')))).toEqual(['v2 Active', 'v1 Superseded']);
    expect(await teaPlans()).toMatchObject([{ version: 2, status: 'active' }, { version: 1, status: 'superseded' }]);

    // Crossed limits: refused with the field's words, in English, then in Chinese; nothing written.
    await char(page, 0, 'qc-char-lower').fill('30');
    await page.locator(sel('qc-plan-save')).click();
    await expect.poll(() => text(page, 'qc-plan-error')).toBe('Characteristic LEN: the lower limit 30 is above the upper limit 25.');
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('qc-plan-save')).click();
    await expect.poll(() => text(page, 'qc-plan-error')).toBe('检验项目 LEN：下限 30 高于上限 25。');
    expect(await teaPlans()).toHaveLength(2);
  });

  it('shows an inspector the plans without a way to save', { timeout: 60_000 }, async () => {
    inspectorUi = await signedInPage(browser, desk, { username: 'inspector', secret: '2222', locale: 'en' });
    const { page } = inspectorUi;
    await page.goto(`${desk.url}#/qc/plans`);
    await page.locator(`${sel('qc-plan-row')}[data-sku="TEA-250"]`).click();
    await expect.poll(() => text(page, 'qc-plan-title')).toContain('version 2');
    expect(await page.locator(sel('qc-plan-save')).count()).toBe(0);
    expect(await page.locator(sel('qc-plan-new')).count()).toBe(0);
  });
});
