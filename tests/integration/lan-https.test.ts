/**
 * `lotdesk serve --lan` (issue 18, item 3): HTTPS with a certificate made at the first LAN start
 * and kept in the data folder (0600), its SHA-256 fingerprint printed for the PDAs — and it is the
 * certificate the server presents, valid for the configured LAN name, the same after a restart and
 * shown to the manager; the session cookie is Secure (HttpOnly and SameSite=Strict kept), and a
 * foreign Host is refused over TLS too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { ROOT } from '../support/cli';
import { CALL_HEADERS, rawRequest } from '../support/http-raw';
import { LAN_CERT_FILE, LAN_KEY_FILE } from '../../src/app/admin/lan-certificate';

const dir = mkdtempSync(join(tmpdir(), 'lotdesk-lan-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `lotdesk serve --lan` and waits for its fingerprint line. */
async function serveLan(port: number): Promise<{ child: ChildProcess; output: string; fingerprint: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lotdesk.mjs'), 'serve', '--lan', '--lan-name', 'desk3.local', '--port', String(port), '--db', join(dir, 'desk.db'), '--renderer', join(dir, 'no-renderer')], {
    cwd: ROOT,
    env: { ...process.env, LOTDESK_LAN: '', LOTDESK_LAN_NAMES: 'pda-gate.lan' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr!.on('data', (d) => (output += String(d)));
  const fingerprint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --lan did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (d) => {
      output += String(d);
      const m = /SHA-256 fingerprint[^:]*: ([0-9A-F:]{95})/.exec(output);
      if (m && /Names this desk answers to/.test(output)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve --lan exited with ${code}:\n${output}`)));
  });
  return { child, output, fingerprint };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('serve --lan', () => {
  it('serves HTTPS with the certificate whose fingerprint it prints, Secure cookies, its own names only, the same certificate after a restart', async () => {
    const port = await freePort();
    const first = await serveLan(port);
    expect(first.output).toMatch(/New certificate SHA-256 fingerprint/);
    expect(first.output).toContain(`https://desk3.local:${port}`);

    const certPem = readFileSync(join(dir, LAN_CERT_FILE), 'utf8');
    for (const file of [LAN_KEY_FILE, LAN_CERT_FILE]) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    const x509 = new X509Certificate(certPem);
    expect(x509.fingerprint256).toBe(first.fingerprint);
    expect(x509.subjectAltName).toContain('DNS:desk3.local');
    expect(x509.subjectAltName).toContain('DNS:pda-gate.lan');

    // A PDA that trusts only this certificate reaches the desk by its LAN name; the name is checked by TLS.
    const tls = { ca: certPem, servername: 'desk3.local' };
    const host = `desk3.local:${port}`;
    const loaded = await rawRequest({ port, tls, path: '/api/station.loadDemo', headers: { ...CALL_HEADERS, host }, body: '{}' });
    expect(loaded.status).toBe(200);
    expect(loaded.peerFingerprint).toBe(first.fingerprint);

    const signIn = await rawRequest({ port, tls, path: '/api/session.signIn', headers: { ...CALL_HEADERS, host, origin: `https://${host}` }, body: JSON.stringify({ username: 'manager', secret: '4444' }) });
    expect(signIn.status).toBe(200);
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // The manager sees the same fingerprint in the desk (the Users screen's LAN certificate panel).
    const shown = await rawRequest({ port, tls, path: '/api/station.lanCertificate', headers: { ...CALL_HEADERS, host, cookie: cookie.split(';')[0] }, body: '{}' });
    expect(shown.json).toMatchObject({ ok: true, result: { fingerprint: first.fingerprint, names: expect.arrayContaining(['desk3.local', 'pda-gate.lan']) } });

    const foreign = await rawRequest({ port, tls, path: '/api/station.status', headers: { ...CALL_HEADERS, host: `evil.example:${port}` }, body: '{}' });
    expect(foreign.status).toBe(421);
    // An http:// page origin is not the desk's https origin.
    const plainOrigin = await rawRequest({ port, tls, path: '/api/station.status', headers: { ...CALL_HEADERS, host, origin: `http://${host}` }, body: '{}' });
    expect(plainOrigin.status).toBe(403);

    await stop(first.child);
    const second = await serveLan(port);
    expect(second.output).not.toMatch(/New certificate/);
    expect(second.fingerprint).toBe(first.fingerprint);
    await stop(second.child);
  }, 120_000);
});
