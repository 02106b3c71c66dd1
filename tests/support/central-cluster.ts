/**
 * Central workers as real processes on one fresh PostgreSQL database (issue 20 fault tests).
 *
 * `testDatabase()` creates `lotdesk_faults_<random>` on the test server and drops it after, so
 * test files running in parallel never share a centre. `startCluster()` spawns N
 * `lotdesk central --pg URL --port P` processes on it; a worker can be killed with SIGKILL in the
 * middle of a batch and started again on the same port. `CentralAdmin` is the central admin's
 * HTTP client (sign-in cookie): enrolment codes, lot status, exceptions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { ROOT } from './cli';

export const PG_URL = process.env.LOTDESK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN = { username: 'central-admin', password: 'central-admin-pass-1' };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
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

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs one query on the database (a short-lived connection per call is fine for checks). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function testDatabase(prefix = 'lotdesk_faults'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(PG_URL, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    name,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface CentralWorker {
  port: number;
  url: string;
  child: ChildProcess | null;
  output: string;
  /** SIGKILL, no goodbye: an open PG transaction is rolled back by the server. */
  kill9(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Waits until the worker's /health answers 200 (its migrations ran). */
async function waitListening(worker: CentralWorker, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (worker.child && worker.child.exitCode !== null) throw new Error(`central worker exited with ${worker.child.exitCode}:\n${worker.output}`);
    try {
      const res = await fetch(`${worker.url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`central worker did not start:\n${worker.output}`);
    await sleep(150);
  }
}

/** How a worker process is started: `lotdesk central` (default), or another entry taking the same arguments. */
export const LOTDESK_CENTRAL = [`${ROOT}/bin/lotdesk.mjs`, 'central'];

export function centralWorker(pgUrl: string, port: number, env: NodeJS.ProcessEnv = {}, command: string[] = LOTDESK_CENTRAL): CentralWorker {
  const w: CentralWorker = {
    port,
    url: `http://127.0.0.1:${port}`,
    child: null,
    output: '',
    async start() {
      const child = spawn(process.execPath, [...command, '--pg', pgUrl, '--port', String(port), '--admin', `${ADMIN.username}:${ADMIN.password}`], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      w.child = child;
      child.stdout!.on('data', (d) => (w.output += String(d)));
      child.stderr!.on('data', (d) => (w.output += String(d)));
      await waitListening(w);
    },
    async kill9() {
      const child = w.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const child = w.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null && child.signalCode === null) await w.kill9();
    },
  };
  return w;
}

export interface Cluster {
  db: TestDatabase;
  workers: CentralWorker[];
  urls: string[];
  admin: CentralAdmin;
  stop(): Promise<void>;
}

/** N central workers started together on a fresh database (their migrations take an advisory lock). */
export async function startCluster(options: { workers: number; env?: NodeJS.ProcessEnv; command?: string[]; signIn?: boolean }): Promise<Cluster> {
  const db = await testDatabase();
  const ports = await Promise.all(Array.from({ length: options.workers }, () => freePort()));
  const workers = ports.map((p) => centralWorker(db.url, p, options.env, options.command));
  try {
    await Promise.all(workers.map((w) => w.start()));
  } catch (err) {
    await Promise.all(workers.map((w) => w.kill9()));
    await db.drop();
    throw err;
  }
  const admin = new CentralAdmin(workers.map((w) => w.url));
  if (options.signIn !== false) await admin.signIn();
  return {
    db,
    workers,
    urls: workers.map((w) => w.url),
    admin,
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await db.drop();
    },
  };
}

export interface CentralError {
  code: string;
  key: string;
  params: Record<string, unknown>;
}

/**
 * The central admin over HTTP, with its sign-in cookie. The session lives in the database, so when
 * a worker is down (killed by the test) the request goes to the next one.
 */
export class CentralAdmin {
  private cookie = '';
  constructor(public urls: string[]) {}

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.urls.length * 3; attempt++) {
      try {
        return await fetch(`${this.urls[attempt % this.urls.length]}${path}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        lastError = err;
        await sleep(100);
      }
    }
    throw lastError;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.send(method, path, body);
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.request<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async signIn(): Promise<void> {
    await this.ok('POST', '/central/v1/sign-in', ADMIN);
  }

  async enrolmentCode(siteCode: string): Promise<string> {
    return (await this.ok<{ code: string }>('POST', '/central/v1/enrolment-codes', { siteCode })).code;
  }

  async setLotStatus(lotId: string, status: 'on_hold' | 'recalled' | 'released', reason: string): Promise<void> {
    await this.ok('POST', `/central/v1/lots/${encodeURIComponent(lotId)}/status`, { status, reason });
  }
}

/** Enrols a station with a fresh code: its credential for `Authorization: Bearer`. */
export async function enrolStation(centreUrl: string, admin: CentralAdmin, stationId: string, siteCode = 'SITE-1'): Promise<{ centreId: string; token: string; siteCode: string }> {
  const code = await admin.enrolmentCode(siteCode);
  const res = await fetch(`${centreUrl}/sync/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, stationId, name: stationId }) });
  if (res.status !== 200) throw new Error(`enrol ${stationId} → ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { centreId: string; siteCode: string; secret: string };
  return { centreId: body.centreId, siteCode: body.siteCode, token: `${stationId}.${body.secret}` };
}
