/**
 * QC answering a complaint on the lot page (issue 16), in Chinese: the inspector opens the lot,
 * records a complaint with a photo, sees its links to the trace and to a recall, writes the CAPA,
 * is refused closing it without verification and with a wrong PIN, and closes it with their own
 * PIN: the card shows who signed, when and what it means. The Complaints screen lists it and
 * takes a second complaint with the lot label scanned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, signedInPage, text } from './support/flows';
import { demoGtin } from '../../src/app/demo/demo-data';
import { buildElementString } from '../../src/domain/gs1/encode';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let lotId: string;
let lotCode: string;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 12, expiryDate: inDays(400), bin: 'A-01' });
  lotId = lot.id;
  lotCode = lot.code;
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('complaint → CAPA on the lot page (e2e)', () => {
  it('records a complaint with a photo and closes its CAPA with a signature', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'inspector', secret: '2222', locale: 'zh-CN' });
    const { page } = ui;
    await page.goto(`${desk.url}#/stock/lot/${lotId}`);
    await page.locator(sel('lot-complaints')).waitFor();
    expect(await text(page, 'lot-complaints')).toContain('没有投诉');
    await page.locator(sel('lot-complaint-new')).click();
    await page.locator(sel('complaint-description')).fill('包装破损，茶叶散落');
    await page.locator(sel('complaint-files')).setInputFiles({ name: 'torn.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG a torn pack') });
    await page.locator(sel('complaint-save')).click();
    const card = page.locator(sel('complaint-card'));
    await card.waitFor();
    await expect.poll(() => card.locator(sel('complaint-text')).innerText()).toBe('包装破损，茶叶散落');
    await expect.poll(() => card.locator(sel('complaint-file-list')).innerText()).toContain('torn.png');
    await expect.poll(() => card.locator(sel('capa-status')).innerText()).toBe('无 CAPA');
    expect(await card.locator(sel('complaint-trace')).getAttribute('href')).toBe(`#/trace?lot=${encodeURIComponent(lotCode)}`);
    expect(await card.locator(sel('complaint-recall')).getAttribute('href')).toBe(`#/recall?lot=${encodeURIComponent(lotCode)}`);

    await card.locator(sel('capa-root-cause')).fill('托盘堆叠过高压坏纸箱');
    await card.locator(sel('capa-action')).fill('最多堆 4 层，加护角');
    await card.locator(sel('capa-save')).click();
    await card.locator(sel('capa-notice')).waitFor();
    await expect.poll(() => card.locator(sel('capa-status')).innerText()).toBe('CAPA 进行中');
    // No verification yet: refused.
    await card.locator(sel('capa-secret')).fill('2222');
    await card.locator(sel('capa-close')).click();
    await expect.poll(() => card.locator(sel('capa-error')).innerText()).toContain('请记录措施的验证情况');
    await card.locator(sel('capa-verification')).fill('三周发货无破损');
    await card.locator(sel('capa-save')).click();
    await card.locator(sel('capa-notice')).waitFor();
    // A PIN does not sign (the signing password does): refused, still open.
    await card.locator(sel('capa-secret')).fill('2222');
    await card.locator(sel('capa-close')).click();
    await expect.poll(() => card.locator(sel('capa-error')).innerText()).toContain('签名密码错误');
    await card.locator(sel('capa-secret')).fill('sign-2222');
    await card.locator(sel('capa-close')).click();
    await card.locator(sel('capa-signature')).waitFor();
    await expect.poll(() => card.locator(sel('capa-status')).innerText()).toBe('CAPA 已关闭');
    await expect.poll(() => card.locator(sel('capa-signature')).innerText()).toMatch(/由 .+ 于 \d{4}年.+关闭：CAPA verified effective and closed/);
    expect(await card.locator(sel('capa-secret')).count()).toBe(0);

    // The Complaints screen lists it among all complaints (closed ones too when "open only" is off).
    await page.goto(`${desk.url}#/complaints`);
    await page.locator(sel('complaints-page')).waitFor();
    await page.locator(sel('complaints-open-only')).click();
    const row = page.locator(sel('complaint-row'));
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(lotCode);
    await expect.poll(() => row.first().innerText()).toContain('CAPA 已关闭');
    // A second complaint from the Complaints screen, the lot label's text scanned (a bare code may name two items' lots): it opens beside the list.
    await page.locator(sel('complaint-new')).click();
    await page.locator(sel('complaint-lot')).fill(buildElementString({ gtin: demoGtin('13435'), batch: lotCode }).hri);
    await page.locator(sel('complaint-description')).fill('茶叶有异味');
    await page.locator(sel('complaint-save')).click();
    await page.locator(`${sel('complaint-card')}, ${sel('complaint-error')}`).first().waitFor();
    expect(await page.locator(sel('complaint-error')).count() ? await text(page, 'complaint-error') : '').toBe('');
    expect(await page.locator(sel('complaint-card')).getAttribute('data-number')).toBe('CMP-000002');
    await page.locator(sel('complaint-row'), { hasText: 'CMP-000002' }).waitFor();
    expect(ui.problems).toEqual([]);
  });
});
