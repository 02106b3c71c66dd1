/**
 * Sync properties over random schedules (issue 20): fast-check draws the desks and their
 * receive / pick / ship / sync commands, the fault rates of every kind, which central worker is
 * killed when, and when a lot is held, recalled or released centrally. Each run uses fresh
 * stations on one 3-worker centre; after it every invariant holds (tests/support/sync-invariants.ts).
 * Small sizes, so the file stays well under a minute; a failure prints its seed and schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startCluster, type Cluster } from '../support/central-cluster';
import { FAULT_KINDS } from '../support/fault-proxy';
import { checkInvariants, wireView } from '../support/sync-invariants';
import { runSchedule, type DeskCommand, type Schedule } from '../support/sync-run';

let cluster: Cluster;
let run = 0;
beforeAll(async () => {
  cluster = await startCluster({ workers: 3 });
});
afterAll(async () => {
  await cluster?.stop();
});

const commandArb: fc.Arbitrary<DeskCommand> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('pick' as const), quantity: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('ship' as const), quantity: fc.integer({ min: 1, max: 9 }) }),
  fc.constant({ kind: 'sync' as const }),
);

const scheduleArb: fc.Arbitrary<Omit<Schedule, 'prefix'>> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  desks: fc.array(fc.array(commandArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
  rates: fc.record(Object.fromEntries(FAULT_KINDS.map((k) => [k, fc.double({ min: 0, max: 0.1, noNaN: true })])) as Record<(typeof FAULT_KINDS)[number], fc.Arbitrary<number>>),
  kills: fc.array(fc.record({ worker: fc.integer({ min: 0, max: 2 }), afterCommands: fc.integer({ min: 0, max: 20 }) }), { maxLength: 1 }),
  statusChanges: fc.array(fc.record({ status: fc.constantFrom('on_hold' as const, 'recalled' as const, 'released' as const), afterCommands: fc.integer({ min: 0, max: 20 }) }), { maxLength: 2 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
});

describe('sync over random schedules of desks, faults and workers', () => {
  it('keeps every invariant', { timeout: 150_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb, async (s) => {
        const { desks, proxy } = await runSchedule(cluster, { ...s, prefix: `p${run++}` });
        await proxy.close();
        expect(desks.every((d) => d.waiting === 0)).toBe(true);
        expect(await checkInvariants(cluster.db, desks.map(wireView))).toEqual([]);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
