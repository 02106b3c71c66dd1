/**
 * The desk's HTTP client of the centre (docs/SYNC-PROTOCOL.md): each call validates the answer
 * with the shared schemas (src/sync-protocol) and throws a SyncError for a protocol error, a
 * CentreUnreachable for anything of the network (refused, reset, timed out, a 5xx without body).
 */
import { z } from 'zod';
import {
  EnrolResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  SnapshotResponseSchema,
  SYNC_PREFIX,
  stationAuthHeader,
  type EnrolResponse,
  type PullResponse,
  type PushResponse,
  type SnapshotResponse,
} from '../sync-protocol/messages';
import { syncErrorOf } from '../sync-protocol/errors';

export class CentreUnreachable extends Error {
  constructor(readonly detail: string) {
    super(`the centre cannot be reached: ${detail}`);
    this.name = 'CentreUnreachable';
  }
}

export interface CentreAuth {
  centreUrl: string;
  stationId: string;
  secret: string;
}

const TIMEOUT_MS = 30_000;

export function centreUrlOf(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${SYNC_PREFIX}${path}`;
}

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new CentreUnreachable((err as Error).message);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const error = syncErrorOf(body);
    if (error) throw error;
    throw new CentreUnreachable(`HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CentreUnreachable(`unexpected answer from ${url}`);
  return parsed.data;
}

function headers(auth: CentreAuth | null): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) h.authorization = stationAuthHeader(auth.stationId, auth.secret);
  return h;
}

export function enrol(centreUrl: string, body: { code: string; stationId: string; name: string }): Promise<EnrolResponse> {
  return call(centreUrlOf(centreUrl, '/enrol'), { method: 'POST', headers: headers(null), body: JSON.stringify(body) }, EnrolResponseSchema);
}

/** `events` is sent as stored (JSON text of each outbox row), not parsed and written again. */
export function push(auth: CentreAuth, centreId: string, from: number, events: readonly string[]): Promise<PushResponse> {
  const body = `{"centreId":${JSON.stringify(centreId)},"from":${from},"events":[${events.join(',')}]}`;
  return call(centreUrlOf(auth.centreUrl, '/push'), { method: 'POST', headers: headers(auth), body }, PushResponseSchema);
}

export function pull(auth: CentreAuth, cursor: string, limit: number): Promise<PullResponse> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return call(centreUrlOf(auth.centreUrl, `/pull?${q}`), { headers: headers(auth) }, PullResponseSchema);
}

export function snapshot(auth: CentreAuth, after: string | null): Promise<SnapshotResponse> {
  const q = after ? `?${new URLSearchParams({ after })}` : '';
  return call(centreUrlOf(auth.centreUrl, `/snapshot${q}`), { headers: headers(auth) }, SnapshotResponseSchema);
}

/** Opens the nudge stream (SSE); the caller reads `body` and aborts with `signal`. */
export async function openNudges(auth: CentreAuth, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  let res: Response;
  try {
    res = await fetch(centreUrlOf(auth.centreUrl, '/nudges'), { headers: { ...headers(auth), accept: 'text/event-stream' }, signal });
  } catch (err) {
    throw new CentreUnreachable((err as Error).message);
  }
  if (!res.ok || !res.body) {
    const error = syncErrorOf(await res.json().catch(() => null));
    throw error ?? new CentreUnreachable(`HTTP ${res.status}`);
  }
  return res.body;
}
