/**
 * A desk's chain made what an earlier LotDesk would have left (issue 18): one that covered only
 * `covered` (table names, and `table.column` for a column listed `later`). Each keyed record keeps
 * only the facts of the covered tables, a row's digest made without the columns not yet covered
 * (from the row as it is now: the tests that use this do not change those rows after they are
 * written), the seal names the coverage as that version wrote it, every hash is made again with
 * the station key, and a fresh signed checkpoint vouches for the head.
 */
import Database from 'better-sqlite3';
import { rmSync, writeFileSync } from 'node:fs';
import { keysOf } from './desk';
import { rollBackTo } from './schema-history';
import { keyedHash } from '../../src/app/kernel/audit-hash';
import { canonicalJson } from '../../src/app/kernel/canonical-json';
import { defaultCheckpointPath, signHead } from '../../src/app/kernel/checkpoints';
import { currentDigest, DELETED, FACT_TABLES, type Fact } from '../../src/store/audit-facts';

export interface OlderChain {
  covered: readonly string[];
  /** Roll the schema back to this version first. */
  version?: number;
  /** The seal names its tables (since migration 032); before, a seal covered BASE_COVERAGE. */
  sealNamesTables: boolean;
}

export function asOlderChain(file: string, o: OlderChain): void {
  const keys = keysOf(file)!;
  const raw = new Database(file);
  raw.pragma('foreign_keys = OFF');
  if (o.version !== undefined) rollBackTo(raw, o.version);
  raw.exec('DROP TRIGGER IF EXISTS audit_append_only_update');
  const covered = new Set(o.covered);
  // Written out here, not asCovered: the fixture must not share the narrowing it tests.
  const narrowed = new Map(FACT_TABLES.map((t) => [t.table, { ...t, columns: t.columns.filter((c) => !t.later?.includes(c) || covered.has(`${t.table}.${c}`)) }]));
  const redigest = (f: Fact): Fact => {
    const full = FACT_TABLES.find((t) => t.table === f[0])!;
    const t = narrowed.get(f[0])!;
    return f[2] === DELETED || t.columns.length === full.columns.length ? f : [f[0], f[1], currentDigest(raw, t, f[1])];
  };
  const rows = raw.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, string | number | null>[];
  const set = raw.prepare('UPDATE audit SET prev_hash = ?, hash = ?, facts = ?, detail = ? WHERE seq = ?');
  let prev = '0'.repeat(64);
  for (const r of rows) {
    let { facts, detail } = r as { facts: string | null; detail: string | null };
    if (r.scheme === 2) {
      const kept = facts ? (JSON.parse(facts) as Fact[]).filter((f) => covered.has(f[0])).map(redigest) : [];
      facts = kept.length > 0 ? JSON.stringify(kept) : null;
      if (r.command === 'audit.sealed') {
        const { plainRecords } = JSON.parse(detail!) as { plainRecords: number };
        detail = canonicalJson(o.sealNamesTables ? { plainRecords, tables: o.covered.join(',') } : { plainRecords });
      }
      const hash = keyedHash(keys, [r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, prev, detail, r.changes, facts]);
      set.run(prev, hash, facts, detail, r.seq);
      prev = hash;
    } else prev = r.hash as string;
  }
  const head = raw.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  const station = raw.prepare("SELECT value FROM settings WHERE key = 'station.id'").pluck().get() as string;
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  rmSync(defaultCheckpointPath(file), { force: true });
  writeFileSync(defaultCheckpointPath(file), JSON.stringify(signHead(keys, station, new Date('2026-11-25T11:00:00.000Z'), head)) + '\n');
}
