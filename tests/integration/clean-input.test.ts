/**
 * Clean input at the edge (issue 18, item 4): the contract's text and scan fields refuse control
 * characters (a scan keeps GS; a box of several lines keeps tabs and line breaks), bidi overrides
 * and lone surrogates, with a translated message naming the character, writing nothing; search
 * terms reach FTS5 as data: NUL answers a clean 400 (and finds nothing in the store), quotes,
 * `*` and `NEAR` are only characters to find.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { errorOf, openTestDesk, snapshot, type TestDesk } from '../support/desk';
import { catalog } from '../support/outbound';
import type { Client } from '../../src/contract/client';
import { createHttpServer } from '../../src/api/http';
import { CALL_HEADERS, listenLoopback, rawRequest } from '../support/http-raw';
import { translate } from '../../src/i18n/translate';
import { unsafeCharacter } from '../../src/contract/schemas';
import { ftsPhrase } from '../../src/store/fts';
import { exactLotsWithoutStock, searchedLotIds } from '../../src/store/lot-search';
import { searchItemRecords } from '../../src/store/items';

let desk: TestDesk;
let clerk: Client;
let lead: Client;
let cat: Awaited<ReturnType<typeof catalog>>;
beforeAll(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
  lead = await desk.signedIn('lead', '3333');
  cat = await catalog(clerk);
});
afterAll(() => desk.close());

const receive = (extra: Record<string, unknown>) =>
  clerk.call('receiving.receive', { itemId: cat.item('TEA-250').id, supplierId: cat.supplier('SUP-HZT').id, quantity: 3, unit: 'pcs', expiryDate: '2030-01-01', ...extra });

describe('unsafe characters', () => {
  it.each([
    ['NUL', 'LOT\u0000A', 'U+0000'],
    ['BEL', 'LOT\u0007A', 'U+0007'],
    ['ESC', 'LOT\u001b[2J', 'U+001B'],
    ['a line break', 'LOT\nA', 'U+000A'],
    ['DEL', 'LOT\u007fA', 'U+007F'],
    ['a C1 control', 'LOT\u0085A', 'U+0085'],
    ['a right-to-left override', 'LOT\u202eA', 'U+202E'],
    ['a left-to-right isolate', 'LOT\u2066A', 'U+2066'],
    ['a lone high surrogate', 'LOT\ud800A', 'U+D800'],
    ['a lone low surrogate', 'LOT\udc00A', 'U+DC00'],
    ['GS outside a scan field', 'LOT\u001dA', 'U+001D'],
  ])('refuses %s in a supplier lot, naming it in both languages and writing nothing', async (_what, supplierLot, char) => {
    const before = snapshot(desk.db);
    const err = await errorOf(receive({ supplierLot }));
    expect(err).toEqual({ code: 'validation', key: 'errors.text.unsafeChar', field: 'supplierLot', params: { char } });
    expect(translate('en', err.key, err.params)).toContain(`(${char}: a control or text-direction character)`);
    expect(translate('zh-CN', err.key, err.params)).toContain(`（${char}：控制字符或文字方向字符）`);
    expect(snapshot(desk.db)).toEqual(before);
  });

  it('refuses them in references, names and ids too; keeps emoji, CJK, Arabic with its marks', async () => {
    const manager = await desk.signedIn('manager', '4444');
    expect((await errorOf(lead.call('orders.create', { customerId: cat.customer('CUS-SFO').id, reference: 'PO\u0007-1', lines: [{ itemId: cat.item('TEA-250').id, quantity: 1 }] }))).key).toBe('errors.text.unsafeChar');
    expect((await errorOf(manager.call('items.create', { sku: 'X-1', name: 'Tea \ud83d', unit: 'pcs' }))).field).toBe('name');
    expect((await errorOf(clerk.call('lots.get', { lotId: 'abc\u0000' }))).key).toBe('errors.text.unsafeChar');
    const ok = await manager.call('items.create', { sku: 'X-2', name: 'Tea 🍵 龙井 \u200fشاي', unit: 'pcs' });
    expect((await clerk.call('items.get', { itemId: ok.id })).name).toBe('Tea 🍵 龙井 \u200fشاي');
  });

  it('keeps GS in a scan, and tabs and line breaks (CR LF read as LF) in a box of several lines', async () => {
    // The batch (variable length) before the expiry: GS ends it.
    const gs1 = `]C101${cat.item('TEA-250').gtin}10GS-LOT-1\u001d17300101`;
    expect(await clerk.call('scan.resolve', { scan: gs1 })).toMatchObject({ scan: { batch: 'GS-LOT-1', expiry: '2030-01-01' } });
    const received = await receive({ supplierLot: 'GS-LOT-1', scan: gs1 });
    expect(received.lot.code).toBeTruthy();
    expect((await errorOf(clerk.call('scan.resolve', { scan: `${gs1}\u0000` }))).key).toBe('errors.text.unsafeChar');
    const created = await lead.call('complaints.create', { itemId: cat.item('TEA-250').id, description: 'Torn pack:\r\n\t- carton 3\r\n\t- carton 7', receivedOn: '2026-11-24', severity: 'minor' });
    expect((await lead.call('complaints.get', { complaintId: created.id })).complaint.description).toBe('Torn pack:\n\t- carton 3\n\t- carton 7');
    expect((await errorOf(lead.call('complaints.create', { itemId: cat.item('TEA-250').id, description: 'Torn \u202epack', receivedOn: '2026-11-24', severity: 'minor' }))).params).toEqual({ char: 'U+202E' });
  });

  it('names the first unsafe character (pure rule)', () => {
    expect(unsafeCharacter('ok 🍵 \u200f')).toBeNull();
    expect(unsafeCharacter('a\tb\nc', '\t\n')).toBeNull();
    expect(unsafeCharacter('a\tb\u0000', '\t\n')).toBe('U+0000');
    expect(unsafeCharacter('\u{1F600}\ud800')).toBe('U+D800');
  });
});

describe('search terms are data', () => {
  it('answers a NUL search with a clean 400 over HTTP, never 500, for the stock list and the items search', async () => {
    const app: FastifyInstance = await createHttpServer(desk.dispatch);
    try {
      const port = await listenLoopback(app);
      const signIn = await rawRequest({ port, path: '/api/session.signIn', headers: CALL_HEADERS, body: JSON.stringify({ username: 'clerk', secret: '1111' }) });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0];
      for (const [name, body] of [['stock.list', { search: 'TEA\u0000250' }], ['items.search', { search: '\u0000\u0000\u0000' }], ['parties.list', { search: 'SUP\u0000' }]] as const) {
        const res = await rawRequest({ port, path: `/api/${name}`, headers: { ...CALL_HEADERS, cookie }, body: JSON.stringify(body) });
        expect(res.status, name).toBe(400);
        expect(res.json).toEqual({ ok: false, error: { code: 'validation', key: 'errors.text.unsafeChar', field: 'search', params: { char: 'U+0000' } } });
      }
    } finally {
      await app.close();
    }
  });

  it('finds nothing for a NUL term in the store itself, and reads quotes, * and NEAR as characters', async () => {
    expect(ftsPhrase('a\u0000b')).toBeNull();
    expect(ftsPhrase('a"b')).toBe('"a""b"');
    expect(searchedLotIds(desk.db, 'TEA\u0000250', '%')).toEqual([]);
    expect(exactLotsWithoutStock(desk.db, 'TEA\u0000250')).toEqual([]);
    expect(searchItemRecords(desk.db, 'TEA\u0000', null, 10, false).items).toEqual([]);
    const odd = await receive({ supplierLot: 'NEAR"Q*1' });
    for (const term of ['NEAR"Q*', '"Q*1', 'AR"Q']) {
      const page = await clerk.call('stock.list', { search: term });
      expect(page.rows.map((r) => r.lot.id), term).toContain(odd.lot.id);
    }
    for (const term of ['NEAR(a b)', '*', '"', 'TEA OR NEAR', 'sku:TEA', '(((']) {
      await expect(clerk.call('stock.list', { search: term })).resolves.toBeDefined();
      await expect(clerk.call('items.search', { search: term })).resolves.toBeDefined();
    }
  });
});
