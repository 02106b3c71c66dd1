/**
 * What a command changed reaches the hash-chained audit (migration 017): the field/before/after
 * list is covered by the record's hash, the touched objects are listed for the filter, records
 * without changes keep the hash every earlier LotDesk wrote, and neither table can be edited.
 */
import { afterEach, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src/app/kernel/audit-log';
import { diffFields } from '../../src/app/kernel/audit-changes';
import { canonicalJson, sha256 } from '../../src/app/kernel/canonical-json';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/db';

let plain: { db: Db; dir: string } | undefined;
afterEach(() => {
  plain?.db.close();
  if (plain) rmSync(plain.dir, { recursive: true, force: true });
});

const ITEM = { object: 'item', id: 'item-1', label: 'SKU-1' };

it('keeps only the fields that differ; a create keeps every field it set', () => {
  expect(diffFields(ITEM, { name: 'Salt', unit: 'kg', shelfLifeDays: 365 }, { name: 'Sea salt', unit: 'kg', shelfLifeDays: 365 })).toEqual([
    { object: 'item', objectId: 'item-1', label: 'SKU-1', field: 'name', before: 'Salt', after: 'Sea salt' },
  ]);
  expect(diffFields(ITEM, null, { name: 'Salt', gtin: undefined, active: true }).map((c) => [c.field, c.before, c.after])).toEqual([
    ['name', null, 'Salt'],
    ['active', null, true],
  ]);
  expect(diffFields(ITEM, { active: true }, { active: true })).toEqual([]);
});

it('chains a record with changes, lists its objects, and names an edit of either (plain SHA-256, as before the station key)', () => {
  // A database without a station key: the records every earlier LotDesk wrote, still verifiable.
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-plain-'));
  plain = { db: openDatabase(join(dir, 'plain.db')), dir };
  const db = plain.db;
  const base = { at: '2026-12-06T10:00:00.000Z', stationId: 'st', userId: null, input: {}, result: 'ok' };
  appendAudit(db, { ...base, command: 'settings.set' });
  const changes = [
    ...diffFields(ITEM, { name: 'Salt' }, { name: 'Sea salt' }),
    ...diffFields({ object: 'location', id: 'loc-1', label: 'A-01-01' }, null, { code: 'A-01-01', kind: 'storage' }),
  ];
  appendAudit(db, { ...base, command: 'items.update', changes });
  db.transaction(() => appendAudit(db, { ...base, command: 'items.update', changes: [] }))();

  type Row = { seq: number; id: string; at: string; station_id: string; user_id: string | null; command: string; input_digest: string; result: string; prev_hash: string; hash: string; changes: string | null };
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
  // Without changes (an empty list included) the hash is the one earlier versions wrote.
  for (const r of [rows[0], rows[2]]) {
    expect(r.changes).toBeNull();
    expect(r.hash).toBe(sha256(canonicalJson([r.seq, r.id, r.at, r.station_id, r.user_id, r.command, r.input_digest, r.result, r.prev_hash])));
  }
  expect(JSON.parse(rows[1].changes!)).toEqual(changes);
  expect(db.prepare('SELECT object, object_id AS id, seq, label FROM audit_objects ORDER BY object').all()).toEqual([
    { object: 'item', id: 'item-1', seq: 2, label: 'SKU-1' },
    { object: 'location', id: 'loc-1', seq: 2, label: 'A-01-01' },
  ]);
  expect(verifyAudit(db)).toEqual({ records: 3, problems: [] });

  expect(() => db.prepare("UPDATE audit_objects SET label = 'X'").run()).toThrow(/append-only/);
  expect(() => db.prepare('DELETE FROM audit_objects').run()).toThrow(/append-only/);
  // Editing the changes behind the trail's back (triggers dropped, as a forger would) breaks the hash.
  db.exec('DROP TRIGGER audit_append_only_update');
  db.prepare("UPDATE audit SET changes = replace(changes, 'Sea salt', 'Rock salt') WHERE seq = 2").run();
  expect(verifyAudit(db).problems).toEqual([{ seq: 2, id: rows[1].id, problem: 'hash_mismatch' }]);
});
