/**
 * A real desk (SQLite station file, its own sync runner, a process of its own) syncing through
 * the fault proxy (every fault kind) while it keeps receiving, killed with SIGKILL again and
 * again while it pushes and applies pull pages of central lot-status changes, and started again.
 * The centre is the desk helper's protocol stand-in (tests/support/fake-centre.ts) until the real
 * one serves the protocol. After every kill, on the file: nothing half-applied (the applied
 * changes are whole pages and equal the stored cursor, one `sync.apply` audit record per page),
 * the outbox gap-free, the audit chain intact. At the end: every desk event at the centre exactly
 * once, every change applied exactly once, each lot's status the centre's last word.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { PULL_PAGE } from '../../src/sync/puller';
import { mulberry32 } from '../../src/app/demo/seed-scale';
import type { Change } from '../../src/sync-protocol/messages';
import { ROOT } from '../support/cli';
import { verifyFileChain } from '../support/desk';
import { startFakeCentre, type FakeCentre } from '../support/fake-centre';
import { FAULT_KINDS, startFaultProxy, type FaultProxy } from '../support/fault-proxy';

const KILLS = 4;
// Enough that every kill falls part-way (each run lives < 1 s); the catch-up must fit a loaded CI machine.
const CHANGES = 3_000;
const dir = mkdtempSync(join(tmpdir(), 'lotdesk-sync-kill-'));
const file = join(dir, 'desk.db');
const children: ChildProcess[] = [];
let centre: FakeCentre | undefined;
let proxy: FaultProxy | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await proxy?.close();
  await centre?.close();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Creates the station with the demo data and connects it to the centre (through the proxy). */
async function connectedDesk(centreUrl: string): Promise<string[]> {
  const { station, dispatch } = openDesk(file);
  const auth = {};
  const api = createClient((name, input) => dispatch(auth, name, input));
  await api.call('station.loadDemo');
  // Lots for the centre to hold and release (the demo data set has master data only).
  await api.call('session.signIn', { username: 'clerk', secret: '1111' });
  const item = (await api.call('catalog.items')).find((i) => i.sku === 'TEA-250')!;
  const supplier = (await api.call('catalog.parties', { kind: 'supplier' })).find((p) => p.code === 'SUP-HZT')!;
  for (let i = 0; i < 30; i++) await api.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot: `S-${i}`, quantity: 5, unit: 'pcs', expiryDate: '2030-01-01' });
  await api.call('session.signOut');
  await api.call('session.signIn', { username: 'admin', secret: 'admin1234' });
  await api.call('sync.connect', { centreUrl, code: 'GOOD-CODE' });
  const lots = (station.db.prepare('SELECT id FROM lots ORDER BY id').all() as { id: string }[]).map((l) => l.id);
  station.close();
  return lots;
}

function startWorker(mode = 'busy'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/sync-desk-worker.ts'), file, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stderr!.on('data', (d) => (output += String(d)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`desk worker exited with ${code}:\n${output}`)));
  });
}

async function kill9(child: ChildProcess): Promise<void> {
  // A worker that died on its own has nothing to wait for (its 'exit' is gone): say so.
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`desk worker had already exited (${child.exitCode ?? child.signalCode})`);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

interface FileState {
  applied: number;
  cursor: number;
  applyRecords: number;
  outbox: { count: number; max: number };
}

/** What the file holds after a kill, and whether it is whole. */
function inspect(): FileState {
  const db = new Database(file);
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number | string | null;
    const state = {
      applied: Number(one('SELECT count(*) FROM sync_applied')),
      cursor: Number(one("SELECT value FROM settings WHERE key = 'sync.cursor'") || 0),
      applyRecords: Number(one("SELECT count(*) FROM audit WHERE command = 'sync.apply'")),
      outbox: db.prepare('SELECT count(*) AS count, COALESCE(MAX(seq), 0) AS max FROM sync_outbox').get() as { count: number; max: number },
    };
    expect(verifyFileChain(db, file).problems).toEqual([]);
    return state;
  } finally {
    db.close();
  }
}

function expectWhole(s: FileState): void {
  // Whole pages only: the stand-in's cursor counts the changes read, so a page cut in half would show.
  expect(s.applied).toBe(s.cursor);
  expect(s.applied % PULL_PAGE === 0 || s.applied === CHANGES).toBe(true);
  expect(s.applyRecords).toBe(Math.ceil(s.applied / PULL_PAGE));
  expect(s.outbox.count).toBe(s.outbox.max);
}

describe('a real desk killed with SIGKILL while it syncs through the fault proxy', () => {
  it('never keeps half a page, and ends with every event and change exactly once', { timeout: 300_000 }, async () => {
    centre = await startFakeCentre();
    proxy = await startFaultProxy({ targets: [centre.url], seed: 29, plan: [...FAULT_KINDS], rates: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0.06])), maxDelayMs: 60 });
    const lots = await connectedDesk(proxy.url);
    const random = mulberry32(29);
    const last = new Map<string, string>();
    centre.changes.push(
      ...Array.from({ length: CHANGES }, (_, i): Change => {
        const lotId = lots[Math.floor(random() * lots.length)];
        const status = random() < 0.5 ? 'on_hold' : 'released';
        last.set(lotId, status);
        return { id: `c${i + 1}`, kind: 'lot_status', key: lotId, body: { lotId, status, reason: 'fault test' } };
      }),
    );

    const states: FileState[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = await startWorker();
      await sleep(200 + random() * 600);
      await kill9(child);
      const s = inspect();
      expectWhole(s);
      states.push(s);
    }
    // The kills fell while the desk was part-way through the changes (and it made progress).
    expect(states.some((s) => s.applied > 0 && s.applied < CHANGES)).toBe(true);

    // The network heals and the desk stops receiving: it must catch up on both sides.
    proxy.setRates({});
    const child = await startWorker('quiet');
    const deadline = Date.now() + 200_000;
    while (inspect().applied < CHANGES || centre.watermark < inspect().outbox.max) {
      if (Date.now() > deadline) throw new Error(`desk did not catch up: ${JSON.stringify(inspect())}, centre at ${centre.watermark}`);
      await sleep(200);
    }
    await kill9(child);
    await proxy.idle();
    const end = inspect();
    expectWhole(end);
    for (const k of FAULT_KINDS) expect(proxy.stats[k], k).toBeGreaterThan(0);

    const db = new Database(file, { readonly: true });
    try {
      const outboxIds = (db.prepare('SELECT id FROM sync_outbox ORDER BY seq').pluck().all() as string[]).filter((_, i) => i < centre!.watermark);
      expect([...centre.events.values()].sort((a, b) => (a.seq as number) - (b.seq as number)).map((e) => e.id)).toEqual(outboxIds);
      expect(centre.events.size).toBe(centre.watermark);
      const applied = db.prepare('SELECT change_id FROM sync_applied').pluck().all() as string[];
      expect(new Set(applied).size).toBe(CHANGES);
      const statuses = Object.fromEntries((db.prepare('SELECT id, status FROM lots').all() as { id: string; status: string }[]).map((l) => [l.id, l.status]));
      for (const [lotId, status] of last) expect(statuses[lotId], lotId).toBe(status);
    } finally {
      db.close();
    }
  });
});
