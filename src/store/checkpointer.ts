/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit that
 * takes the WAL past 1000 pages, so one command in ten paid for copying the others' pages into the
 * database file (3–4 ms on top of an allocation). A worker thread with its own connection runs
 * PASSIVE checkpoints instead: they never take the write lock, and once one has caught up, the
 * next transaction to begin starts the WAL from its beginning again.
 *
 * Under writes without a pause (an import, a bench loop) that never happens: a pass that does
 * catch up finishes while the desk's next transaction has already begun, so the WAL never
 * restarts and grows without bound.
 * The station's connection therefore keeps a high automatic checkpoint as a backstop: past
 * WAL_BACKSTOP_PAGES its commit copies what the worker has not yet (little) and the WAL restarts.
 * If the worker cannot start or stops, the connection goes back to SQLite's default.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db, OpenOptions } from './db';

export const CHECKPOINT_EVERY_MS = 200;
/**
 * 40 MB of 4 KiB pages: far past what a desk writes between two of the worker's passes, so at a
 * desk's pace no commit pays for a checkpoint; under load, one commit in a few hundred does.
 */
export const WAL_BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * How long a stop waits for the worker's connection to close: a pass in progress (busy_timeout
 * 1 s) or a worker still starting. Past it the stop goes on, as before this handshake.
 */
const STOP_WAIT_MS = 5000;

// Plain CommonJS evaluated in the worker: no second bundle entry for Electron, tsx or the tests.
// `closed` (shared) turns 1 once the worker's connection is closed or never opened: a stop blocks
// on it, so a closed station leaves no connection behind that would recreate its -wal/-shm files.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const closed = new Int32Array(workerData.closed);
const done = () => { Atomics.store(closed, 0, 1); Atomics.notify(closed, 0); };
let db;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.file, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  db.pragma('busy_timeout = 1000');
} catch (e) {
  if (db) db.close();
  done();
  throw e;
}
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  done();
  parentPort.close();
});
`;

export interface Checkpointer {
  /**
   * Returns once the worker's connection is closed (waiting up to STOP_WAIT_MS), so the station's
   * own close that follows is the file's last; resolves when the thread has exited.
   */
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, file: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), file, nativeBinding: options.nativeBinding, everyMs: CHECKPOINT_EVERY_MS, closed },
  });
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = () => {
    if (running && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    running = false;
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  // A CLI run or a test ends when its work does, not when the checkpointer would.
  worker.unref();
  return {
    stop: () => {
      const wasRunning = running;
      running = false;
      worker.postMessage('stop');
      if (wasRunning) Atomics.wait(new Int32Array(closed), 0, 0, STOP_WAIT_MS);
      return exited;
    },
  };
}
