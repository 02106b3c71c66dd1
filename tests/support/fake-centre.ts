/**
 * A small stand-in centre for the desk's sync tests (node:http, the protocol's wire shapes), so the
 * desk side is tested before and apart from the real server: it keeps events by id with a watermark,
 * serves a list of changes with a cursor, and can answer gap or resync on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SyncError } from '../../src/sync-protocol/errors';
import type { Change } from '../../src/sync-protocol/messages';

export interface FakeCentre {
  url: string;
  centreId: string;
  events: Map<string, Record<string, unknown>>;
  watermark: number;
  changes: Change[];
  pushes: { from: number; count: number }[];
  /** Answer the next pull with 410 resync. */
  resyncNext: boolean;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** `again`: the same centre started anew on its old port, with what it had stored (a centre back after an outage). */
export async function startFakeCentre(again?: FakeCentre): Promise<FakeCentre> {
  const centre: FakeCentre = again ?? { url: '', centreId: 'centre-1', events: new Map(), watermark: 0, changes: [], pushes: [], resyncNext: false, close: async () => undefined };
  const refuse = (res: ServerResponse, e: SyncError) => send(res, e.status, e.toBody());
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/sync/v1/enrol') {
        const b = (await body(req)) as { code: string };
        if (b.code !== 'GOOD-CODE') return refuse(res, new SyncError('codeInvalid'));
        return send(res, 200, { centreId: centre.centreId, siteCode: 'WH1', secret: 's3cret' });
      }
      if (req.headers.authorization === undefined) return refuse(res, new SyncError('unauthenticated'));
      if (req.method === 'POST' && url.pathname === '/sync/v1/push') {
        const b = (await body(req)) as { from: number; events: Record<string, unknown>[] };
        centre.pushes.push({ from: b.from, count: b.events.length });
        if (b.from > centre.watermark + 1) return refuse(res, new SyncError('gap', { resendFrom: centre.watermark + 1 }));
        for (const e of b.events) {
          if ((e.seq as number) <= centre.watermark) continue;
          centre.events.set(e.id as string, e);
          centre.watermark = e.seq as number;
        }
        return send(res, 200, { acked: centre.watermark, exceptions: 0 });
      }
      if (req.method === 'GET' && url.pathname === '/sync/v1/pull') {
        if (centre.resyncNext) {
          centre.resyncNext = false;
          return refuse(res, new SyncError('resync'));
        }
        const at = Number(url.searchParams.get('cursor') || '0');
        const limit = Number(url.searchParams.get('limit') || '100');
        const page = centre.changes.slice(at, at + limit);
        return send(res, 200, { centreId: centre.centreId, changes: page, cursor: String(at + page.length), hasMore: at + page.length < centre.changes.length });
      }
      if (req.method === 'GET' && url.pathname === '/sync/v1/snapshot') {
        const lotStatus = [...new Map(centre.changes.filter((c) => c.kind === 'lot_status').map((c) => [c.key, c.body])).values()];
        return send(res, 200, { centreId: centre.centreId, cursor: String(centre.changes.length), items: [], parties: [], locations: [], users: [], boms: [], qcPlans: [], lotStatus, after: null });
      }
      if (req.method === 'GET' && url.pathname === '/sync/v1/nudges') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': ping\n\n');
        return;
      }
      send(res, 404, { error: { code: 'notFound', key: 'errors.sync.notFound', params: {} } });
    })();
  });
  await new Promise<void>((r) => server.listen(again ? Number(new URL(again.url).port) : 0, '127.0.0.1', r));
  centre.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  centre.close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return centre;
}
