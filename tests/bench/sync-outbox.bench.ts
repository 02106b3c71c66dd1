/**
 * The sync outbox's cost per command (issue 20): a real receive through the dispatcher, then the
 * outbox work of that receive alone — the rows it wrote read back whole and written as events,
 * and its audit event — timed in rolled-back transactions (p50/p99 over 2,000). The receive's own
 * p50 is printed beside it: the outbox's share is what matters, the commit's fsync dominates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receivingDesk } from './receiving-desk';
import { writeOutbox } from '../../src/store/sync-outbox';
import { row, type BenchReport } from './harness';

export default async function bench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-bench-outbox-'));
  const { station, receive } = await receivingDesk(join(dir, 'desk.db'));
  try {
    const whole: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await receive(i);
      whole.push(performance.now() - t0);
    }
    const db = station.db;
    const last = db.prepare("SELECT body FROM sync_outbox ORDER BY seq DESC LIMIT 20").pluck().all() as string[];
    const events = last.map((b) => JSON.parse(b) as { kind: string; table?: string; key?: string; record?: Record<string, unknown> });
    const end = events.findIndex((e) => e.kind === 'audit');
    const rows = events.slice(end + 1, events.findIndex((e, i) => i > end && e.kind === 'audit')).filter((e) => e.kind === 'row').reverse();
    const record = events[end].record!;
    const times: number[] = [];
    const pend = db.prepare('INSERT OR IGNORE INTO temp.sync_pending (tbl, key) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) {
      db.exec('BEGIN IMMEDIATE');
      for (const r of rows) pend.run(r.table, r.key);
      const t0 = performance.now();
      writeOutbox(db, station.stationId, new Date().toISOString(), [record]);
      times.push(performance.now() - t0);
      db.exec('ROLLBACK');
    }
    return {
      name: 'sync outbox per command (issue 20)',
      rows: [
        row(`outbox work of one receive (${rows.length} rows + the audit event), median`, times, 'ms', { target: { below: 0.2 } }),
        row('the same, p99', times, 'ms', { stat: 'p99' }),
        row('receive through the dispatcher (outbox included), median', whole, 'ms'),
      ],
      notes: [`rows a receive sends: ${rows.map((r) => r.table).join(', ')}`],
    };
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
