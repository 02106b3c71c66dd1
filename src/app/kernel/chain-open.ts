/**
 * Opening a station's keyed chain (issue 18): load its keys (made at the first open), attach them
 * to the connection, start catching the covered rows it writes, and — the first time — seal the
 * chain: one `audit.sealed` record, the first keyed one, whose facts (and the `audit.facts` records
 * after it) are the baseline of every covered row already there. Its seq goes into the key file,
 * outside the database, so a downgrade cannot move it.
 */
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { chainCoverage, COVERAGE_COMMAND, coverageNames, coverageTable, installFactCapture, markAllPending } from '../../store/audit-facts';
import { appendAudit, attachChain, KEYED, type ChainAnchor } from './audit-log';
import { chainKeys, newKeyFile, type KeyStore } from './chain-keys';
import { writeCheckpoint } from './checkpoints';

export interface OpenChainOptions {
  keyStore: KeyStore;
  checkpointFile: string | null;
  stationId: string;
  now: Date;
}

export function openChain(db: Db, o: OpenChainOptions): ChainAnchor {
  let file = o.keyStore.load();
  const made = file === null;
  if (!file) {
    file = newKeyFile(o.now);
    o.keyStore.save(file);
  }
  const anchor: ChainAnchor = { keys: chainKeys(file), where: o.keyStore.where, checkpointFile: o.checkpointFile, stationId: o.stationId };
  attachChain(db, anchor);
  installFactCapture(db);
  const keyed = statement(db, 'SELECT seq FROM audit WHERE scheme = ? ORDER BY seq LIMIT 1').get(KEYED) as { seq: number } | undefined;
  if (keyed && made) {
    // The chain was keyed with a key that is gone: records from here on cannot link to it verifiably.
    console.warn(`lotdesk: the audit trail is keyed but its station key is missing (${o.keyStore.where}); audit verify will report it`);
  }
  // A crash between the seal's commit and the key file's save leaves the seal to be noted now.
  if (keyed && !made && file.sealSeq === null) {
    file = { ...file, sealSeq: keyed.seq };
    o.keyStore.save(file);
    anchor.keys = chainKeys(file);
  }
  if (!keyed && file.sealSeq === null) {
    const seq = db
      .transaction(() => {
        markAllPending(db);
        const legacy = (statement(db, 'SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
        const tables = coverageNames(db).join(',');
        appendAudit(db, { at: o.now.toISOString(), stationId: o.stationId, userId: null, command: 'audit.sealed', input: {}, result: 'ok', detail: { plainRecords: legacy, tables } });
        return (statement(db, "SELECT seq FROM audit WHERE command = 'audit.sealed' AND scheme = ? ORDER BY seq LIMIT 1").get(KEYED) as { seq: number }).seq;
      })
      .immediate();
    file = { ...file, sealSeq: seq };
    o.keyStore.save(file);
    anchor.keys = chainKeys(file);
    writeCheckpoint(db, o.now);
  } else if (keyed) {
    extendCoverage(db, o);
  }
  return anchor;
}

/**
 * A chain sealed by an earlier version covers less than this one (migration 032 added genealogy
 * links, production, retained samples, the print log, QC files and plans, recalls, complaints; later
 * documents, their lines, shipments, packages and users' signing hashes): the rows those tables hold
 * now become the chain's baseline for them, in one `audit.coverage` record (and `audit.facts`
 * records after it) that names what it adds and counts the rows. Until it is written `audit verify`
 * checks only what the chain covered.
 */
function extendCoverage(db: Db, o: OpenChainOptions): void {
  const covered = chainCoverage(db);
  if (!covered) return;
  const missing = coverageNames(db).filter((name) => !covered.has(name));
  if (missing.length === 0) return;
  db.transaction(() => {
    markAllPending(db, new Set(missing.map(coverageTable)));
    const rows = (statement(db, 'SELECT COUNT(*) AS n FROM temp.audit_pending').get() as { n: number }).n;
    const schema = db.pragma('user_version', { simple: true }) as number;
    appendAudit(db, { at: o.now.toISOString(), stationId: o.stationId, userId: null, command: COVERAGE_COMMAND, input: {}, result: 'ok', detail: { tables: missing.join(','), rows, schema } });
  }).immediate();
  writeCheckpoint(db, o.now);
}
