/**
 * The audit that shows the change (issue 15): each converted command's record carries
 * field/before/after on its object, and `audit.search` filters them by user, command, date,
 * object kind with its label or id, and result, newest first, a page at a time; each filter's
 * page is read through an index (its query plan scans no table).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_NOW, errorOf, openTestDesk, type TestDesk } from '../support/desk';
import { demoRefs, receiveLot, type DemoRefs } from '../support/inventory';
import type { Client } from '../../src/contract/client';
import type { AuditRow } from '../../src/contract/results';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { auditSearchPlan, type AuditFilter } from '../../src/store/audit';

let desk: TestDesk;
let manager: Client;
let lead: Client;
let refs: DemoRefs;
beforeEach(async () => {
  desk = await openTestDesk();
  manager = await desk.signedIn('manager', '4444');
  lead = await desk.signedIn('lead', '3333');
  refs = await demoRefs(lead);
});
afterEach(() => desk.close());

/** A record's changes as "kind label field: before → after". */
const said = (r: AuditRow | undefined) => (r?.changes ?? []).map((c) => `${c.object} ${c.label} ${c.field}: ${String(c.before)} → ${String(c.after)}`);
const last = async (command: string) => (await manager.call('audit.search', { command, limit: 1 })).rows[0];
const customerId = async (code: string) => (await manager.call('catalog.parties', { kind: 'customer' })).find((p) => p.code === code)!.id;

describe('commands that change records say what changed', () => {
  it('settings, lot patterns, shelf-life rules, routes, horizons and BOMs: before → after on the object', async () => {
    const tea = refs.item('TEA-250');
    const admin = await desk.signedIn('admin', 'admin1234');
    await admin.call('admin.setLotPattern', { itemId: tea.id, pattern: 'T{YY}{SEQ:4}' });
    expect(said(await last('admin.setLotPattern'))).toEqual(['item TEA-250 lotPattern: null → T{YY}{SEQ:4}']);
    await admin.call('admin.setLotPattern', { siteCode: 'WH1', pattern: 'W{SEQ:5}' });
    expect(said(await last('admin.setLotPattern'))[0]).toMatch(/^site WH1 lotPattern: .* → W\{SEQ:5\}$/);

    const sfo = await customerId('CUS-SFO');
    await manager.call('customers.setShelfLifeRule', { customerId: sfo, minDays: 30, minPercent: null });
    const rule = await last('customers.setShelfLifeRule');
    expect(rule.user).toBe('Chen Jing 陈静');
    expect(said(rule)[0]).toMatch(/^customer CUS-SFO minShelfLifeDays: .* → 30$/);

    await manager.call('locations.setRoute', { locationIds: [refs.bin('A-04').id, refs.bin('A-01').id] });
    const route = said(await last('locations.setRoute'));
    expect(route.map((s) => s.replace(/: .* → /, ' → '))).toEqual(['location A-04 routeOrder → 1', 'location A-01 routeOrder → 2']);

    await lead.call('items.setNearExpiryDays', { itemId: tea.id, days: 45 });
    expect(said(await last('items.setNearExpiryDays'))).toEqual(['item TEA-250 nearExpiryDays: 60 → 45']);
    await manager.call('settings.setNearExpiryDefault', { days: 21 });
    expect(said(await last('settings.setNearExpiryDefault'))[0]).toMatch(/^setting inventory.nearExpiryDays value: \d+ → 21$/);

    const gift = refs.item('GIFT-TEA').id;
    await manager.call('boms.set', { itemId: gift, componentItemIds: [tea.id, refs.item('SOY-500').id], quantities: [2, null] });
    await manager.call('boms.set', { itemId: gift, componentItemIds: [tea.id], quantities: [3] });
    expect(said(await last('boms.set'))).toEqual(['item GIFT-TEA bom: SOY-500, TEA-250×2 → TEA-250×3']);

    await lead.call('session.setLocale', { locale: 'zh-CN' });
    expect(said(await last('session.setLocale'))).toEqual(['user lead locale: en → zh-CN']);
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('an order names its number, customer and lines; an adjustment and a count the balance they changed and their document', async () => {
    const order = await lead.call('orders.create', { customerId: await customerId('CUS-SFO'), reference: 'PO-77', lines: [{ itemId: refs.item('TEA-250').id, quantity: 2 }] });
    expect(said(await last('orders.create'))).toEqual([
      `salesOrder ${order.number} number: null → ${order.number}`,
      `salesOrder ${order.number} customer: null → CUS-SFO`,
      `salesOrder ${order.number} reference: null → PO-77`,
      `salesOrder ${order.number} lines: null → 1`,
    ]);

    const got = await receiveLot(lead, refs, 'SOY-500', 10, '2027-06-30');
    const { lot, location } = got;
    const adjusted = await lead.call('stock.adjust', { lotId: lot.id, locationId: location.id, direction: 'out', quantity: 3, reason: 'damaged' });
    expect(said(await last('stock.adjust'))).toEqual([
      `lot ${lot.code} balance@${location.code}: 10 → 7`,
      `lot ${lot.code} document: null → ${adjusted.documentNumber}`,
      `lot ${lot.code} reason: null → damaged`,
    ]);
    const counted = await lead.call('counts.submit', { locationId: location.id, lines: [{ lotId: lot.id, quantity: 6 }] });
    expect(said(await last('counts.submit'))).toEqual(expect.arrayContaining([`lot ${lot.code} balance@${location.code}: 7 → 6`, `lot ${lot.code} document: null → ${counted.documentNumber}`]));
    // A receipt creates the lot (its dates and status are noted); the quantity is the ledger's. A move only moves.
    expect(said((await manager.call('audit.search', { object: 'lot', objectId: lot.id, command: 'receiving.receive' })).rows[0])).toEqual([
      `lot ${lot.code} item: null → SOY-500`,
      `lot ${lot.code} expiryDate: null → 2027-06-30`,
      `lot ${lot.code} status: null → released`,
      `lot ${lot.code} document: null → ${got.receiptNumber}`,
    ]);
    await lead.call('stock.move', { toLocationId: refs.bin('A-04').id, lines: [{ lotId: lot.id, fromLocationId: location.id, quantity: 1 }] });
    expect((await last('stock.move')).changes).toBeNull();
  });
});

describe('audit.search', () => {
  /** Three users' edits on two items over three days, and a refused sign-in. */
  async function history() {
    const tea = refs.item('TEA-250');
    const soy = refs.item('SOY-500');
    const secrets = { lead: '3333', manager: '4444', admin: 'admin1234' };
    for (const [day, who, item, days] of [
      [0, 'lead', tea, 10],
      [0, 'manager', soy, 11],
      [1, 'lead', soy, 12],
      [1, 'admin', tea, 13],
      [2, 'manager', tea, 14],
    ] as const) {
      desk.clock.set(new Date(Date.parse(DEMO_NOW) + day * 86_400_000 + 3_600_000));
      await (await desk.signedIn(who, secrets[who])).call('items.setNearExpiryDays', { itemId: item.id, days });
    }
    manager = await desk.signedIn('manager', '4444');
    await errorOf(desk.client().call('session.signIn', { username: 'clerk', secret: '0000' }));
    return { tea, soy, leadId: (desk.db.prepare("SELECT id FROM users WHERE username = 'lead'").get() as { id: string }).id };
  }

  it('filters by user, command, date range, object kind with label or id, and result', async () => {
    const { tea, leadId } = await history();
    const days = (f: Record<string, unknown>) => manager.call('audit.search', { command: 'items.setNearExpiryDays', ...f }).then((p) => p.rows.map((r) => r.changes![0].after));

    expect(await days({})).toEqual([14, 13, 12, 11, 10]);
    expect(await days({ userId: leadId })).toEqual([12, 10]);
    const day1 = new Date(Date.parse(DEMO_NOW) + 86_400_000).toISOString().slice(0, 10);
    expect(await days({ from: `${day1}T00:00:00.000Z`, to: `${day1}T23:59:59.999Z` })).toEqual([13, 12]);
    expect(await days({ object: 'item', label: 'TEA-250' })).toEqual([14, 13, 10]);
    expect(await days({ object: 'item', objectId: tea.id, userId: leadId })).toEqual([10]);
    expect(await days({ object: 'customer' })).toEqual([]);

    const refused = await manager.call('audit.search', { result: 'refused' });
    expect(refused.rows.map((r) => [r.command, r.result])).toEqual([['session.signIn', 'denied']]);
    const ok = await manager.call('audit.search', { result: 'ok', limit: 200 });
    expect(ok.rows.every((r) => r.result === 'ok')).toBe(true);
    // Every record of the desk, unfiltered, newest first.
    const all = (await manager.call('audit.search', { limit: 200 })).rows.map((r) => r.seq);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(all.length).toBe((desk.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n);
  });

  it('pages newest first by seq until the end, whatever the filter', async () => {
    await history();
    const seen: number[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const p = await manager.call('audit.search', { object: 'item', limit: 2, ...(before ? { before } : {}) });
      seen.push(...p.rows.map((r) => r.seq));
      if (p.nextBefore === null) break;
      expect(p.rows).toHaveLength(2);
      before = p.nextBefore;
    }
    const expected = (desk.db.prepare("SELECT DISTINCT seq FROM audit_objects WHERE object = 'item' ORDER BY seq DESC").all() as { seq: number }[]).map((r) => r.seq);
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  it('is for managers; a label without a kind is refused in words', async () => {
    expect((await errorOf(lead.call('audit.search', {}))).code).toBe('forbidden');
    expect(await errorOf(manager.call('audit.search', { label: 'TEA-250' }))).toMatchObject({ code: 'validation', key: 'errors.audit.objectKindFirst', field: 'object' });
    expect((await errorOf(manager.call('audit.search', { from: 'yesterday' }))).key).toBe('errors.date.invalid');
  });

  it('reads each filter through an index: no plan scans the trail or its objects', () => {
    const filters: Omit<AuditFilter, 'limit'>[] = [
      {},
      { userId: 'u' },
      { command: 'users.update' },
      { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      { from: '2026-11-01T00:00:00.000Z', command: 'station.loadDemo' },
      { object: 'item' },
      { object: 'item', objectLabel: 'TEA-250' },
      { object: 'lot', objectId: 'x' },
      { result: 'refused' },
      { userId: 'u', object: 'user', before: 10 },
    ];
    for (const f of filters) {
      const plan = auditSearchPlan(desk.db, { ...f, limit: 50 });
      expect(plan.length, JSON.stringify(f)).toBeGreaterThan(0);
      expect(plan.filter((d) => /^SCAN|TEMP B-TREE/.test(d)), JSON.stringify(f)).toEqual([]);
    }
    expect(auditSearchPlan(desk.db, { userId: 'u', limit: 50 })[0]).toContain('audit_user_seq');
    expect(auditSearchPlan(desk.db, { command: 'x', limit: 50 })[0]).toContain('audit_command_seq');
    expect(auditSearchPlan(desk.db, { object: 'item', limit: 50 })[0]).toContain('audit_objects_seq');
    expect(auditSearchPlan(desk.db, { object: 'item', objectLabel: 'x', limit: 50 })[0]).toContain('audit_objects_label');
    expect(auditSearchPlan(desk.db, { result: 'refused', limit: 50 })[0]).toContain('audit_refused');
    expect(auditSearchPlan(desk.db, { userId: 'u', command: 'x', from: '2026-11-01T00:00:00.000Z', limit: 50 })[0]).toContain('audit_user_command_seq');
  });

  it('verifies the chain end to end', async () => {
    await history();
    const status = await manager.call('audit.verify');
    expect(status.problems).toEqual([]);
    expect(status.records).toBe((desk.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n);
  });
});
