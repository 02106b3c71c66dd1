/**
 * Read queries run on a second core (issue 18: `audit verify` walks the records' HMACs on one
 * thread while the facts are joined to the tables on another). A worker thread opens the file
 * read-only, begins one read transaction, reports the row `headSql` gives — the caller compares
 * it with its own to know both read the same instant — then runs `exec` and `queries` in order and
 * hands back their raw rows. The caller waits for it synchronously (Atomics.wait), so a
 * synchronous caller stays one.
 *
 * `digestFn` names the SQL function of the fact digests (audit-facts.ts digestOfText), defined in
 * the worker as on the caller's connection.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker, as the checkpointer's: no second bundle entry.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { port, signal } = workerData;
const flag = new Int32Array(signal);
const send = (message) => {
  port.postMessage(message);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
};
let db;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  db.function(workerData.digestFn, { deterministic: true }, (text) => (typeof text === 'string' ? hash('sha256', text).slice(0, 32) : null));
  db.exec('BEGIN');
  send({ head: db.prepare(workerData.headSql).raw().get() ?? null });
  for (const sql of workerData.exec) db.exec(sql);
  const results = workerData.queries.map((sql) => db.prepare(sql).raw().all());
  db.exec('ROLLBACK');
  send({ results });
} catch (e) {
  send({ error: String((e && e.message) || e) });
} finally {
  if (db && db.open) db.close();
}
`;

export interface AsideRead {
  file: string;
  /** Caps the worker's heap (MiB): a read that outgrows it kills the worker, which then never answers. */
  maxHeapMb?: number;
  nativeBinding?: string;
  digestFn: string;
  headSql: string;
  exec: string[];
  queries: string[];
}

/**
 * A worker that dies without a word (out of memory: its exit handlers do not run) cannot be seen
 * from a caller blocked in Atomics.wait, as its exit event needs the caller's event loop. So each
 * wait has a deadline the caller sizes to the work, and a silent worker is an Error at it.
 */
export interface AsideReader {
  /** The worker's head row (null: no row), or an Error when it could not read within `waitMs`. */
  head(waitMs: number): unknown[] | null | Error;
  /** Each query's raw rows, or an Error (none within `waitMs` of this call included). */
  results(waitMs: number): unknown[][][] | Error;
  /** Stops the worker (its results are not wanted). */
  cancel(): void;
}

export function readAside(read: AsideRead): AsideReader {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  let seen = 0;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    ...(read.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: read.maxHeapMb } } : {}),
    workerData: { ...read, module: createRequire(import.meta.url).resolve('better-sqlite3'), port: port2, signal },
    transferList: [port2],
  });
  worker.unref();
  const next = (waitMs: number): Record<string, unknown> | Error => {
    const deadline = performance.now() + waitMs;
    for (;;) {
      const m = receiveMessageOnPort(port1);
      if (m) {
        seen++;
        return m.message as Record<string, unknown>;
      }
      const left = deadline - performance.now();
      if (left <= 0 || (Atomics.wait(flag, 0, seen, left) === 'timed-out' && Atomics.load(flag, 0) === seen)) return new Error('read worker did not answer in time');
    }
  };
  const fail = (m: Record<string, unknown> | Error) => (m instanceof Error ? m : new Error(String(m.error)));
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    port1.close();
    void worker.terminate();
  };
  return {
    head(waitMs) {
      const m = next(waitMs);
      if (m instanceof Error || 'error' in m) {
        end();
        return fail(m);
      }
      return m.head as unknown[] | null;
    },
    results(waitMs) {
      const m = next(waitMs);
      end();
      return m instanceof Error || 'error' in m ? fail(m) : (m.results as unknown[][][]);
    },
    cancel: end,
  };
}
