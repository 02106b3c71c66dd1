/**
 * The desk's HTTPS certificate for the LAN (`lotdesk serve --lan`): self-signed, made the first
 * time the desk is opened to the LAN and kept in the data folder beside the database (key and
 * certificate readable by the desk's user only, 0600). A PDA cannot check it against a public
 * authority, so it is trusted by its SHA-256 fingerprint, which `serve` prints at start and the
 * manager sees on the Users screen (`station.lanCertificate`): the person setting up a PDA
 * compares the two before trusting it. Deleting the two files makes a new one at the next start.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';
import type { LanCertificate } from '../../contract/results';
import type { Handlers } from '../kernel/context';

export const LAN_KEY_FILE = 'lan-tls.key';
export const LAN_CERT_FILE = 'lan-tls.crt';
/** Ten years: a PDA's trust is set up by hand, and should not lapse under a running warehouse. */
const VALID_DAYS = 3650;

export interface LanTls {
  key: string;
  cert: string;
  fingerprint: string;
  /** True when this start made it (the PDAs must trust the new fingerprint). */
  created: boolean;
}

/** The fingerprint as browsers and `openssl x509 -fingerprint -sha256` show it: AB:CD:… */
function describe(pem: string): LanCertificate {
  const x509 = new X509Certificate(pem);
  const names = (x509.subjectAltName ?? '').split(', ').map((n) => n.replace(/^(DNS|IP Address):/, '')).filter(Boolean);
  return { fingerprint: x509.fingerprint256, names, validTo: new Date(x509.validTo).toISOString() };
}

/** The certificate in `dir`, made (for `names`: host names and addresses) when there is none. */
export async function ensureLanCertificate(dir: string, names: readonly string[]): Promise<LanTls> {
  const keyFile = join(dir, LAN_KEY_FILE);
  const certFile = join(dir, LAN_CERT_FILE);
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8');
    return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: describe(cert).fingerprint, created: false };
  }
  const unique = [...new Set(names)];
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: unique.find((n) => !isIP(n)) ?? 'lotdesk' }, { name: 'organizationName', value: 'LotDesk desk' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: unique.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  for (const [file, pem] of [[keyFile, pems.private], [certFile, pems.cert]] as const) {
    writeFileSync(file, pem, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { key: pems.private, cert: pems.cert, fingerprint: describe(pems.cert).fingerprint, created: true };
}

/** The certificate of the desk whose database is `dbFile`, or null when it was never served to the LAN. */
export function readLanCertificate(dbFile: string): LanCertificate | null {
  const certFile = join(dirname(dbFile), LAN_CERT_FILE);
  return existsSync(certFile) ? describe(readFileSync(certFile, 'utf8')) : null;
}

export const lanCertificateHandlers = {
  'station.lanCertificate': (ctx) => readLanCertificate(ctx.station.db.name),
} satisfies Partial<Handlers>;
