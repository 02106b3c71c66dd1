import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `lotdesk` binary as a user would (`npx lotdesk …` runs the same file). */
export function lotdesk(args: string[], env: NodeJS.ProcessEnv = {}, timeout = 120_000): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${ROOT}/bin/lotdesk.mjs`, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
