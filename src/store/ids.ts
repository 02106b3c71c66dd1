/**
 * Record ids: UUIDv7, time-ordered and monotonic within a process, exactly as `uuid`'s v7() makes
 * them, but with the random bytes drawn from a pool filled 512 ids at a time: v7() asks the OS
 * for 16 bytes per id, which cost more than the INSERT on the hot paths (an allocation of 200
 * lines writes ~300 rows).
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const pool = new Uint8Array(16 * 512);
let next = pool.length;
let msecs = -Infinity;
let seq = 0;

export function newId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next, (next += 16));
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // v7's own sequence start: 31 random bits, so ids of one millisecond still count up.
    seq = ((random[6] & 0x7f) << 24) | (random[7] << 16) | (random[8] << 8) | random[9];
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}

/**
 * SQL for a new row's `no`, the number allocation rows refer to it by (migration 014): the
 * table's largest + 1. Inserts that write many rows set it; elsewhere the table's trigger does.
 */
export function nextNo(table: 'documents' | 'document_lines' | 'lots' | 'locations'): string {
  return `(SELECT IFNULL(MAX(no), 0) + 1 FROM ${table})`;
}
