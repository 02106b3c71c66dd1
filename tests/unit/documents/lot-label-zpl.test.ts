import { describe, expect, it } from 'vitest';
import { renderLotLabelZpl } from '../../../src/documents/lot-label-zpl';
import type { LotLabelData } from '../../../src/documents/lot-label';
import { decodeZplCode128 } from './helpers/zpl-code128';

const base: LotLabelData = {
  locale: 'en',
  itemName: 'Organic rolled oats',
  sku: 'OAT-25',
  gtin: '09506000134352',
  lotCode: '251125-MAIN-0001',
  expiry: '2027-12-31',
  productionDate: '2025-11-20',
  quantity: 40,
  unit: 'bag',
  status: 'released',
  receivedAt: '2025-11-25T09:19:00Z',
};

const barcodeFields = (zpl: string) => [...zpl.matchAll(/\^BC[^^]*\^FD([^^]*)\^FS/g)].map((m) => m[1]);
const textFields = (zpl: string) => [...zpl.matchAll(/\^FH\\\^FD([^^]*)\^FS/g)].map((m) => m[1]);

describe('lot label as ZPL', () => {
  it('prints item, lot, expiry and quantity as text fields on a 4 × 6 in label', () => {
    const zpl = renderLotLabelZpl(base);
    expect(zpl).toMatch(/^\^XA\n\^CI28\n\^PW800\n\^LL1200\n/);
    expect(textFields(zpl)).toEqual(expect.arrayContaining(['Organic rolled oats', '251125-MAIN-0001', 'Dec 31, 2027', '40 bag', 'RELEASED']));
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
  });

  it('lets a long supplier name wrap onto a second line; the dates and quantity keep one', () => {
    const supplier = 'Hangzhou West Lake Longjing Tea Cooperative Ltd.';
    const zpl = renderLotLabelZpl({ ...base, supplierName: supplier, supplierLot: 'HZ-2025-118' });
    // ^FB width,lines: the printer wraps a field block's text at its spaces, up to `lines` lines.
    const blocks = new Map([...zpl.matchAll(/\^FB\d+,(\d+),0,L\^FH\\\^FD([^^]*)\^FS/g)].map((m) => [m[2], Number(m[1])]));
    const blockLines = (value: string) => blocks.get(value);
    expect(blockLines(supplier)).toBe(2);
    expect(blockLines('HZ-2025-118')).toBe(2);
    expect(blockLines('Dec 31, 2027')).toBe(1);
    expect(blockLines('40 bag')).toBe(1);
  });

  it('names the time of a lot made here MADE, of a received one RECEIVED', () => {
    expect(textFields(renderLotLabelZpl({ ...base, origin: 'made' }))).toEqual(expect.arrayContaining(['MADE', 'Nov 25, 2025, 09:19 UTC']));
    expect(textFields(renderLotLabelZpl({ ...base, origin: 'made' }))).not.toContain('RECEIVED');
    expect(textFields(renderLotLabelZpl(base))).toContain('RECEIVED');
  });

  it('keeps the X-dimension at 0.25 mm or more at 300 dpi (3 dots, issue 19): the data splits as at 203 dpi', () => {
    const zpl = renderLotLabelZpl(base, { dotsPerMm: 12 });
    const fields = barcodeFields(zpl);
    expect(fields.map((f) => decodeZplCode128(f).transmitted)).toEqual([']C1010950600013435217271231' + '11251120', ']C110251125-MAIN-0001']);
    expect([...zpl.matchAll(/\^BY(\d+)\^BC/g)].map((m) => Number(m[1])).every((dots) => dots >= 3 && dots <= 6)).toBe(true);
  });

  it('carries (01)(17)(11)(10) in one GS1-128 at 300 dpi when 3-dot bars fit (a short lot code)', () => {
    const zpl = renderLotLabelZpl({ ...base, lotCode: 'L1' }, { dotsPerMm: 12 });
    expect(barcodeFields(zpl).map((f) => decodeZplCode128(f).transmitted)).toEqual([']C101095060001343521727123111251120' + '10L1']);
  });

  it('splits into two GS1-128s at 203 dpi rather than print 1-dot bars', () => {
    const zpl = renderLotLabelZpl(base);
    expect(barcodeFields(zpl).map((f) => decodeZplCode128(f).transmitted)).toEqual([
      ']C1010950600013435217271231' + '11251120',
      ']C110251125-MAIN-0001',
    ]);
    expect(zpl).not.toMatch(/\^BY1\^BC/);
    expect(textFields(zpl)).toEqual(expect.arrayContaining(['(01)09506000134352(17)271231(11)251120', '(10)251125-MAIN-0001']));
  });

  it('uses the widest module that keeps the quiet zones on the label', () => {
    expect(renderLotLabelZpl({ ...base, gtin: undefined, lotCode: 'L1' })).toMatch(/\^BY4\^BC/);
  });

  it('without a GTIN: a Code 128 of the lot code', () => {
    const [field] = barcodeFields(renderLotLabelZpl({ ...base, gtin: undefined }));
    expect(decodeZplCode128(field).transmitted).toBe(']C0251125-MAIN-0001');
  });

  it('Chinese captions and a printer CJK font when asked', () => {
    const zpl = renderLotLabelZpl({ ...base, locale: 'zh-CN', itemName: '有机燕麦片' }, { textFont: 'E:SIMSUN.TTF' });
    expect(textFields(zpl)).toEqual(expect.arrayContaining(['有机燕麦片', '批号', '有效期至', '2027年12月31日', '已放行']));
    expect(zpl).toContain('^A@N,40,40,E:SIMSUN.TTF');
  });

  it('escapes ZPL control characters in user text', () => {
    expect(renderLotLabelZpl({ ...base, itemName: 'Oats ^XZ ~JR' })).toContain('^FDOats \\5EXZ \\7EJR^FS');
  });
});
