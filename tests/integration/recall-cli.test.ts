/**
 * `lotdesk recall` on a real SQLite file, run as the real binary: a mock recall of a lot by its
 * code writes a readable report (pdftotext) and a timed, reconciled drill; a real recall needs a
 * reason and a class and puts the lot to 'recalled'; a wrong secret, an unknown lot, a clerk and
 * an FSMA file that is neither .xlsx nor .csv are refused; --fsma and --epcis write the trace's exports.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { lotdesk } from '../support/cli';
import type { LotView } from '../../src/contract/results';

let desk: TestDesk;
let tea: LotView;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
  const lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  await lead.call('lots.split', { lotId: tea.id, fromLocationId: cat.location('A-01').id, quantity: 8, toLocationId: cat.location('A-02').id });
});
afterAll(() => desk.close());

const manager = { LOTDESK_USER: 'manager', LOTDESK_SECRET: '4444' };

describe('lotdesk recall', () => {
  it('runs a mock recall, reconciles it and writes the report in Chinese, with the FSMA sheet and the EPCIS document', async () => {
    const out = join(desk.dir, 'mock.pdf');
    const fsma = join(desk.dir, 'mock-fsma.xlsx');
    const epcis = join(desk.dir, 'mock.jsonld');
    const r = lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out, '--lang', 'zh-CN', '--fsma', fsma, '--epcis', epcis], manager);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/模拟召回 MRC-\d{8}-001 已启动：受影响批次 2 个，冻结 0 个/);
    expect(r.stdout).toContain('物料平衡已解释 100%');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('模拟召回报告');
    expect(text).toContain(tea.code);
    const status = desk.db.prepare('SELECT status FROM lots WHERE id = ?').get(tea.id) as { status: string };
    expect(status.status).toBe('released');
    const recall = desk.db.prepare("SELECT reconciled_at FROM recalls WHERE mock = 1").get() as { reconciled_at: string | null };
    expect(recall.reconciled_at).not.toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(fsma) as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells).toContain(tea.code);
    const doc = JSON.parse(readFileSync(epcis, 'utf8')) as { type: string; epcisBody: { eventList: unknown[] } };
    expect(doc.type).toBe('EPCISDocument');
    expect(doc.epcisBody.eventList.length).toBeGreaterThan(0);
  });

  it('refuses what it must, each with its reason', () => {
    const out = join(desk.dir, 'x.pdf');
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--pdf', out], manager)).toMatchObject({ status: 2, stderr: expect.stringContaining('--reason') });
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out, '--fsma', join(desk.dir, 'f.txt')], manager)).toMatchObject({ status: 2, stderr: expect.stringContaining('--fsma') });
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out])).toMatchObject({ status: 2, stderr: expect.stringContaining('LOTDESK_SECRET') });
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out], { ...manager, LOTDESK_SECRET: '0000' })).toMatchObject({ status: 1, stderr: expect.stringContaining('PIN/password is wrong') });
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out], { LOTDESK_USER: 'clerk', LOTDESK_SECRET: '1111' })).toMatchObject({ status: 1 });
    expect(lotdesk(['recall', 'NO-SUCH-LOT', '--db', desk.file, '--mock', '--pdf', out], manager)).toMatchObject({ status: 1 });
    // The open mock drill of the lot blocks a second drill of it.
    expect(lotdesk(['recall', tea.code, '--db', desk.file, '--mock', '--pdf', out], manager)).toMatchObject({ status: 1, stderr: expect.stringContaining('already under open recall') });
  });

  it('runs a real recall that puts the lot on hold', () => {
    const out = join(desk.dir, 'real.pdf');
    const r = lotdesk(['recall', tea.code, '--db', desk.file, '--pdf', out, '--reason', 'Foreign matter', '--class', 'I'], manager);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Recall RCL-\d{8}-001 started: 2 affected lots, 2 put on hold/);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Foreign matter');
    expect((desk.db.prepare('SELECT status FROM lots WHERE id = ?').get(tea.id) as { status: string }).status).toBe('recalled');
  });
});
