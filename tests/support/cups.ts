/**
 * A private CUPS scheduler for print tests: its own config, spool and socket in a temp folder
 * (the machine's cupsd, if any, is left alone), with a CUPS-PDF queue (Debian's
 * printer-driver-cups-pdf). cupsd must run its backends as a non-root user ("lp"), and the
 * cups-pdf backend needs root to switch to the job's user, so this needs root or an installed,
 * running system CUPS; `cupsUnavailable()` says why not when the machine cannot.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
const BACKEND = '/usr/lib/cups/backend/cups-pdf';

export function cupsUnavailable(): string | null {
  for (const f of ['/usr/sbin/cupsd', '/usr/sbin/lpadmin', '/usr/bin/lp', BACKEND, PPD]) {
    if (!existsSync(f)) return `${f} is missing: install cups and printer-driver-cups-pdf`;
  }
  if (userInfo().uid !== 0) return 'a private cupsd with the cups-pdf backend needs root (cups-pdf switches to the job user)';
  return null;
}

export interface PrivateCups {
  /** CUPS_SERVER for lp/lpstat/lpadmin: the scheduler's socket. */
  server: string;
  queue: string;
  /** Where CUPS-PDF writes this user's jobs (its Out setting for the job's user). */
  outputDir: string;
  /** Another CUPS-PDF queue on the same scheduler (a label queue beside a document queue). */
  addQueue(name: string): void;
  stop(): Promise<void>;
}

/** cups-pdf's output folder for the current user: `Out` in /etc/cups/cups-pdf.conf, ${HOME} expanded. */
function cupsPdfOut(): string {
  let out = '${HOME}/PDF';
  try {
    const m = /^Out\s+(.+)$/m.exec(readFileSync('/etc/cups/cups-pdf.conf', 'utf8'));
    if (m) out = m[1].trim();
  } catch {
    // the default
  }
  return out.replace('${HOME}', userInfo().homedir).replace('${USER}', userInfo().username);
}

export async function startPrivateCups(queue = 'LotDeskPDF'): Promise<PrivateCups> {
  const dir = mkdtempSync(join(tmpdir(), 'lotdesk-cups-'));
  for (const sub of ['spool', 'cache', 'state', 'log']) mkdirSync(join(dir, sub));
  const socket = join(dir, 'cups.sock');
  writeFileSync(join(dir, 'cupsd.conf'), `Listen ${socket}\nLogLevel warn\nWebInterface No\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n`);
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [`ServerRoot ${dir}`, `RequestRoot ${dir}/spool`, `CacheDir ${dir}/cache`, `StateDir ${dir}/state`, `TempDir ${dir}/spool`, `ErrorLog ${dir}/log/error_log`, `AccessLog ${dir}/log/access_log`, `PageLog ${dir}/log/page_log`, 'User lp', 'Group lp', 'SystemGroup root', 'Sandboxing Relaxed', ''].join('\n'),
  );
  execFileSync('chown', ['-R', 'lp', join(dir, 'spool'), join(dir, 'cache'), join(dir, 'state'), join(dir, 'log')]);
  const child: ChildProcess = spawn('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { stdio: 'ignore' });
  const env = { ...process.env, CUPS_SERVER: socket };
  const started = Date.now();
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      const log = existsSync(join(dir, 'log/error_log')) ? readFileSync(join(dir, 'log/error_log'), 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`private cupsd did not start: ${log.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  execFileSync('lpadmin', ['-p', queue, '-v', 'cups-pdf:/', '-E', '-P', PPD], { env, stdio: 'pipe' });
  return {
    server: socket,
    queue,
    outputDir: cupsPdfOut(),
    addQueue: (name) => execFileSync('lpadmin', ['-p', name, '-v', 'cups-pdf:/', '-E', '-P', PPD], { env, stdio: 'pipe' }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for CUPS-PDF's output of a job whose title starts with `title`. */
export async function waitForCupsPdf(outputDir: string, title: string, timeoutMs = 30_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    if (existsSync(outputDir)) {
      const hit = readdirSync(outputDir).find((f) => f.startsWith(title) && f.endsWith('.pdf'));
      if (hit) {
        const file = join(outputDir, hit);
        // cups-pdf writes in place: wait until the size stops changing.
        const size = statSync(file).size;
        await new Promise((r) => setTimeout(r, 300));
        if (size > 0 && statSync(file).size === size) return file;
      }
    }
    if (Date.now() - started > timeoutMs) throw new Error(`no CUPS-PDF output named ${title}* in ${outputDir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
