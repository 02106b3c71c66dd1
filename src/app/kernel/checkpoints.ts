/**
 * Signed checkpoints of the audit chain's head (issue 18): the seq and hash of the newest record,
 * signed with the station's Ed25519 key and kept outside the database, in
 * `<data folder>/checkpoints/<db file>.jsonl`. A trail cut after a checkpoint, or emptied, or a
 * chain rewritten under it, no longer matches it. The manager prints or exports one (the Audit
 * screen, `lotdesk audit checkpoint`), which anchors the head on paper; the sync stream will carry
 * `signedHead` to the centre (issue 20).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createPublicKey, sign, verify } from 'node:crypto';
import type { Db } from '../../store/db';
import { statement } from '../../store/statements';
import { chainOf } from './chain-anchor';
import { publicKeyFingerprint, type ChainKeys } from './chain-keys';
import { translate } from '../../i18n/translate';
import type { Locale } from '../../i18n/locales';

export interface Checkpoint {
  v: 1;
  station: string;
  seq: number;
  hash: string;
  at: string;
  /** The record that switched the chain to keyed hashes (see audit-log.ts). */
  sealSeq: number | null;
  /** The signer's public key (SPKI DER base64) and its fingerprint, so a printout stands on its own. */
  verifying: string;
  fingerprint: string;
  sig: string;
}

/** The file keeps the newest checkpoints; older ones add nothing a newer one does not anchor. */
const KEEP = 1000;

export function defaultCheckpointPath(dbFile: string): string {
  return join(dirname(dbFile), 'checkpoints', `${basename(dbFile)}.jsonl`);
}

function payload(c: Omit<Checkpoint, 'sig' | 'fingerprint'>): Buffer {
  return Buffer.from(JSON.stringify([c.v, c.station, c.seq, c.hash, c.at, c.sealSeq, c.verifying]));
}

export function head(db: Db): { seq: number; hash: string } | null {
  return (statement(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

export function signHead(keys: ChainKeys, station: string, at: Date, h: { seq: number; hash: string }): Checkpoint {
  const body = { v: 1 as const, station, seq: h.seq, hash: h.hash, at: at.toISOString(), sealSeq: keys.file.sealSeq, verifying: keys.file.verifying };
  return { ...body, fingerprint: keys.fingerprint, sig: sign(null, payload(body), keys.signing).toString('base64') };
}

/**
 * The current head signed with the station key: what the sync stream sends (issue 20) and a
 * checkpoint holds. Null on a connection without the key, or an empty trail.
 */
export function signedHead(db: Db, at: Date): Checkpoint | null {
  const anchor = chainOf(db);
  const h = head(db);
  return anchor && h ? signHead(anchor.keys, anchor.stationId, at, h) : null;
}

/** Whether a checkpoint's signature holds, against the station's key when known, else the key it carries. */
export function checkpointSigned(c: Checkpoint, keys: ChainKeys | null): boolean {
  try {
    const key = keys ? keys.verifying : createPublicKey({ key: Buffer.from(c.verifying, 'base64'), format: 'der', type: 'spki' });
    if (keys && c.verifying !== keys.file.verifying) return false;
    return verify(null, payload(c), key, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

/** Every checkpoint line of a file (a .jsonl file, or a printed text whose JSON line was kept). */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  const out: Checkpoint[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const c = JSON.parse(t) as Checkpoint;
      if (typeof c.seq === 'number' && typeof c.hash === 'string' && typeof c.sig === 'string') out.push(c);
    } catch {
      // A damaged line anchors nothing; the others still do.
    }
  }
  return out;
}

/** Appends the current head to the station's checkpoint file, unless it is already the newest there. */
export function writeCheckpoint(db: Db, at: Date): Checkpoint | null {
  const anchor = chainOf(db);
  const c = signedHead(db, at);
  if (!anchor?.checkpointFile || !c) return c;
  const file = anchor.checkpointFile;
  const kept = readCheckpoints(file);
  if (kept.length > 0 && kept[kept.length - 1].seq === c.seq && kept[kept.length - 1].hash === c.hash) return kept[kept.length - 1];
  mkdirSync(dirname(file), { recursive: true });
  if (kept.length >= 2 * KEEP) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, [...kept.slice(-KEEP), c].map((k) => JSON.stringify(k)).join('\n') + '\n');
    renameSync(tmp, file);
  } else {
    appendFileSync(file, JSON.stringify(c) + '\n');
  }
  return c;
}

const LABELS = ['title', 'station', 'record', 'hash', 'at', 'sealSeq', 'fingerprint', 'howTo'] as const;

/** A checkpoint as a manager prints or files it, in their language; the last line is what `audit verify --checkpoint` reads back. */
export function checkpointText(c: Checkpoint, locale: Locale): string {
  const l = Object.fromEntries(LABELS.map((k) => [k, translate(locale, `ui.trustChain.checkpoint.${k}`)])) as Record<(typeof LABELS)[number], string>;
  return [
    l.title,
    `${l.station}: ${c.station}`,
    `${l.record}: #${c.seq}`,
    `${l.hash}: ${c.hash}`,
    `${l.at}: ${c.at}`,
    `${l.sealSeq}: ${c.sealSeq === null ? '-' : `#${c.sealSeq}`}`,
    `${l.fingerprint}: ${c.fingerprint ?? publicKeyFingerprint(c.verifying)}`,
    '',
    l.howTo,
    JSON.stringify(c),
    '',
  ].join('\n');
}
