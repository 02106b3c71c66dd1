/**
 * The hashing under the keyed audit chain (issue 18): a keyed record's hash is an HMAC that
 * depends on the key and on every field (the facts included), a plain one is the SHA-256 earlier
 * versions wrote; a row's digest ignores NULL columns (a nullable column added later changes
 * nothing); the key file is 0600 in a 0700 folder, or ciphertext with a cipher (Electron's
 * safeStorage); a checkpoint holds only under the key that signed it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recordHash, KEYED, GENESIS_HASH, type AuditRecord } from '../../src/app/kernel/audit-hash';
import { canonicalJson, sha256 } from '../../src/app/kernel/canonical-json';
import { chainKeys, defaultKeyPath, fileKeyStore, newKeyFile } from '../../src/app/kernel/chain-keys';
import { checkpointSigned, signHead } from '../../src/app/kernel/checkpoints';
import { rowDigest, FACT_TABLES } from '../../src/store/audit-facts';
import { safeStorageKeyStore } from '../../main/chain-key-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lotdesk-keys-'));
  dirs.push(d);
  return d;
};

const NOW = new Date('2026-12-07T01:00:00.000Z');
const record: Omit<AuditRecord, 'hash'> = {
  seq: 7,
  id: '0192f1a0-0000-7000-8000-000000000007',
  at: '2026-12-07T01:00:00.000Z',
  station_id: 'st-1',
  user_id: 'u-1',
  command: 'receiving.receive',
  input_digest: 'a'.repeat(64),
  result: 'ok',
  prev_hash: 'b'.repeat(64),
  detail: null,
  changes: null,
  scheme: KEYED,
  facts: JSON.stringify([['movements', 'm-1', 'c'.repeat(32)]]),
};

describe('record hash', () => {
  const keys = chainKeys(newKeyFile(NOW));
  const other = chainKeys(newKeyFile(NOW));

  it('keeps the plain SHA-256 earlier versions wrote for a record without a scheme', () => {
    const plain = { ...record, scheme: null, facts: null };
    expect(recordHash(plain)).toBe(sha256(canonicalJson([7, record.id, record.at, 'st-1', 'u-1', 'receiving.receive', record.input_digest, 'ok', record.prev_hash])));
  });

  it('keys a keyed record: another key, or none, does not give its hash', () => {
    const h = recordHash(record, keys);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash(record, other)).not.toBe(h);
    expect(() => recordHash(record, null)).toThrow(/station key/);
    // Recomputed as a plain record (what someone with only the file can do) it is another hash again.
    expect(recordHash({ ...record, scheme: null })).not.toBe(h);
  });

  it('covers every field, the facts and the scheme itself', () => {
    const h = recordHash(record, keys);
    const edits: Partial<AuditRecord>[] = [
      { seq: 8 }, { id: 'x' }, { at: '2026-12-07T01:00:00.001Z' }, { station_id: 'st-2' }, { user_id: null }, { command: 'stock.adjust' },
      { input_digest: 'd'.repeat(64) }, { result: 'refused' }, { prev_hash: GENESIS_HASH }, { detail: '{"a":1}' }, { changes: '[]' },
      { facts: JSON.stringify([['movements', 'm-1', 'e'.repeat(32)]]) }, { facts: null },
    ];
    for (const e of edits) expect(recordHash({ ...record, ...e }, keys), JSON.stringify(e)).not.toBe(h);
  });
});

describe('row digest', () => {
  const movements = FACT_TABLES.find((t) => t.table === 'movements')!;
  const row = [1, 'm-1', 'receive', 'st', 'u', '2026-12-07T01:00:00.000Z', 'i', 'l', 5000, null, 'loc', 'd', 'dl', null];

  it('changes with any value, not with a NULL column added to the list later', () => {
    const d = rowDigest(movements, row);
    expect(d).toMatch(/^[0-9a-f]{32}$/);
    expect(rowDigest(movements, row.map((v, i) => (i === 8 ? 5001 : v)))).not.toBe(d);
    expect(rowDigest(movements, row.map((v, i) => (i === 9 ? 'loc-2' : v)))).not.toBe(d);
    const wider = { ...movements, columns: [...movements.columns, 'added_later'] };
    expect(rowDigest(wider, [...row, null])).toBe(d);
    // The table is in the digest: the same values in another table are another fact.
    expect(rowDigest({ ...movements, table: 'lots' }, row)).not.toBe(d);
  });
});

describe('key store', () => {
  it('writes the key file 0600 in a 0700 folder beside the database, and reads it back', () => {
    const dir = tempDir();
    const path = defaultKeyPath(join(dir, 'desk.db'), {});
    expect(path).toBe(join(dir, 'keys', 'desk.db.keys'));
    const store = fileKeyStore(path);
    expect(store.load()).toBeNull();
    const file = newKeyFile(NOW);
    store.save(file);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(store.load()).toEqual(file);
  });

  it('keeps only ciphertext when the main process gives it safeStorage', () => {
    const dir = tempDir();
    const fakeSafe = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)),
      decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString(),
    };
    const store = safeStorageKeyStore(join(dir, 'keys', 'desk.db.keys'), fakeSafe);
    const file = newKeyFile(NOW);
    store.save(file);
    expect(store.where).toMatch(/\.safe$/);
    expect(readFileSync(store.where).toString('latin1')).not.toContain(file.hmac);
    expect(store.load()).toEqual(file);
    // Without OS encryption it is the plain 0600 file of serve mode.
    expect(safeStorageKeyStore(join(dir, 'k'), { ...fakeSafe, isEncryptionAvailable: () => false }).where).toBe(join(dir, 'k'));
  });
});

describe('checkpoint', () => {
  it('holds under the key that signed it, not after an edit or under another key', () => {
    const keys = chainKeys({ ...newKeyFile(NOW), sealSeq: 1 });
    const c = signHead(keys, 'st-1', NOW, { seq: 42, hash: 'f'.repeat(64) });
    expect(checkpointSigned(c, keys)).toBe(true);
    expect(checkpointSigned(c, null)).toBe(true);
    expect(checkpointSigned({ ...c, seq: 41 }, keys)).toBe(false);
    expect(checkpointSigned({ ...c, hash: 'e'.repeat(64) }, keys)).toBe(false);
    expect(checkpointSigned({ ...c, sealSeq: 2 }, keys)).toBe(false);
    const other = chainKeys(newKeyFile(NOW));
    expect(checkpointSigned(c, other)).toBe(false);
    // A checkpoint made with another key and carrying that key fails against the station's.
    const forged = signHead(other, 'st-1', NOW, { seq: 42, hash: 'f'.repeat(64) });
    expect(checkpointSigned(forged, keys)).toBe(false);
  });
});
