import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDesk, type TestDesk } from '../support/desk';
import { allocateSscc } from '../../src/app/sscc';
import { openDatabase } from '../../src/store/db';
import { hasValidCheckDigit } from '../../src/domain/gs1/check-digit';
import { setSetting } from '../../src/app/settings';
import { AppError } from '../../src/domain/errors';

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
