/**
 * The fault proxy itself (tests/support/fault-proxy.ts): each fault does what it says on a real
 * socket, seeded schedules replay, round-robin spreads over workers, streams pass through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAll, FAULT_KINDS, startFaultProxy, type Decision, type FaultProxy } from '../support/fault-proxy';

interface Upstream {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

const servers: Server[] = [];
const proxies: FaultProxy[] = [];
afterEach(() => closeAll(proxies, servers));

/** A fake worker: records each request body, answers `{worker, body}`; /sync/v1/nudges streams. */
async function upstream(name: string): Promise<Upstream> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/sync/v1/nudges') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: change\ndata: {"cursor":"a"}\n\n');
      setTimeout(() => res.write('event: change\ndata: {"cursor":"b"}\n\n'), 50);
      return;
    }
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      seen.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ worker: name, body }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: async () => undefined };
}

async function proxyOver(targets: Upstream[], options: { plan?: Decision[]; seed?: number; maxDelayMs?: number; rates?: Record<string, number> } = {}) {
  const p = await startFaultProxy({ targets: targets.map((t) => t.url), maxDelayMs: 60, ...options });
  proxies.push(p);
  return p;
}

async function push(p: FaultProxy, body: string): Promise<{ status: number; json: { worker: string; body: string } } | 'reset'> {
  try {
    const res = await fetch(`${p.url}/sync/v1/push`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    return { status: res.status, json: (await res.json()) as { worker: string; body: string } };
  } catch {
    return 'reset';
  }
}

describe('fault proxy', () => {
  it('passes a request through and answers with the worker answer', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w]);
    expect(await push(p, 'a')).toEqual({ status: 200, json: { worker: 'w1', body: 'a' } });
    expect(w.seen).toEqual(['a']);
  });

  it('drops a request before the centre sees it', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: ['dropRequest'] });
    expect(await push(p, 'a')).toBe('reset');
    await p.idle();
    expect(w.seen).toEqual([]);
  });

  it('drops the answer after the centre answered', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: ['dropResponse'] });
    expect(await push(p, 'a')).toBe('reset');
    expect(w.seen).toEqual(['a']);
  });

  it('duplicates a request: the centre sees it twice, the desk gets one answer', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: ['duplicate'] });
    expect(await push(p, 'a')).toMatchObject({ status: 200 });
    await p.idle();
    expect(w.seen).toEqual(['a', 'a']);
  });

  it('delays a request so that a later one overtakes it', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: ['delay', 'pass'], maxDelayMs: 300, seed: 7 });
    const slow = push(p, 'first');
    await new Promise((r) => setTimeout(r, 10));
    await push(p, 'second');
    await slow;
    expect(w.seen).toEqual(['second', 'first']);
  });

  it('reorders: resets the desk at once and delivers the stale copy after the next request', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: ['reorder', 'pass'] });
    expect(await push(p, 'stale')).toBe('reset');
    expect(w.seen).toEqual([]);
    expect(await push(p, 'retry')).toMatchObject({ status: 200 });
    await p.idle();
    expect(w.seen).toEqual(['retry', 'stale']);
  });

  it('answers 5xx, sometimes after the centre committed', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: Array(20).fill('error5xx') as Decision[], seed: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await push(p, String(i));
      if (r !== 'reset') statuses.push(r.status);
    }
    expect(statuses).toHaveLength(20);
    expect(statuses.every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(w.seen.length).toBeGreaterThan(0);
    expect(w.seen.length).toBeLessThan(20);
  });

  it('round-robins over several workers and answers 502 for a worker that is down', async () => {
    const [a, b] = [await upstream('a'), await upstream('b')];
    const p = await proxyOver([a, b, { url: 'http://127.0.0.1:1', seen: [], close: async () => undefined }]);
    const workers: (string | number)[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await push(p, String(i));
      workers.push(r === 'reset' ? 'reset' : r.status === 200 ? r.json.worker : r.status);
    }
    expect(workers).toEqual(['a', 'b', 502, 'a', 'b', 502]);
  });

  it('draws the same schedule from the same seed, every kind at the given rates', async () => {
    const w = await upstream('w1');
    const rates = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0.1]));
    const run = async () => {
      const p = await proxyOver([w], { seed: 42, rates, maxDelayMs: 5 });
      for (let i = 0; i < 60; i++) await push(p, String(i));
      await p.idle();
      return p.log.map((e) => e.decision);
    };
    const [first, second] = [await run(), await run()];
    expect(first).toEqual(second);
    for (const k of FAULT_KINDS) expect(first).toContain(k);
  });

  it('pipes the nudge stream untouched, goes offline, and cuts streams', async () => {
    const w = await upstream('w1');
    const p = await proxyOver([w], { plan: Array(5).fill('dropRequest') as Decision[] });
    const res = await fetch(`${p.url}/sync/v1/nudges`);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('"b"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: change');
    p.cutStreams();
    await expect(reader.read()).rejects.toThrow();
    p.offline = true;
    await expect(fetch(`${p.url}/sync/v1/nudges`)).rejects.toThrow();
    p.offline = false;
    expect(p.stats.pass).toBe(1);
  });
});
