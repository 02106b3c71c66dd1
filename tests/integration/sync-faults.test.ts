/**
 * Sync under a warehouse network's faults (issue 20), on real PostgreSQL: 3 central worker
 * processes behind the fault proxy (every fault kind), 20 desks receiving, picking and shipping
 * while they push and pull, a worker killed with SIGKILL while batches are in flight and started
 * again, lots held and recalled centrally. After the run: one central row per event id, gap-free
 * sequences, every change applied once per desk, cursors forward only, stock hashes equal,
 * exceptions once (two desks shipping the same lot below zero make one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolStation, startCluster, type Cluster } from '../support/central-cluster';
import { FAULT_KINDS } from '../support/fault-proxy';
import { checkInvariants, wireView } from '../support/sync-invariants';
import { runSchedule, type DeskCommand } from '../support/sync-run';
import { mulberry32 } from '../../src/app/demo/seed-scale';
import { WireDesk, WIRE_BINS } from '../support/wire-desk';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ workers: 3 });
});
afterAll(async () => {
  await cluster?.stop();
});

function commands(seed: number, n: number): DeskCommand[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, i): DeskCommand => {
    if (i % 6 === 5) return { kind: 'sync' };
    const x = r();
    const quantity = 1 + Math.floor(r() * 9);
    return x < 0.45 ? { kind: 'receive', quantity } : x < 0.75 ? { kind: 'pick', quantity } : { kind: 'ship', quantity };
  });
}

describe('sync through the fault proxy, 3 workers, 20 desks', () => {
  it('keeps every invariant through every fault kind and a worker killed mid-batch', { timeout: 120_000 }, async () => {
    const rates = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0.05]));
    const { desks, proxy, killsMidBatch } = await runSchedule(cluster, {
      seed: 20,
      prefix: 'faults',
      desks: Array.from({ length: 20 }, (_, i) => commands(100 + i, 36)),
      rates,
      kills: [
        { worker: 1, afterCommands: 200 },
        { worker: 2, afterCommands: 450 },
      ],
      statusChanges: [
        { status: 'on_hold', afterCommands: 100 },
        { status: 'recalled', afterCommands: 300 },
        { status: 'released', afterCommands: 500 },
      ],
    });
    await proxy.close();
    for (const k of FAULT_KINDS) expect(proxy.stats[k], k).toBeGreaterThan(0);
    expect(killsMidBatch).toBeGreaterThan(0);
    expect(desks.every((d) => d.waiting === 0)).toBe(true);
    expect(desks.reduce((n, d) => n + d.outbox.length, 0)).toBeGreaterThan(500);
    expect(await checkInvariants(cluster.db, desks.map(wireView))).toEqual([]);
    // The recall reached every desk (the last word on that lot is "released").
    for (const d of desks) expect([...d.lotStatus.values()]).toContain('released');
  });

  it('records one exception when two desks ship the same lot below zero, however often they resend', { timeout: 60_000 }, async () => {
    const desks = await Promise.all(
      ['neg-a', 'neg-b', 'neg-c'].map(async (station) => {
        const cred = await enrolStation(cluster.urls[0], cluster.admin, station);
        return new WireDesk({ station, token: cred.token, centreId: cred.centreId, url: cluster.urls[1], batchSize: 1 });
      }),
    );
    const [a, b, c] = desks;
    const lot = a.receive(5);
    await a.pushAll();
    b.ship(lot, 4, WIRE_BINS.receiving);
    c.ship(lot, 4, WIRE_BINS.receiving);
    await Promise.all([b.pushAll(), c.pushAll()]);
    // Replays of the whole outbox (every event again) change nothing.
    for (const d of desks) {
      d.pushed = 0;
      await d.pushAll();
    }
    const rows = await cluster.db.query<{ kind: string; lot_id: string }>('SELECT kind, lot_id FROM exceptions WHERE lot_id = $1', [lot]);
    expect(rows).toEqual([{ kind: 'negative_stock', lot_id: lot }]);
  });
});
