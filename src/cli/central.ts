/**
 * `lotdesk central`: the central server. `--pg URL` (or LOTDESK_PG) runs it on a real PostgreSQL
 * (start as many workers as wanted: they are stateless); without it, PGlite keeps the data in
 * `--data DIR` (one process). `--admin USER:PASS` (or LOTDESK_CENTRAL_ADMIN) creates the first admin.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCentral } from '../server/app';
import { openCentralDb } from '../server/pg';
import { erpRoutes } from '../server/erp/central';

export const DEFAULT_CENTRAL_PORT = 5190;
export const DEFAULT_CENTRAL_DATA = 'lotdesk-central';
/** The built renderer (`electron-vite build`), served for the central views; `--renderer DIR` for another. */
export const CENTRAL_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export function parseAdmin(text: string | undefined): { username: string; password: string } | undefined {
  if (!text) return undefined;
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) throw new Error('--admin wants USER:PASS');
  return { username: text.slice(0, at), password: text.slice(at + 1) };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { pg: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, admin: { type: 'string' }, host: { type: 'string' }, renderer: { type: 'string' } } });
  const pgUrl = values.pg ?? process.env.LOTDESK_PG;
  const dataDir = resolve(values.data ?? process.env.LOTDESK_CENTRAL_DATA ?? DEFAULT_CENTRAL_DATA);
  const db = await openCentralDb({ pg: pgUrl, dataDir });
  const app = buildCentral({ db, routes: [erpRoutes()], admin: parseAdmin(values.admin ?? process.env.LOTDESK_CENTRAL_ADMIN), rendererDir: values.renderer ?? CENTRAL_RENDERER_DIR });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_CENTRAL_PORT);
  const host = values.host ?? '127.0.0.1';
  await app.listen({ host, port });
  const address = app.server.address();
  const shownPort = typeof address === 'object' && address ? address.port : port;
  console.log(`LotDesk centre ${app.central.centreId} on ${pgUrl ? 'PostgreSQL' : `PGlite (${dataDir})`} at http://${host}:${shownPort}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await app.close();
  await db.close();
  return 0;
}
