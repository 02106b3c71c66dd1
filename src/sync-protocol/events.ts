/**
 * The event a desk pushes to the centre (docs/DESIGN.md, "Central server and sync";
 * docs/SYNC-PROTOCOL.md). Plain zod, imported by the desk (src/sync) and the centre (src/server).
 * A `row` event carries the FULL current row a desk transaction wrote; an `audit` event the audit
 * record of that transaction (last in the transaction). `seq` is gap-free per desk.
 */
import { z } from 'zod';

export const EVENT_SCHEMA_VERSION = 1 as const;

/** Fields every event has, whatever its kind. */
const eventBase = {
  /** UUID (the desk makes UUIDv7, src/store/ids.ts). */
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
  station: z.string().min(1).max(128),
  seq: z.number().int().positive(),
  schema: z.literal(EVENT_SCHEMA_VERSION),
  at: z.string().min(1).max(40),
};

export const RowEventSchema = z
  .object({
    ...eventBase,
    kind: z.literal('row'),
    table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
    key: z.string().min(1).max(256),
    op: z.enum(['put', 'delete']),
    row: z.record(z.string(), z.unknown()).nullable(),
  })
  .refine((e) => (e.op === 'put') === (e.row !== null), { message: 'a put carries its row, a delete none', path: ['row'] });

export const AuditEventSchema = z.object({
  ...eventBase,
  kind: z.literal('audit'),
  record: z.record(z.string(), z.unknown()),
});

export const EventSchema = z.union([RowEventSchema, AuditEventSchema]);
export type RowEvent = z.infer<typeof RowEventSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type SyncEvent = z.infer<typeof EventSchema>;

/** Why one pushed event was refused before anything was written. */
export type EventProblem = { code: 'malformed' | 'unknownSchema'; seq: number | null; detail: string };

/**
 * Reads one pushed event. An event whose `schema` is a number other than ours is "unknown
 * schema" (a newer desk: the centre must be upgraded), anything else that does not fit is
 * "malformed"; both name the seq when the event has a readable one.
 */
export function parseEvent(raw: unknown): { ok: true; event: SyncEvent } | { ok: false; problem: EventProblem } {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const seq = typeof obj.seq === 'number' && Number.isInteger(obj.seq) ? obj.seq : null;
  if (typeof obj.schema === 'number' && obj.schema !== EVENT_SCHEMA_VERSION) {
    return { ok: false, problem: { code: 'unknownSchema', seq, detail: `schema ${obj.schema}` } };
  }
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: { code: 'malformed', seq, detail: `${issue?.path.join('.') || '(event)'}: ${issue?.message ?? 'invalid'}` } };
  }
  return { ok: true, event: parsed.data };
}
