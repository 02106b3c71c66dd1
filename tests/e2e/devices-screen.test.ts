/**
 * The Devices screen in demo mode (issue 19): the manager turns on the simulators, saves, and runs
 * each live test — a simulated HID POS scan decoded by the station's HID code, a stable weight
 * from the simulated HID scale, a test label followed until the demo ZPL printer took it — and
 * the print log shows the job. A clerk has no Devices screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { sel, signedInPage, text } from './support/flows';

let browser: Browser;
let desk: Desk;
let ui: DeskPage;

beforeAll(async () => {
  [browser, desk] = await Promise.all([launchBrowser(), startDesk()]);
  await desk.client().result('station.loadDemo');
});
afterAll(async () => {
  await ui?.context.close();
  await browser?.close();
  await desk?.stop();
});

describe('Devices screen (e2e)', () => {
  it('demo mode: a simulated scan, a stable weight and a test label, each shown; the log has the job', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'manager', secret: '4444', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-devices')).click();
    await page.locator(sel('devices-demo')).waitFor();
    await page.locator(sel('devices-demo')).click();
    await page.locator(sel('devices-save')).click();
    await expect.poll(() => text(page, 'devices-notice')).toBe('Saved.');

    await page.locator(sel('simulate-scan')).click();
    await expect.poll(() => text(page, 'scan-result')).toBe(']C1 0109506000134352\u241d10DEMO-LOT-1 · hid:0c2e:0b8f:sim:hid-pos-scanner');

    await page.locator(sel('scale-test')).click();
    await expect.poll(() => text(page, 'scale-reading')).toBe('25,040 g (25040 g), stable · hid:0922:8003:sim:hid-scale');

    await page.locator(sel('printer-test-lot-label')).click();
    await expect.poll(() => text(page, 'printer-test-status'), { timeout: 15_000 }).toMatch(/^Printed · demo zpl-tcp/);
    await expect.poll(async () => (await page.locator(`${sel('print-log')} tbody tr`).allInnerTexts()).join('\n')).toContain('lot-label (test) × 1');
  });

  it('is not in a clerk\'s navigation', { timeout: 60_000 }, async () => {
    const clerk = await signedInPage(browser, desk, { username: 'clerk', secret: '1111', locale: 'en' });
    await clerk.page.locator(sel('nav-receiving')).waitFor();
    expect(await clerk.page.locator(sel('nav-devices')).count()).toBe(0);
    await clerk.context.close();
  });
});
