/**
 * Opening a station's keyed chain (issue 18): load its keys (made at the first open), attach them
 * to the connection, start catching the covered rows it writes, and — the first time — seal the
 * chain: one `audit.sealed` record, the first keyed one, whose facts (and the `audit.facts` records
 * after it) are the baseline of every covered row already there. Its seq goes into the key file,
 * outside the database, so a downgrade cannot move it.
 */
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { installFactCapture, markAllPending } from '../../store/audit-facts';
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
        appendAudit(db, { at: o.now.toISOString(), stationId: o.stationId, userId: null, command: 'audit.sealed', input: {}, result: 'ok', detail: { plainRecords: legacy } });
        return (statement(db, "SELECT seq FROM audit WHERE command = 'audit.sealed' AND scheme = ? ORDER BY seq LIMIT 1").get(KEYED) as { seq: number }).seq;
      })
      .immediate();
    file = { ...file, sealSeq: seq };
    o.keyStore.save(file);
    anchor.keys = chainKeys(file);
    writeCheckpoint(db, o.now);
  }
  return anchor;
}
