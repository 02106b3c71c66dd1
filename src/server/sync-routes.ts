/** The station side of the centre: /sync/v1/* (enrol, push, pull, snapshot, nudges). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { EnrolRequestSchema, NUDGE_PING_MS, PullQuerySchema, SYNC_PREFIX } from '../sync-protocol/messages';
import { authenticateStation } from './auth';
import { pullChanges } from './changes';
import type { CentralContext } from './context';
import { readSnapshot } from './central-data';
import { enrolStation } from './enrolment';
import { pushBatch } from './push';
import { parseInput } from './validate';


export const syncRoutes: FastifyPluginAsync<{ central: CentralContext }> = async (app, { central }) => {
  const { db, centreId } = central;
  const station = (req: FastifyRequest) => authenticateStation(db, req);
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });

  app.post(`${SYNC_PREFIX}/enrol`, async (req) => enrolStation(db, centreId, parseInput(EnrolRequestSchema, req.body)));

  app.post(`${SYNC_PREFIX}/push`, async (req) => pushBatch(db, centreId, await station(req), req.body));

  app.get(`${SYNC_PREFIX}/pull`, async (req) => {
    const who = await station(req);
    const q = parseInput(PullQuerySchema, req.query);
    return pullChanges(db, centreId, who, q.cursor, q.limit);
  });

  app.get(`${SYNC_PREFIX}/snapshot`, async (req) => {
    const who = await station(req);
    const { after, limit } = req.query as { after?: string; limit?: string };
    return readSnapshot(db, centreId, who, after, limit ? Math.min(Math.max(1, Number(limit) || 1), 5000) : undefined);
  });

  // SSE: one `event: change` per NOTIFY that concerns the station's site, a ping to keep proxies open.
  app.get(`${SYNC_PREFIX}/nudges`, async (req, reply) => {
    const who = await station(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const stop = central.onNudge((payload) => {
      let msg: { cursor?: string; site?: string | null } = {};
      try {
        msg = JSON.parse(payload) as typeof msg;
      } catch {
        // a bare NOTIFY still nudges
      }
      if (msg.site && msg.site !== who.siteCode) return;
      res.write(`event: change\ndata: ${JSON.stringify({ cursor: msg.cursor ?? '' })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), NUDGE_PING_MS);
    const end = () => {
      if (!streams.delete(end)) return;
      clearInterval(ping);
      stop();
      res.end();
    };
    streams.add(end);
    req.raw.on('close', end);
  });
};
