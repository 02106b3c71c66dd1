/**
 * The station's sync credential: what enrolment gave it (station id, centre, secret). Kept like
 * the chain keys (src/app/kernel/chain-keys.ts): a 0600 file in the 0700 `keys` folder beside the
 * database, never in the database, so a copied .db file cannot speak to the centre as this desk.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const CredentialSchema = z.object({ version: z.literal(1), stationId: z.string(), centreId: z.string(), siteCode: z.string(), centreUrl: z.string(), secret: z.string(), enrolledAt: z.string() });
export type SyncCredential = z.infer<typeof CredentialSchema>;

/** `<data folder>/keys/sync-credential` (LOTDESK_KEYS overrides the folder, as for the chain keys). */
export function credentialPath(dbFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.LOTDESK_KEYS || join(dirname(dbFile), 'keys'), 'sync-credential');
}

export function loadCredential(path: string): SyncCredential | null {
  if (!existsSync(path)) return null;
  const parsed = CredentialSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : null;
}

export function saveCredential(path: string, credential: SyncCredential): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  // Written beside, then renamed: a crash never leaves half a credential.
  writeFileSync(tmp, JSON.stringify(credential, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function removeCredential(path: string): void {
  rmSync(path, { force: true });
}
