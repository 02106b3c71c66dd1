/**
 * Electron's security checklist (issue 18), checked without a display: the window's preferences,
 * navigation, new windows, webviews, permissions, the CSP on every response and in the page itself,
 * and the IPC sender check, all as the pure rules main/ applies (main/security-rules.ts, main/ipc.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src/api/csp';
import {
  isTrustedSender,
  makeTrustedUrlCheck,
  mayAttachWebview,
  mayNavigate,
  permissionDecision,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
  windowOptions,
  withCsp,
} from '../../main/security-rules';
import { registerIpc, type InvokeEvent, type IpcMainLike } from '../../main/ipc';
import { IPC_CHANNEL, type Envelope } from '../../src/contract/envelope';
import { ROOT } from '../support/cli';

const RENDERER = '/opt/LotDesk/resources/app.asar/out/renderer/index.html';
const trusted = makeTrustedUrlCheck(undefined, RENDERER);

describe('Electron window', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on, no insecure content', () => {
    const prefs = windowOptions('/opt/LotDesk/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/opt/LotDesk/preload.cjs',
    });
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/opt/LotDesk/preload.cjs' });
  });

  it('the main process sets those options and no others of its own', () => {
    const main = readFileSync(join(ROOT, 'main/index.ts'), 'utf8');
    expect(main).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(main).not.toMatch(/webPreferences|nodeIntegration|sandbox: false|contextIsolation: false/);
    // The rules stay free of electron: only the adapter imports it.
    expect(readFileSync(join(ROOT, 'main/security-rules.ts'), 'utf8')).not.toMatch(/from 'electron'/);
  });

  it('navigates only within the app, opens no windows, attaches no webview', () => {
    expect(mayNavigate(`file://${RENDERER}#/stock`, trusted)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', `file://${RENDERER}.evil.html`, 'javascript:alert(1)', 'not a url', 'http://127.0.0.1:5178/']) {
      expect(mayNavigate(url, trusted), url).toBe(false);
    }
    const dev = makeTrustedUrlCheck('http://localhost:5173/', RENDERER);
    expect(mayNavigate('http://localhost:5173/#/audit', dev)).toBe(true);
    expect(mayNavigate('http://localhost:5174/', dev)).toBe(false);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(mayAttachWebview()).toBe(false);
  });

  it('refuses every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read', 'openExternal', 'fullscreen']) expect(permissionDecision(p), p).toBe(false);
  });

  it('puts the one CSP on every response, replacing any other', () => {
    const headers = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html', 'X-A': ['1', '2'] });
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'Content-Type': ['text/html'], 'X-A': ['1', '2'] });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('carries the same CSP in renderer/index.html as a meta tag', () => {
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map((m) => m[1]);
    expect(meta).toEqual([META_CONTENT_SECURITY_POLICY]);
    // The meta policy is the header's less only what a meta element cannot carry.
    const directives = (p: string) => p.split(';').map((d) => d.trim());
    expect(directives(CONTENT_SECURITY_POLICY).filter((d) => !directives(META_CONTENT_SECURITY_POLICY).includes(d))).toEqual(["frame-ancestors 'none'"]);
    // It comes before any script, so it governs all of them.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });
});

describe('Electron IPC', () => {
  function fakeIpc() {
    let listener: ((event: InvokeEvent, ...args: unknown[]) => Promise<Envelope>) | null = null;
    const ipc: IpcMainLike = {
      handle: (channel, l) => {
        expect(channel).toBe(IPC_CHANNEL);
        listener = l;
      },
      removeHandler: () => (listener = null),
    };
    return { ipc, call: (event: InvokeEvent, ...args: unknown[]) => listener!(event, ...args) };
  }

  it('serves only the app’s own frame and keeps one session per window', async () => {
    const calls: [unknown, string][] = [];
    const { ipc, call } = fakeIpc();
    const stop = registerIpc(ipc, async (auth, name) => {
      calls.push([auth, name]);
      return { ok: true, result: null };
    }, trusted);
    const own = { sender: { id: 1 }, senderFrame: { url: `file://${RENDERER}#/stock` } };
    expect(await call(own, 'stock.list', {})).toEqual({ ok: true, result: null });
    for (const frame of [null, { url: 'https://evil.example/' }, { url: 'file:///tmp/x.html' }]) {
      expect(await call({ sender: { id: 2 }, senderFrame: frame }, 'stock.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.api.untrustedSender' } });
    }
    expect(await call(own, 42, {})).toMatchObject({ ok: false, error: { code: 'validation' } });
    await call({ sender: { id: 3 }, senderFrame: own.senderFrame }, 'session.current', {});
    await call(own, 'session.current', {});
    expect(calls.map(([, n]) => n)).toEqual(['stock.list', 'session.current', 'session.current']);
    expect(calls[0][0]).toBe(calls[2][0]);
    expect(calls[0][0]).not.toBe(calls[1][0]);
    expect(isTrustedSender(null, trusted)).toBe(false);
    stop();
  });
});
