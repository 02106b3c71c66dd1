/**
 * The inspector's certificate, supplier CoA, retained sample and re-test in Chromium (issue 17,
 * items 5 and 8). A milk lot near expiry was received, inspected and released through the API (its
 * plan written beside the running desk). On the lot page the inspector previews the certificate of
 * analysis, attaches the supplier's CoA and records a retained sample; on the Re-test screen they
 * start the lot's re-test and, once it is released, extend its expiry with their signing password
 * — refused first with a wrong one — and the lot page's history shows the old and new date.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, signedInPage } from './support/flows';
import { insertPlan } from '../support/qc-fixtures';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let db: Database.Database;
let lotId: string;
let lotCode: string;

/** Records every sample in spec as the inspector and releases the inspection as the manager, through the HTTP API. */
async function releaseByApi(inspectionId: string): Promise<void> {
  const qc = desk.client();
  await qc.result('session.signIn', { username: 'inspector', secret: '2222' });
  const { inspection } = await qc.result<{ inspection: { characteristics: { id: string; n: number }[] } }>('qc.open', { inspectionId });
  for (const c of inspection.characteristics) {
    for (let n = 1; n <= c.n; n++) await qc.result('qc.recordResult', { inspectionId, characteristicId: c.id, sampleNo: n, value: '3.5' });
  }
  const manager = desk.client();
  await manager.result('session.signIn', { username: 'manager', secret: '4444' });
  await manager.result('qc.decide', { inspectionId, decision: 'released', secret: 'sign-4444' });
}

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  db = new Database(desk.dbFile);
  db.pragma('busy_timeout = 5000');
  insertPlan({ db, clock: { now: () => new Date() } }, stock.itemId('MILK-1L'), [{ code: 'FAT', name: 'Fat content', nameZh: '脂肪含量', kind: 'numeric', unit: '%', lower: 3.2, upper: 3.8, decimals: 2, method: 'ISO 1211' }], { retestDays: 30 });
  const { lot } = await stock.receive({ sku: 'MILK-1L', quantity: 24, expiryDate: inDays(20), supplier: 'SUP-NDA' });
  lotId = lot.id;
  lotCode = lot.code;
  const receipt = db.prepare("SELECT id FROM qc_inspections WHERE lot_id = ? AND trigger = 'receipt'").get(lotId) as { id: string };
  await releaseByApi(receipt.id);
});
afterAll(async () => {
  db?.close();
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('certificate, supplier CoA, retained sample and re-test (e2e)', () => {
  it('previews the CoA, attaches the supplier’s, records a sample and extends the expiry after re-test', { timeout: 180_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'inspector', secret: '2222', locale: 'en' });
    const { page } = ui;
    await page.goto(`${desk.url}#/stock/lot/${lotId}`);
    const card = page.locator(sel('lot-qc'));
    await card.waitFor();
    await card.locator(sel('coa-toggle')).click();
    await card.locator(sel('coa-preview')).waitFor();
    expect(await card.locator(sel('coa-error')).count()).toBe(0);

    await card.locator(sel('supplier-coa-file')).setInputFiles({ name: 'NDA CoA.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% supplier\n%%EOF\n') });
    await expect.poll(() => card.locator(sel('lot-qc-file-name')).allInnerTexts()).toEqual(['NDA CoA.pdf']);

    await card.locator(sel('retained-quantity')).fill('2');
    await card.locator(sel('retained-location')).fill('RS-CAB-3');
    await card.locator(sel('retained-date')).fill(inDays(400));
    await card.locator(sel('retained-record')).click();
    await expect.poll(() => card.locator(sel('retained-sample')).allInnerTexts()).toEqual([expect.stringContaining('RS-CAB-3')]);

    await page.goto(`${desk.url}#/retest`);
    const row = page.locator(`${sel('retest-row')}[data-lot="${lotCode}"]`);
    await row.waitFor();
    await row.locator(sel('retest-start')).click();
    await expect.poll(() => page.locator(sel('retest-notice')).innerText()).toMatch(/^Re-test .+ started\.$/);
    const retest = db.prepare("SELECT id FROM qc_inspections WHERE lot_id = ? AND trigger = 'retest'").get(lotId) as { id: string };
    await releaseByApi(retest.id);
    await page.reload();
    await row.locator(sel('retest-extend')).click();
    const form = page.locator(sel('retest-extend-form'));
    await form.locator(sel('retest-new-expiry')).fill(inDays(80));
    await form.locator(sel('retest-password')).fill('2222');
    await form.locator(sel('retest-sign')).click();
    await expect.poll(() => page.locator(sel('retest-error')).innerText()).toContain('password is wrong');
    await form.locator(sel('retest-password')).fill('sign-2222');
    await form.locator(sel('retest-sign')).click();
    await expect.poll(() => page.locator(sel('retest-notice')).innerText()).toContain(`Expiry of lot ${lotCode} extended`);

    await page.goto(`${desk.url}#/stock/lot/${lotId}`);
    await expect.poll(() => page.locator(sel('expiry-change')).allInnerTexts()).toEqual([expect.stringContaining('Wang Wei 王伟')]);
  });
});
