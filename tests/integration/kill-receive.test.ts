/**
 * kill -9 during receiving (issue 18): `lotdesk serve` in a child process takes receives from four
 * concurrent loops over HTTP; once enough are acknowledged (HTTP 200 with the lot) the process is
 * killed with SIGKILL while calls are still in flight, then started again on the same file. After
 * each of 3 cycles every acknowledged receive is in the database — its lot, its receipt movement,
 * its balance — the balances equal the ledger, lot numbers are unique, and the audit chain is intact.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from '../support/cli';
import { ApiClient } from '../support/serve-desk';
import { compareBalances } from '../../src/store/ledger';
import { verifyFileChain } from '../support/desk';

const CYCLES = 3;
/** Acknowledged receives per cycle before the kill; four loops keep calls in flight when it comes. */
const ACKS_PER_CYCLE = 40;
const LOOPS = 4;

const dir = mkdtempSync(join(tmpdir(), 'lotdesk-kill-'));
const dbFile = join(dir, 'desk.db');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startServe(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lotdesk.mjs'), 'serve', '--db', dbFile, '--port', String(port), '--renderer', join(dir, 'no-renderer')], {
    cwd: ROOT,
    env: { ...process.env, LOTDESK_LAN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited:\n${output}`);
    try {
      const { status } = await new ApiClient(`http://127.0.0.1:${port}`).call('station.status');
      if (status === 200) return child;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Acked {
  lotId: string;
  lotCode: string;
  supplierLot: string;
}

describe('kill -9 while receiving', () => {
  it(`keeps every acknowledged receive over ${CYCLES} kills`, async () => {
    const acked: Acked[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const port = await freePort();
      const child = await startServe(port);
      const api = new ApiClient(`http://127.0.0.1:${port}`);
      if (cycle === 0) await api.result('station.loadDemo');
      await api.result('session.signIn', { username: 'clerk', secret: '1111' });
      const item = (await api.result<{ id: string; sku: string }[]>('catalog.items')).find((i) => i.sku === 'TEA-250')!;
      const supplier = (await api.result<{ id: string; code: string }[]>('catalog.parties', { kind: 'supplier' })).find((s) => s.code === 'SUP-HZT')!;

      let ackedThisCycle = 0;
      let killed = false;
      const killedAt = new Promise<void>((resolve) => {
        const loop = async (n: number) => {
          for (let i = 0; !killed; i++) {
            const supplierLot = `K${cycle}-${n}-${i}`;
            try {
              const { status, body } = await api.call('receiving.receive', { itemId: item.id, supplierId: supplier.id, supplierLot, quantity: 2, unit: 'pcs', expiryDate: '2030-01-01' });
              if (status !== 200) throw new Error(`receive answered ${status}: ${JSON.stringify(body)}`);
              const lot = (body.result as { lot: { id: string; code: string } }).lot;
              acked.push({ lotId: lot.id, lotCode: lot.code, supplierLot });
              if (++ackedThisCycle >= ACKS_PER_CYCLE && !killed) {
                // The kill comes while the other loops' calls are in flight.
                killed = true;
                child.kill('SIGKILL');
                resolve();
              }
            } catch (err) {
              if (!killed) throw err;
            }
          }
        };
        for (let n = 0; n < LOOPS; n++) void loop(n);
      });
      await killedAt;
      await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
      expect(child.signalCode).toBe('SIGKILL');

      // The file as the kill left it (database, WAL and shared memory), opened as the next start would.
      const db = new Database(dbFile);
      try {
        const lots = new Map((db.prepare('SELECT id, code, supplier_lot FROM lots').all() as { id: string; code: string; supplier_lot: string }[]).map((l) => [l.id, l]));
        const missing = acked.filter((a) => lots.get(a.lotId)?.code !== a.lotCode || lots.get(a.lotId)?.supplier_lot !== a.supplierLot);
        expect(missing, `cycle ${cycle}`).toEqual([]);
        const inBalances = db.prepare('SELECT COUNT(DISTINCT lot_id) FROM balances WHERE lot_id IN (SELECT value FROM json_each(?)) AND quantity > 0').pluck().get(JSON.stringify(acked.map((a) => a.lotId)));
        expect(inBalances).toBe(acked.length);
        const receipts = db.prepare("SELECT COUNT(DISTINCT lot_id) FROM movements WHERE lot_id IN (SELECT value FROM json_each(?))").pluck().get(JSON.stringify(acked.map((a) => a.lotId)));
        expect(receipts).toBe(acked.length);
        expect(new Set([...lots.values()].map((l) => l.code)).size).toBe(lots.size);
        expect(compareBalances(db)).toEqual([]);
        expect(verifyFileChain(db, dbFile, { checkpoints: true }).problems).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(acked.length).toBeGreaterThanOrEqual(CYCLES * ACKS_PER_CYCLE);
  }, 180_000);
});
