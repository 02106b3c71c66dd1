/**
 * A desk reduced to its sync wire (SYNC-PROTOCOL.md): it makes receive / pick / ship facts as
 * `row` events of lots and movements with a gap-free sequence, keeps its own (lot, location)
 * balances, pushes its outbox in batches with retries, and pulls the centre's changes with the
 * cursor. The fault tests use it to drive many stations and the benchmark to push fast; it is a
 * second, independent client of the protocol next to the real desk's (src/sync/), so a bug in
 * one is not hidden by the same bug in the other.
 *
 * Every pull page is "applied" together with its cursor (one step, as the desk's SQLite
 * transaction), and every applied change id is recorded so a test can prove each change was
 * applied exactly once and that cursors only moved forward.
 */
import { newId } from '../../src/store/ids';
import { compareCursors, decodeCursor, START } from '../../src/sync-protocol/cursor';
import { EVENT_SCHEMA_VERSION } from '../../src/sync-protocol/events';

export const WIRE_ITEM = 'wire-item-1';
export const WIRE_BINS = { receiving: 'wire-loc-rcv', bin: 'wire-loc-a1', staging: 'wire-loc-stg' } as const;

export interface WireEvent {
  id: string;
  station: string;
  seq: number;
  schema: 1;
  at: string;
  kind: 'row';
  table: string;
  key: string;
  op: 'put' | 'delete';
  row: Record<string, unknown> | null;
}

export interface PullChange {
  id: string;
  kind: string;
  key: string;
  body: unknown;
}

export interface WireDeskOptions {
  station: string;
  token: string;
  centreId: string;
  /** The centre (usually the fault proxy in front of the workers). */
  url: string;
  batchSize?: number;
  /** Per request; a held request (delay/reorder) fails at this and is retried. */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether cursor a comes before b (the protocol's order); null is the start. */
export function cursorBefore(a: string | null, b: string | null): boolean {
  const [ca, cb] = [a ? decodeCursor(a) : START, b ? decodeCursor(b) : START];
  if (!ca || !cb) throw new Error(`not a cursor: ${a} / ${b}`);
  return compareCursors(ca, cb) < 0;
}

export class WireDesk {
  readonly outbox: WireEvent[] = [];
  /** Last seq the centre acknowledged. */
  pushed = 0;
  cursor: string | null = null;
  readonly cursors: string[] = [];
  readonly applied: PullChange[] = [];
  readonly lotStatus = new Map<string, string>();
  readonly balances = new Map<string, number>();
  /** Wall times (ms) of each acknowledged push request, for the benchmark. */
  readonly batchLatencies: number[] = [];
  retries = 0;
  readonly errors: string[] = [];
  private movementSeq = 0;
  private waiters: { lotId: string; status: string; resolve: (at: number) => void }[] = [];
  private pulling: Promise<number> | null = null;
  private pullAgain = false;

  constructor(readonly options: WireDeskOptions) {}

  get station(): string {
    return this.options.station;
  }

  private emit(table: string, key: string, row: Record<string, unknown>, at: string): void {
    this.outbox.push({ id: newId(), station: this.station, seq: this.outbox.length + 1, schema: EVENT_SCHEMA_VERSION, at, kind: 'row', table, key, op: 'put', row });
  }

  private move(kind: 'receive' | 'pick' | 'ship', lotId: string, quantity: number, from: string | null, to: string | null, at: string): void {
    const id = newId();
    this.movementSeq++;
    const row = {
      seq: this.movementSeq,
      id,
      kind,
      station_id: this.station,
      user_id: `${this.station}-user`,
      at,
      item_id: WIRE_ITEM,
      lot_id: lotId,
      quantity,
      from_location_id: from,
      to_location_id: to,
      document_id: null,
      document_line_id: null,
      reason: null,
    };
    this.emit('movements', id, row, at);
    if (from) this.addBalance(lotId, from, -quantity);
    if (to) this.addBalance(lotId, to, quantity);
  }

  private addBalance(lotId: string, location: string, delta: number): void {
    const k = `${lotId}|${location}`;
    const q = (this.balances.get(k) ?? 0) + delta;
    if (q === 0) this.balances.delete(k);
    else this.balances.set(k, q);
  }

  /** Receives a new lot into the receiving bin; returns its id. */
  receive(quantity: number, at = new Date().toISOString()): string {
    const lotId = newId();
    this.emit(
      'lots',
      lotId,
      { id: lotId, item_id: WIRE_ITEM, code: `L-${lotId.slice(-8)}`, supplier_id: null, supplier_lot: null, production_date: null, expiry_date: '2030-01-01', best_before_date: null, status: 'released', created_at: at, created_by: `${this.station}-user` },
      at,
    );
    this.move('receive', lotId, quantity, null, WIRE_BINS.receiving, at);
    return lotId;
  }

  /** Picks from the receiving bin to staging (a local move: the lot's total stays). */
  pick(lotId: string, quantity: number, at = new Date().toISOString()): void {
    this.move('pick', lotId, quantity, WIRE_BINS.receiving, WIRE_BINS.staging, at);
  }

  /** Ships out of `from`: the lot's stock goes down. A desk may ship a lot it never received (stock another desk holds). */
  ship(lotId: string, quantity: number, from: string = WIRE_BINS.staging, at = new Date().toISOString()): void {
    this.move('ship', lotId, quantity, from, null, at);
  }

  get waiting(): number {
    return this.outbox.length - this.pushed;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' };
  }

  /** One push request of the next batch; returns the HTTP status, or 0 for a network failure. */
  async pushOnce(): Promise<number> {
    const from = this.pushed + 1;
    const events = this.outbox.slice(this.pushed, this.pushed + (this.options.batchSize ?? 200));
    if (events.length === 0) return 200;
    const started = performance.now();
    try {
      const res = await fetch(`${this.options.url}/sync/v1/push`, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({ centreId: this.options.centreId, from, events }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const body = (await res.json().catch(() => null)) as { acked?: number; error?: { code: string; params?: { resendFrom?: number } } } | null;
      if (res.status === 200 && typeof body?.acked === 'number') {
        this.batchLatencies.push(performance.now() - started);
        // The watermark never goes back; an answer for an older (replayed) batch may be lower.
        this.pushed = Math.max(this.pushed, Math.min(body.acked, this.outbox.length));
      } else if (res.status === 409 && /^(sync\.)?gap$/.test(body?.error?.code ?? '') && typeof body?.error?.params?.resendFrom === 'number') {
        this.pushed = body.error.params.resendFrom - 1;
      } else if (res.status < 500) {
        this.errors.push(`push ${res.status} ${JSON.stringify(body)}`);
      }
      return res.status;
    } catch {
      return 0;
    }
  }

  /** Pushes until the outbox is empty, retrying failures with jittered backoff (bounded by `deadline`). */
  async pushAll(deadlineMs = 60_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    let backoff = 20;
    while (this.waiting > 0) {
      const status = await this.pushOnce();
      if (status === 200 || status === 409) {
        backoff = 20;
        continue;
      }
      if (status !== 0 && status < 500) throw new Error(`${this.station}: push refused: ${this.errors.at(-1)}`);
      this.retries++;
      if (Date.now() > deadline) throw new Error(`${this.station}: push did not finish (${this.waiting} waiting)`);
      await sleep(backoff * (0.5 + Math.random()));
      backoff = Math.min(backoff * 2, 500);
    }
  }

  /** Applies one page and its cursor together: nothing of a page counts unless all of it does. */
  private apply(changes: PullChange[], cursor: string): void {
    for (const c of changes) {
      this.applied.push(c);
      if (c.kind === 'lot_status' && c.body && typeof c.body === 'object') this.lotStatus.set(c.key, String((c.body as { status: string }).status));
    }
    const now = performance.now();
    this.waiters = this.waiters.filter((w) => {
      if (this.lotStatus.get(w.lotId) !== w.status) return true;
      w.resolve(now);
      return false;
    });
    this.cursor = cursor;
    this.cursors.push(cursor);
  }

  /** Pulls pages until `hasMore` is false, retrying failures; returns the number of changes applied. */
  async pullAll(deadlineMs = 60_000, limit = 500): Promise<number> {
    const deadline = Date.now() + deadlineMs;
    let count = 0;
    let backoff = 20;
    for (;;) {
      try {
        const q = new URLSearchParams({ limit: String(limit), ...(this.cursor ? { cursor: this.cursor } : {}) });
        const res = await fetch(`${this.options.url}/sync/v1/pull?${q}`, { headers: { authorization: `Bearer ${this.options.token}` }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
        if (res.status === 200) {
          const body = (await res.json()) as { changes: PullChange[]; cursor: string; hasMore: boolean };
          this.apply(body.changes, body.cursor);
          count += body.changes.length;
          backoff = 20;
          if (!body.hasMore) return count;
          continue;
        }
        if (res.status < 500) throw new Error(`${this.station}: pull ${res.status} ${await res.text()}`);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith(`${this.station}: pull`)) throw err;
      }
      this.retries++;
      if (Date.now() > deadline) throw new Error(`${this.station}: pull did not finish`);
      await sleep(backoff * (0.5 + Math.random()));
      backoff = Math.min(backoff * 2, 500);
    }
  }

  /** Resolves with the time (performance.now) a pull page set the lot to that status. */
  whenStatus(lotId: string, status: string): Promise<number> {
    if (this.lotStatus.get(lotId) === status) return Promise.resolve(performance.now());
    return new Promise((resolve) => this.waiters.push({ lotId, status, resolve }));
  }

  /** One pull loop at a time; a nudge during a pull runs one more after it. */
  private nudged(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = this.pullAll().finally(() => {
      this.pulling = null;
      if (this.pullAgain) {
        this.pullAgain = false;
        this.nudged();
      }
    });
    this.pulling.catch((err: Error) => this.errors.push(err.message));
  }

  /** Listens to the centre's nudges (SSE) and pulls on each; resolves once the stream is open. Returns a stop function. */
  async listen(): Promise<() => void> {
    const abort = new AbortController();
    const res = await fetch(`${this.options.url}/sync/v1/nudges`, { headers: { authorization: `Bearer ${this.options.token}`, accept: 'text/event-stream' }, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`${this.station}: nudges ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: change$/m.test(message)) this.nudged();
          }
        }
      } catch {
        /* stopped */
      }
    })();
    return () => abort.abort();
  }
}
