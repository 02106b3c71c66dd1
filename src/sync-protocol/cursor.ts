/**
 * The pull cursor: opaque to the desk, `base64url(JSON {c: centreId, x: xact, i: id})` where
 * (x, i) is the last change read, x a PostgreSQL xid8 as a decimal string and i the change's id.
 * The empty cursor reads from the start. Uses btoa/atob (no Node Buffer) so any layer may use it.
 */
import { z } from 'zod';

const CursorSchema = z.object({ c: z.string().min(1), x: z.string().regex(/^\d{1,20}$/), i: z.string().regex(/^\d{1,20}$/) });
export type Cursor = z.infer<typeof CursorSchema>;

export const START: Omit<Cursor, 'c'> = { x: '0', i: '0' };

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(JSON.stringify({ c: cursor.c, x: cursor.x, i: cursor.i }));
}

/** The cursor in a string, or null when it is not one of ours (the centre answers resync). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(fromBase64Url(text)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Orders two cursors of one centre: negative when a is before b. */
export function compareCursors(a: Omit<Cursor, 'c'>, b: Omit<Cursor, 'c'>): number {
  const x = BigInt(a.x) - BigInt(b.x);
  if (x !== 0n) return x < 0n ? -1 : 1;
  const i = BigInt(a.i) - BigInt(b.i);
  return i === 0n ? 0 : i < 0n ? -1 : 1;
}
