/** The desk side of sync against a stand-in centre: enrolment, push with gaps, pull applied atomically, a central recall enforced. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDesk, errorOf, DEMO_NOW, type TestDesk } from '../support/desk';
import { openDesk } from '../../src/app/open';
import { ManualClock } from '../../src/app/kernel/clock';
import { createClient } from '../../src/contract/client';
import { catalog, stockUp } from '../support/outbound';
import { startFakeCentre, type FakeCentre } from '../support/fake-centre';
import type { Client } from '../../src/contract/client';
import { buildElementString } from '../../src/domain/gs1/encode';
import { applyPage } from '../../src/sync/puller';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { backoffDelay } from '../../src/sync/runner';
import { translate } from '../../src/i18n/translate';
import type { AuthState } from '../../src/app/kernel/context';

let desk: TestDesk;
let centre: FakeCentre;
let admin: Client;

beforeEach(async () => {
  centre = await startFakeCentre();
  desk = await openTestDesk();
  admin = await desk.signedIn('admin', 'admin1234');
});
afterEach(async () => {
  desk.close();
  await centre.close();
});

const setting = (key: string) => desk.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
const head = () => desk.db.prepare('SELECT COALESCE(MAX(seq), 0) FROM sync_outbox').pluck().get() as number;

describe('desk sync', () => {
  it('enrols with a one-time code: the credential is a 0600 file beside the database, the mode is connected at run time', async () => {
    expect((await admin.call('sync.status')).mode).toBe('standalone');
    const refused = await errorOf(admin.call('sync.connect', { centreUrl: centre.url, code: 'WRONG' }));
    expect(refused.key).toBe('errors.sync.codeInvalid');
    expect(translate('zh-CN', refused.key, refused.params)).toContain('登记码');
    expect((await errorOf(admin.call('sync.connect', { centreUrl: 'ftp://x', code: 'GOOD-CODE' }))).key).toBe('errors.syncDesk.badUrl');
    const clerk = await desk.signedIn('clerk', '1111');
    expect((await errorOf(clerk.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' }))).key).toBe('errors.auth.forbidden');

    const status = await admin.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
    expect(status).toMatchObject({ mode: 'connected', centreUrl: centre.url, siteCode: 'WH1' });
    const file = join(desk.dir, 'keys', 'sync-credential');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(setting('sync.mode')).toBe('connected');
    // The secret is never in the database.
    expect(JSON.stringify(desk.db.prepare('SELECT * FROM settings').all())).not.toContain('s3cret');
    const after = await admin.call('sync.now');
    expect(after).toMatchObject({ online: true, eventsWaiting: 0, lastError: null });
    expect(centre.watermark).toBe(head());

    const off = await admin.call('sync.disconnect');
    expect(off).toMatchObject({ mode: 'standalone', online: false });
    expect(() => statSync(file)).toThrow();
  });

  it('pushes every event once in seq order, and resends from the centre’s watermark on a gap', async () => {
    await admin.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
    await admin.call('sync.now');
    const first = centre.watermark;
    // Standalone for a while (no runner racing the test), then connected again to the same centre.
    await admin.call('sync.disconnect');
    await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    // The desk believes more was acked than the centre has (its ack kept, the centre's commit lost): a gap.
    desk.db.prepare("UPDATE settings SET value = ? WHERE key = 'sync.pushedSeq'").run(String(first + 3));
    const again = await desk.signedIn('admin', 'admin1234');
    await again.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
    const status = await again.call('sync.now');
    expect(status.eventsWaiting).toBe(0);
    expect(centre.pushes.some((p) => p.from === first + 4)).toBe(true);
    expect(centre.watermark).toBe(head());
    const seqs = [...centre.events.values()].map((e) => e.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set([...centre.events.keys()]).size).toBe(head());
  });

  it('applies a page and its cursor in one transaction: a failure mid-apply leaves nothing applied', async () => {
    const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    const station = { db: desk.db, clock: desk.clock, stationId: setting('station.id')! } as never;
    const changes = [{ id: 'c1', kind: 'lot_status' as const, key: lot.id, body: { lotId: lot.id, status: 'recalled' as const, reason: 'x' } }];
    const outboxBefore = head();
    expect(() => applyPage(station, changes, 'cursor-1', 'sync.apply', () => { throw new Error('killed'); })).toThrow('killed');
    expect(desk.db.prepare('SELECT status FROM lots WHERE id = ?').pluck().get(lot.id)).toBe('released');
    expect(setting('sync.cursor') ?? '').toBe('');
    expect(desk.db.prepare('SELECT COUNT(*) FROM sync_applied').pluck().get()).toBe(0);
    expect(head()).toBe(outboxBefore);
    expect(applyPage(station, changes, 'cursor-1')).toBe(1);
    // The same change read again (a page re-read after a crash) is applied once.
    expect(applyPage(station, changes, 'cursor-1')).toBe(0);
    expect(desk.db.prepare('SELECT change_id, cursor FROM sync_applied').all()).toEqual([{ change_id: 'c1', cursor: 'cursor-1' }]);
    expect(setting('sync.cursor')).toBe('cursor-1');
  });

  it('applies central master data as desk rows: unknown columns ignored, users updated never created, no secret written', async () => {
    const station = { db: desk.db, clock: desk.clock, stationId: setting('station.id')! } as never;
    const tea = desk.db.prepare("SELECT id FROM items WHERE sku = 'TEA-250'").pluck().get() as string;
    const clerk = desk.db.prepare("SELECT id, secret_hash FROM users WHERE username = 'clerk'").get() as { id: string; secret_hash: string };
    const applied = applyPage(station, [
      { id: 'm1', kind: 'item', key: tea, body: { name: 'Green tea 250 g (central)', colour: 'green', active: true } },
      { id: 'm2', kind: 'user', key: clerk.id, body: { display_name: 'Clerk (central)', secret_hash: 'forged' } },
      { id: 'm3', kind: 'user', key: 'nobody', body: { username: 'ghost', display_name: 'Ghost', role: 'admin' } },
      { id: 'm4', kind: 'lot_status', key: 'no-such-lot', body: { lotId: 'no-such-lot', status: 'recalled', reason: null } },
    ], 'c-m');
    expect(applied).toBe(2);
    expect(desk.db.prepare('SELECT name, active FROM items WHERE id = ?').get(tea)).toEqual({ name: 'Green tea 250 g (central)', active: 1 });
    expect(desk.db.prepare('SELECT display_name, secret_hash FROM users WHERE id = ?').get(clerk.id)).toEqual({ display_name: 'Clerk (central)', secret_hash: clerk.secret_hash });
    expect(desk.db.prepare("SELECT COUNT(*) FROM users WHERE username = 'ghost'").pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT COUNT(*) FROM sync_applied').pluck().get()).toBe(4);
    // The rows written are in the keyed chain like any command's.
    expect(verifyAudit(desk.db).problems).toEqual([]);
  });

  it('a central recall pulled makes picking refuse the lot at the next scan; a central release lifts it; resync reads the snapshot', async () => {
    const [lot] = await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    const lead = await desk.signedIn('lead', '3333');
    const clerk = await desk.signedIn('clerk', '1111');
    const cat = await catalog(lead);
    const order = await lead.call('orders.create', { customerId: cat.customer('CUS-SHM').id, lines: [{ itemId: cat.item('TEA-250').id, quantity: 2, lotId: lot.id }] });
    await lead.call('allocation.allocate', { orderId: order.id });
    await admin.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
    centre.changes.push({ id: '1', kind: 'lot_status', key: lot.id, body: { lotId: lot.id, status: 'recalled', reason: 'central recall' } });
    await admin.call('sync.now');
    const scan = `]C1${buildElementString({ gtin: cat.item('TEA-250').gtin!, expiry: lot.expiryDate ?? undefined, batch: lot.code }).gs}`;
    expect(await errorOf(clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan, quantity: 1 }))).toMatchObject({ key: 'errors.lot.statusForbids', params: expect.objectContaining({ status: 'recalled' }) });
    const record = desk.db.prepare("SELECT changes FROM audit WHERE command = 'sync.apply' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(record)).toEqual([expect.objectContaining({ object: 'lot', field: 'status', before: 'released', after: 'recalled' })]);

    centre.changes.push({ id: '2', kind: 'lot_status', key: lot.id, body: { lotId: lot.id, status: 'released', reason: null } });
    centre.resyncNext = true;
    await admin.call('sync.now');
    expect(desk.db.prepare('SELECT status FROM lots WHERE id = ?').pluck().get(lot.id)).toBe('released');
    expect(setting('sync.cursor')).toBe('2');
    await clerk.call('picking.scan', { orderId: order.id, bin: 'A-01', scan, quantity: 1 });
  });

  it('keeps what waits while the centre is unreachable and says so in words; backoff has full jitter', async () => {
    await admin.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
    await admin.call('sync.now');
    await centre.close();
    await stockUp(desk, [{ sku: 'TEA-250', expiry: '2028-05-01', quantity: 20, bin: 'A-01' }]);
    const offline = await (await desk.signedIn('admin', 'admin1234')).call('sync.now');
    expect(offline).toMatchObject({ online: false, lastError: { key: 'errors.syncDesk.unreachable' } });
    expect(offline.eventsWaiting).toBeGreaterThan(0);
    expect(translate('zh-CN', offline.lastError!.key, offline.lastError!.params)).toContain('无法连接中心');
    expect(backoffDelay(0, [1000, 60000], () => 1)).toBe(1000);
    expect(backoffDelay(10, [1000, 60000], () => 1)).toBe(60000);
    expect(backoffDelay(3, [1000, 60000], () => 0.5)).toBe(4000);
  });
});

describe('desk sync across a restart', () => {
  it('loses nothing when the desk is closed with events waiting: the next start (connected) pushes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-sync-restart-'));
    const file = join(dir, 'desk.db');
    const open = () => openDesk(file, { clock: new ManualClock(new Date(DEMO_NOW)), sync: { nudges: false, pollMs: [50, 100], backoffMs: [20, 100] } });
    try {
      let { station, dispatch } = open();
      const client = (auth: AuthState = {}) => createClient((name, input) => dispatch(auth, name, input));
      await client().call('station.loadDemo');
      const a = client();
      await a.call('session.signIn', { username: 'admin', secret: 'admin1234' });
      await a.call('sync.connect', { centreUrl: centre.url, code: 'GOOD-CODE' });
      await a.call('sync.now');
      await centre.close();
      await a.call('users.create', { username: 'night', displayName: 'Night shift', role: 'clerk', secretKind: 'pin', secret: '5858' });
      const waiting = (await a.call('sync.status')).eventsWaiting;
      expect(waiting).toBeGreaterThan(0);
      station.close();

      centre = await startFakeCentre(centre);
      ({ station, dispatch } = open());
      const head = () => station.db.prepare('SELECT MAX(seq) FROM sync_outbox').pluck().get() as number;
      await expect.poll(() => centre.watermark, { timeout: 10_000 }).toBe(head());
      const users = [...centre.events.values()].filter((e) => e.table === 'users' && (e.row as { username?: string } | null)?.username === 'night');
      expect(users).toHaveLength(1);
      station.close();
    } finally {
      // A closed station's checkpointer thread may still drop its -wal/-shm files while the folder
      // goes (ENOTEMPTY once in CI at load ~14): retry for longer rather than fail a passing test.
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    }
  });
});
