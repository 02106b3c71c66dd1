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

const SSCC = z.string().regex(/^\d{18}$/, 'an SSCC is 18 digits');
const id = z.string().min(1).max(128);

/**
 * The rows the centre matches across sites by SSCC (a shipped package's SSCC against the SSCC a
 * lot was received under, src/server/central-trace.ts): each put is checked for the columns the
 * match reads, and its key must be the one the row names, so a bad row is refused, never projected
 * as a wrong crossing. Other columns a newer desk adds pass through untouched.
 */
export const SSCC_ROWS: Record<string, { row: z.ZodType; key: (row: Record<string, unknown>) => string; deleteKey: RegExp }> = {
  packages: {
    row: z.object({ id, document_id: id, sscc: SSCC, shipment_id: id.nullable(), created_at: z.string().min(1).max(40) }),
    key: (r) => String(r.id),
    deleteKey: /^.+$/,
  },
  package_lines: {
    row: z.object({ package_id: id, lot_id: id, quantity: z.number().int().positive() }),
    key: (r) => `${String(r.package_id)}/${String(r.lot_id)}`,
    deleteKey: /^[^/]+\/.+$/,
  },
  received_units: {
    row: z.object({ sscc: SSCC, lot_id: id }),
    key: (r) => `${String(r.sscc)}/${String(r.lot_id)}`,
    deleteKey: /^\d{18}\/.+$/,
  },
};

/** Why a row event of an SSCC table does not fit (null: it does). */
function ssccRowProblem(e: RowEvent): string | null {
  const shape = SSCC_ROWS[e.table];
  if (!shape) return null;
  if (e.op === 'delete') return shape.deleteKey.test(e.key) ? null : `key: not a ${e.table} key`;
  const parsed = shape.row.safeParse(e.row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `row.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
  }
  const named = shape.key(e.row!);
  return named === e.key ? null : `key: ${e.table} row names ${named}`;
}
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
  const rowProblem = parsed.data.kind === 'row' ? ssccRowProblem(parsed.data) : null;
  if (rowProblem) return { ok: false, problem: { code: 'malformed', seq, detail: rowProblem } };
  return { ok: true, event: parsed.data };
}
