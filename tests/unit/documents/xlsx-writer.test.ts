/** The XLSX writer and the FSMA CSV on awkward text: quotes, commas, ampersands, line breaks, control characters, Chinese, numbers; read back with exceljs. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../../src/documents/xlsx-writer';
import { fsmaCsv, type FsmaRow } from '../../../src/app/trace/exports/fsma';

const awkward = 'Tea "Jade", 250 g & <gift> box\n生抽酱油\u0007';

describe('xlsx writer', () => {
  it('writes sheets exceljs reads back cell by cell, with the header frozen and filtered', async () => {
    const bytes = writeXlsx([
      { name: 'Data', widths: [20, 10, 10], header: ['Name', 'Quantity', 'Note'], rows: [[awkward, 2.5, null], ['plain', 0, '']] },
      { name: '说明', widths: [10], rows: [['中文说明']] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', '说明']);
    const ws = wb.getWorksheet('Data')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Name', 'Quantity', 'Note']);
    expect(ws.getCell('A2').value).toBe(awkward.replace('\u0007', ''));
    expect(ws.getCell('B2').value).toBe(2.5);
    expect(ws.getCell('C2').value).toBeNull();
    expect(ws.getCell('B3').value).toBe(0);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('说明')!.getCell('A1').value).toBe('中文说明');
  });
});

describe('FSMA CSV', () => {
  it('quotes fields with commas, quotes and line breaks as RFC 4180 asks', () => {
    const row = {
      cte: 'shipping', eventId: 'SH-1/L1', role: null, tlc: 'L1', quantity: 3, unit: 'pcs', product: awkward, previousSource: '', recipient: 'Shop, "Main"', location: 'Site',
      date: '2026-11-25', tlcSource: 'Site', tlcSourceReference: '', documentType: 'Delivery Note', documentNumber: 'SH-1', documentType2: '', documentNumber2: '', lotCode: 'L1', gtin: '',
    } satisfies FsmaRow;
    const text = fsmaCsv([row]).toString('utf8');
    expect(text).toContain(`"Tea ""Jade"", 250 g & <gift> box\n生抽酱油\u0007"`);
    expect(text).toContain('"Shop, ""Main"""');
    expect(text.split('\r\n')[1].startsWith('Shipping,,L1,3,pcs,')).toBe(true);
  });
});
