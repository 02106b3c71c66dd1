/**
 * The Backups screen (issue 18), in Chromium on a served demo desk: a manager backs up now, checks
 * the backup (verified) and sets the schedule, but has no restore; the admin restores the backup
 * behind a confirmation, everyone is signed out with a notice, and the lot received after the backup
 * is no longer in the desk while the database before it was moved aside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Receives the desk holds. */
async function lotCount(): Promise<number> {
  const c = desk.client();
  await c.result('session.signIn', { username: 'manager', secret: '4444' });
  // Each receive is one record in the trail: the count follows the lots received.
  return (await c.result<{ rows: unknown[] }>('audit.search', { command: 'receiving.receive', result: 'ok', limit: 200 })).rows.length;
}

describe('the Backups screen (e2e)', () => {
  it('backs up, checks, schedules, and restores as the admin', { timeout: 180_000 }, async () => {
    ui = await openPage(browser, desk, 'en-US');
    const { page } = ui;
    await signIn(page, 'manager', '4444');
    await chooseLanguage(page, 'en');
    await page.locator(sel('nav-backups')).click();
    await page.locator(sel('backups-page')).waitFor();
    await page.locator(sel('backup-none')).waitFor();
    const folder = join(dirname(desk.dbFile), 'backups');
    await expect.poll(() => page.locator(sel('backup-folder')).inputValue()).toBe(folder);

    await page.locator(sel('backup-now')).click();
    await page.locator(sel('backup-notice')).waitFor();
    const row = page.locator(sel('backup-row'));
    await expect.poll(() => row.count()).toBe(1);
    const file = (await row.getAttribute('data-file'))!;
    expect(file).toMatch(/^lotdesk-.+-\d{8}T\d{6}Z\.db$/);
    expect(existsSync(join(folder, file))).toBe(true);
    expect(await row.locator(sel('backup-state')).getAttribute('data-state')).toBe('unchecked');
    await row.locator(sel('backup-check')).click();
    await expect.poll(() => row.locator(sel('backup-state')).getAttribute('data-state')).toBe('verified');
    // A manager may not restore.
    expect(await row.locator(sel('backup-restore')).count()).toBe(0);

    await page.locator(sel('backup-time')).fill('25:61');
    await page.locator(sel('backup-save')).click();
    await expect.poll(() => text(page, 'backup-error')).toContain('HH:MM');
    await page.locator(sel('backup-time')).fill('02:30');
    await page.locator(sel('backup-save')).click();
    await page.locator(sel('backup-notice')).waitFor();
    await expect.poll(() => page.locator(sel('backup-off')).count()).toBe(0);

    // A lot received after the backup.
    const before = await lotCount();
    const clerk = desk.client();
    await clerk.result('session.signIn', { username: 'clerk', secret: '1111' });
    const item = (await clerk.result<{ id: string; sku: string }[]>('catalog.items')).find((i) => i.sku === 'TEA-250')!;
    const supplier = (await clerk.result<{ id: string; code: string }[]>('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;
    await clerk.result('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: 'AFTER-BACKUP', quantity: 1, unit: 'pcs', expiryDate: '2030-01-01' });
    expect(await lotCount()).toBe(before + 1);

    // The admin restores, in Chinese.
    await page.locator(sel('sign-out')).click();
    await signIn(page, 'admin', 'admin1234');
    await chooseLanguage(page, 'zh-CN');
    await page.locator(sel('nav-backups')).click();
    await expect.poll(() => text(page, 'page-title')).toBe('备份');
    await page.locator(`${sel('backup-row')}[data-file="${file}"] ${sel('backup-restore')}`).click();
    await page.locator(sel('restore-dialog')).waitFor();
    await page.locator(sel('restore-cancel')).click();
    await page.locator(sel('restore-dialog')).waitFor({ state: 'detached' });
    expect(await lotCount()).toBe(before + 1);
    await page.locator(`${sel('backup-row')}[data-file="${file}"] ${sel('backup-restore')}`).click();
    await page.locator(sel('restore-confirm')).click();
    await page.locator(sel('sign-in-notice')).waitFor();
    expect(await text(page, 'sign-in-notice')).toContain(`已恢复 ${file}`);
    expect(await lotCount()).toBe(before);
    // The clerk's session ended with the restore.
    expect((await clerk.call('catalog.items')).status).toBe(401);
    expect((await import('node:fs')).readdirSync(dirname(desk.dbFile)).some((f) => /^desk\.db\.before-restore-/.test(f))).toBe(true);
  });
});
