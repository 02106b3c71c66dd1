/** Two desk processes on one station file: lot sequences stay unique and gap-free, balances equal the ledger. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { openTestDesk } from '../support/desk';
import { ROOT } from '../support/cli';
import { compareBalances } from '../../src/store/ledger';
import { verifyAudit } from '../../src/app/kernel/audit-log';

function runWorker(file: string, count: number, tag: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${ROOT}/tests/support/receive-worker.ts`, file, String(count), tag], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`worker ${tag} failed: ${err}`))));
  });
}

describe('concurrent desks', () => {
  it('never hands out the same lot number twice', async () => {
    const desk = await openTestDesk();
    try {
      const [a, b, c] = await Promise.all([runWorker(desk.file, 40, 'a'), runWorker(desk.file, 40, 'b'), runWorker(desk.file, 40, 'c')]);
      const all = [...a, ...b, ...c];
      expect(new Set(all).size).toBe(120);
      // The workers use the real clock: one day's codes, numbered 1..120 without gaps.
      const seqs = all.map((code) => Number(code.split('-').at(-1))).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(compareBalances(desk.db)).toEqual([]);
      expect(verifyAudit(desk.db).problems).toEqual([]);
    } finally {
      desk.close();
    }
  }, 120_000);
});
