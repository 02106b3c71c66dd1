import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDesk, type TestDesk } from '../support/desk';
import { allocateSscc } from '../../src/app/outbound/sscc';
import { openDatabase } from '../../src/store/db';
import { hasValidCheckDigit } from '../../src/domain/gs1/check-digit';
import { setSetting } from '../../src/app/kernel/settings';
import { AppError } from '../../src/domain/errors';
import type { Client } from '../../src/contract/client';
import { demoRefs, receiveLot } from '../support/inventory';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

describe('SSCC allocation', () => {
  it('numbers SSCCs from the company prefix and keeps counting after the station reopens', () => {
    const first = desk.db.transaction(() => allocateSscc(desk.db)).immediate();
    const second = desk.db.transaction(() => allocateSscc(desk.db)).immediate();
    expect(first).toBe('095060000000000015');
    expect(second).toBe('095060000000000022');
    const reopened = openDatabase(desk.file);
    const third = reopened.transaction(() => allocateSscc(reopened)).immediate();
    reopened.close();
    expect(third).toBe('095060000000000039');
    for (const s of [first, second, third]) expect(hasValidCheckDigit(s)).toBe(true);
  });

  it('refuses to allocate once the serial range of the prefix is used up', () => {
    setSetting(desk.db, 'gs1.companyPrefix', '950600012345');
    desk.db.prepare("INSERT INTO counters(name, value) VALUES ('sscc:0:950600012345', 9999)").run();
    expect(() => allocateSscc(desk.db)).toThrow(AppError);
  });
});

describe('lot label from the receiving desk', () => {
  it('renders the received lot as a PDF a person can read, in the user language', async () => {
    const clerk = await desk.signedIn('clerk', '1111');
    const item = (await clerk.call('catalog.items')).find((i) => i.sku === 'SOY-500')!;
    const supplier = (await clerk.call('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-GRN')!;
    const r = await clerk.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: 'GG-88', quantity: 36, unit: 'pcs', expiryDate: '2028-06-30' });
    const pdf = await clerk.call('labels.lot', { lotId: r.lot.id, locale: 'zh-CN' });
    expect(pdf.fileName).toBe(`label-SOY-500-${r.lot.code}.pdf`);
    const file = join(desk.dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(r.lot.code);
    expect(text).toContain('生抽酱油');
    expect(text).toContain('GG-88');
    expect(text).toMatch(/2028/);
    expect(text).toMatch(/[批有]/);
  });
});

/** The label of a lot as pdftotext reads it. */
async function labelText(c: Client, lotId: string): Promise<string> {
  const pdf = await c.call('labels.lot', { lotId, locale: 'en' });
  const file = join(desk.dir, pdf.fileName);
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The QUANTITY field: its value sits on the line under the caption, in the caption's column. */
function labelQuantity(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('QUANTITY'));
  const column = lines[at].indexOf('QUANTITY');
  return lines.slice(at + 1).find((l) => l.trim())!.slice(column).trim().split(/\s{2,}/)[0];
}

describe('lot label of a lot made at Lot changes', () => {
  it('names the quantity the kit, the merged lot and the split lot were made with, not what is left', async () => {
    const lead = await desk.signedIn('lead', '3333');
    const clerk = await desk.signedIn('clerk', '1111');
    const refs = await demoRefs(lead);
    const rcv = refs.bin('RCV-01').id;
    const tea = await receiveLot(clerk, refs, 'TEA-250', 20, '2027-12-31');
    const tea2 = await receiveLot(clerk, refs, 'TEA-250', 6, '2027-12-31');
    const soy = await receiveLot(clerk, refs, 'SOY-500', 20, '2027-06-30');
    expect(labelQuantity(await labelText(lead, tea.lot.id))).toBe('20 pcs');

    const kit = await lead.call('lots.transform', {
      kind: 'kitting',
      itemId: refs.item('GIFT-TEA').id,
      quantity: 3,
      unit: 'pcs',
      toLocationId: refs.bin('A-07').id,
      components: [{ lotId: tea.lot.id, fromLocationId: rcv, quantity: 3 }, { lotId: soy.lot.id, fromLocationId: rcv, quantity: 3 }],
    });
    expect(labelQuantity(await labelText(lead, kit.lot.id))).toBe('3 pcs');

    // 11 made, then 3 split off: the merged lot's label still says 11, the split lot's 3.
    const merged = await lead.call('lots.merge', {
      toLocationId: refs.bin('A-01').id,
      parts: [{ lotId: tea.lot.id, fromLocationId: rcv, quantity: 5 }, { lotId: tea2.lot.id, fromLocationId: rcv, quantity: 6 }],
    });
    const split = await lead.call('lots.split', { lotId: merged.lot.id, fromLocationId: refs.bin('A-01').id, quantity: 3 });
    expect(labelQuantity(await labelText(lead, merged.lot.id))).toBe('11 pcs');
    expect(labelQuantity(await labelText(lead, split.lot.id))).toBe('3 pcs');
    // A receipt's label stays what was received, whatever has left the lot since.
    expect(labelQuantity(await labelText(lead, tea.lot.id))).toBe('20 pcs');

    // Made here, not received: the kit, the merged and the split lot say MADE over their time.
    for (const lot of [kit.lot, merged.lot, split.lot]) {
      const text = await labelText(lead, lot.id);
      expect(text).toContain('MADE');
      expect(text).not.toContain('RECEIVED');
    }
    expect(await labelText(lead, tea.lot.id)).toContain('RECEIVED');
  });
});
