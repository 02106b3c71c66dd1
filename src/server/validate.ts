/** Request input through a zod schema; what does not fit is 400 malformed, naming the field. */
import type { z } from 'zod';
import { SyncError } from '../sync-protocol/errors';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SyncError('malformed', { seq: '', detail: `${issue?.path.map(String).join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` });
}
