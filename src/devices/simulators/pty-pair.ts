/**
 * A virtual serial cable: socat joins two pseudo-terminals (`socat -d -d pty,raw,echo=0
 * pty,raw,echo=0`), the desk opens one end with serialport, a simulator the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the desk opens. */
  desk: string;
  /** The end the simulator opens. */
  device: string;
  close(): Promise<void>;
}

export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-pty-'));
  const desk = join(dir, 'desk');
  const device = join(dir, 'device');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${desk}`, `pty,raw,echo=0,link=${device}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const started = Date.now();
  while (!(existsSync(desk) && existsSync(device) && /starting data transfer loop/.test(stderr))) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`socat did not start a pty pair: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    desk,
    device,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
