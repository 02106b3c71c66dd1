/**
 * `lotdesk serve`: the station core and the built renderer over HTTP (PDAs, headless desks, e2e tests).
 * Loopback only by default. `--lan` opens the desk to the LAN over HTTPS with the desk's own
 * certificate (src/app/admin/lan-certificate.ts; its fingerprint printed here for the PDAs to
 * trust) and answers only to its own names: loopback, this machine's name and addresses, and the
 * names given with `--lan-name` (repeatable) or LOTDESK_LAN_NAMES (comma-separated).
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { hostname, networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createHttpServer } from '../api/http';
import { hostName } from '../api/edge';
import { defaultDbPath, openDesk } from '../app/open';
import { ensureLanCertificate } from '../app/admin/lan-certificate';

export const DEFAULT_PORT = 5178;
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** This machine's addresses (every interface), as a Host header may name them. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((a) => a.address.replace(/%.*$/, ''));
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' }, lan: { type: 'boolean' }, 'lan-name': { type: 'string', multiple: true }, renderer: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  // Loopback only unless the desk is explicitly opened to the LAN for PDAs.
  const lan = values.lan === true || process.env.LOTDESK_LAN === '1';
  const host = lan ? '0.0.0.0' : '127.0.0.1';
  const dbFile = resolve(values.db ?? defaultDbPath());
  const lanNames = [...(values['lan-name'] ?? []), ...(process.env.LOTDESK_LAN_NAMES ?? '').split(',')].map((n) => n.trim().toLowerCase()).filter(Boolean);
  const names = lan ? [...new Set(['localhost', hostname().toLowerCase(), ...lanNames, ...ownAddresses()])] : [];
  const tls = lan ? await ensureLanCertificate(dirname(dbFile), names) : undefined;
  const { station, dispatch } = openDesk(dbFile);
  const app = await createHttpServer(dispatch, { rendererDir: values.renderer ?? RENDERER_DIR, tls, hosts: names.map(hostName) });
  await app.listen({ host, port });
  if (tls) {
    const shown = lanNames[0] ?? hostname().toLowerCase();
    console.log(`LotDesk serving ${dbFile} at https://${shown}:${port} (LAN; also https://localhost:${port})`);
    console.log(`${tls.created ? 'New certificate' : 'Certificate'} SHA-256 fingerprint (trust it on each PDA only if it matches): ${tls.fingerprint}`);
    console.log(`Names this desk answers to: ${names.join(', ')}`);
  } else {
    console.log(`LotDesk serving ${dbFile} at http://${host}:${port}`);
  }
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  station.close();
  return 0;
}
