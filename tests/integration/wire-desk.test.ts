/**
 * The test harness checked on its own, before it judges the centre: wire desks pushing and pulling
 * through the fault proxy (every fault kind at high rates) to a minimal in-memory centre that
 * follows the protocol (watermark, gap → resendFrom, replays skipped, cursor pages, nudges) end
 * with every event stored once in order, every change applied once, cursors forward only — so
 * a violation in the real tests is the centre's or the desk's, not the harness's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAll, FAULT_KINDS, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { cursorBefore, WireDesk, type WireEvent } from '../support/wire-desk';

const servers: Server[] = [];
const proxies: FaultProxy[] = [];
afterEach(() => closeAll(proxies, servers));

const cursorOf = (i: number) => Buffer.from(JSON.stringify({ c: 'fake', x: '1', i: String(i) })).toString('base64url');

/** The protocol's push and pull, in memory. */
async function fakeCentre() {
  const stored = new Map<string, WireEvent[]>();
  const changes: { id: string; kind: string; key: string; body: unknown }[] = [];
  const streams = new Set<ServerResponse>();
  const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const read = async (req: IncomingMessage) => {
    let text = '';
    for await (const c of req) text += String(c);
    return JSON.parse(text) as { from: number; events: WireEvent[] };
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/sync/v1/push') {
      void read(req).then(({ from, events }) => {
        const list = stored.get(events[0].station) ?? [];
        stored.set(events[0].station, list);
        if (from > list.length + 1) return json(res, 409, { error: { code: 'gap', key: 'errors.sync.gap', params: { resendFrom: list.length + 1 } } });
        for (const e of events) if (e.seq === list.length + 1) list.push(e);
        json(res, 200, { acked: list.length, exceptions: 0 });
      });
    } else if (url.pathname === '/sync/v1/pull') {
      const after = url.searchParams.get('cursor') ? Number(JSON.parse(Buffer.from(url.searchParams.get('cursor')!, 'base64url').toString()).i) : 0;
      const page = changes.filter((c) => Number(c.id) > after).slice(0, Number(url.searchParams.get('limit') ?? 50));
      const last = page.length ? Number(page.at(-1)!.id) : after;
      json(res, 200, { centreId: 'fake', changes: page, cursor: cursorOf(last), hasMore: changes.some((c) => Number(c.id) > last) });
    } else if (url.pathname === '/sync/v1/nudges') {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      streams.add(res);
      res.on('close', () => streams.delete(res));
    } else json(res, 404, {});
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stored,
    changes,
    setStatus(lotId: string, status: string) {
      changes.push({ id: String(changes.length + 1), kind: 'lot_status', key: lotId, body: { lotId, status, reason: null } });
      for (const s of streams) s.write(`event: change\ndata: {"cursor":"${cursorOf(changes.length)}"}\n\n`);
    },
  };
}

describe('wire desks through the fault proxy to a protocol-true centre', () => {
  it('deliver every event once in order and apply every change once', { timeout: 60_000 }, async () => {
    const centre = await fakeCentre();
    const proxy = await startFaultProxy({ targets: [centre.url], seed: 99, rates: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0.08])), maxDelayMs: 40 });
    proxies.push(proxy);
    const desks = Array.from({ length: 5 }, (_, i) => new WireDesk({ station: `w${i}`, token: `w${i}.s`, centreId: 'fake', url: proxy.url, batchSize: 3, timeoutMs: 500 }));
    for (let round = 0; round < 4; round++) {
      for (const d of desks) {
        const lot = d.receive(5);
        d.pick(lot, 3);
        d.ship(lot, 2);
      }
      centre.setStatus(desks[round].outbox[0].key, 'on_hold');
      await Promise.all(desks.map((d) => d.pushAll().then(() => d.pullAll(30_000, 2))));
    }
    proxy.setRates({});
    await proxy.idle();
    await Promise.all(desks.map((d) => d.pullAll()));
    for (const k of FAULT_KINDS) expect(proxy.stats[k], k).toBeGreaterThan(0);
    for (const d of desks) {
      expect(centre.stored.get(d.station)!.map((e) => e.id)).toEqual(d.outbox.map((e) => e.id));
      expect(d.applied.map((c) => c.id)).toEqual(centre.changes.map((c) => c.id));
      expect(d.cursors.some((c, i) => i > 0 && cursorBefore(c, d.cursors[i - 1]))).toBe(false);
    }
  });

  it('pulls on a nudge', { timeout: 30_000 }, async () => {
    const centre = await fakeCentre();
    const desk = new WireDesk({ station: 'n1', token: 'n1.s', centreId: 'fake', url: centre.url });
    const stop = await desk.listen();
    const seen = desk.whenStatus('lot-1', 'recalled');
    centre.setStatus('lot-1', 'recalled');
    // Seen on the nudge, long before the 30–60 s poll would run (the test's timeout is 30 s).
    expect(await seen).toBeGreaterThan(0);
    stop();
  });
});
