/**
 * Is a backup file fit to restore? (issue 18) It must open as SQLite and pass `integrity_check`,
 * be a LotDesk station (an audit trail), have a schema no newer than this LotDesk, and its audit
 * chain must verify (the one verify function of the trail: whatever makes it stronger applies here
 * too). When the file has a manifest, the file must still match its SHA-256 and audit head.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { MIGRATIONS } from '../../store/migrations';
import { readManifest, sha256File } from '../../store/backup-files';
import type { Db } from '../../store/db';
import { verifyChain } from '../kernel/audit-log';
import type { ChainKeys } from '../kernel/chain-keys';

export type BackupProblem = 'missing' | 'corrupt' | 'not_lotdesk' | 'too_new' | 'chain_broken' | 'changed';

export interface BackupCheck {
  ok: boolean;
  problem?: BackupProblem;
  /** Words for a person beside the problem: the first broken record, the versions. */
  detail?: string;
  userVersion?: number;
  records?: number;
}

function withReadOnly<T>(file: string, nativeBinding: string | undefined, body: (db: Db) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/**
 * `keys`: the station's chain keys (a backup's keyed records verify only with the key of the
 * station that wrote them). The station's signed checkpoints are not used: they are newer than any
 * backup by nature; the backup's own anchor is the audit head in its manifest.
 */
export async function checkBackupFile(file: string, options: { nativeBinding?: string; keys?: ChainKeys | null } = {}): Promise<BackupCheck> {
  if (!existsSync(file)) return { ok: false, problem: 'missing' };
  const manifest = await readManifest(dirname(file), basename(file));
  if (manifest && manifest.sha256 !== (await sha256File(file))) return { ok: false, problem: 'changed', detail: 'sha256' };
  let result: BackupCheck;
  try {
    result = withReadOnly(file, options.nativeBinding, (db) => {
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
        return { ok: false, problem: 'corrupt', detail: integrity.map((r) => r.integrity_check).slice(0, 3).join('; ') } satisfies BackupCheck;
      }
      const userVersion = db.pragma('user_version', { simple: true }) as number;
      if (userVersion > MIGRATIONS.length) return { ok: false, problem: 'too_new', userVersion, detail: `${userVersion} > ${MIGRATIONS.length}` } satisfies BackupCheck;
      const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
      if (!hasAudit) return { ok: false, problem: 'not_lotdesk', userVersion } satisfies BackupCheck;
      const chain = verifyChain(db, { keys: options.keys ?? null, checkpoints: [], nativeBinding: options.nativeBinding });
      if (chain.problems.length > 0) {
        const first = chain.problems[0];
        return { ok: false, problem: 'chain_broken', userVersion, records: chain.records, detail: `#${first.seq} ${first.problem}` } satisfies BackupCheck;
      }
      const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      if (manifest && (manifest.audit.seq !== (head?.seq ?? 0) || manifest.audit.hash !== (head?.hash ?? null))) {
        return { ok: false, problem: 'changed', userVersion, records: chain.records, detail: 'audit head' } satisfies BackupCheck;
      }
      return { ok: true, userVersion, records: chain.records } satisfies BackupCheck;
    });
  } catch (err) {
    // Not a database at all, or damaged past opening: SQLITE_NOTADB, SQLITE_CORRUPT.
    return { ok: false, problem: 'corrupt', detail: (err as Error).message };
  }
  return result;
}
