/**
 * The real serve-mode server for end-to-end tests and benchmarks: the real renderer build and
 * `lotdesk serve` on a fresh temporary database, and a plain HTTP client of the contract.
 *
 * ensureRenderer() builds `out/renderer` once when it is missing or older than its sources (or
 * always with LOTDESK_E2E_BUILD=1); a lock directory keeps parallel test files from building twice.
 *
 * Nothing here loads playwright-core: a benchmark that times the core in its own process must not
 * carry Playwright's modules, with which every young-generation GC took ~3 ms instead of ~1 ms.
 */
import http from 'node:http';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli';

export { ROOT };
const RENDERER_OUT = join(ROOT, 'out/renderer/index.html');
/**
 * Whatever may end up in the renderer bundle: screens import from src/domain, src/api and
 * src/i18n, so all of src counts (a list of single files missed src/domain/bom.ts and the
 * end-to-end tests ran a stale build); a change to the core alone costs one rebuild.
 */
const RENDERER_SOURCES = ['renderer', 'src', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

function rendererIsFresh(): boolean {
  if (process.env.LOTDESK_E2E_BUILD === '1' || !existsSync(RENDERER_OUT)) return false;
  const built = statSync(RENDERER_OUT).mtimeMs;
  return RENDERER_SOURCES.every((p) => newestMtime(p) <= built);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

let rendererChecked = false;

/** Builds the renderer (electron-vite build, as `npm run serve` does) unless a fresh build exists. */
export async function ensureRenderer(): Promise<void> {
  if (rendererChecked || rendererIsFresh()) {
    rendererChecked = true;
    return;
  }
  const lock = join(tmpdir(), `lotdesk-e2e-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than the deadline is left over from a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 240_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for the renderer build lock');
      await sleep(500);
    }
  }
  try {
    if (!rendererIsFresh()) {
      const cli = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
      const run = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
      if (run.status !== 0) throw new Error(`electron-vite build failed:\n${run.stdout}\n${run.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  rendererChecked = true;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Desk {
  url: string;
  dbFile: string;
  /** Calls the API as a separate client (own cookie jar), e.g. to check what was written. */
  client(): ApiClient;
  stop(): Promise<void>;
}

/** Starts `lotdesk serve` on a free port, on a fresh temporary database or on `options.dbFile` (left in place). */
export async function startDesk(options: { dbFile?: string } = {}): Promise<Desk> {
  await ensureRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-e2e-'));
  const dbFile = options.dbFile ?? join(dir, 'desk.db');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/lotdesk.mjs'), 'serve', '--db', dbFile, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, LOTDESK_LAN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lotdesk serve exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lotdesk serve did not start:\n${output}`);
    }
    await sleep(150);
  }
  return {
    url,
    dbFile,
    client: () => new ApiClient(url),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface EnvelopeJson {
  ok: boolean;
  result?: unknown;
  error?: { code: string; key: string; params: Record<string, unknown>; field?: string };
}

/** A plain HTTP client of the contract with its own session cookie. */
export class ApiClient {
  protected cookie = '';
  constructor(protected readonly url: string) {}

  async call(name: string, input: unknown = {}): Promise<{ status: number; body: EnvelopeJson; headers: Headers }> {
    const res = await fetch(`${this.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lotdesk': '1', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return { status: res.status, body: (await res.json()) as EnvelopeJson, headers: res.headers };
  }

  async result<T>(name: string, input: unknown = {}): Promise<T> {
    const { body } = await this.call(name, input);
    if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
    return body.result as T;
  }
}

/**
 * The same client on node:http with one kept-alive socket, for benches: it shares the desk's two
 * cores, and undici's fetch took ~1.6 ms of CPU per call here against ~0.6 ms for node:http
 * (docs/PERFORMANCE.md, issue 18's receive tail), time the desk then waited for a core.
 */
export class KeepAliveClient extends ApiClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  override call(name: string, input: unknown = {}): Promise<{ status: number; body: EnvelopeJson; headers: Headers }> {
    const payload = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.url}/api/${name}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-lotdesk': '1', ...(this.cookie ? { cookie: this.cookie } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const set = res.headers['set-cookie']?.[0];
            if (set) this.cookie = set.split(';')[0];
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as EnvelopeJson, headers });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
