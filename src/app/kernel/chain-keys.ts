/**
 * The station's chain keys (issue 18), kept outside the database: an HMAC-SHA-256 secret that keys
 * every audit record's hash, and an Ed25519 pair that signs the checkpoints of the chain's head.
 * Someone holding only the database file can neither recompute a keyed hash nor sign a head.
 *
 * Where they live is a `KeyStore`: in serve mode and the CLI a JSON file with 0600 permissions in
 * a 0700 `keys` folder beside the database; in Electron the main process gives the same file store a
 * cipher (safeStorage, the OS keychain) so the file holds only ciphertext. src/ never sees Electron.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, randomBytes, createHash, type KeyObject } from 'node:crypto';

/** What a key store holds, as stored. */
export interface StationKeyFile {
  version: 1;
  createdAt: string;
  /** 32 random bytes, base64. */
  hmac: string;
  /** Ed25519, PKCS#8 DER base64. */
  signing: string;
  /** Ed25519, SPKI DER base64. */
  verifying: string;
  /** The seq of the record that switched this chain to keyed hashes: an anchor a downgrade cannot move. */
  sealSeq: number | null;
}

export interface KeyStore {
  /** Where the keys are, for messages ("the station key is not at …"). */
  readonly where: string;
  load(): StationKeyFile | null;
  save(keys: StationKeyFile): void;
}

/** Encrypts the key file's text (Electron's safeStorage in main/); without one the file is plain JSON. */
export interface KeyCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** The keys ready to use. */
export interface ChainKeys {
  file: StationKeyFile;
  hmac: KeyObject;
  signing: KeyObject;
  verifying: KeyObject;
  /** First 16 hex of SHA-256 of the public key: printed on every checkpoint so a reader compares it with earlier printouts. */
  fingerprint: string;
}

/** `<data folder>/keys/<db file>.keys` (LOTDESK_KEYS overrides the folder). */
export function defaultKeyPath(dbFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.LOTDESK_KEYS || join(dirname(dbFile), 'keys'), `${basename(dbFile)}.keys`);
}

export function fileKeyStore(path: string, cipher?: KeyCipher): KeyStore {
  return {
    where: path,
    load() {
      if (!existsSync(path)) return null;
      const bytes = readFileSync(path);
      const text = cipher ? cipher.decrypt(bytes) : bytes.toString('utf8');
      return JSON.parse(text) as StationKeyFile;
    },
    save(keys) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const text = JSON.stringify(keys, null, 2);
      const tmp = `${path}.${process.pid}.tmp`;
      // Written beside, then renamed: a crash never leaves half a key file.
      writeFileSync(tmp, cipher ? cipher.encrypt(text) : text, { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, path);
    },
  };
}

/** The keys a store holds, ready to use; null when it holds none (a file from another machine, a deleted key). */
export function stationKeys(store: KeyStore): ChainKeys | null {
  const stored = store.load();
  return stored ? chainKeys(stored) : null;
}

/** Keys that live only as long as the process: `:memory:` stations. */
export function memoryKeyStore(): KeyStore {
  let kept: StationKeyFile | null = null;
  return { where: 'memory', load: () => kept, save: (k) => void (kept = { ...k }) };
}

export function newKeyFile(now: Date): StationKeyFile {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    version: 1,
    createdAt: now.toISOString(),
    hmac: randomBytes(32).toString('base64'),
    signing: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    verifying: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sealSeq: null,
  };
}

export function publicKeyFingerprint(spkiBase64: string): string {
  return createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex').slice(0, 16);
}

export function chainKeys(file: StationKeyFile): ChainKeys {
  return {
    file,
    hmac: createSecretKey(Buffer.from(file.hmac, 'base64')),
    signing: createPrivateKey({ key: Buffer.from(file.signing, 'base64'), format: 'der', type: 'pkcs8' }),
    verifying: createPublicKey({ key: Buffer.from(file.verifying, 'base64'), format: 'der', type: 'spki' }),
    fingerprint: publicKeyFingerprint(file.verifying),
  };
}
