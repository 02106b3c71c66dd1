/**
 * The delivery note printed from the desk to the station's document printer (issue 19) in Chromium
 * against a serve-mode desk: on Orders, a shipped order's delivery note has "Print on the
 * document printer", which sends it (print.deliveryNote) to the CUPS PDF queue of a private cupsd
 * set for delivery notes on the Devices settings; the status follows the job until CUPS took it,
 * a second print says "reprint 1", and the file CUPS-PDF wrote is the delivery note.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDesk, type Desk, type DeskPage } from './support/desk';
import { demoStock, inDays, sel, shipOrder, signedInPage, text } from './support/flows';
import type { DeviceSettings } from '../../src/contract/results';
import { cupsUnavailable, startPrivateCups, waitForCupsPdf, type PrivateCups } from '../support/cups';

const noCups = cupsUnavailable();

describe.skipIf(noCups !== null)(`printing the delivery note from Orders (e2e)${noCups ? ` (skipped: ${noCups})` : ''}`, () => {
  let browser: Browser;
  let desk: Desk;
  let ui: DeskPage;
  let cups: PrivateCups;
  let shipmentNumber: string;
  let orderNumber: string;
  const printed: string[] = [];

  beforeAll(async () => {
    [browser, desk, cups] = await Promise.all([launchBrowser(), startDesk(), startPrivateCups()]);
    const stock = await demoStock(desk);
    const { lot } = await stock.receive({ sku: 'TEA-250', quantity: 5, expiryDate: inDays(530), bin: 'A-01' });
    const lead = desk.client();
    await lead.result('session.signIn', { username: 'lead', secret: '3333' });
    ({ orderNumber, shipmentNumber } = await shipOrder(stock, lead, { customer: 'CUS-SHM', sku: 'TEA-250', lotCode: lot.code, bin: 'A-01', quantity: 5 }));
    const manager = desk.client();
    await manager.result('session.signIn', { username: 'manager', secret: '4444' });
    const settings = await manager.result<DeviceSettings>('devices.settings');
    await manager.result('devices.saveSettings', {
      ...settings,
      printers: { 'delivery-note': { kind: 'cups', queue: cups.queue, server: cups.server, format: 'pdf', media: 'A4', options: { 'pdftops-renderer': 'pdftocairo' }, copies: 1 } },
    });
  });
  afterAll(async () => {
    for (const f of printed) rmSync(f, { force: true });
    await ui?.context.close();
    await browser?.close();
    await desk?.stop();
    await cups?.stop();
  });

  it('Print on the document printer sends the note to the CUPS queue; printed again it is reprint 1', { timeout: 120_000 }, async () => {
    ui = await signedInPage(browser, desk, { username: 'lead', secret: '3333', locale: 'en' });
    const { page } = ui;
    await page.locator(sel('nav-orders')).click();
    await page.locator(sel('orders-page')).waitFor();
    await page.locator(sel('orders-search')).fill(shipmentNumber);
    await page.locator(sel('orders-other-tab')).click();
    await page.locator(sel('order-row'), { hasText: orderNumber }).click();
    const shipment = page.locator(`${sel('order-shipment')}[data-shipment="${shipmentNumber}"]`);
    await shipment.locator(sel('shipment-note')).click();
    const button = shipment.locator(sel('delivery-note-print-on-printer'));
    expect(await button.innerText()).toBe('Print on the document printer');
    await button.click();
    await expect.poll(() => text(page, 'delivery-note-print-on-status'), { timeout: 30_000 }).toBe(`Printed · cups ${cups.queue}`);
    const file = await waitForCupsPdf(cups.outputDir, `delivery-note-${shipmentNumber}`);
    printed.push(file);
    const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(words).toContain('Delivery note');
    expect(words).toContain('Shanghai Fresh Mart');
    rmSync(file, { force: true });

    await button.click();
    await expect.poll(() => text(page, 'delivery-note-print-on-status'), { timeout: 30_000 }).toBe(`Printed · cups ${cups.queue} · reprint 1`);
    printed.push(await waitForCupsPdf(cups.outputDir, `delivery-note-${shipmentNumber}`));
  });
});
