/** The lot label checked as a person and a scanner would: text via pdftotext, barcodes via 300 dpi raster + zxing. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLotLabelPdf, type LotLabelData } from '../../../src/documents/label-pdf';
import { decodePng } from './helpers/zxing';

const dir = mkdtempSync(join(tmpdir(), 'lotdesk-label-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: LotLabelData = {
  locale: 'en',
  itemName: 'Organic rolled oats, 25 kg sack',
  sku: 'OAT-25',
  gtin: '09506000134352',
  lotCode: '251125-MAIN-0001',
  supplierLot: 'SUP-7781A',
  supplierName: 'Harvest Mills Ltd',
  expiry: '2027-12-31',
  productionDate: '2025-11-20',
  quantity: 1250.5,
  unit: 'kg',
  status: 'quarantine',
  receivedAt: '2025-11-25T09:19:00Z',
};

let n = 0;
function write(pdf: Buffer): string {
  const file = join(dir, `label-${n++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
function rasterize(file: string): Buffer {
  execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', file, file]);
  return readFileSync(`${file}.png`);
}
const pageInfo = (file: string) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });

describe('lot label PDF', () => {
  it('is one 100 × 150 mm page showing item, lot, dates, quantity and status in English', async () => {
    const file = write(await renderLotLabelPdf(base));
    const info = pageInfo(file);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+283\.465 x 425\.197 pts/);
    const text = pdfText(file);
    for (const s of ['Organic rolled oats', 'OAT-25', '251125-MAIN-0001', 'SUP-7781A', 'Harvest Mills Ltd', 'Dec 31, 2027', 'Nov 20, 2025', '1,250.5 kg', 'QUARANTINE', 'USE BY', 'Nov 25, 2025, 09:19 UTC']) {
      expect(text).toContain(s);
    }
  });

  it('carries (01)(17)(11)(10) in both a GS1-128 and a GS1 DataMatrix that zxing reads from a 300 dpi raster', async () => {
    const decoded = await decodePng(rasterize(write(await renderLotLabelPdf(base))));
    const expected = '(01)09506000134352(17)271231(11)251120(10)251125-MAIN-0001';
    expect(decoded.map((d) => [d.symbologyIdentifier, d.hri]).sort()).toEqual([
      [']C1', expected],
      [']d2', expected],
    ]);
  });

  it('shows a Chinese item name and Chinese captions with an embedded font that maps to Unicode', async () => {
    const file = write(await renderLotLabelPdf({ ...base, locale: 'zh-CN', itemName: '有机燕麦片（25公斤袋装）', supplierName: '丰收面粉厂' }));
    const text = pdfText(file);
    for (const s of ['有机燕麦片', '丰收面粉厂', '批号', '有效期至', '2027年12月31日', '生产日期', '数量', '待检', '供应商批号', '251125-MAIN-0001']) {
      expect(text).toContain(s);
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/NotoSansCJKsc-Bold/);
  });

  it('without a GTIN carries a plain Code 128 of the internal lot code and no DataMatrix', async () => {
    const file = write(await renderLotLabelPdf({ ...base, gtin: undefined, lotCode: 'L-2025-000042' }));
    const decoded = await decodePng(rasterize(file));
    expect(decoded.map((d) => [d.symbologyIdentifier, d.raw])).toEqual([[']C0', 'L-2025-000042']]);
    expect(pdfText(file)).not.toContain('GTIN');
  });

  it('still decodes with a 20-character lot code (narrowest module width)', async () => {
    const lotCode = 'ABCDEFGHIJ-KLMNOPQRS';
    const decoded = await decodePng(rasterize(write(await renderLotLabelPdf({ ...base, lotCode }))));
    expect(decoded.map((d) => d.hri)).toEqual([
      `(01)09506000134352(17)271231(11)251120(10)${lotCode}`,
      `(01)09506000134352(17)271231(11)251120(10)${lotCode}`,
    ]);
  });

  it('says MADE over the time of a lot made here, and keeps the Chinese date and time on one line', async () => {
    const made = pdfText(write(await renderLotLabelPdf({ ...base, origin: 'made' })));
    expect(made).toContain('MADE');
    expect(made).not.toContain('RECEIVED');
    const zh = pdfText(write(await renderLotLabelPdf({ ...base, locale: 'zh-CN', origin: 'made', supplierName: '丰收面粉厂' })));
    expect(zh).toContain('加工时间');
    expect(zh).not.toContain('收货日期');
    expect(zh.split('\n').find((l) => l.includes('2025年11月25日'))).toMatch(/2025年11月25日 UTC 09:19/);
    expect(pdfText(write(await renderLotLabelPdf({ ...base, locale: 'zh-CN' })))).toContain('收货日期');
  });

  it('wraps a long supplier name at words, cutting with an ellipsis what does not fit, and keeps the column on the page', async () => {
    const name = 'Lebensmittelgroßhandelsgesellschaft Müller GmbH & Co. KG';
    for (const supplierName of [name, 'Qingdao Haixin Internationalfoodstuffs Trading Company Limited']) {
      const text = pdfText(write(await renderLotLabelPdf({ ...base, supplierName })));
      const lines = text.split('\n');
      const at = lines.findIndex((l) => l.includes('SUPPLIER LOT'));
      const column = lines[at].lastIndexOf('SUPPLIER');
      const shown = lines.slice(at + 1, at + 5).map((l) => l.slice(column).trim()).filter(Boolean).join(' ');
      // Each word shown is whole, or cut where the ellipsis says so.
      for (const word of shown.split(/\s+/)) expect(supplierName.split(' ').includes(word) || word.endsWith('…'), `${word} of ${shown}`).toBe(true);
      expect(shown.startsWith(supplierName.split(' ')[0].slice(0, 10))).toBe(true);
      // The time beside it is whole: a word too wide for its column pushed the column off the page.
      expect(text).toContain('Nov 25, 2025, 09:19 UTC');
    }
  });

  it('keeps the Chinese part of a mixed supplier name whole on its line, and breaks a long Chinese name between characters', async () => {
    const supplierLines = (text: string, caption: string) => {
      const lines = text.split('\n');
      const at = lines.findIndex((l) => l.includes(caption));
      const column = lines[at].lastIndexOf(caption.split(' ')[0] === 'SUPPLIER' ? 'SUPPLIER' : '供应商');
      return lines.slice(at + 1, at + 5).map((l) => l.slice(column).trim()).filter(Boolean);
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const caption = locale === 'en' ? 'SUPPLIER LOT' : '供应商批号';
      for (const [supplierName, expected] of [
        ['Hangzhou Tea Co. 杭州茶业', ['Hangzhou Tea Co.', '杭州茶业']],
        ['Shanghai Fresh Mart 上海鲜超市', ['Shanghai Fresh Mart', '上海鲜超市']],
        ['上海市浦东新区丰收面粉厂有限公司', null],
      ] as const) {
        const shown = supplierLines(pdfText(write(await renderLotLabelPdf({ ...base, locale, supplierName }))), caption);
        expect(shown.join('') === supplierName.replace(/ /g, '') || shown.join(' ') === supplierName, `${locale}: ${shown.join(' / ')}`).toBe(true);
        expect(shown.length, `${locale}: ${shown.join(' / ')}`).toBe(2);
        if (expected) expect(shown).toEqual(expected);
      }
    }
  });

  it('keeps a very long item name on the one page', async () => {
    const file = write(await renderLotLabelPdf({ ...base, locale: 'zh-CN', itemName: '特级'.repeat(60) }));
    expect(pageInfo(file)).toMatch(/Pages:\s+1\n/);
    expect(pdfText(file)).toContain('…');
  });

  it('is deterministic: the same data gives the same bytes, dated from receivedAt', async () => {
    const a = await renderLotLabelPdf(base);
    const b = await renderLotLabelPdf(base);
    expect(a.equals(b)).toBe(true);
    expect(pageInfo(write(a))).toMatch(/CreationDate:\s+2025-11-25T09:19:00Z/);
  });

  it('rejects data that cannot become a GS1 barcode with a typed error', async () => {
    await expect(renderLotLabelPdf({ ...base, gtin: '09506000134353' })).rejects.toMatchObject({ name: 'Gs1EncodeError', code: 'badCheckDigit' });
    await expect(renderLotLabelPdf({ ...base, lotCode: 'LOT 1' })).rejects.toMatchObject({ name: 'Gs1EncodeError', code: 'invalidCharacter' });
  });
});
