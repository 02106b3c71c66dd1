/**
 * Power loss (issue 18): a desk process receives lots in a loop; its database file is copied with its
 * -wal and -shm as a crash leaves them — the process frozen (SIGSTOP: no write can land between two
 * files' copies), and again after kill -9 — and each copy opens with every acknowledged receive in it
 * (acknowledged: the worker printed the lot's code after the command returned), an intact audit
 * chain and balances equal to the ledger. synchronous = FULL and the WAL are what this proves.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk } from '../../src/app/open';
import { createClient } from '../../src/contract/client';
import { openDatabase } from '../../src/store/db';
import { compareBalances } from '../../src/store/ledger';
import { ROOT } from '../support/cli';
import { verifyFileChain } from '../support/desk';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Copies the database and its side files as they are on disk now. */
function copyAsCrashLeavesIt(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, 'desk.db');
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
  return copy;
}

function opened(copy: string, stationFile: string): { codes: Set<string>; chain: number; balances: number } {
  const db = openDatabase(copy);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const codes = new Set((db.prepare('SELECT code FROM lots').all() as { code: string }[]).map((r) => r.code));
    return { codes, chain: verifyFileChain(db, stationFile).problems.length, balances: compareBalances(db).length };
  } finally {
    db.close();
  }
}

describe('power loss', () => {
  it('keeps every acknowledged receive in a copy of the files taken mid-write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotdesk-power-'));
    const file = join(dir, 'desk.db');
    let child: ChildProcess | null = null;
    try {
      const { station, dispatch } = openDesk(file);
      await createClient((n, i) => dispatch({}, n, i)).call('station.loadDemo');
      station.close();

      const acked: string[] = [];
      child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}/tests/support/receive-loop-worker.ts`, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let buffered = '';
      let err = '';
      child.stdout!.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        acked.push(...lines);
      });
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const waitForAcks = async (n: number) => {
        for (let t = 0; acked.length < n; t++) {
          if (t > 1200 || child!.exitCode !== null) throw new Error(`the worker acknowledged ${acked.length} receives: ${err}`);
          await sleep(50);
        }
      };

      // 1. Frozen mid-write: every file as it is at one instant.
      await waitForAcks(40);
      child.kill('SIGSTOP');
      await sleep(300); // what it printed before the stop reaches us
      const ackedAtStop = [...acked];
      const frozen = copyAsCrashLeavesIt(file, join(dir, 'frozen'));
      child.kill('SIGCONT');

      // 2. kill -9 mid-write, then the files it left.
      await waitForAcks(ackedAtStop.length + 40);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      const ackedAtKill = [...acked];
      const killed = copyAsCrashLeavesIt(file, join(dir, 'killed'));

      for (const [copy, ack] of [[frozen, ackedAtStop], [killed, ackedAtKill]] as const) {
        const { codes, chain, balances } = opened(copy, file);
        expect(ack.filter((c) => !codes.has(c))).toEqual([]);
        expect(chain).toBe(0);
        expect(balances).toBe(0);
      }
      expect(ackedAtKill.length).toBeGreaterThan(ackedAtStop.length);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    }
  }, 180_000);
});
