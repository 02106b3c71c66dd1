/**
 * One run of the sync fault tests: enrolled wire desks do their commands and push and pull
 * concurrently through the fault proxy, central workers are killed with SIGKILL while batches
 * are in flight and started again, lots are held or recalled centrally; then the network heals,
 * every desk drains its outbox and pulls, and the invariants are checked (sync-invariants.ts).
 */
import type { Cluster } from './central-cluster';
import { enrolStation } from './central-cluster';
import { startFaultProxy, type FaultKind, type FaultProxy } from './fault-proxy';
import { WireDesk, WIRE_BINS } from './wire-desk';

export type DeskCommand = { kind: 'receive'; quantity: number } | { kind: 'pick'; quantity: number } | { kind: 'ship'; quantity: number } | { kind: 'sync' };

export interface Schedule {
  seed: number;
  /** One list of commands per desk. */
  desks: DeskCommand[][];
  rates: Partial<Record<FaultKind, number>>;
  /** Workers to kill (index), each after that many desk commands were done in all. */
  kills: { worker: number; afterCommands: number }[];
  /** Central lot-status changes, each after that many commands (lot picked among received ones). */
  statusChanges: { status: 'on_hold' | 'recalled' | 'released'; afterCommands: number }[];
  batchSize?: number;
  /** Station id prefix, unique per run on a shared centre. */
  prefix: string;
}

export interface RunResult {
  desks: WireDesk[];
  proxy: FaultProxy;
  /** Kills that hit a worker with a request in flight. */
  killsMidBatch: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Does one command on a wire desk; pick and ship take from the stock the desk has. */
function perform(desk: WireDesk, cmd: DeskCommand, lots: string[]): void {
  const stockAt = (bin: string) => [...desk.balances].filter(([k, q]) => k.endsWith(`|${bin}`) && q > 0).map(([k, q]) => ({ lot: k.split('|')[0], q }));
  if (cmd.kind === 'receive') lots.push(desk.receive(cmd.quantity));
  if (cmd.kind === 'pick') {
    const s = stockAt(WIRE_BINS.receiving)[0];
    if (s) desk.pick(s.lot, Math.min(s.q, cmd.quantity));
  }
  if (cmd.kind === 'ship') {
    const s = stockAt(WIRE_BINS.staging)[0];
    if (s) desk.ship(s.lot, Math.min(s.q, cmd.quantity));
  }
}

export async function runSchedule(cluster: Cluster, schedule: Schedule): Promise<RunResult> {
  const proxy = await startFaultProxy({ targets: cluster.urls, seed: schedule.seed, rates: schedule.rates, maxDelayMs: 150 });
  const desks = await Promise.all(
    schedule.desks.map(async (_, i) => {
      const station = `${schedule.prefix}-d${i}`;
      const cred = await enrolStation(cluster.urls[i % cluster.urls.length], cluster.admin, station);
      return new WireDesk({ station, token: cred.token, centreId: cred.centreId, url: proxy.url, batchSize: schedule.batchSize ?? 20, timeoutMs: 3_000 });
    }),
  );
  const lots: string[] = [];
  let done = 0;
  let killsMidBatch = 0;
  const kills = [...schedule.kills].sort((a, b) => a.afterCommands - b.afterCommands);
  const changes = [...schedule.statusChanges].sort((a, b) => a.afterCommands - b.afterCommands);
  const restarts: Promise<void>[] = [];

  /** Central events due after `done` commands: kill workers (restarted after a while), change lot status. */
  let target: string | undefined;
  const dueNow = async () => {
    while (kills[0] && kills[0].afterCommands <= done) {
      const k = kills.shift()!;
      const w = cluster.workers[k.worker % cluster.workers.length];
      // Mid-batch: wait (briefly) for a request in flight to that worker, then kill.
      for (let i = 0; i < 200 && proxy.pendingAt(w.url) === 0; i++) await sleep(5);
      if (proxy.pendingAt(w.url) > 0) killsMidBatch++;
      await w.kill9();
      restarts.push(sleep(300).then(() => w.start()));
    }
    while (changes[0] && changes[0].afterCommands <= done) {
      // The centre can hold or recall only a lot it knows (a receipt that reached it); until one
      // has, the change waits. Every change goes to that one lot, so its last word is the last change.
      target ??= (await cluster.db.query<{ lot_id: string }>('SELECT lot_id FROM central_lots WHERE lot_id = ANY($1) ORDER BY lot_id LIMIT 1', [lots]))[0]?.lot_id;
      if (!target) break;
      const c = changes.shift()!;
      await cluster.admin.setLotStatus(target, c.status, `fault test ${c.status}`);
    }
  };
  // One at a time: 20 desks call it after every command, and the changes must reach the centre in order.
  let dueChain = Promise.resolve();
  const due = () => (dueChain = dueChain.then(dueNow));

  await Promise.all(
    desks.map(async (desk, i) => {
      // One sync loop per desk, running alongside the next commands; a `sync` while it runs is a no-op.
      let loop: Promise<void> | null = null;
      for (const cmd of schedule.desks[i]) {
        if (cmd.kind === 'sync') {
          loop ??= desk
            .pushAll(120_000)
            .then(() => desk.pullAll(120_000))
            .then(() => void (loop = null));
        } else perform(desk, cmd, lots);
        done++;
        await due();
        await sleep(1);
      }
      await loop;
    }),
  );
  await Promise.all(restarts);
  // Heal: the network is good again and every worker runs; drain and pull, let stale copies land.
  proxy.setRates({});
  await proxy.idle();
  await Promise.all(desks.map((d) => d.pushAll(60_000)));
  await proxy.idle();
  await Promise.all(desks.map((d) => d.pullAll(60_000)));
  return { desks, proxy, killsMidBatch };
}
