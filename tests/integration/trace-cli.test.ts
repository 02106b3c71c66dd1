/** `lotdesk trace` on a real SQLite file: a split lot traced by its code and by its GS1 label, as tables in English and Chinese and as JSON. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDesk, type TestDesk } from '../support/desk';
import { catalog, stockUp } from '../support/outbound';
import { lotdesk } from '../support/cli';
import type { LotView, NewLotResult, TraceResult } from '../../src/contract/results';
import { buildElementString } from '../../src/domain/gs1/encode';

let desk: TestDesk;
let tea: LotView;
let split: NewLotResult;
let gtin: string;
let supplier: string;

beforeAll(async () => {
  desk = await openTestDesk();
  [tea] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
  const lead = await desk.signedIn('lead', '3333');
  const cat = await catalog(lead);
  gtin = cat.item('TEA-250').gtin!;
  supplier = cat.supplier('SUP-HZT').name;
  split = await lead.call('lots.split', { lotId: tea.id, fromLocationId: cat.location('A-01').id, quantity: 8, toLocationId: cat.location('A-02').id });
});
afterAll(() => desk.close());

describe('lotdesk trace', () => {
  it('prints the descendants and the receipt as tables, in English and in Chinese', () => {
    const en = lotdesk(['trace', split.lot.code, '--db', desk.file]);
    // The split lot's code may be shared with another item's lot of the day: then the label names it.
    const r = en.status === 0 ? en : lotdesk(['trace', buildElementString({ gtin, batch: split.lot.code }).hri, '--db', desk.file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Trace of lot ${split.lot.code}`);
    expect(r.stdout).toMatch(new RegExp(`←┘ ${tea.code}.*8 pcs`));
    const receipts = r.stdout.slice(r.stdout.indexOf('Receipts from suppliers'));
    expect(receipts).toContain(supplier);
    expect(receipts).toMatch(new RegExp(`${tea.code}\\s+20 pcs`));
    const zh = lotdesk(['trace', buildElementString({ gtin, batch: split.lot.code }).hri, '--db', desk.file, '--lang', 'zh-CN', '--direction', 'backward']);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('上游批次');
    expect(zh.stdout).not.toContain('下游批次');
  });

  it('prints JSON with --json, forward from the parent', () => {
    const r = lotdesk(['trace', buildElementString({ gtin, batch: tea.code }).hri, '--db', desk.file, '--json', '--direction', 'forward']);
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout) as TraceResult;
    expect(t.root.lotId).toBe(tea.id);
    expect(t.nodes).toEqual([expect.objectContaining({ lotId: split.lot.id, depth: 1, quantity: 8, direction: 'forward' })]);
    expect(t.edges).toEqual([{ parentLotId: tea.id, childLotId: split.lot.id, quantity: 8, kind: 'split' }]);
  });

  it('refuses an unknown lot with exit 1 and a bad direction with exit 2', () => {
    const r = lotdesk(['trace', 'NO-SUCH-LOT', '--db', desk.file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NO-SUCH-LOT');
    expect(lotdesk(['trace', tea.code, '--db', desk.file, '--direction', 'sideways']).status).toBe(2);
  });
});
