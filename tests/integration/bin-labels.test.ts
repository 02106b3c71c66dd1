/**
 * Bin labels as a person and a desk scanner see them: one page per bin with its code, zone and
 * kind in the reader's language (pdftotext), and a Code 128 that an independent decoder (zxing-wasm,
 * from the PDF rasterised at 300 dpi) reads back as exactly the code a desk looks the bin up by —
 * the decoded text, sent to putaway.checkBin, finds that very bin.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client';
import { errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot } from '../support/inventory';
import { decodePng } from '../unit/documents/helpers/zxing';

let desk: TestDesk;
let manager: Client;
beforeEach(async () => {
  desk = await openTestDesk();
  manager = await desk.signedIn('manager', '4444');
});
afterEach(() => desk.close());

async function labels(locationIds: string[], locale?: 'en' | 'zh-CN'): Promise<{ file: string; name: string }> {
  const doc = await manager.call('labels.bins', { locationIds, ...(locale ? { locale } : {}) });
  const file = join(desk.dir, doc.fileName);
  writeFileSync(file, Buffer.from(doc.base64, 'base64'));
  return { file, name: doc.fileName };
}

it('prints one label per bin whose Code 128 a scanner reads back as the bin code the desks look up', async () => {
  const zone = await manager.call('zones.create', { code: 'C', name: 'Cold' });
  await manager.call('locations.createRange', { zoneId: zone.id, kind: 'storage', prefix: 'C', parts: [{ from: '1', to: '2', width: 2 }, { from: '1', to: '2', width: 2 }] });
  await manager.call('locations.create', { zoneId: zone.id, code: 'C-QUAR/1', kind: 'quarantine' });
  const bins = (await manager.call('locations.list', {})).filter((b) => b.zoneCode === 'C');
  expect(bins.map((b) => b.code)).toEqual(['C-01-01', 'C-01-02', 'C-02-01', 'C-02-02', 'C-QUAR/1']);
  const { file, name } = await labels(bins.map((b) => b.id));
  expect(name).toBe('bin-labels-C-01-01-C-QUAR_1.pdf');
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+5\n[\s\S]*Page size:\s+283\.465 x 170\.079 pts/);
  const pages = bins.map((_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
  expect(pages[0]).toContain('ZONE C · STORAGE');
  expect(pages[4]).toContain('ZONE C · QUARANTINE');
  bins.forEach((b, i) => expect(pages[i]).toContain(b.code));

  execFileSync('pdftoppm', ['-r', '300', '-png', file, join(desk.dir, 'page')]);
  const pngs = readdirSync(desk.dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
  expect(pngs).toHaveLength(5);
  const decoded = await Promise.all(pngs.map(async (png) => decodePng(readFileSync(join(desk.dir, png)))));
  expect(decoded.map((d) => d.map((r) => [r.format, r.symbologyIdentifier, r.raw]))).toEqual(bins.map((b) => [['Code128', ']C0', b.code]]));

  // The scanned text is the bin at the putaway desk.
  const clerk = await desk.signedIn('clerk', '1111');
  const refs = await demoRefs(clerk);
  const lot = await receiveLot(clerk, refs, 'TEA-250', 5, '2027-06-30');
  expect(await clerk.call('putaway.checkBin', { lotId: lot.lot.id, bin: decoded[2][0].raw })).toMatchObject({ id: bins[2].id, code: 'C-02-01' });
});

it('prints in Chinese and refuses an unknown bin', async () => {
  const bins = await manager.call('locations.list', {});
  const qa = bins.find((b) => b.code === 'QA-01')!;
  const { file } = await labels([qa.id], 'zh-CN');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('库区 QA · 待检');
  expect(text).toContain('QA-01');
  expect(await errorOf(manager.call('labels.bins', { locationIds: [qa.id, 'nope'] }))).toMatchObject({ code: 'not_found', key: 'errors.location.unknown', field: 'locationIds.1' });
  expect(await errorOf(manager.call('labels.bins', { locationIds: [] }))).toMatchObject({ key: 'errors.locations.noneChosen' });
});
