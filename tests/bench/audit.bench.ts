/**
 * The Audit screen over a million records (issue 15): the first page (50 records) of each filter
 * through the dispatcher as the screen calls `audit.search` (session, role and schema checks
 * included), p99 < 100 ms; a page deep in history ("load more"); each filter's query plan (no
 * table scan); and what writing a record's changes and objects adds to a command.
 * The trail is written by appendAudit itself (tests/bench/audit-trail-data.ts): the chain is valid.
 * LOTDESK_BENCH_AUDIT sets the number of records (1,000,000 by default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import type { AuthState } from '../../src/app/kernel/context';
import { appendAudit } from '../../src/app/kernel/audit-log';
import { diffFields } from '../../src/app/kernel/audit-changes';
import { hashSecret } from '../../src/app/people/secret-hash';
import { insertUser } from '../../src/store/users';
import { auditSearchPlan } from '../../src/store/audit';
import { benchSize, derivedRow, onceRow, row, TINY, type BenchReport, type BenchRow } from './harness';
import { TRAIL_START, TRAIL_STEP_MS, writeTrail } from './audit-trail-data';

const DAY = 86_400_000;

export default async function bench(): Promise<BenchReport> {
  const count = benchSize('LOTDESK_BENCH_AUDIT', 1_000_000, 2000);
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-audit-'));
  const { station, dispatch } = openDesk(join(dir, 'audit.db'));
  const db = station.db;
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    const started = performance.now();
    const users = writeTrail(db, count);
    const writeS = (performance.now() - started) / 1000;
    db.pragma('optimize');
    insertUser(db, { username: 'auditor', displayName: 'Auditor', role: 'manager', secretKind: 'pin', secretHash: hashSecret('4444'), locale: 'en' }, new Date().toISOString());
    const auth: AuthState = {};
    const call = async (name: string, input: unknown) => {
      const env = await dispatch(auth, name, input);
      if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
      return env.result as { rows: unknown[]; nextBefore: number | null };
    };
    await call('session.signIn', { username: 'auditor', secret: '4444' });
    const objects = (db.prepare('SELECT count(*) AS n FROM audit_objects').get() as { n: number }).n;
    notes.push(`${count.toLocaleString('en')} records (${objects.toLocaleString('en')} object rows) written through appendAudit in ${writeS.toFixed(1)} s; chain valid`);

    const day = (i: number) => new Date(TRAIL_START + ((i * 37) % Math.max(1, Math.floor((count * TRAIL_STEP_MS) / DAY))) * DAY).toISOString();
    const commands = ['stock.adjust', 'users.update', 'boms.set', 'picking.scan', 'session.signIn'];
    const filters: [string, (i: number) => Record<string, unknown>][] = [
      ['none', () => ({})],
      ['user', (i) => ({ userId: users[i % users.length] })],
      ['command', (i) => ({ command: commands[i % commands.length] })],
      ['date range (one day)', (i) => ({ from: day(i), to: new Date(Date.parse(day(i)) + DAY).toISOString() })],
      ['object kind', (i) => ({ object: ['item', 'location', 'lot', 'user', 'customer'][i % 5] })],
      ['object label', (i) => ({ object: 'item', label: `SKU-${(i * 7919) % 10_000}` })],
      ['object id', (i) => ({ object: 'lot', objectId: `lot-${(i * 7919) % 100_000}` })],
      ['result refused', () => ({ result: 'refused' })],
      ['user + command + date (one month)', (i) => ({ userId: users[i % users.length], command: 'stock.adjust', from: day(i), to: new Date(Date.parse(day(i)) + 30 * DAY).toISOString() })],
      ['user + object kind', (i) => ({ userId: users[i % users.length], object: 'customer' })],
    ];
    const samples = benchSize(null, 200, 5);
    for (const [name, filter] of filters) {
      for (let i = 0; i < (TINY ? 2 : 20); i++) await call('audit.search', filter(i)); // warm-up
      const times: number[] = [];
      let shown = 0;
      for (let i = 0; i < samples; i++) {
        const t = performance.now();
        const page = await call('audit.search', filter(i));
        times.push(performance.now() - t);
        shown += page.rows.length;
      }
      rows.push(row(`first page, ${name}: median`, times, 'ms'));
      rows.push(row(`first page, ${name}: p99`, times, 'ms', { stat: 'p99', target: { below: 100 } }));
      const f = { ...filter(1), objectLabel: filter(1).label } as Record<string, unknown>;
      delete f.label;
      const plan = auditSearchPlan(db, { ...(f as object), limit: 51 });
      notes.push(`${name}: ${(shown / samples).toFixed(1)} rows a page; plan: ${plan.join(' | ')}`);
      if (plan.some((d) => /^SCAN|TEMP B-TREE/.test(d))) notes.push(`${name}: PLAN SCANS A TABLE`);
    }

    // "Load more" deep in history: the page before a seq in the middle of the trail.
    const deep: number[] = [];
    for (let i = 0; i < samples; i++) {
      const before = Math.floor(count / 2) - ((i * 997) % Math.floor(count / 4));
      const t = performance.now();
      await call('audit.search', { object: 'item', before });
      deep.push(performance.now() - t);
    }
    rows.push(row('page deep in history (object kind, before = mid-trail): p99', deep, 'ms', { stat: 'p99', target: { below: 100 } }));

    // What a record's changes cost a command: appendAudit in its own transaction (no fsync: the commit is the same either way).
    const base = { at: new Date().toISOString(), stationId: 'st-1', userId: users[0], command: 'items.update', input: { sku: 'SKU-1' }, result: 'ok' };
    const oneObject = diffFields({ object: 'item', id: 'item-1', label: 'SKU-1' }, { a: 1, b: 2, c: 3, d: 4, e: 5 }, { a: 6, b: 7, c: 8, d: 9, e: 10 });
    const tenObjects = Array.from({ length: 10 }, (_, k) => diffFields({ object: 'location', id: `loc-${k}`, label: `A-${k}` }, { routeOrder: k + 10, active: true }, { routeOrder: k, active: false })).flat();
    db.pragma('synchronous = OFF');
    const append = (changes: typeof oneObject | undefined) => {
      const times: number[] = [];
      const n = benchSize(null, 2000, 30);
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        db.transaction(() => appendAudit(db, { ...base, changes }))();
        times.push((performance.now() - t) * 1000);
      }
      return times.slice(n / 10);
    };
    const plain = append(undefined);
    const one = append(oneObject);
    const ten = append(tenObjects);
    db.pragma('synchronous = FULL');
    rows.push(row('appendAudit, no changes: median', plain, 'µs'));
    rows.push(row('appendAudit, 1 object × 5 fields: median', one, 'µs'));
    rows.push(row('appendAudit, 10 objects × 2 fields: median', ten, 'µs'));
    rows.push(derivedRow('extra per command, 1 object × 5 fields (median difference)', [[one, 'median'], [plain, 'median']], (a, b) => a - b, 'µs'));
    rows.push(derivedRow('extra per command, 10 objects × 2 fields (median difference)', [[ten, 'median'], [plain, 'median']], (a, b) => a - b, 'µs'));

    const verifyStart = performance.now();
    const v = await dispatch(auth, 'audit.verify', {});
    const verifyS = (performance.now() - verifyStart) / 1000;
    if (!v.ok || (v.result as { problems: unknown[] }).problems.length !== 0) throw new Error(`chain: ${JSON.stringify(v)}`);
    rows.push(onceRow(`audit.verify over ${count.toLocaleString('en')} records`, verifyS, 's'));
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'Issue 15 — audit filter (audit.search over a million records)', rows, notes };
}
