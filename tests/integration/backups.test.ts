/**
 * Backups and restore (issue 18) on real files: an online backup taken while the desk keeps
 * receiving is one consistent state with its manifest; retention keeps N days and always the newest;
 * a restore refuses a damaged file, a newer schema and an edited audit trail, and restores a good
 * backup with every record, the replaced database moved aside; the schedule backs up when due.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, openSync, readdirSync, readFileSync, writeSync, closeSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_NOW, errorOf, keysOf, openTestDesk, snapshot, verifyFileChain, type TestDesk } from '../support/desk';
import { defaultKeyPath } from '../../src/app/kernel/chain-keys';
import { demoRefs, receiveLot } from '../support/inventory';
import type { Client } from '../../src/contract/client';
import { listBackups, makeBackup, pruneBackups, sha256File } from '../../src/store/backup-files';
import { checkBackupFile } from '../../src/app/admin/backup-check';
import { verifyAudit } from '../../src/app/kernel/audit-log';
import { compareBalances } from '../../src/store/ledger';
import { MIGRATIONS } from '../../src/store/migrations';
import { openDatabase } from '../../src/store/db';
import { backupDue } from '../../src/domain/backup-schedule';
import { lotdesk } from '../support/cli';
import { ManualClock } from '../../src/app/kernel/clock';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { scheduledBackupTick } from '../../src/app/admin/backup-schedule';
import { tmpdir } from 'node:os';

const count = (db: Database.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n;
const RECEIVES = "SELECT COUNT(*) AS n FROM audit WHERE command = 'receiving.receive' AND result = 'ok'";

/** A clerk's receive of one lot of tea under a supplier lot code. */
async function receiveOne(c: Client, extra: { supplierLot: string }) {
  return receiveLot(c, await demoRefs(c), 'TEA-250', 1, '2030-01-01', extra);
}

const lotCodes = (db: Database.Database): string[] => (db.prepare('SELECT code FROM lots ORDER BY code').all() as { code: string }[]).map((r) => r.code);

function readOnly<T>(file: string, body: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

async function withDesk(body: (desk: TestDesk) => Promise<void>): Promise<void> {
  const desk = await openTestDesk();
  try {
    await body(desk);
  } finally {
    desk.close();
  }
}

describe('backups', () => {
  it('takes a consistent online backup while receives go on', () =>
    withDesk(async (desk) => {
      const clerk = await desk.signedIn('clerk', '1111');
      // Enough stock that the backup takes many steps of a few pages each.
      for (let i = 0; i < 30; i++) await receiveOne(clerk, { supplierLot: `PRE-${i}` });
      const lots0 = count(desk.db, 'SELECT COUNT(*) AS n FROM lots');
      const receives0 = count(desk.db, RECEIVES);
      let writing = true;
      let during = 0;
      const writes = (async () => {
        for (let i = 0; writing; i++) {
          // Each receive arrives as a request would, on its own turn of the event loop.
          await new Promise((resolve) => setImmediate(resolve));
          await receiveOne(clerk, { supplierLot: `DURING-${i}` });
          during++;
        }
      })();
      const dir = join(desk.dir, 'backups');
      const m = await makeBackup(desk.db, { dir, station: 'Desk 1', now: new Date('2026-12-07T01:02:03.456Z'), pagesPerStep: 8 });
      writing = false;
      await writes;
      // The desk kept working: receives were acknowledged while the backup was being copied.
      expect(during).toBeGreaterThan(0);
      expect(m.file).toBe('lotdesk-Desk_1-20261207T010203Z.db');
      const file = join(dir, m.file);
      expect(m.size).toBe(statSync(file).size);
      expect(m.sha256).toBe(await sha256File(file));
      expect(m.userVersion).toBe(MIGRATIONS.length);
      expect(existsSync(`${file}.partial`)).toBe(false);
      readOnly(file, (b) => {
        expect(b.pragma('journal_mode', { simple: true })).toBe('delete');
        expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(verifyFileChain(b, desk.file).problems).toEqual([]);
        expect(compareBalances(b)).toEqual([]);
        const head = b.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
        expect(m.audit).toEqual(head);
        // One state: every lot in the backup has its receive's audit record and no record lacks its lot.
        expect(count(b, 'SELECT COUNT(*) AS n FROM lots') - lots0).toBe(count(b, RECEIVES) - receives0);
        expect(lotCodes(b).length).toBeGreaterThanOrEqual(30);
      });
      expect((await checkBackupFile(file, { keys: keysOf(desk.file) })).ok).toBe(true);
      // Keyed records verify only with the key of the station that wrote them.
      expect((await checkBackupFile(file)).detail).toMatch(/key_missing/);
    }), 120_000);

  it('keeps N days of backups and always the newest', async () => {
    await withDesk(async (desk) => {
      const dir = join(desk.dir, 'kept');
      const day = (n: number) => new Date(Date.parse('2026-12-01T02:00:00.000Z') + n * 86_400_000);
      for (const n of [0, 1, 2, 5, 9]) await makeBackup(desk.db, { dir, station: 'desk', now: day(n) });
      expect((await listBackups(dir)).map((m) => m.createdAt)).toEqual([9, 5, 2, 1, 0].map((n) => day(n).toISOString()));
      const gone = await pruneBackups(dir, 4, day(9));
      expect(gone.sort()).toEqual(['lotdesk-desk-20261201T020000Z.db', 'lotdesk-desk-20261202T020000Z.db', 'lotdesk-desk-20261203T020000Z.db']);
      expect((await listBackups(dir)).map((m) => m.createdAt)).toEqual([9, 5].map((n) => day(n).toISOString()));
      // A month later with no new backup: the newest stays, the rest go.
      await pruneBackups(dir, 4, day(40));
      expect((await listBackups(dir)).map((m) => m.createdAt)).toEqual([day(9).toISOString()]);
      expect(readdirSync(dir).sort()).toEqual(['lotdesk-desk-20261210T020000Z.db', 'lotdesk-desk-20261210T020000Z.json']);
    });
  });

  it('backs up through the Backups screen calls and records who did', () =>
    withDesk(async (desk) => {
      const manager = await desk.signedIn('manager', '4444');
      const clerk = await desk.signedIn('clerk', '1111');
      expect((await errorOf(clerk.call('backup.run'))).code).toBe('forbidden');
      const folder = join(desk.dir, 'scheduled');
      await manager.call('backup.setSchedule', { folder, time: '02:00', everyHours: null, keepDays: 14 });
      expect((await errorOf(manager.call('backup.setSchedule', { folder, time: '25:00', everyHours: null, keepDays: 14 }))).key).toBe('errors.backup.badTime');
      expect((await errorOf(manager.call('backup.setSchedule', { folder: 'relative/dir', time: null, everyHours: null, keepDays: 14 }))).key).toBe('errors.backup.folderNotAbsolute');
      const made = await manager.call('backup.run');
      const overview = await manager.call('backup.list');
      expect(overview.settings).toEqual({ folder, time: '02:00', everyHours: null, keepDays: 14 });
      expect(overview.backups.map((b) => b.file)).toEqual([made.file]);
      expect(overview.backups[0].checked).toBeNull();
      const checked = await manager.call('backup.check', { file: made.file });
      expect(checked).toEqual({ file: made.file, ok: true, problem: null, detail: null });
      expect((await manager.call('backup.list')).backups[0].checked).toMatchObject({ ok: true, problem: null });
      const rec = desk.db.prepare("SELECT user_id, detail FROM audit WHERE command = 'backup.made'").get() as { user_id: string; detail: string };
      expect(JSON.parse(rec.detail)).toEqual({ file: made.file, size: made.size });
      expect(rec.user_id).toBe((desk.db.prepare("SELECT id FROM users WHERE username = 'manager'").get() as { id: string }).id);
      expect((await errorOf(manager.call('backup.check', { file: '../desk.db' }))).key).toBe('errors.backup.badName');
      expect(verifyAudit(desk.db).problems).toEqual([]);
    }));

  it('backs up on the schedule when due, without a user, and keeps the days set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-schedule-'));
    const clock = new ManualClock(new Date(DEMO_NOW));
    const { station, dispatch } = openDesk(join(dir, 'desk.db'), { clock });
    try {
      const anon = createClient((n, i) => dispatch({}, n, i));
      await anon.call('station.loadDemo');
      const auth = {};
      const manager = createClient((n, i) => dispatch(auth, n, i));
      // Nothing scheduled: the timer does nothing.
      expect(await scheduledBackupTick(station)).toBe(false);
      await manager.call('session.signIn', { username: 'manager', secret: '4444' });
      const folder = join(dir, 'auto');
      await manager.call('backup.setSchedule', { folder, time: null, everyHours: 6, keepDays: 1 });
      expect(await scheduledBackupTick(station)).toBe(true);
      expect(await scheduledBackupTick(station)).toBe(false);
      clock.advance(5 * 3_600_000);
      expect(await scheduledBackupTick(station)).toBe(false);
      clock.advance(3_600_000);
      expect(await scheduledBackupTick(station)).toBe(true);
      for (let i = 0; i < 8; i++) {
        clock.advance(6 * 3_600_000);
        expect(await scheduledBackupTick(station)).toBe(true);
      }
      // Two days of backups every 6 hours, one day kept: the last day's and the one at its edge.
      const kept = await listBackups(folder);
      expect(kept.map((m) => m.createdAt)).toEqual([0, 6, 12, 18, 24].map((h) => new Date(clock.now().getTime() - h * 3_600_000).toISOString()));
      const records = station.db.prepare("SELECT user_id FROM audit WHERE command = 'backup.made'").all() as { user_id: string | null }[];
      expect(records).toHaveLength(10);
      expect(records.every((r) => r.user_id === null)).toBe(true);
      expect(verifyAudit(station.db).problems).toEqual([]);
    } finally {
      station.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    }
  }, 60_000);

  it('is due daily at the set local time and on the interval', () => {
    const now = new Date(2026, 11, 7, 3, 0);
    expect(backupDue({ time: '02:00', everyHours: null }, null, now)).toBe(true);
    expect(backupDue({ time: '02:00', everyHours: null }, new Date(2026, 11, 7, 2, 1), now)).toBe(false);
    expect(backupDue({ time: '02:00', everyHours: null }, new Date(2026, 11, 6, 2, 1), now)).toBe(true);
    expect(backupDue({ time: '04:00', everyHours: null }, new Date(2026, 11, 6, 4, 1), now)).toBe(false);
    expect(backupDue({ time: null, everyHours: 6 }, new Date(2026, 11, 6, 22, 0), now)).toBe(false);
    expect(backupDue({ time: null, everyHours: 6 }, new Date(2026, 11, 6, 21, 0), now)).toBe(true);
    expect(backupDue({ time: null, everyHours: null }, null, now)).toBe(false);
  });
});

describe('restore', () => {
  async function goodBackup(desk: TestDesk): Promise<{ folder: string; file: string; lots: string[]; auditSeq: number }> {
    const manager = await desk.signedIn('manager', '4444');
    const folder = join(desk.dir, 'backups');
    await manager.call('backup.setSchedule', { folder, time: null, everyHours: null, keepDays: 30 });
    const clerk = await desk.signedIn('clerk', '1111');
    for (let i = 0; i < 3; i++) await receiveOne(clerk, { supplierLot: `KEPT-${i}` });
    const made = await manager.call('backup.run');
    return { folder, file: made.file, lots: lotCodes(desk.db), auditSeq: made.auditSeq };
  }

  /** A copy of a backup, without its manifest, that `edit` spoils. */
  function spoiled(folder: string, from: string, name: string, edit: (file: string) => void): string {
    const file = join(folder, name);
    copyFileSync(join(folder, from), file);
    edit(file);
    return name;
  }

  it('refuses a damaged file, a newer schema and an edited audit trail, and changes nothing', () =>
    withDesk(async (desk) => {
      const { folder, file } = await goodBackup(desk);
      const admin = await desk.signedIn('admin', 'admin1234');
      const manager = await desk.signedIn('manager', '4444');
      expect((await errorOf(manager.call('backup.restore', { file }))).code).toBe('forbidden');

      const corrupt = spoiled(folder, file, 'lotdesk-corrupt.db', (f) => {
        const fd = openSync(f, 'r+');
        // Pages 2.. overwritten with noise: the header still says SQLite, the b-trees do not hold.
        writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
        closeSync(fd);
      });
      const newer = spoiled(folder, file, 'lotdesk-newer.db', (f) => {
        const db = new Database(f);
        db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
        db.close();
      });
      const edited = spoiled(folder, file, 'lotdesk-edited.db', (f) => {
        const db = new Database(f);
        // What someone with the file in hand can do: lift the append-only trigger and rewrite a record.
        db.exec('DROP TRIGGER audit_append_only_update');
        db.prepare("UPDATE audit SET result = 'ok', user_id = NULL WHERE seq = 3").run();
        db.close();
      });
      const notDb = spoiled(folder, file, 'lotdesk-text.db', (f) => {
        const fd = openSync(f, 'w');
        writeSync(fd, 'not a database at all\n'.repeat(400));
        closeSync(fd);
      });
      const changedSinceWritten = spoiled(folder, file, 'lotdesk-changed.db', () => {});
      // A manifest that no longer matches its file (the file was touched after the backup).
      copyFileSync(join(folder, file.replace(/\.db$/, '.json')), join(folder, 'lotdesk-changed.json'));
      const m = JSON.parse(readFileSync(join(folder, 'lotdesk-changed.json'), 'utf8')) as { file: string };
      m.file = 'lotdesk-changed.db';
      writeFileSync(join(folder, 'lotdesk-changed.json'), JSON.stringify(m));
      const db = new Database(join(folder, changedSinceWritten));
      db.prepare("INSERT INTO settings(key, value) VALUES ('x', 'y')").run();
      db.close();

      const before = snapshot(desk.db);
      const expected: [string, string][] = [
        [corrupt, 'errors.backup.corrupt'],
        [newer, 'errors.backup.too_new'],
        [edited, 'errors.backup.chain_broken'],
        [notDb, 'errors.backup.corrupt'],
        [changedSinceWritten, 'errors.backup.changed'],
        ['lotdesk-none.db', 'errors.backup.missing'],
      ];
      for (const [name, key] of expected) {
        const err = await errorOf(admin.call('backup.restore', { file: name }));
        expect(err.key, name).toBe(key);
        expect(err.params.file).toBe(name);
      }
      expect((await checkBackupFile(join(folder, edited), { keys: keysOf(desk.file) })).detail).toBe('#3 hash_mismatch');
      expect(snapshot(desk.db)).toEqual(before);
      expect(readdirSync(desk.dir).filter((f) => f.includes('before-restore'))).toEqual([]);
    }));

  it('restores a good backup with every record, moves the current database aside and signs everyone out', () =>
    withDesk(async (desk) => {
      const { file, lots, auditSeq } = await goodBackup(desk);
      const clerk = await desk.signedIn('clerk', '1111');
      for (let i = 0; i < 2; i++) await receiveOne(clerk, { supplierLot: `LATER-${i}` });
      const later = lotCodes(desk.db);
      expect(later.length).toBe(lots.length + 2);
      const admin = await desk.signedIn('admin', 'admin1234');
      const result = await admin.call('backup.restore', { file });
      expect(result.restored).toBe(file);
      expect(result.movedAside).toMatch(/desk\.db\.before-restore-\d{8}T\d{6}Z$/);

      // The database it replaced is kept, with what came after the backup and the restore's own record.
      readOnly(result.movedAside!, (aside) => {
        expect(lotCodes(aside)).toEqual(later);
        expect(verifyFileChain(aside, desk.file).problems).toEqual([]);
        expect((aside.prepare('SELECT command FROM audit ORDER BY seq DESC LIMIT 1').get() as { command: string }).command).toBe('backup.restore');
      });
      // Everyone signs in again, on the restored database.
      expect((await errorOf(clerk.call('catalog.items'))).code).toBe('unauthenticated');
      expect((await errorOf(admin.call('catalog.items'))).code).toBe('unauthenticated');
      const manager = await desk.signedIn('manager', '4444');
      const page = await manager.call('audit.search', { limit: 5 });
      // The backup's own record came after its copy: the restored trail goes on from the backup's head.
      expect(page.rows.map((r) => r.command)).toEqual(['session.signIn', 'backup.restored', 'receiving.receive', 'receiving.receive', 'receiving.receive']);
      expect(page.rows[1].seq).toBe(auditSeq + 1);
      expect((await manager.call('audit.verify')).problems).toEqual([]);
      readOnly(desk.file, (restored) => {
        expect(lotCodes(restored)).toEqual(lots);
        expect(compareBalances(restored)).toEqual([]);
      });
      // The desk keeps working on the restored file.
      const clerkAgain = await desk.signedIn('clerk', '1111');
      await receiveOne(clerkAgain, { supplierLot: 'AFTER-RESTORE' });
      readOnly(desk.file, (restored) => expect(lotCodes(restored).length).toBe(lots.length + 1));
    }));

  it('restores from the command line, refusing a broken file', async () => {
    await withDesk(async (desk) => {
      const { folder, file, lots } = await goodBackup(desk);
      const target = join(desk.dir, 'cli', 'station.db');
      const out = join(desk.dir, 'cli-backups');
      let r = lotdesk(['backup', '--db', desk.file, '--out', out, '--keep-days', '7']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^backup lotdesk-[^ ]+\.db: \d+ bytes, sha256 [0-9a-f]{64}, schema \d+, audit head #\d+/);
      const [m] = await listBackups(out);
      r = lotdesk(['backup', '--db', join(desk.dir, 'typo.db'), '--out', out]);
      expect(r.status).toBe(1);
      expect(existsSync(join(desk.dir, 'typo.db'))).toBe(false);

      const edited = join(folder, 'edited.db');
      copyFileSync(join(folder, file), edited);
      const e = new Database(edited);
      e.exec('DROP TRIGGER audit_append_only_update');
      e.prepare("UPDATE audit SET command = 'session.signOut' WHERE seq = 2").run();
      e.close();
      r = lotdesk(['restore', '--from', edited, '--db', target, '--keys', defaultKeyPath(desk.file)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/refused.*audit trail|chain broken/);
      expect(existsSync(target)).toBe(false);

      r = lotdesk(['restore', '--from', join(out, m.file), '--db', target, '--keys', defaultKeyPath(desk.file)]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const db = openDatabase(target, { readonly: true });
      try {
        expect(lotCodes(db)).toEqual(lots);
        expect(verifyFileChain(db, target).problems).toEqual([]);
        expect((db.prepare('SELECT command FROM audit ORDER BY seq DESC LIMIT 1').get() as { command: string }).command).toBe('backup.restored');
      } finally {
        db.close();
      }
      // A second restore over it moves the first aside.
      r = lotdesk(['restore', '--from', join(folder, file), '--db', target]);
      expect(r.status).toBe(0);
      expect(readdirSync(join(desk.dir, 'cli')).filter((f) => /^station\.db\.before-restore-\d{8}T\d{6}Z$/.test(f))).toHaveLength(1);
    });
  }, 60_000);
});
