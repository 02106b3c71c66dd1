/**
 * The million-record chain of audit-chain.bench.ts (and audit-verify-probe.ts): `count` keyed
 * records, each with the movement it wrote, then a signed checkpoint of the head.
 */
import type { Db } from '../../src/store/db';
import { appendAudit } from '../../src/app/kernel/audit-log';
import { writeCheckpoint } from '../../src/app/kernel/checkpoints';

export function writeMillionChain(db: Db, count: number): void {
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  const move = db.prepare("INSERT INTO movements (id, kind, station_id, user_id, at, item_id, lot_id, quantity, to_location_id) VALUES (?, 'receive', 's', 'u', ?, 'i', 'l', ?, 'loc')");
  for (let start = 0; start < count; start += 20_000) {
    db.transaction(() => {
      for (let n = start; n < Math.min(count, start + 20_000); n++) {
        const at = new Date(Date.UTC(2026, 0, 1) + n * 30_000).toISOString();
        move.run(`m-${n}`, at, 1000 + (n % 97));
        appendAudit(db, { at, stationId: 's', userId: 'u', command: 'receiving.receive', input: { n }, result: 'ok' });
      }
    })();
  }
  writeCheckpoint(db, new Date());
  db.pragma('wal_checkpoint(TRUNCATE)');
}
