/** `lotdesk serve`: the station core and the built renderer over HTTP (PDAs, headless desks, e2e tests). */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHttpServer } from '../api/http';
import { defaultDbPath, openDesk } from '../app/open';

export const DEFAULT_PORT = 5178;
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, port: { type: 'string' }, lan: { type: 'boolean' }, renderer: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  // Loopback only unless the desk is explicitly opened to the LAN for PDAs.
  const host = values.lan || process.env.LOTDESK_LAN === '1' ? '0.0.0.0' : '127.0.0.1';
  const dbFile = values.db ?? defaultDbPath();
  const { station, dispatch } = openDesk(dbFile);
  const app = await createHttpServer(dispatch, { rendererDir: values.renderer ?? RENDERER_DIR });
  await app.listen({ host, port });
  console.log(`LotDesk serving ${dbFile} at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${host === '0.0.0.0' ? ' (LAN)' : ''}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  station.close();
  return 0;
}
