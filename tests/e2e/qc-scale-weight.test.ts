/**
 * A QC sample weight from the station's scale (issue 19), in Chromium, demo mode: the inspector
 * opens a quarantined milk lot by its label and presses ⚖ in a weight cell; the simulated HID
 * scale's stable 25,040 g is recorded (out of spec, marked "scale"), and the audit record of that
 * result names the scale's device. Without a scale set, ⚖ says so and records nothing.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { MILK_GTIN, demoStock, inDays, sel, signedInPage, typeLikeScanner } from './support/flows';
import { insertPlan } from '../support/qc';
import type { DeviceSettings, ReceiveResult } from '../../src/contract/results';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;
let lot: ReceiveResult;
const expiry = inDays(200);

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  const stock = await demoStock(desk);
  const db = new Database(desk.dbFile);
  db.pragma('busy_timeout = 5000');
  insertPlan(db, { sku: 'MILK-1L', sampling: { kind: 'fixed', n: 2 }, characteristics: [{ code: 'WEIGHT', kind: 'weight', unit: 'g', target: 1030, lower: 1020, upper: 1045, decimals: 1 }] });
  db.close();
  lot = await stock.receive({ sku: 'MILK-1L', quantity: 24, expiryDate: expiry, supplier: 'SUP-NDA' });
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

const cell = (sample: number) => `${sel('qc-cell')}[data-code="WEIGHT"][data-sample="${sample}"]`;

describe('QC weight from the scale (e2e)', () => {
  it('⚖ without a scale says so; in demo mode it records the simulated scale\u2019s stable weight with its device', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'inspector', secret: '2222', locale: 'en' });
    const { page } = ui;
    await page.goto(`${desk.url}#/`);
    await page.locator(sel('inspections-page')).waitFor();
    await typeLikeScanner(page, `]C101${MILK_GTIN}17${expiry.slice(2).replaceAll('-', '')}10${lot.lot.code}`);
    await expect.poll(() => page.locator(sel('qc-lot')).getAttribute('data-lot')).toBe(lot.lot.code);

    await page.locator(`${cell(1)} ${sel('qc-scale')}`).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('No scale is set at this station');
    expect(await page.locator(cell(1)).getAttribute('data-in-spec')).toBe('');

    const manager = desk.client();
    await manager.result('session.signIn', { username: 'manager', secret: '4444' });
    await manager.result('devices.saveSettings', { ...(await manager.result<DeviceSettings>('devices.settings')), demo: true });

    await page.locator(`${cell(1)} ${sel('qc-scale')}`).click();
    await expect.poll(() => page.locator(cell(1)).getAttribute('data-in-spec')).toBe('false');
    expect(await page.locator(`${cell(1)} ${sel('qc-value-shown')}`).innerText()).toBe('25040 g');
    const db = new Database(desk.dbFile, { readonly: true });
    const rec = db.prepare("SELECT changes FROM audit WHERE command = 'qc.recordResult' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    db.close();
    expect(JSON.parse(rec.changes)).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'device', after: 'hid:0922:8003:sim:hid-scale' }), expect.objectContaining({ field: 'source', after: 'scale' })]));
  });
});
