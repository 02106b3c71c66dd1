/**
 * Electron's security checklist as data and pure decisions (issue 18), so each item is tested
 * without a display (tests/unit/electron-security.test.ts). Nothing here imports electron; the thin
 * adapter main/security.ts wires these into the window and the session.
 */
import { CONTENT_SECURITY_POLICY } from '../src/api/csp';

/** The subset of Electron's WebPreferences this app sets; every value is the checklist's. */
export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
}

export const SECURE_WEB_PREFERENCES: SecureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

/** The window's options: secured preferences with the preload, never a caller's override of them. */
export function windowOptions(preload: string) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'LotDesk',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload },
  };
}

/** A URL belongs to the app when it is the packaged renderer (file:) or the dev server. */
export function makeTrustedUrlCheck(devServerUrl: string | undefined, rendererFile: string): (url: string) => boolean {
  const fileUrl = new URL(`file://${rendererFile.replaceAll('\\', '/')}`);
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (devOrigin && url.origin === devOrigin) return true;
    return url.protocol === 'file:' && url.pathname === fileUrl.pathname;
  };
}

/** will-navigate: only to the app's own page (a hash route change stays on it). */
export function mayNavigate(url: string, isTrusted: (url: string) => boolean): boolean {
  return isTrusted(url);
}

/** setWindowOpenHandler: no new windows at all (PDFs open in the page's own viewer frame). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** will-attach-webview: never (the webview tag is off too). */
export function mayAttachWebview(): false {
  return false;
}

/** setPermissionRequestHandler / setPermissionCheckHandler: camera, notifications, HID… all refused. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** onHeadersReceived: every response gets the app's CSP, whatever it carried. */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** The IPC sender check: a call is served only from the app's own top frame URL (ipc.ts applies it). */
export function isTrustedSender(senderFrame: { url: string } | null, isTrusted: (url: string) => boolean): boolean {
  return senderFrame !== null && isTrusted(senderFrame.url);
}
