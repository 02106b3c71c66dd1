/**
 * The station's chain keys in Electron (issue 18): the same key file as serve mode, but its text
 * encrypted with safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux),
 * so the file alone gives nothing. Where the OS offers no encryption (a Linux desk without a
 * keyring) it falls back to the plain 0600 file, as serve mode keeps it.
 */
import { fileKeyStore, type KeyStore } from '../src/app/kernel/chain-keys';

/** The part of Electron's safeStorage used here, so the choice is testable without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export function safeStorageKeyStore(keyFile: string, safe: SafeStorageLike): KeyStore {
  if (!safe.isEncryptionAvailable()) return fileKeyStore(keyFile);
  return fileKeyStore(`${keyFile}.safe`, { encrypt: (s) => safe.encryptString(s), decrypt: (b) => safe.decryptString(b) });
}
