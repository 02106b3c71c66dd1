/**
 * Webhooks: an integration registers a URL and a secret; every receipt, shipment, recall, desk order refusal and later application of its
 * site is queued for it (feed.ts) and delivered at least once, signed, with the event id so the
 * ERP drops a repeat. Delivery claims due rows with a lease (next_attempt_at pushed ahead) under
 * FOR UPDATE SKIP LOCKED, so several workers share the queue and a worker killed mid-request
 * only delays that delivery by the lease. Each try is a row of erp_delivery_attempts.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { v7 as newId } from 'uuid';
import type { z } from 'zod';
import { iso, type Integration } from './keys';
import type { ErpDb, Sql } from './sql';
import type { deliveryOut, webhookIn, webhookOut } from './schemas';

export const SIGNATURE_HEADER = 'x-lotdesk-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the time inside the MAC lets the ERP refuse an old replay. */
export function sign(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export interface RetryPolicy {
  /** The wait after the first failed try; doubled each time, at most `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Tries before a delivery is `failed` (an admin may send it again). */
  maxAttempts: number;
  /** How long a claimed delivery is held before another worker may try it. */
  leaseMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, maxMs: 3_600_000, maxAttempts: 12, leaseMs: 60_000, timeoutMs: 10_000 };

/** The wait after `attempt` failed tries: exponential, with ±20 % jitter so retries of many events spread out. */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

type WebhookRow = { id: string; url: string; events: string[]; created_at: Date };
const toWebhook = (r: WebhookRow): z.output<typeof webhookOut> => ({ id: r.id, url: r.url, events: r.events, createdAt: iso(r.created_at)! });

export async function addWebhook(q: Sql, who: Integration, hook: z.output<typeof webhookIn>) {
  const id = newId();
  const { rows } = await q.query<WebhookRow>('INSERT INTO erp_webhooks (id, integration_id, url, secret, events) VALUES ($1, $2, $3, $4, $5) RETURNING id, url, events, created_at', [
    id,
    who.id,
    hook.url,
    hook.secret,
    [...new Set(hook.events)],
  ]);
  return toWebhook(rows[0]);
}

export async function listWebhooks(q: Sql, who: Integration) {
  const { rows } = await q.query<WebhookRow>('SELECT id, url, events, created_at FROM erp_webhooks WHERE integration_id = $1 AND deleted_at IS NULL ORDER BY created_at, id', [who.id]);
  return { items: rows.map(toWebhook) };
}

/** Removes a webhook: nothing more is queued or sent to it; its delivery history stays. */
export async function removeWebhook(q: Sql, who: Integration, id: string): Promise<{ url: string; events: string[] }> {
  const { rows } = await q.query<{ url: string; events: string[] }>(
    'UPDATE erp_webhooks SET deleted_at = now() WHERE id = $1 AND integration_id = $2 AND deleted_at IS NULL RETURNING url, events',
    [id, who.id],
  );
  if (rows.length === 0) throw new AppError('not_found', 'errors.erp.noSuchWebhook', { id }, 'webhookId');
  await q.query("UPDATE erp_deliveries SET status = 'failed', last_error = 'webhook removed' WHERE webhook_id = $1 AND status = 'pending'", [id]);
  return rows[0];
}

type DeliveryRow = {
  id: string;
  webhook_id: string;
  event_id: string;
  kind: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  tries: { attempt: number; at: string; http_status: number | null; error: string | null; ms: number }[] | null;
};

const KIND_TYPE: Record<string, string> = { receipt: 'receipt.created', shipment: 'shipment.created', recall: 'lot.recalled', refusal: 'order.refused', applied: 'order.applied' };

/** Deliveries with every try, newest first: for the integration (its own) or an admin (integration null: all). */
export async function listDeliveries(q: Sql, who: Integration | null, status?: string, limit = 200): Promise<{ items: z.output<typeof deliveryOut>[] }> {
  const { rows } = await q.query<DeliveryRow>(
    `SELECT d.id, d.webhook_id, d.event_id, e.kind, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at,
            (SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'http_status', a.http_status, 'error', a.error, 'ms', a.ms) ORDER BY a.attempt)
               FROM erp_delivery_attempts a WHERE a.delivery_id = d.id) AS tries
     FROM erp_deliveries d JOIN erp_events e ON e.id = d.event_id JOIN erp_webhooks w ON w.id = d.webhook_id
     WHERE ($1::text IS NULL OR w.integration_id = $1) AND ($2::text IS NULL OR d.status = $2)
     ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
    [who?.id ?? null, status ?? null, limit],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      webhookId: r.webhook_id,
      eventId: r.event_id,
      type: KIND_TYPE[r.kind] ?? r.kind,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
      lastError: r.last_error,
      createdAt: iso(r.created_at)!,
      deliveredAt: iso(r.delivered_at),
      tries: (r.tries ?? []).map((t) => ({ attempt: t.attempt, at: iso(t.at)!, httpStatus: t.http_status, error: t.error, ms: t.ms })),
    })),
  };
}

type Claimed = { id: string; event_id: string; attempts: number; url: string; secret: string; kind: string; body: Record<string, unknown>; created_at: Date };

async function claim(db: ErpDb, policy: RetryPolicy, limit: number): Promise<Claimed[]> {
  return db.tx(async (q) => {
    const { rows } = await q.query<Claimed>(
      `WITH due AS (
         SELECT d.id FROM erp_deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= now()
         ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE erp_deliveries d SET next_attempt_at = now() + ($2 || ' milliseconds')::interval, attempts = d.attempts + 1
       FROM due, erp_webhooks w, erp_events e WHERE d.id = due.id AND w.id = d.webhook_id AND e.id = d.event_id
       RETURNING d.id, d.event_id, d.attempts, w.url, w.secret, e.kind, e.body, e.created_at`,
      [limit, String(policy.leaseMs)],
    );
    return rows;
  });
}

/** What the ERP receives: the same envelope for every type; `id` is the event id to dedupe on. */
export function payloadOf(c: { event_id: string; kind: string; body: Record<string, unknown>; created_at: Date }): string {
  return JSON.stringify({ id: c.event_id, type: KIND_TYPE[c.kind], createdAt: iso(c.created_at), data: c.body });
}

async function post(c: Claimed, policy: RetryPolicy, now: () => number): Promise<{ httpStatus: number | null; error: string | null; ms: number }> {
  const body = payloadOf(c);
  const started = now();
  try {
    const res = await fetch(c.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'LotDesk-Webhooks/1',
        'x-lotdesk-event-id': c.event_id,
        'x-lotdesk-event-type': KIND_TYPE[c.kind],
        'x-lotdesk-delivery': c.id,
        'x-lotdesk-attempt': String(c.attempts),
        [SIGNATURE_HEADER]: sign(c.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { httpStatus: res.status, error: res.ok ? null : `HTTP ${res.status}`, ms: now() - started };
  } catch (err) {
    return { httpStatus: null, error: String((err as Error).cause ?? (err as Error).message).slice(0, 300), ms: now() - started };
  }
}

/** Sends what is due once (a worker calls it on a timer); returns how many tries it made. */
export async function deliverDue(db: ErpDb, policy: RetryPolicy = DEFAULT_RETRY, limit = 20): Promise<number> {
  const claimed = await claim(db, policy, limit);
  await Promise.all(
    claimed.map(async (c) => {
      const r = await post(c, policy, () => performance.now());
      const ok = r.httpStatus !== null && r.httpStatus >= 200 && r.httpStatus < 300;
      await db.tx(async (q) => {
        await q.query('INSERT INTO erp_delivery_attempts (delivery_id, attempt, http_status, error, ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
          c.id,
          c.attempts,
          r.httpStatus,
          r.error,
          Math.round(r.ms),
        ]);
        if (ok) await q.query("UPDATE erp_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1", [c.id]);
        else if (c.attempts >= policy.maxAttempts) await q.query("UPDATE erp_deliveries SET status = 'failed', last_error = $2 WHERE id = $1", [c.id, r.error]);
        else {
          await q.query("UPDATE erp_deliveries SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1 AND status = 'pending'", [
            c.id,
            r.error,
            String(backoffMs(policy, c.attempts)),
          ]);
        }
      });
    }),
  );
  return claimed.length;
}

/** An admin sends a failed delivery again: one more try (its tries so far stay on record). */
export async function retryDelivery(q: Sql, id: string): Promise<void> {
  const { rows } = await q.query("UPDATE erp_deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1 AND status = 'failed' RETURNING id", [id]);
  if (rows.length === 0) throw new AppError('not_found', 'errors.erp.noSuchDelivery', { id }, 'deliveryId');
}
