/**
 * THE QC day at the desk (issue 17), in Chromium: the inspector's home is the Inspections desk;
 * they open a quarantined milk lot by scanning its label, record the results (one weight out of
 * spec: marked at once, the count against Ac/Re turns to reject), reject the lot with their
 * signing password (the signature shows the printed name, UTC and local time and "Rejected by …",
 * intact); then inspect the second lot, are refused signing its release while separation of
 * duties is on, release it once the manager turns that off — and the released lot is picked at
 * the Picking desk. A result then changed by plain SQL shows the release's signature as BROKEN.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { MILK_GTIN, demoStock, inDays, sel, signedInPage, text, typeLikeScanner, type DemoStock } from './support/flows';
import { insertPlan } from '../support/qc';
import type { ReceiveResult } from '../../src/contract/results';

let browser: Browser;
let desk: Desk;
let stock: DemoStock;
let inspectorUi: DeskPage;
let clerkUi: DeskPage;
let first: ReceiveResult;
let second: ReceiveResult;
const expiry = inDays(200);
const label = (r: ReceiveResult) => `]C101${MILK_GTIN}17${expiry.slice(2).replaceAll('-', '')}10${r.lot.code}`;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  stock = await demoStock(desk);
  // The plan (another helper's screen writes plans): two samples, a weight and a seal, both mandatory.
  const db = new Database(desk.dbFile);
  db.pragma('busy_timeout = 5000');
  insertPlan(db, {
    sku: 'MILK-1L',
    sampling: { kind: 'fixed', n: 2 },
    characteristics: [
      { code: 'WEIGHT', kind: 'weight', unit: 'g', target: 1030, lower: 1020, upper: 1045, decimals: 1 },
      { code: 'SEAL', kind: 'pass_fail' },
    ],
  });
  db.close();
  first = await stock.receive({ sku: 'MILK-1L', quantity: 24, expiryDate: expiry, supplier: 'SUP-NDA' });
  second = await stock.receive({ sku: 'MILK-1L', quantity: 30, expiryDate: expiry, supplier: 'SUP-NDA' });
});
afterAll(async () => {
  await inspectorUi?.context.close();
  await clerkUi?.context.close();
  await browser?.close();
  await desk?.stop();
});

const cell = (code: string, sample: number) => `${sel('qc-cell')}[data-code="${code}"][data-sample="${sample}"]`;

describe('QC inspection at the desk (e2e)', () => {
  it('rejects one lot, releases the other with a signature, and the released lot is picked', { timeout: 180_000 }, async () => {
    inspectorUi = await signedInPage(browser, desk, { username: 'inspector', secret: '2222', locale: 'en' });
    const { page } = inspectorUi;
    await page.goto(`${desk.url}#/`);
    await page.locator(sel('inspections-page')).waitFor();
    expect(await page.locator(sel('nav-inspections')).count()).toBe(1);
    await expect.poll(() => page.locator(sel('qc-queue-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot')))).toEqual([first.lot.code, second.lot.code]);

    // ── The first lot, opened by its label: one weight out of spec.
    await typeLikeScanner(page, label(first));
    await expect.poll(() => page.locator(sel('qc-lot')).getAttribute('data-lot')).toBe(first.lot.code);
    expect(await page.locator(`${sel('qc-lot')} ${sel('status-quarantine')}`).count()).toBe(1);
    await page.locator(`${cell('WEIGHT', 1)} ${sel('qc-value')}`).fill('1031.5');
    await page.locator(`${cell('WEIGHT', 1)} ${sel('qc-value')}`).press('Enter');
    await expect.poll(() => page.locator(cell('WEIGHT', 1)).getAttribute('data-in-spec')).toBe('true');
    await page.locator(`${cell('WEIGHT', 2)} ${sel('qc-value')}`).fill('1010');
    await page.locator(`${cell('WEIGHT', 2)} ${sel('qc-value')}`).press('Enter');
    await expect.poll(() => page.locator(cell('WEIGHT', 2)).getAttribute('data-in-spec')).toBe('false');
    const weight = page.locator(`${sel('qc-characteristic')}[data-code="WEIGHT"]`);
    await expect.poll(() => weight.getAttribute('data-status')).toBe('reject');
    expect(await weight.locator(sel('qc-count')).innerText()).toBe('1 out of spec in 2 of 2');
    for (const no of [1, 2]) {
      await page.locator(`${cell('SEAL', no)} ${sel('qc-pass')}`).click();
      await expect.poll(() => page.locator(cell('SEAL', no)).getAttribute('data-in-spec')).toBe('true');
    }
    await expect.poll(() => page.locator(sel('qc-verdict')).getAttribute('data-verdict')).toBe('reject');

    // Rejected with the signing password; the dialog says what the signature means before signing.
    await page.locator(sel('qc-decide')).click();
    await page.locator(sel('qc-sign-dialog')).waitFor();
    await page.locator(sel('qc-decision')).click();
    await page.locator(`${sel('option')}[data-value="rejected"]`).click();
    await page.locator(sel('qc-reason')).fill('one pack 20 g light');
    await expect.poll(() => text(page, 'qc-meaning')).toBe('Your signature will mean: Rejected by Wang Wei 王伟');
    // The PIN is not a signature.
    await page.locator(sel('qc-password')).fill('2222');
    await page.locator(sel('qc-sign')).click();
    await expect.poll(() => text(page, 'qc-sign-error')).toBe('The password is wrong: nothing was signed.');
    await page.locator(sel('qc-password')).fill('sign-2222');
    await page.locator(sel('qc-sign')).click();
    await page.locator(sel('qc-sign-dialog')).waitFor({ state: 'detached' });
    const rejected = page.locator(`${sel('qc-signature')}[data-meaning="rejected"]`);
    await rejected.waitFor();
    expect(await rejected.locator(sel('qc-signature-meaning')).innerText()).toBe('Rejected by Wang Wei 王伟');
    expect(await rejected.locator(sel('qc-signature-utc')).innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(await rejected.locator(sel('qc-signature-local')).innerText()).toMatch(/^local /);
    expect(await rejected.getAttribute('data-intact')).toBe('true');
    await expect.poll(() => page.locator(`${sel('qc-lot')} ${sel('status-rejected')}`).count()).toBe(1);
    await expect.poll(() => page.locator(sel('qc-queue-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot')))).toEqual([second.lot.code]);

    // ── The second lot: every result in spec.
    await typeLikeScanner(page, label(second));
    await expect.poll(() => page.locator(sel('qc-lot')).getAttribute('data-lot')).toBe(second.lot.code);
    for (const [no, grams] of [[1, '1030'], [2, '1033.5']] as const) {
      await page.locator(`${cell('WEIGHT', no)} ${sel('qc-value')}`).fill(grams);
      await page.locator(`${cell('WEIGHT', no)} ${sel('qc-value')}`).press('Enter');
      await expect.poll(() => page.locator(cell('WEIGHT', no)).getAttribute('data-in-spec')).toBe('true');
      await page.locator(`${cell('SEAL', no)} ${sel('qc-pass')}`).click();
      await expect.poll(() => page.locator(cell('SEAL', no)).getAttribute('data-in-spec')).toBe('true');
    }
    await expect.poll(() => page.locator(sel('qc-verdict')).getAttribute('data-verdict')).toBe('accept');
    await page.locator(sel('qc-decide')).click();
    await page.locator(sel('qc-sign-dialog')).waitFor();
    await expect.poll(() => text(page, 'qc-meaning')).toBe('Your signature will mean: Released by Wang Wei 王伟');
    await page.locator(sel('qc-password')).fill('sign-2222');
    await page.locator(sel('qc-sign')).click();
    // Separation of duties (on by default): whoever recorded the results does not sign the release.
    await expect.poll(() => text(page, 'qc-sign-error')).toContain('separation of duties');
    const manager = desk.client();
    await manager.result('session.signIn', { username: 'manager', secret: '4444' });
    await manager.result('qc.setSeparateDuties', { on: false });
    await page.locator(sel('qc-sign')).click();
    await page.locator(sel('qc-sign-dialog')).waitFor({ state: 'detached' });
    const released = page.locator(`${sel('qc-signature')}[data-meaning="released"]`);
    await released.waitFor();
    expect(await released.locator(sel('qc-signature-meaning')).innerText()).toBe('Released by Wang Wei 王伟');
    expect(await released.getAttribute('data-intact')).toBe('true');
    await expect.poll(() => page.locator(`${sel('qc-lot')} ${sel('status-released')}`).count()).toBe(1);
    await expect.poll(() => page.locator(sel('qc-queue-row')).count()).toBe(0);

    // ── The released lot is pickable at once: moved to a storage bin, allocated and picked at the Picking desk.
    await stock.clerk.result('stock.move', { toLocationId: stock.locationId('A-05'), lines: [{ lotId: second.lot.id, fromLocationId: second.location.id, quantity: 30 }] });
    const lead = desk.client();
    await lead.result('session.signIn', { username: 'lead', secret: '3333' });
    const order = await lead.result<{ id: string; number: string }>('orders.create', { customerId: stock.customerId('CUS-SHM'), lines: [{ itemId: stock.itemId('MILK-1L'), quantity: 6 }] });
    await lead.result('allocation.allocate', { orderId: order.id });
    clerkUi = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    const picker = clerkUi.page;
    await picker.locator(sel('nav-picking')).click();
    await picker.locator(sel('picking-page')).waitFor();
    await picker.locator(sel('order-choice')).click();
    await picker.locator('.n-base-select-option:visible', { hasText: order.number }).first().click();
    await picker.locator(sel('pick-list')).waitFor();
    expect(await picker.locator(sel('pick-row')).evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-bin')} ${r.getAttribute('data-lot')}`))).toEqual([`A-05 ${second.lot.code}`]);
    await typeLikeScanner(picker, 'A-05');
    await typeLikeScanner(picker, label(second));
    await picker.locator(`${sel('picked')}[data-lot="${second.lot.code}"]`).waitFor();
    await picker.locator(sel('pick-done')).waitFor();

    // ── A result changed behind the application's back: the release's signature shows as BROKEN.
    const db = new Database(desk.dbFile);
    db.pragma('busy_timeout = 5000');
    db.prepare("UPDATE qc_results SET value_num = 1050 WHERE value_num = 1033.5").run();
    db.close();
    await typeLikeScanner(page, label(second));
    await expect.poll(() => page.locator(`${sel('qc-signature')}[data-meaning="released"]`).getAttribute('data-intact')).toBe('false');
    expect(await page.locator(`${sel('qc-signature')}[data-meaning="released"] ${sel('qc-signature-state')}`).innerText()).toBe('BROKEN: the results changed after signing');
  });
});
