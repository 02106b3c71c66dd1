import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk, errorOf, type TestDesk } from '../support/desk';
import type { Client } from '../../src/contract/client';
import { parseEvent } from '../../src/sync-protocol/events';

let desk: TestDesk;
let clerk: Client;

beforeEach(async () => {
  desk = await openTestDesk();
  clerk = await desk.signedIn('clerk', '1111');
});
afterEach(() => desk.close());

function outbox(): { seq: number; body: Record<string, unknown> }[] {
  return (desk.db.prepare('SELECT seq, body FROM sync_outbox ORDER BY seq').all() as { seq: number; body: string }[]).map((r) => ({ seq: r.seq, body: JSON.parse(r.body) }));
}

async function receive(quantity: number) {
  const items = await clerk.call('catalog.items');
  const suppliers = await clerk.call('catalog.parties', { kind: 'supplier' });
  return clerk.call('receiving.receive', { itemId: items.find((i) => i.sku === 'TEA-250')!.id, supplierId: suppliers.find((s) => s.code === 'SUP-HZT')!.id, quantity, unit: 'pcs', productionDate: '2026-11-01' });
}

describe('sync outbox (desk side of sync)', () => {
  it('writes the rows of a receipt and then its audit record, valid protocol events, in the same transaction', async () => {
    const before = outbox().length;
    const r = await receive(48);
    const events = outbox().slice(before);
    const tables = events.filter((e) => e.body.kind === 'row').map((e) => e.body.table);
    expect(tables).toEqual(expect.arrayContaining(['lots', 'movements', 'documents']));
    const last = events[events.length - 1].body;
    expect(last).toMatchObject({ kind: 'audit', record: { command: 'receiving.receive' } });
    const audit = desk.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    expect(last.record).toMatchObject(audit);
    const lot = events.find((e) => e.body.table === 'lots')!.body;
    expect(lot).toMatchObject({ op: 'put', key: r.lot.id, row: { id: r.lot.id, status: 'released' } });
    for (const e of events) {
      expect(parseEvent(e.body)).toMatchObject({ ok: true });
      expect(e.body.seq).toBe(e.seq);
      expect(e.body.station).toBe(desk.db.prepare("SELECT value FROM settings WHERE key = 'station.id'").pluck().get());
    }
  });

  it('strips secrets from user rows', async () => {
    const users = outbox().filter((e) => e.body.table === 'users');
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(u.body.row).not.toHaveProperty('secret_hash');
      expect(u.body.row).not.toHaveProperty('signing_hash');
    }
  });

  it('keeps seq gap-free: a refused command writes no outbox row and burns no seq', async () => {
    await receive(5);
    const head = outbox().at(-1)!.seq;
    const err = await errorOf(receive(0));
    expect(err.code).toBe('validation');
    // A refusal inside the transaction (a rule, after rows were written) too.
    const items = await clerk.call('catalog.items');
    const suppliers = await clerk.call('catalog.parties', { kind: 'supplier' });
    const receiving = (await clerk.call('catalog.locations')).find((l) => l.code === 'RCV-01')!;
    await errorOf(clerk.call('receiving.receive', { itemId: items.find((i) => i.sku === 'MILK-1L')!.id, supplierId: suppliers.find((s) => s.code === 'SUP-NDA')!.id, quantity: 1, unit: 'pcs', expiryDate: '2027-05-01', locationId: receiving.id }));
    expect(outbox().at(-1)!.seq).toBe(head);
    await receive(6);
    const seqs = outbox().map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
