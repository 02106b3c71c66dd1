import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { effectiveStatus, effectiveStatusSql, LOT_STATUSES } from '../../../src/domain/lot-status';
import { addDays } from '../../../src/domain/dates';

describe('lot status', () => {
  it('is expired from the expiry date on, for released lots only', () => {
    expect(effectiveStatus('released', '2026-11-26', '2026-11-26')).toBe('released');
    expect(effectiveStatus('released', '2026-11-25', '2026-11-26')).toBe('expired');
    expect(effectiveStatus('on_hold', '2026-11-25', '2026-11-26')).toBe('on_hold');
    expect(effectiveStatus('released', null, '2026-11-26')).toBe('released');
  });

  it('gives the same status in SQL as in TypeScript', () => {
    const db = new Database(':memory:');
    const sql = db.prepare(`SELECT ${effectiveStatusSql('@status', '@expiry', '@today')} AS status`).pluck();
    fc.assert(
      fc.property(fc.constantFrom(...LOT_STATUSES), fc.option(fc.integer({ min: -5, max: 5 })), (status, expiresIn) => {
        const today = '2026-11-26';
        const expiry = expiresIn === null ? null : addDays(today, expiresIn);
        expect(sql.get({ status, expiry, today })).toBe(effectiveStatus(status, expiry, today));
      }),
    );
    db.close();
  });
});
