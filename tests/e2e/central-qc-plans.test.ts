/**
 * The centre's QC plans screen in Chromium (issue 20, item 4), on a real `lotdesk central` (real
 * PostgreSQL, own database, dropped after) and a real `lotdesk serve` desk enrolled at it:
 * - the central admin publishes a plan in English; a plan whose limits are crossed is refused in
 *   words before anything is written; the plan is listed and reaches the desk's pull as a plan
 *   version; a new version supersedes it there;
 * - in Chinese the admin retires it after a confirm (the desk retires its version), publishes it
 *   again, and a retire the centre refuses (retired meanwhile) is shown in words;
 * - a central manager has no QC plans screen and the centre refuses a manager's publish;
 * - the central audit lists each publish and retire, and none for the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDesk, type ApiClient, type Desk, type DeskPage } from './support/desk';
import { chooseLanguage, demoStock, inDays, sel, signedInCentralPage, text, type DemoStock } from './support/flows';
import { ADMIN, CentralAdmin, centralWorker, freePort, testDatabase, type CentralWorker, type TestDatabase } from '../support/central-cluster';

const MANAGER = { username: 'mgr.qc', password: 'manager-pass-1', role: 'manager' };
const KEY = 'QP-TEA';

let browser: Browser;
let desk: Desk;
let db: TestDatabase;
let centre: CentralWorker;
let boss: CentralAdmin;
let stock: DemoStock;
let deskAdmin: ApiClient;
let deskManager: ApiClient;
let adminUi: DeskPage | undefined;
let managerUi: DeskPage | undefined;

async function choose(page: Page, test: string, option: string): Promise<void> {
  await page.locator(sel(test)).click();
  await page.locator('.n-base-select-option:visible', { hasText: option }).first().click();
}

/** The desk's versions of TEA-250's plan after it pulled from the centre, newest first. */
async function deskVersions(): Promise<{ version: number; status: string; upper: number | null }[]> {
  await deskAdmin.result('sync.now');
  const list = await deskManager.result<{ id: string; version: number; status: string }[]>('qc.plans.list', { itemId: stock.itemId('TEA-250'), history: true });
  return Promise.all(
    list.map(async (p) => {
      const { plan } = await deskManager.result<{ plan: { characteristics: { upperLimit: number | null }[] } }>('qc.plans.get', { planId: p.id });
      return { version: p.version, status: p.status, upper: plan.characteristics[0]?.upperLimit ?? null };
    }),
  );
}

/** Console problems besides the 401 before sign-in and the refusals made on purpose (400, 409). */
const unexpected = (ui: DeskPage) => ui.problems.filter((p) => !/status of (401 \(Unauthorized\)|400 \(Bad Request\)|409 \(Conflict\))/.test(p));

beforeAll(async () => {
  [browser, desk, db] = await Promise.all([launchBrowser(), startDesk(), testDatabase('lotdesk_qcplans')]);
  centre = centralWorker(db.url, await freePort());
  await centre.start();
  boss = new CentralAdmin([centre.url]);
  await boss.signIn();
  await boss.ok('POST', '/central/v1/central-users', MANAGER);
  stock = await demoStock(desk);
  deskAdmin = desk.client();
  await deskAdmin.result('session.signIn', { username: 'admin', secret: 'admin1234' });
  await deskAdmin.result('sync.connect', { centreUrl: centre.url, code: await boss.enrolmentCode('WH-EAST') });
  deskManager = desk.client();
  await deskManager.result('session.signIn', { username: 'manager', secret: '4444' });
  // A lot of TEA-250 at the site: the item the central form offers (named from the desk's pushed row).
  await stock.receive({ sku: 'TEA-250', quantity: 10, expiryDate: inDays(400), bin: 'A-01' });
  expect(await deskAdmin.result('sync.now')).toMatchObject({ online: true, eventsWaiting: 0, lastError: null });
}, 300_000);

afterAll(async () => {
  await adminUi?.context.close();
  await managerUi?.context.close();
  await browser?.close();
  await desk?.stop();
  await centre?.stop();
  await db?.drop();
});

describe('central QC plans (e2e)', () => {
  it('the admin publishes a plan and a new version that the desk pulls, retires it after a confirm (EN, zh-CN); refusals in words, audited', { timeout: 240_000 }, async () => {
    adminUi = await signedInCentralPage(browser, desk, centre.url, ADMIN);
    const page = adminUi.page;
    await page.locator(sel('central-nav-qc-plans')).click();
    await expect.poll(() => text(page, 'page-title')).toBe('QC plans for WH-EAST');
    const row = page.locator(`${sel('central-qc-plan-row')}[data-plan="${KEY}"]`);

    // A new plan whose lower limit is above its upper limit: refused in words, nothing written.
    await page.locator(sel('central-qc-plan-new')).click();
    await page.locator(sel('central-qc-plan-key')).fill(KEY);
    await choose(page, 'central-qc-plan-item', 'TEA-250');
    await page.locator(sel('central-qc-char-code')).fill('MOIST');
    await page.locator(sel('central-qc-char-name')).fill('Moisture');
    await page.locator(sel('central-qc-char-name-zh')).fill('水分');
    await page.locator(sel('central-qc-char-lower')).fill('20');
    await page.locator(sel('central-qc-char-upper')).fill('14');
    await page.locator(sel('central-qc-char-unit')).fill('%');
    await page.locator(sel('central-qc-plan-publish')).click();
    await expect.poll(() => text(page, 'central-qc-plan-error')).toBe('Characteristic MOIST: the lower limit 20 is above the upper limit 14.');
    expect(await boss.ok('GET', '/central/v1/qc-plans')).toEqual([]);

    await page.locator(sel('central-qc-char-lower')).fill('0');
    await page.locator(sel('central-qc-plan-publish')).click();
    await row.waitFor();
    expect(await row.locator(sel('central-qc-plan-characteristic')).innerText()).toBe('MOIST · Moisture · Numeric [0 … 14] %');
    expect(await row.innerText()).toMatch(/TEA-250[\s\S]*1[\s\S]*WH-EAST[\s\S]*Active/);
    await expect.poll(deskVersions, { timeout: 20_000, interval: 250 }).toEqual([{ version: 1, status: 'active', upper: 14 }]);

    // A new version of it: the desk's version 1 is superseded by version 2.
    await row.locator(sel('central-qc-plan-edit')).click();
    expect(await page.locator(sel('central-qc-char-code')).inputValue()).toBe('MOIST');
    await page.locator(sel('central-qc-char-upper')).fill('13');
    await page.locator(sel('central-qc-plan-publish')).click();
    await expect.poll(() => row.locator(sel('central-qc-plan-version')).innerText()).toBe('2');
    expect(await row.locator(sel('central-qc-plan-characteristic')).innerText()).toBe('MOIST · Moisture · Numeric [0 … 13] %');
    await expect
      .poll(deskVersions, { timeout: 20_000, interval: 250 })
      .toEqual([{ version: 2, status: 'active', upper: 13 }, { version: 1, status: 'superseded', upper: 14 }]);

    // In Chinese: retire after the confirm; cancelling the confirm retires nothing.
    await chooseLanguage(page, 'zh-CN');
    await expect.poll(() => text(page, 'page-title')).toBe('WH-EAST 的质检方案');
    await row.locator(sel('central-qc-plan-retire')).click();
    expect(await text(page, 'central-qc-retire-dialog')).toContain('停用质检方案 QP-TEA？');
    await page.locator(sel('central-qc-retire-cancel')).click();
    expect(await row.locator(sel('central-qc-plan-status')).innerText()).toBe('有效');
    await row.locator(sel('central-qc-plan-retire')).click();
    await page.locator(sel('central-qc-retire-confirm')).click();
    await expect.poll(() => row.locator(sel('central-qc-plan-status')).innerText()).toBe('已停用');
    await expect
      .poll(deskVersions, { timeout: 20_000, interval: 250 })
      .toEqual([{ version: 2, status: 'retired', upper: 13 }, { version: 1, status: 'superseded', upper: 14 }]);

    // Published again, then retired behind the screen's back: the centre's refusal, in words.
    await row.locator(sel('central-qc-plan-edit')).click();
    await page.locator(sel('central-qc-plan-publish')).click();
    await expect.poll(() => row.locator(sel('central-qc-plan-status')).innerText()).toBe('有效');
    await row.locator(sel('central-qc-plan-retire')).click();
    await boss.ok('POST', `/central/v1/qc-plans/${KEY}/retire`, {});
    await page.locator(sel('central-qc-retire-confirm')).click();
    await expect.poll(() => text(page, 'central-qc-plan-refused')).toBe('中心质检方案“QP-TEA”已停用。如需使用，请重新发布。');

    // The audit: each publish and retire once, newest first; the refused ones wrote nothing.
    await page.locator(sel('central-nav-audit')).click();
    await expect.poll(() => text(page, 'page-title')).toBe('中心管理审计');
    const auditRows = page.locator(`${sel('central-audit')} .n-data-table-tbody .n-data-table-tr`);
    const actionsOf = (object: string) =>
      auditRows.evaluateAll(
        (trs, o) => trs.filter((tr) => tr.querySelectorAll('td')[3]?.textContent?.trim() === o).map((tr) => tr.querySelector('[data-test="central-audit-action"]')?.textContent),
        object,
      );
    await expect.poll(() => actionsOf(`qc_plan ${KEY}`)).toEqual(['停用质检方案', '发布质检方案', '停用质检方案', '发布质检方案', '发布质检方案']);
    await chooseLanguage(page, 'en');
    await expect.poll(() => actionsOf(`qc_plan ${KEY}`)).toEqual(['QC plan retired', 'QC plan published', 'QC plan retired', 'QC plan published', 'QC plan published']);
    expect(unexpected(adminUi)).toEqual([]);
  });

  it('a central manager has no QC plans screen, and the centre refuses a manager publishing one', { timeout: 120_000 }, async () => {
    managerUi = await signedInCentralPage(browser, desk, centre.url, MANAGER);
    const page = managerUi.page;
    expect(await page.locator(sel('central-nav-qc-plans')).count()).toBe(0);
    await page.goto(`${centre.url}/#/qc-plans`);
    await page.locator(sel('central-stock')).waitFor();
    expect(await page.locator(sel('central-qc-plans')).count()).toBe(0);
    // The server stays the authority: the manager's own session may not publish.
    const refused = await page.evaluate(async (key) => {
      const res = await fetch(`/central/v1/qc-plans/${key}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: {}, siteCode: null }) });
      return { status: res.status, body: await res.json() };
    }, 'QP-MGR');
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'roleForbidden' } } });
    expect((await boss.ok<{ key: string }[]>('GET', '/central/v1/qc-plans')).map((p) => p.key)).toEqual([KEY]);
  });
});
