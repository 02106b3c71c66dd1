/**
 * A real HTTP proxy between desks and centre workers that misbehaves like a warehouse network,
 * by a seeded schedule (issue 20). Each request that matches `faultPaths` gets one fault, drawn
 * from `rates` with a seeded PRNG in arrival order (or taken from `plan` by arrival index):
 *
 * - `dropRequest`  the request never reaches the centre; the desk's connection is reset.
 * - `dropResponse` the centre answers (it committed), then the desk's connection is reset.
 * - `duplicate`    the centre gets the request twice (the copy a little later); the desk gets one answer.
 * - `delay`        the request is held maxDelayMs/2..maxDelayMs before it goes on (concurrent requests overtake it).
 * - `reorder`      the desk's connection is reset at once (it retries) and the held request is
 *                  delivered after the next request has gone through: a stale copy arrives late.
 * - `error5xx`     a 500/502/503 answer; half the time before the centre saw it, half after it committed.
 *
 * Other requests (e.g. the nudge stream) are piped untouched. Requests go round-robin over
 * `targets` (several central workers behind one address); a worker that refuses the connection
 * gets a 502, as a load balancer would answer. `offline` resets every new connection.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mulberry32 } from '../../src/app/demo/seed-scale';

export const FAULT_KINDS = ['dropRequest', 'dropResponse', 'duplicate', 'delay', 'reorder', 'error5xx'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Decision = FaultKind | 'pass';

export interface FaultProxyOptions {
  targets: string[];
  seed?: number;
  /** Probability of each fault per matching request (the rest pass). */
  rates?: Partial<Record<FaultKind, number>>;
  /** Decisions by arrival index of matching requests; overrides `rates` while it lasts. */
  plan?: Decision[];
  maxDelayMs?: number;
  /** Which request paths get faults; default the push, pull and snapshot endpoints. */
  faultPaths?: RegExp;
  port?: number;
}

export interface ProxyLogEntry {
  n: number;
  method: string;
  path: string;
  decision: Decision;
  target: string;
  /** Status the centre answered (undefined when it never saw the request or could not be reached). */
  upstream?: number;
}

export interface FaultProxy {
  url: string;
  /** Count of each decision taken so far. */
  stats: Record<Decision, number>;
  log: ProxyLogEntry[];
  setRates(rates: Partial<Record<FaultKind, number>>): void;
  setTargets(targets: string[]): void;
  /** While true every new connection is reset (the desk is offline). */
  offline: boolean;
  /** Resets every open streamed response (the nudge streams), as a network flap would. */
  cutStreams(): void;
  /** Requests sent to a worker and not yet answered by it (to kill a worker mid-batch). */
  pendingAt(target: string): number;
  /** Resolves when no forwarded request (held, duplicated or reordered copy) is still in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length'];

function forwardHeaders(headers: IncomingMessage['headers'], length: number): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_HEADERS.includes(k)) out[k] = v;
  out['content-length'] = String(length);
  return out;
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = mulberry32(options.seed ?? 1);
  const maxDelay = options.maxDelayMs ?? 200;
  const faultPaths = options.faultPaths ?? /^\/sync\/v1\/(push|pull|snapshot)\b/;
  let rates = { ...(options.rates ?? {}) };
  let targets = [...options.targets];
  let next = 0;
  let matched = 0;
  const stats = Object.fromEntries(['pass', ...FAULT_KINDS].map((k) => [k, 0])) as Record<Decision, number>;
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  const inFlight = new Set<Promise<unknown>>();
  const pending = new Map<string, number>();
  /** Reordered requests waiting for the next request to overtake them. */
  let parked: (() => void)[] = [];

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  function decide(): Decision {
    const planned = options.plan?.[matched];
    matched++;
    if (planned) return planned;
    let r = random();
    for (const kind of FAULT_KINDS) {
      const p = rates[kind] ?? 0;
      if (r < p) return kind;
      r -= p;
    }
    return 'pass';
  }

  function pickTarget(): string {
    const t = targets[next % targets.length];
    next++;
    return t;
  }

  /** Sends one buffered request to a worker and buffers its whole answer. */
  function send(target: string, req: IncomingMessage, body: Buffer): Promise<Upstream | null> {
    pending.set(target, (pending.get(target) ?? 0) + 1);
    const sent = new Promise<Upstream | null>((resolve) => {
      const url = new URL(req.url ?? '/', target);
      const up = httpRequest(url, { method: req.method, headers: forwardHeaders(req.headers, body.length) }, (res) => {
        readBody(res).then(
          (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
          () => resolve(null),
        );
      });
      up.on('error', () => resolve(null));
      up.end(body);
    });
    return track(sent.finally(() => pending.set(target, (pending.get(target) ?? 1) - 1)));
  }

  function answer(res: ServerResponse, up: Upstream | null): void {
    if (!up) {
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'proxy.badGateway' } }));
      return;
    }
    const headers = forwardHeaders(up.headers, up.body.length);
    res.writeHead(up.status, headers).end(up.body);
  }

  const reset = (res: ServerResponse) => res.socket?.destroy();

  /** Lets the reordered requests go, now that a later one has gone through. */
  function releaseParked(): void {
    const waiting = parked;
    parked = [];
    for (const go of waiting) go();
  }

  async function handleFaulted(req: IncomingMessage, res: ServerResponse, entry: ProxyLogEntry): Promise<void> {
    const body = await readBody(req);
    const target = entry.target;
    const run = async () => {
      const up = await send(target, req, body);
      entry.upstream = up?.status;
      return up;
    };
    switch (entry.decision) {
      case 'dropRequest':
        reset(res);
        return;
      case 'dropResponse':
        await run();
        reset(res);
        return;
      case 'duplicate': {
        const first = run();
        void track(sleep(random() * maxDelay).then(() => send(target, req, body)));
        answer(res, await first);
        return;
      }
      case 'delay':
        await track(sleep((0.5 + random() / 2) * maxDelay));
        answer(res, await run());
        return;
      case 'reorder': {
        reset(res);
        const held = new Promise<void>((go) => {
          parked.push(go);
          setTimeout(go, maxDelay * 5);
        });
        void track(held.then(run));
        return;
      }
      case 'error5xx': {
        const status = [500, 502, 503][Math.floor(random() * 3)];
        if (random() < 0.5) await run();
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'proxy.fault', status } }));
        return;
      }
      case 'pass': {
        const up = await run();
        releaseParked();
        answer(res, up);
      }
    }
  }

  /** Pipes a request and its answer as they stream (the nudge stream never ends). */
  function handlePiped(req: IncomingMessage, res: ServerResponse, entry: ProxyLogEntry): void {
    const url = new URL(req.url ?? '/', entry.target);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'host') headers[k] = v;
    const up = httpRequest(url, { method: req.method, headers }, (upRes) => {
      entry.upstream = upRes.statusCode;
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      res.flushHeaders();
      streams.add(res);
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    up.on('error', () => answer(res, null));
    res.on('close', () => {
      streams.delete(res);
      up.destroy();
    });
    req.pipe(up);
  }

  const proxy = { offline: false } as FaultProxy;
  const server: Server = createServer((req, res) => {
    if (proxy.offline) return reset(res);
    const path = (req.url ?? '/').split('?')[0];
    const faulted = faultPaths.test(path);
    const decision: Decision = faulted ? decide() : 'pass';
    stats[decision]++;
    const entry: ProxyLogEntry = { n: log.length, method: req.method ?? 'GET', path, decision, target: pickTarget() };
    log.push(entry);
    if (faulted) void handleFaulted(req, res, entry).catch(() => reset(res));
    else handlePiped(req, res, entry);
  });
  server.on('connection', (s) => {
    if (proxy.offline) {
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    stats,
    log,
    setRates(r: Partial<Record<FaultKind, number>>) {
      rates = { ...r };
    },
    setTargets(t: string[]) {
      targets = [...t];
    },
    pendingAt: (target: string) => pending.get(target) ?? 0,
    cutStreams() {
      for (const s of streams) s.destroy();
      streams.clear();
    },
    async idle() {
      releaseParked();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      releaseParked();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await proxy.idle();
    },
  });
}

/** Closes the proxies and then the servers of a test (afterEach), connections and all. */
export async function closeAll(proxies: FaultProxy[], servers: Server[]): Promise<void> {
  for (const p of proxies.splice(0)) await p.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
}
